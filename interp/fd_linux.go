//go:build linux

package interp

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// redirectFD makes file descriptor fd refer to the same pipe as w.
func redirectFD(w *os.File, fd int) error {
	if err := syscall.Dup3(int(w.Fd()), fd, 0); err != nil {
		return fmt.Errorf("interp: redirecting file descriptor %d failed: %w", fd, err)
	}
	return nil
}

// dupFile returns a new file for what file descriptor fd refers to now.
func dupFile(fd int, name string) (*os.File, error) {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return nil, fmt.Errorf("interp: duplicating file descriptor %d failed: %w", fd, err)
	}
	syscall.CloseOnExec(nfd)
	return os.NewFile(uintptr(nfd), name), nil
}

// setParentDeathSignal makes the kernel kill cmd's process when the
// supervisor's process ends, so that no worker outlives it.
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}

// killProcessGroup kills the worker and every process it started, which
// share its process group.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Process.Kill()
}

func closeOnExec(fd int) { syscall.CloseOnExec(fd) }
