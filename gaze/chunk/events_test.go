package chunk

import (
	"encoding/base64"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
)

// tracker1000Hz is n samples of 1000 Hz gaze with 0.1 px noise, a
// saccade every 300 ms and a blink every 4 s.
func tracker1000Hz(n int) []gaze.Sample {
	rng := rand.New(rand.NewPCG(1, 1))
	s := make([]gaze.Sample, n)
	x, y := 500.0, 400.0
	for i := range s {
		if i%300 == 0 {
			x, y = 100+rng.Float64()*1700, 100+rng.Float64()*900
		}
		s[i] = gaze.Sample{T: float64(i) / 1000, X: x + rng.NormFloat64()*0.1, Y: y + rng.NormFloat64()*0.1, Pupil: 3 + rng.NormFloat64()*0.01}
		if i%4000 < 120 {
			s[i].X, s[i].Y, s[i].Pupil = math.NaN(), math.NaN(), math.NaN()
		}
	}
	return s
}

func TestEventsRoundTrip(t *testing.T) {
	start := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	s := tracker1000Hz(25_000)
	g := gaze.Geometry{Rate: 1000, ScreenWpx: 1920, ScreenHpx: 1080}
	evs, err := ToEvents("s1", start, s, g, 10_000, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 {
		t.Fatalf("%d events, want 3 (10 s chunks of 25 s)", len(evs))
	}
	// Stored newest first, as the store returns them.
	for i, j := 0, len(evs)-1; i < j; i, j = i+1, j-1 {
		evs[i], evs[j] = evs[j], evs[i]
	}
	evs = SessionEvents(append(evs, attnflow.Event{Timestamp: start, Data: attnflow.Data{"session": "other"}}), "s1")
	var got []gaze.Sample
	for _, ev := range evs {
		st, err := FromEvent(ev)
		if err != nil {
			t.Fatal(err)
		}
		if st.Geometry != g {
			t.Errorf("geometry %+v, want %+v", st.Geometry, g)
		}
		for _, smp := range st.Samples {
			smp.T += st.Start.Sub(start).Seconds()
			got = append(got, smp)
		}
	}
	if len(got) != len(s) {
		t.Fatalf("%d samples back, want %d", len(got), len(s))
	}
	for i := range s {
		if !sameOrBothNaN(got[i].T, s[i].T, 1e-6) || !sameOrBothNaN(got[i].X, s[i].X, 0.005) || !sameOrBothNaN(got[i].Y, s[i].Y, 0.005) {
			t.Fatalf("sample %d = %+v, want %+v", i, got[i], s[i])
		}
	}
}

func TestFromEventBad(t *testing.T) {
	for name, d := range map[string]attnflow.Data{
		"no session":  {"chunk": "AAAA"},
		"not base64":  {"session": "a", "chunk": "%%%"},
		"not a chunk": {"session": "a", "chunk": base64.StdEncoding.EncodeToString([]byte("hello world"))},
	} {
		if _, err := FromEvent(attnflow.Event{Data: d}); attnflow.ErrorCode(err) != attnflow.EINVALID {
			t.Errorf("%s: error %v, want EINVALID", name, err)
		}
	}
}

// BenchmarkStoredSize reports the bytes stored per second of 1000 Hz
// gaze (the base64 chunk in an event's data).
func BenchmarkStoredSize(b *testing.B) {
	s := tracker1000Hz(60_000)
	var size int
	for b.Loop() {
		evs, err := ToEvents("s", time.Unix(0, 0), s, gaze.Geometry{}, 10_000, 10*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, ev := range evs {
			size += len(ev.Data["chunk"].(string))
		}
	}
	b.ReportMetric(float64(size)/60, "bytes/s")
	b.ReportMetric(float64(size)/60_000, "bytes/sample")
}
