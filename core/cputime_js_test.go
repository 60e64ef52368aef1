//go:build js

package core

import "time"

var start = time.Now()

// cpuTime falls back to the wall clock where the process has no rusage.
func cpuTime() time.Duration { return time.Since(start) }
