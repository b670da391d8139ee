package kernel

import (
	"os/exec"
	"syscall"
)

// setProcessAttrs puts the kernel in its own process group, so a terminal
// Ctrl-C reaches only the client, which decides whether to interrupt. It
// also sets the parent-death signal to SIGTERM: Linux sends it when the
// client's thread dies, so the kernel does not outlive a killed client.
func setProcessAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
