package bench

import (
	"os"
	"testing"
	"time"
)

func TestCPUTime(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc on this system")
	}
	before, err := CPUTime(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
	}
	after, err := CPUTime(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if after < before {
		t.Errorf("CPU time went backwards: before %v, after %v", before, after)
	}
	if after-before > 5*time.Second {
		t.Errorf("CPU time of a 50ms spin = %v, want well under 5s", after-before)
	}
}

func TestCPUTimeMissingProcess(t *testing.T) {
	if _, err := CPUTime(-1); err == nil {
		t.Error("CPUTime(-1) = nil error, want one")
	}
}
