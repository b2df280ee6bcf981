package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// The heartbeat log makes a heartbeat durable with one append to a file
// instead of one SQLite transaction (see journal.go). It is a sequence of
// segment files beside the store, STORE-hb.N, N counting up; records are
//
//	u32 length of body | u32 CRC-32C of body | body
//
// with the body
//
//	kind byte ('i' a new event, 'd' a new duration) | uvarint id |
//	uvarint bucket key | varint start | varint dur | canonical data JSON ('i' only)
//
// An append is one write(2): in the kernel's page cache when it returns,
// it survives the process being killed, as a WAL commit with
// synchronous=NORMAL does. A torn record (power loss) fails its CRC and
// ends the replay of its segment.

// hbRecord is one journaled heartbeat outcome: the state an event has
// after it.
type hbRecord struct {
	insert         bool
	id, bucket     int64
	start, dur     int64
	json           []byte // canonical data, insert only
	bucketMaxBound int64  // not logged: the duration bound to persist
}

const hbHeader = 8

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// appendRecord appends r's encoding to buf.
func appendRecord(buf []byte, r hbRecord) []byte {
	off := len(buf)
	buf = append(buf, make([]byte, hbHeader)...)
	kind := byte('d')
	if r.insert {
		kind = 'i'
	}
	buf = append(buf, kind)
	buf = binary.AppendUvarint(buf, uint64(r.id))
	buf = binary.AppendUvarint(buf, uint64(r.bucket))
	buf = binary.AppendVarint(buf, r.start)
	buf = binary.AppendVarint(buf, r.dur)
	if r.insert {
		buf = append(buf, r.json...)
	}
	body := buf[off+hbHeader:]
	binary.LittleEndian.PutUint32(buf[off:], uint32(len(body)))
	binary.LittleEndian.PutUint32(buf[off+4:], crc32.Checksum(body, crcTable))
	return buf
}

var errTorn = errors.New("torn or corrupt record")

// decodeRecords decodes a segment's records; at a torn or corrupt record
// it stops and returns the records before it with errTorn.
func decodeRecords(b []byte) ([]hbRecord, error) {
	var out []hbRecord
	for len(b) > 0 {
		if len(b) < hbHeader {
			return out, errTorn
		}
		n := int(binary.LittleEndian.Uint32(b))
		if n > len(b)-hbHeader || crc32.Checksum(b[hbHeader:hbHeader+n], crcTable) != binary.LittleEndian.Uint32(b[4:]) {
			return out, errTorn
		}
		r, ok := decodeBody(b[hbHeader : hbHeader+n])
		if !ok {
			return out, errTorn
		}
		out = append(out, r)
		b = b[hbHeader+n:]
	}
	return out, nil
}

func decodeBody(b []byte) (hbRecord, bool) {
	if len(b) == 0 || (b[0] != 'i' && b[0] != 'd') {
		return hbRecord{}, false
	}
	r := hbRecord{insert: b[0] == 'i'}
	b = b[1:]
	var ok bool
	var u uint64
	if u, b, ok = uvarint(b); !ok {
		return r, false
	}
	r.id = int64(u)
	if u, b, ok = uvarint(b); !ok {
		return r, false
	}
	r.bucket = int64(u)
	if r.start, b, ok = varint(b); !ok {
		return r, false
	}
	if r.dur, b, ok = varint(b); !ok {
		return r, false
	}
	if r.insert {
		r.json = slices.Clone(b)
	} else if len(b) != 0 {
		return r, false
	}
	return r, r.id > 0 && r.dur >= 0
}

func uvarint(b []byte) (uint64, []byte, bool) {
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

func varint(b []byte) (int64, []byte, bool) {
	v, n := binary.Varint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

// hbFiles owns the log's files: an exclusive lock (STORE-hb.lock, flock)
// that one process at a time holds, and the segments.
type hbFiles struct {
	base string   // STORE-hb
	lock *os.File // flock held while open
	seg  int      // current segment number
	f    *os.File // current segment, opened for appending
	size int64    // bytes in f
}

// lockHBFiles takes the log's lock without waiting; ok is false when
// another process holds it.
func lockHBFiles(storePath string) (h *hbFiles, ok bool, err error) {
	base := storePath + "-hb"
	lf, err := os.OpenFile(base+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("heartbeat log: %w", err)
	}
	if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lf.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("heartbeat log: lock: %w", err)
	}
	return &hbFiles{base: base, lock: lf}, true, nil
}

// segments lists the existing segment numbers in order.
func (h *hbFiles) segments() ([]int, error) {
	names, err := filepath.Glob(h.base + ".*")
	if err != nil {
		return nil, fmt.Errorf("heartbeat log: %w", err)
	}
	var nums []int
	for _, name := range names {
		n, err := strconv.Atoi(strings.TrimPrefix(name, h.base+"."))
		if err == nil && n >= 0 {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	return nums, nil
}

func (h *hbFiles) segPath(n int) string { return h.base + "." + strconv.Itoa(n) }

// readSegment returns a segment's records and whether its tail was torn.
func (h *hbFiles) readSegment(n int) ([]hbRecord, bool, error) {
	b, err := os.ReadFile(h.segPath(n))
	if err != nil {
		return nil, false, fmt.Errorf("heartbeat log: %w", err)
	}
	recs, err := decodeRecords(b)
	return recs, err != nil, nil
}

// openSegment starts segment n for appending.
func (h *hbFiles) openSegment(n int) error {
	f, err := os.OpenFile(h.segPath(n), os.O_WRONLY|os.O_CREATE|os.O_TRUNC|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("heartbeat log: %w", err)
	}
	h.seg, h.f, h.size = n, f, 0
	return nil
}

// append writes b in one write(2). On a failure it cuts the segment back,
// so that no partial record stays in front of later ones.
func (h *hbFiles) append(b []byte) error {
	n, err := h.f.Write(b)
	if err == nil {
		h.size += int64(n)
		return nil
	}
	if n > 0 {
		if terr := h.f.Truncate(h.size); terr != nil {
			return fmt.Errorf("heartbeat log: write: %w (and cutting back: %v)", err, terr)
		}
	}
	return fmt.Errorf("heartbeat log: write: %w", err)
}

// rotate closes the current segment and starts the next; it returns the
// closed one's number.
func (h *hbFiles) rotate() (int, error) {
	old := h.seg
	if err := h.f.Close(); err != nil {
		return old, fmt.Errorf("heartbeat log: %w", err)
	}
	return old, h.openSegment(old + 1)
}

// remove deletes segments numbered up to and including upTo, except the
// current one.
func (h *hbFiles) remove(upTo int) error {
	nums, err := h.segments()
	if err != nil {
		return err
	}
	var errs []error
	for _, n := range nums {
		if n <= upTo && (h.f == nil || n != h.seg) {
			if err := os.Remove(h.segPath(n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, fmt.Errorf("heartbeat log: %w", err))
			}
		}
	}
	return errors.Join(errs...)
}

// close closes the current segment and releases the lock.
func (h *hbFiles) close() error {
	var errs []error
	if h.f != nil {
		errs = append(errs, h.f.Close())
		h.f = nil
	}
	if h.lock != nil {
		errs = append(errs, h.lock.Close()) // closing releases the flock
		h.lock = nil
	}
	return errors.Join(errs...)
}
