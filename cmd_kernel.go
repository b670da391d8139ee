package main

import "errors"

// runKernel is the "fastgo kernel" subcommand.
// TODO: placeholder until its package is wired in.
func runKernel(args []string) error { return errors.New("kernel is not built yet") }
