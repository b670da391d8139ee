//go:build linux

package interp

import (
	"fmt"
	"os"
	"syscall"
)

// redirectFD makes file descriptor fd refer to the same pipe as w.
func redirectFD(w *os.File, fd int) error {
	if err := syscall.Dup3(int(w.Fd()), fd, 0); err != nil {
		return fmt.Errorf("interp: redirecting file descriptor %d failed: %w", fd, err)
	}
	return nil
}
