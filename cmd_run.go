package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fastgo/kernel"
	"fastgo/notebook"
)

// runNotebook is the "fastgo run" subcommand: it executes every code cell
// of a notebook on a fresh "fastgo kernel" process and writes the outputs.
func runNotebook(args []string) error {
	in, out, timeout, err := parseRunArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Print(runUsage)
		return nil
	}
	if err != nil {
		return err
	}
	nb, err := notebook.ReadFile(in)
	if err != nil {
		return err
	}
	if err := checkOutputDir(out); err != nil {
		return err
	}
	if warning := kernelWarning(nb); warning != "" {
		fmt.Fprintf(os.Stderr, "warning: %s: %s\n", in, warning)
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find the fastgo executable to start the kernel: %w", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &tailBuffer{max: 4096}
	client, err := kernel.StartClient(ctx, []string{exe, "kernel", "{connection_file}"},
		kernel.ClientOptions{Stderr: kernelStderr(logs)})
	if err != nil {
		return fmt.Errorf("%w\nkernel log:\n%s", err, logs)
	}
	defer client.Close()
	stopRun := make(chan struct{})
	stopSignals := interruptOnSignal(ctx, cancel, client, stopRun)
	defer stopSignals()

	runErr := notebook.Run(ctx, nb, client, notebook.RunOptions{
		Timeout:     timeout,
		TimeoutHint: "raise the limit with --timeout SECONDS, or pass --timeout 0 for none",
		Progress:    os.Stderr,
		Stop:        stopRun,
	})
	if errors.Is(runErr, kernel.ErrKernelDied) {
		runErr = fmt.Errorf("%w\nkernel log:\n%s", runErr, logs)
	}
	if err := notebook.WriteFile(out, nb); err != nil {
		return errors.Join(runErr, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", out)
	return runErr
}

// runUsage is the help text of "fastgo run --help".
const runUsage = `Usage: fastgo run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout SECONDS]

Execute every code cell of NOTEBOOK.ipynb in order on a new fastgo kernel
and save the notebook with the new outputs. The run stops at the first
cell that fails, and the cells that ran keep their outputs.

Without -o, the executed notebook overwrites NOTEBOOK.ipynb, like
jupyter nbconvert --inplace.

Flags (before or after the notebook):
  -o OUT.ipynb
        write the executed notebook to OUT.ipynb instead of overwriting
        the input; its folder must exist (default: the input path)
  --timeout SECONDS
        interrupt a cell that runs longer than SECONDS seconds, fractions
        allowed, and stop the run (default 0: no limit)
  -h, --help
        print this help
`

// parseRunArgs reads "NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout SECONDS]",
// with the flags before or after the notebook. It returns flag.ErrHelp
// for -h or --help.
func parseRunArgs(args []string) (in, out string, timeout time.Duration, err error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&out, "o", "", "write the executed notebook to this path instead of in place")
	seconds := fs.Float64("timeout", 0, "stop a cell that runs longer than this many seconds (0: no limit)")
	var positional []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", "", 0, err
			}
			return "", "", 0, fmt.Errorf("%w\nusage: fastgo run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout SECONDS]"+
				"\n(fastgo run --help explains the flags)", err)
		}
		args = fs.Args()
		if len(args) > 0 {
			positional = append(positional, args[0])
			args = args[1:]
		}
	}
	if len(positional) != 1 {
		return "", "", 0, errors.New("expected one notebook: fastgo run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout SECONDS]")
	}
	if *seconds < 0 {
		return "", "", 0, fmt.Errorf("invalid --timeout %v: use a number of seconds >= 0", *seconds)
	}
	in = positional[0]
	if out == "" {
		out = in
	}
	return in, out, time.Duration(*seconds * float64(time.Second)), nil
}

// kernelStderr returns where the kernel's logs go: to stderr as well when
// FASTGO_KERNEL_DEBUG is set, and always to logs, whose tail is shown if
// the kernel dies. Cell output is in the notebook either way.
func kernelStderr(logs *tailBuffer) io.Writer {
	if os.Getenv("FASTGO_KERNEL_DEBUG") != "" {
		return io.MultiWriter(os.Stderr, logs)
	}
	return logs
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// interruptOnSignal handles Ctrl-C. The first one closes stopRun, so no
// further cell starts, and interrupts the running cell. A second one
// cancels ctx. It returns a function that stops listening.
func interruptOnSignal(ctx context.Context, cancel context.CancelFunc, client *kernel.Client,
	stopRun chan<- struct{}) func() {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt)
	done := make(chan struct{})
	go func() {
		interrupted := false
		for {
			select {
			case <-signals:
				if interrupted {
					fmt.Fprintln(os.Stderr, "interrupted again: stopping the kernel")
					cancel()
					continue
				}
				interrupted = true
				close(stopRun)
				fmt.Fprintln(os.Stderr, "interrupting the running cell (Ctrl-C again to stop the kernel)")
				ictx, icancel := context.WithTimeout(ctx, 5*time.Second)
				client.Interrupt(ictx)
				icancel()
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}

// checkOutputDir checks that the folder of out exists and accepts new
// files, so that a wrong -o fails before any cell runs. It creates and
// removes a temp file there, because the notebook is written through one.
func checkOutputDir(out string) error {
	dir := filepath.Dir(out)
	info, err := os.Stat(dir)
	if os.IsNotExist(err) {
		return fmt.Errorf("output folder %s does not exist: create it (mkdir -p %s) or pick another -o path", dir, dir)
	}
	if err != nil {
		return fmt.Errorf("check output folder %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("output folder %s is not a folder: pick another -o path", dir)
	}
	probe, err := os.CreateTemp(dir, ".fastgo-run-check-*.tmp")
	if err != nil {
		return fmt.Errorf("output folder %s is not writable (%w): fix its permissions or pick another -o path", dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// kernelWarning returns why nb looks written for another kernel than
// fastgo, from its kernelspec and language_info metadata, or "" when it
// names Go or names no kernel at all.
func kernelWarning(nb *notebook.Notebook) string {
	spec, _ := nb.Metadata["kernelspec"].(map[string]any)
	info, _ := nb.Metadata["language_info"].(map[string]any)
	name, _ := spec["name"].(string)
	language, _ := spec["language"].(string)
	if language == "" {
		language, _ = info["name"].(string)
	}
	switch {
	case language != "" && isGo(language):
		return ""
	case language == "" && (name == "" || isGo(name)):
		return ""
	}
	origin := "kernel " + name
	if name == "" {
		origin = "a kernel"
	}
	if language != "" {
		origin += " (language " + language + ")"
	}
	return fmt.Sprintf("the notebook was written for %s, not Go: running its cells as Go anyway,"+
		" so expect compile errors", origin)
}

// isGo reports whether a kernelspec or language name means Go: "go",
// "golang", or a kernel name containing "fastgo" such as the installer's
// default "fastgo".
func isGo(name string) bool {
	name = strings.ToLower(name)
	return name == "go" || name == "golang" || strings.Contains(name, "fastgo")
}
