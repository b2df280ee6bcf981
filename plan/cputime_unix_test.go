//go:build unix

package plan

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used (user + system), so that
// benchmarks on a shared machine can report work rather than waiting.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
