package interp

import (
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"fastgo/internal/idlemem"
	"fastgo/kernel"
	"fastgo/stdlib/display"
)

// workerMaxStack bounds the stack of the worker's goroutines. Runaway
// recursion in interpreted code then fails sooner and with less memory
// than with Go's default of 1 GB.
const workerMaxStack = 256 << 20

// RunWorker runs the worker process, "fastgo worker": it reads requests
// from file descriptor 3, runs cells in an [Interpreter] and writes replies
// to file descriptor 4, until the supervisor closes the request pipe. It
// takes no arguments.
func RunWorker(args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("interp: the worker takes no arguments, got %q", args)
	}
	requests := os.NewFile(requestFD, "requests")
	replies := os.NewFile(replyFD, "replies")
	if requests == nil || replies == nil {
		return errors.New("interp: the worker must be started by the kernel, with pipes on file descriptors 3 and 4")
	}
	for _, fd := range []int{requestFD, replyFD} {
		closeOnExec(fd) // keep them from programs that cells start
	}

	// File descriptor 1 goes to the supervisor's log of the worker until
	// it is redirected to the cells' stdout: keep it for the worker's own
	// messages.
	diag, err := dupFile(1, "diagnostics")
	if err != nil {
		return err
	}
	log.SetOutput(diag)
	logger := slog.New(slog.NewTextHandler(diag, &slog.HandlerOptions{Level: slog.LevelWarn}))
	debug.SetMaxStack(workerMaxStack)

	in, err := New(Options{Logger: logger, CaptureProcessOutput: true, stderrOutside: true})
	if err != nil {
		return err
	}
	w := &worker{in: in, out: &frameWriter{w: replies}, log: logger, inputs: make(chan request, 1)}
	return w.serve(requests)
}

// worker serves the requests of one supervisor.
type worker struct {
	in     *Interpreter
	out    *frameWriter
	log    *slog.Logger
	inputs chan request // input_reply requests for the running cell
}

// serve reads requests until the pipe closes. Interrupts and input
// replies are handled at once, because they arrive while a cell runs.
func (w *worker) serve(requests io.Reader) error {
	if err := w.out.write(reply{Type: "ready"}); err != nil {
		return err
	}
	work := make(chan request, 16)
	go func() {
		defer close(work)
		for {
			var req request
			if err := readFrame(requests, &req); err != nil {
				if !errors.Is(err, io.EOF) {
					w.log.Error("reading a request failed", "err", err)
				}
				return
			}
			switch req.Type {
			case "interrupt":
				w.in.Interrupt()
			case "input_reply":
				w.inputs <- req
			default:
				work <- req
			}
		}
	}()
	// The heap grows while cells run and the Go runtime returns freed
	// pages to the system only gradually, so an idle worker releases
	// them at once, together with the executable's pages that it
	// faulted in while loading the interpreter.
	// Only executions grow the heap much, and freeing it costs a full
	// garbage collection, up to 0.2 s of CPU with a large heap, so a
	// pause after completions or inspections only unmaps the binary.
	idle := time.NewTimer(idleRelease)
	defer idle.Stop()
	releaseFailed := false
	executed := true // the interpreter's start-up counts as an execution
	for {
		select {
		case req, ok := <-work:
			if !ok {
				return nil
			}
			idle.Stop()
			executed = executed || req.Type == "execute"
			if err := w.handle(req); err != nil {
				return err
			}
			idle.Reset(idleRelease)
		case <-idle.C:
			release := idlemem.Release
			if !executed {
				release = idlemem.UnmapExecutable
			}
			executed = false
			if _, err := release(); err != nil && !releaseFailed {
				releaseFailed = true
				w.log.Warn("returning idle memory to the system failed, and later failures will not be logged", "err", err)
			}
		}
	}
}

// idleRelease is how long the worker waits without a request before it
// returns free memory to the system.
const idleRelease = 500 * time.Millisecond

func (w *worker) handle(req request) error {
	switch req.Type {
	case "execute":
		res := w.in.Execute(req.Code, &workerOutput{w: w})
		return w.out.write(reply{Type: "result", Result: &res, Stuck: w.in.Stuck()})
	case "complete":
		c := w.in.Complete(req.Code, req.Cursor)
		return w.out.write(reply{Type: "complete", Completion: &c})
	case "inspect":
		i := w.in.Inspect(req.Code, req.Cursor, req.Detail)
		return w.out.write(reply{Type: "inspect", Inspection: &i})
	}
	w.log.Error("unknown request type", "type", req.Type)
	return nil
}

// workerOutput is the [kernel.CellOutput] of a cell in the worker: it
// sends what the cell produces to the supervisor.
type workerOutput struct {
	w *worker
}

func (o *workerOutput) Stream(name, text string) {
	o.send(reply{Type: "stream", Name: name, Text: text})
}

func (o *workerOutput) Display(d display.Data, displayID string, update bool) {
	o.send(reply{Type: "display", Data: &d, DisplayID: displayID, Update: update})
}

func (o *workerOutput) Input(prompt string, password bool) (string, error) {
	o.send(reply{Type: "input_request", Text: prompt, Password: password})
	req := <-o.w.inputs
	if req.Error != "" {
		if req.Error == kernel.ErrStdinNotAllowed.Error() {
			return "", kernel.ErrStdinNotAllowed
		}
		return "", errors.New(req.Error)
	}
	return req.Text, nil
}

func (o *workerOutput) send(r reply) {
	if err := o.w.out.write(r); err != nil {
		o.w.log.Error("sending cell output failed", "type", r.Type, "err", err)
	}
}
