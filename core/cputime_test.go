//go:build !js

package core

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used (user and system). The
// bounded-work tests measure it rather than the wall clock: on a shared,
// loaded machine a case that needs one second of CPU can take five of
// wall time, and what the tests guard is the work, not the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
