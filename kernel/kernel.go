package kernel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// Options configures a [Kernel].
type Options struct {
	// Logger receives start, stop and dropped-message logs, and wire
	// traffic at Debug. Nil means a text handler on stderr at Info.
	Logger *slog.Logger

	// Version is the fastgo version, sent as implementation_version.
	Version string

	// Banner is the kernel_info banner. Empty means a default one.
	Banner string

	// ReadmeURL, when set, is added to kernel_info's help_links.
	ReadmeURL string
}

// Kernel serves one Jupyter kernel on the sockets of a connection file.
// Create it with [New] and serve with [Kernel.Run].
type Kernel struct {
	info    ConnectionInfo
	eval    Evaluator
	opts    Options
	log     *slog.Logger
	signer  signer
	replays replayGuard
	session string

	socks      *sockets
	sockCtx    context.Context
	sockCancel context.CancelFunc

	queue   chan queued
	history *history
	stdin   *stdinRouter

	// count is the execution counter, used by the shell goroutine only.
	count int
	// abortBefore is when the last failed cell with stop_on_error ended;
	// execute requests received before it are aborted. Shell goroutine only.
	abortBefore time.Time

	// unknownTypes records the unknown message types already logged.
	unknownTypes sync.Map

	executing atomic.Bool
	stopOnce  sync.Once
	stopped   chan struct{}
}

// queued is a verified shell request waiting for the shell goroutine.
type queued struct {
	msg     *Message
	arrived time.Time
}

// shellQueueSize bounds the shell requests waiting to run. Front ends send
// a handful at a time, and a full queue only delays reading the socket.
const shellQueueSize = 1024

// New opens the sockets of info and returns a kernel that serves them with
// eval once [Kernel.Run] is called. The sockets listen from the moment New
// returns.
func New(info ConnectionInfo, eval Evaluator, opts Options) (*Kernel, error) {
	if err := info.validate(); err != nil {
		return nil, fmt.Errorf("kernel: %w", err)
	}
	if eval == nil {
		return nil, errors.New("kernel: evaluator is nil")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if opts.Banner == "" {
		opts.Banner = "fastgo " + opts.Version + ": Go cells on the yaegi interpreter"
	}
	k := &Kernel{
		info:    info,
		eval:    eval,
		opts:    opts,
		log:     log,
		signer:  signer{key: []byte(info.Key)},
		session: uuid.NewString(),
		queue:   make(chan queued, shellQueueSize),
		history: newHistory(),
		stopped: make(chan struct{}),
	}
	k.stdin = newStdinRouter(k)

	k.sockCtx, k.sockCancel = context.WithCancel(context.Background())
	socks, err := openSockets(k.sockCtx, info, log)
	if err != nil {
		k.sockCancel()
		return nil, err
	}
	k.socks = socks
	if info.Key == "" {
		log.Warn("connection file has an empty key: messages are neither signed nor checked")
	}
	return k, nil
}

// Run serves requests until a shutdown_request arrives or ctx ends, then
// closes the evaluator and the sockets. It returns the evaluator's Close
// error, if any.
func (k *Kernel) Run(ctx context.Context) error {
	k.log.Info("kernel started", "transport", k.info.Transport, "ip", k.info.IP,
		"shell_port", k.info.ShellPort, "control_port", k.info.ControlPort,
		"iopub_port", k.info.IOPubPort, "stdin_port", k.info.StdinPort,
		"hb_port", k.info.HBPort, "session", k.session)

	shellIn := make(chan received)
	controlIn := make(chan received)
	stdinIn := make(chan received)
	go readLoop(k.sockCtx, k.socks.shell, shellIn)
	go readLoop(k.sockCtx, k.socks.control, controlIn)
	go readLoop(k.sockCtx, k.socks.stdin, stdinIn)
	go serveHeartbeat(k.sockCtx, k.socks.hb, k.log)

	shellDone := make(chan struct{})
	go k.enqueueShell(shellIn)
	go func() {
		defer close(shellDone)
		k.runShell()
	}()
	go k.serveControl(controlIn)
	go k.stdin.serve(stdinIn)

	reason := "shutdown_request"
	select {
	case <-k.stopped:
	case <-ctx.Done():
		reason = ctx.Err().Error()
		k.stop()
	}
	return k.close(reason, shellDone)
}

// Interrupt stops the running cell, as an interrupt_request does. It is
// safe to call from a signal handler goroutine.
func (k *Kernel) Interrupt() {
	k.log.Info("interrupting the running cell", "executing", k.executing.Load())
	k.stdin.cancel()
	k.eval.Interrupt()
}

// stop ends Run. Safe to call more than once.
func (k *Kernel) stop() {
	k.stopOnce.Do(func() { close(k.stopped) })
}

// pubDrainDelay is how long close waits for queued iopub messages (such
// as the final status: idle) to leave, because the PUB socket sends
// asynchronously and offers no flush.
const pubDrainDelay = 100 * time.Millisecond

// shellStopTimeout bounds the wait for an interrupted cell before the
// evaluator is closed under it.
const shellStopTimeout = 3 * time.Second

// close interrupts the running cell, waits for the shell goroutine, then
// closes the evaluator and the sockets.
func (k *Kernel) close(reason string, shellDone <-chan struct{}) error {
	if k.executing.Load() {
		k.Interrupt()
	}
	k.stdin.cancel()
	select {
	case <-shellDone:
	case <-time.After(shellStopTimeout):
		k.log.Warn("the running cell did not stop after an interrupt; closing the evaluator under it",
			"timeout", shellStopTimeout)
	}
	err := k.eval.Close()
	if err != nil {
		k.log.Error("closing the evaluator failed", "err", err)
	}
	time.Sleep(pubDrainDelay)
	k.sockCancel()
	k.socks.close()
	k.log.Info("kernel stopped", "reason", reason)
	return err
}
