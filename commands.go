package main

// version is the fastgo version, reported in kernel_info_reply.
const version = "0.1.0"

// The subcommands below are wired up by the packages that implement them.
// TODO: each is a placeholder until its package lands.

func runKernel(args []string) error   { return errNotYet("kernel") }
func runWorker(args []string) error   { return errNotYet("worker") }
func runInstall(args []string) error  { return errNotYet("install") }
func runNotebook(args []string) error { return errNotYet("run") }
