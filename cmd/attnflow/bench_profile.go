package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startCPUProfile writes a CPU profile to path until the returned stop is
// called; with it, block and mutex profiles are written beside it
// (path.block, path.mutex), so that waits and lock contention on the
// ingest path can be read with go tool pprof.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	runtime.SetBlockProfileRate(10_000) // one sample per 10µs blocked
	runtime.SetMutexProfileFraction(10)
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		for _, name := range []string{"block", "mutex"} {
			if pf, err := os.Create(path + "." + name); err == nil {
				_ = pprof.Lookup(name).WriteTo(pf, 0)
				pf.Close()
			}
		}
	}, nil
}
