//go:build !linux

package kernel

import "os/exec"

// setProcessAttrs leaves the process attributes alone outside Linux.
func setProcessAttrs(cmd *exec.Cmd) {}
