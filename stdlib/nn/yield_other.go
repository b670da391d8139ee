//go:build !linux

package nn

// yieldThread does nothing outside Linux, where spinning threads simply
// poll.
func yieldThread() {}
