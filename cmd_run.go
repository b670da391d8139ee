package main

import "errors"

// runNotebook is the "fastgo run" subcommand.
// TODO: placeholder until its package is wired in.
func runNotebook(args []string) error { return errors.New("run is not built yet") }
