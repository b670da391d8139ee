//go:build !linux

package interp

import (
	"errors"
	"os"
	"os/exec"
)

// redirectFD is not available outside Linux, so output written by compiled
// code directly to the process's stdout is not captured there.
func redirectFD(w *os.File, fd int) error {
	return errors.New("interp: capturing process output is implemented on Linux only")
}

func dupFile(fd int, name string) (*os.File, error) {
	return nil, errors.New("interp: the worker process is implemented on Linux only")
}

// setParentDeathSignal does nothing outside Linux, so a worker may outlive
// a supervisor that is killed.
func setParentDeathSignal(cmd *exec.Cmd) {}

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}

func closeOnExec(fd int) {}
