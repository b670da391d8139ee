package install

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const usage = `Usage: fastgo install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                      [--display-name TEXT] [--uninstall]

Installs the Jupyter kernelspec that starts this fastgo binary, or removes
it with --uninstall. The kernelspec is a folder NAME with kernel.json and
two logos, written into one of these kernels folders:

  --user        the user's Jupyter data folder (default): $JUPYTER_DATA_DIR,
                or ~/.local/share/jupyter on Linux and ~/Library/Jupyter on
                macOS, with kernels/ below it
  --sys-prefix  PREFIX/share/jupyter/kernels, where PREFIX is sys.prefix of
                the Python named on the #! line of the jupyter command on
                PATH, or of the python3 on PATH when there is no jupyter;
                use it to install into the active virtualenv or conda env
  --prefix DIR  DIR/share/jupyter/kernels

Options:
`

// Run runs "fastgo install" with the command-line arguments args.
// template is the kernel.json template, and messages go to stdout.
func Run(args []string, template []byte, stdout io.Writer) error {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, and --help prints below
	user := fs.Bool("user", false, "install for the current user (default)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the sys.prefix of the Python that runs jupyter")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels")
	name := fs.String("name", DefaultName, "kernelspec folder `NAME`, which Jupyter uses as the kernel name")
	displayName := fs.String("display-name", "", "name shown in Jupyter's launcher and kernel menu "+
		"(default from kernel.json: \"Go (fastgo)\")")
	uninstall := fs.Bool("uninstall", false, "remove the kernelspec instead of installing it")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(fs, stdout)
			return nil
		}
		return fmt.Errorf("install: %w (run \"fastgo install --help\")", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("install: unexpected argument %q (run \"fastgo install --help\")", fs.Arg(0))
	}

	opts := Options{Name: *name, DisplayName: *displayName, Prefix: *prefix, Template: template}
	if err := choosePrefix(&opts, *user, *sysPrefix, stdout); err != nil {
		return err
	}
	if *uninstall {
		dir, err := Uninstall(opts)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Removed the kernelspec %s\n", dir)
		return nil
	}
	return runInstall(opts, stdout)
}

// choosePrefix checks that at most one of --user, --sys-prefix and
// --prefix is given, and sets opts.Prefix for --sys-prefix.
func choosePrefix(opts *Options, user, sysPrefix bool, stdout io.Writer) error {
	chosen := 0
	for _, set := range []bool{user, sysPrefix, opts.Prefix != ""} {
		if set {
			chosen++
		}
	}
	if chosen > 1 {
		return errors.New("install: --user, --sys-prefix and --prefix select different folders, so pass only one")
	}
	if !sysPrefix {
		return nil
	}
	prefix, python, err := SysPrefix()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Using sys.prefix %s of %s\n", prefix, python)
	opts.Prefix = prefix
	return nil
}

// runInstall installs the kernelspec for the running binary.
func runInstall(opts Options, stdout io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("install: cannot find the path of the fastgo binary: %w", err)
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return fmt.Errorf("install: cannot find the path of the fastgo binary: %w", err)
	}
	opts.Executable = exe
	dir, err := Install(opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Installed the kernelspec %s\n", dir)
	fmt.Fprintf(stdout, "Jupyter will start the kernel as: %s kernel {connection_file}\n", exe)
	if isTemporaryBuild(exe) {
		fmt.Fprintf(stdout, "Warning: %s is a temporary build, as made by \"go run\", and the kernel will not start "+
			"once Go deletes it. Build a lasting binary and install from it: "+
			"go build -o ~/bin/fastgo . && ~/bin/fastgo install\n", exe)
	}
	return nil
}

// isTemporaryBuild reports whether exe is in a folder that "go run" and
// "go test" create under the temporary folder.
func isTemporaryBuild(exe string) bool {
	return strings.Contains(exe, string(filepath.Separator)+"go-build")
}

// printUsage prints the help text, with the flags spelled "--name" as in
// the rest of the text. Go's flag package accepts both "-" and "--".
func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, usage)
	fs.VisitAll(func(f *flag.Flag) {
		arg, help := flag.UnquoteUsage(f)
		if arg == "string" {
			arg = "TEXT"
		}
		if f.DefValue != "" && f.DefValue != "false" {
			help += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		fmt.Fprintf(w, "  %s\n    \t%s\n", strings.TrimSpace("--"+f.Name+" "+arg), help)
	})
}
