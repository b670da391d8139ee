//go:build !linux

package interp

import (
	"errors"
	"os"
)

// redirectFD is not available outside Linux, so output written by compiled
// code directly to the process's stdout is not captured there.
func redirectFD(w *os.File, fd int) error {
	return errors.New("interp: capturing process output is implemented on Linux only")
}
