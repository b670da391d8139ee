// Package install writes and removes the Jupyter kernelspec of fastgo. It
// implements the "fastgo install" subcommand.
//
// # Kernelspec
//
// A kernelspec is a folder that Jupyter finds in a kernels folder. Its
// name is the kernel name ("fastgo" unless --name says otherwise), and it
// contains:
//
//	kernel.json      argv [<absolute path of fastgo>, "kernel", "{connection_file}"],
//	                 display_name "Go (fastgo)", language "go", interrupt_mode "message"
//	logo-32x32.png   the logo drawn by [Logo]
//	logo-64x64.png
//
// kernel.json comes from the template kernel.json at the repository root,
// which the fastgo binary embeds. interrupt_mode "message" makes Jupyter
// send interrupt_request on the control channel instead of a signal.
//
// # Where it goes
//
// By default (--user) the kernelspec goes into the user's Jupyter data
// folder, as [UserDataDir] finds it. --prefix DIR selects
// DIR/share/jupyter/kernels, and --sys-prefix does the same with the
// sys.prefix that [SysPrefix] gets from the Python running Jupyter.
//
//	go build -o ~/bin/fastgo . && ~/bin/fastgo install
//	~/bin/fastgo install --sys-prefix    # into the active virtualenv
//	~/bin/fastgo install --uninstall
//
// Every file is written to a temporary file and renamed, so Jupyter never
// reads a half-written kernel.json. Uninstalling removes only the files
// that installing writes.
package install
