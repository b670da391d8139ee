package main

import "errors"

// runWorker is the "fastgo worker" subcommand.
// TODO: placeholder until its package is wired in.
func runWorker(args []string) error { return errors.New("worker is not built yet") }
