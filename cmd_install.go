package main

import "errors"

// runInstall is the "fastgo install" subcommand.
// TODO: placeholder until its package is wired in.
func runInstall(args []string) error { return errors.New("install is not built yet") }
