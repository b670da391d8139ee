// Command fastgo is a Jupyter kernel for Go with fast machine-learning
// packages. Run "fastgo help" for its subcommands.
package main

import (
	"fmt"
	"os"
)

// version is the fastgo version, reported in kernel_info_reply.
const version = "0.1.0"

const usage = `fastgo: a Jupyter kernel for Go, for machine learning.

Usage:
  fastgo install [--user | --sys-prefix | --prefix DIR] [--uninstall]
        Install (or remove) the "Go (fastgo)" kernelspec for Jupyter.
  fastgo run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout SECONDS]
        Execute every code cell of a notebook and save the outputs.
        Without -o it overwrites the input notebook. --timeout limits
        each cell, in seconds (default 0: no limit). See "fastgo run -h".
  fastgo kernel CONNECTION_FILE
        Serve one kernel on the sockets of a Jupyter connection file.
        Jupyter starts this; users rarely run it by hand.
  fastgo version
        Print the version.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cmd, args := os.Args[1], os.Args[2:]
	var err error
	switch cmd {
	case "kernel":
		err = runKernel(args)
	case "worker":
		err = runWorker(args)
	case "install":
		err = runInstall(args)
	case "run":
		err = runNotebook(args)
	case "version", "--version":
		fmt.Println("fastgo", version)
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "fastgo: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "fastgo %s: %v\n", cmd, err)
		os.Exit(1)
	}
}
