package main

import "fastgo/interp"

// runWorker is the "fastgo worker" subcommand: the process in which the
// kernel's cells run. The kernel starts it with pipes on file descriptors
// 3 and 4.
func runWorker(args []string) error { return interp.RunWorker(args) }
