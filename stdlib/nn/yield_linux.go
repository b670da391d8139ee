package nn

import "syscall"

// yieldThread offers the rest of the thread's time slice to other threads
// ready to run on its CPU, such as other processes on a busy machine.
func yieldThread() { syscall.Syscall(syscall.SYS_SCHED_YIELD, 0, 0, 0) }
