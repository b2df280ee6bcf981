// Package chunk stores gaze samples compactly: a chunk is a run of
// samples delta-encoded as varints and compressed with DEFLATE, so a live
// gaze stream can be kept as a few kilobytes per second rather than one
// row per sample. Positions are kept to 0.01 px, time to 1 µs and pupil
// size to 0.001 units; lost samples and unknown times survive the round
// trip.
package chunk

import (
	"bufio"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

const (
	// magic starts every chunk; the byte after it is the format version.
	magic   = "AFGZ"
	version = 1
	// MaxSamples bounds one chunk, so a corrupt header cannot make Decode
	// allocate without limit.
	MaxSamples = 1 << 22
	// missing marks a lost value in the fixed-point stream.
	missing = math.MinInt64
)

// Encode writes samples as one chunk to w.
func Encode(w io.Writer, samples []gaze.Sample) error {
	if len(samples) > MaxSamples {
		return attnflow.Errorf(attnflow.ETOOLARGE, "gaze chunk: %d samples, at most %d per chunk", len(samples), MaxSamples)
	}
	var hdr [5]byte
	copy(hdr[:], magic)
	hdr[4] = version
	if _, err := w.Write(hdr[:]); err != nil {
		return fmt.Errorf("write chunk header: %w", err)
	}
	fw, err := flate.NewWriter(w, flate.DefaultCompression)
	if err != nil {
		return fmt.Errorf("gaze chunk: %w", err)
	}
	bw := bufio.NewWriter(fw)
	e := encoder{w: bw}
	e.uvarint(uint64(len(samples)))
	var prev [4]int64
	for _, s := range samples {
		cur := [4]int64{fixed(s.T, 1e6), fixed(s.X, 100), fixed(s.Y, 100), fixed(s.Pupil, 1000)}
		for k := range cur {
			e.delta(cur[k], &prev[k])
		}
	}
	if e.err != nil {
		return fmt.Errorf("write chunk: %w", e.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write chunk: %w", err)
	}
	if err := fw.Close(); err != nil {
		return fmt.Errorf("write chunk: %w", err)
	}
	return nil
}

// Decode reads one chunk written by Encode.
func Decode(r io.Reader) ([]gaze.Sample, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, attnflow.Errorf(attnflow.EINVALID, "gaze chunk: short header: %v", err)
	}
	if string(hdr[:4]) != magic || hdr[4] != version {
		return nil, attnflow.Errorf(attnflow.EINVALID, "gaze chunk: not a version-%d gaze chunk", version)
	}
	br := bufio.NewReader(flate.NewReader(r))
	n, err := binary.ReadUvarint(br)
	if err != nil || n > MaxSamples {
		return nil, attnflow.Errorf(attnflow.EINVALID, "gaze chunk: bad sample count")
	}
	out := make([]gaze.Sample, 0, n)
	var prev [4]int64
	scale := [4]float64{1e6, 100, 100, 1000}
	for i := uint64(0); i < n; i++ {
		var v [4]float64
		for k := range v {
			x, err := readDelta(br, &prev[k])
			if err != nil {
				return nil, attnflow.Errorf(attnflow.EINVALID, "gaze chunk: sample %d of %d: %v", i, n, err)
			}
			v[k] = unfixed(x, scale[k])
		}
		out = append(out, gaze.Sample{T: v[0], X: v[1], Y: v[2], Pupil: v[3]})
	}
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		return nil, attnflow.Errorf(attnflow.EINVALID, "gaze chunk: data after the last sample or a truncated chunk (%v)", err)
	}
	return out, nil
}

// encoder writes varints, remembering the first error.
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) uvarint(x uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], x)])
	}
}

// delta writes a value as a flag-tagged difference from the previous
// known value: 0 for missing, else zigzag(delta)+1.
func (e *encoder) delta(cur int64, prev *int64) {
	if cur == missing {
		e.uvarint(0)
		return
	}
	d := cur - *prev
	*prev = cur
	e.uvarint(zigzag(d) + 1)
}

// readDelta is the inverse of encoder.delta.
func readDelta(r io.ByteReader, prev *int64) (int64, error) {
	u, err := binary.ReadUvarint(r)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return 0, err
	}
	if u == 0 {
		return missing, nil
	}
	*prev += unzigzag(u - 1)
	return *prev, nil
}

// fixed converts v to fixed point (missing for NaN or out of range).
func fixed(v, scale float64) int64 {
	x := math.Round(v * scale)
	if math.IsNaN(x) || math.Abs(x) > 1<<53 {
		return missing
	}
	return int64(x)
}

// unfixed converts back (NaN for missing).
func unfixed(x int64, scale float64) float64 {
	if x == missing {
		return math.NaN()
	}
	return float64(x) / scale
}

func zigzag(d int64) uint64   { return uint64((d << 1) ^ (d >> 63)) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }
