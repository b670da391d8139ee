package main

import (
	_ "embed"
	"errors"
	"os"
	"strings"

	"fastgo/install"
)

// kernelTemplate is the kernelspec template. "fastgo install" replaces its
// first argv entry with the absolute path of the running binary.
//
//go:embed kernel.json
var kernelTemplate []byte

// runInstall is the "fastgo install" subcommand.
func runInstall(args []string) error {
	err := install.Run(args, kernelTemplate, os.Stdout)
	if err != nil {
		// main already prefixes the message with "fastgo install: ".
		return errors.New(strings.TrimPrefix(err.Error(), "install: "))
	}
	return nil
}
