package interp

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"fastgo/kernel"
	"fastgo/stdlib/display"
)

// SupervisorOptions configures a [Supervisor].
type SupervisorOptions struct {
	// Logger receives worker starts, deaths and restarts. Nil discards them.
	Logger *slog.Logger
	// WorkerPath is the fastgo binary to run. Empty means os.Executable().
	WorkerPath string
	// WorkerArgs are the arguments of the worker. Nil means ["worker"].
	WorkerArgs []string
	// Env is the environment of the worker. Nil means os.Environ().
	Env []string
}

const (
	// interruptGrace is how long the supervisor waits for a cell to end
	// after an interrupt before it kills the worker. It is longer than the
	// worker's own wait (defaultStopTimeout), so that the worker can report
	// a cell stuck in compiled code first.
	interruptGrace = defaultStopTimeout + 2*time.Second
	// requestTimeout bounds the wait for a completion or inspection.
	requestTimeout = 10 * time.Second
	// startTimeout bounds the wait for a new worker's ready message.
	startTimeout = 30 * time.Second
)

// Supervisor runs cells in a child process, "fastgo worker", and restarts
// it when it dies. It implements [kernel.Evaluator]. A cell that overflows
// the stack, panics in a goroutine or calls os.Exit ends the worker. Its
// error states the exit status and the runtime's message, and the next
// cell runs in a fresh worker without the variables of earlier cells.
type Supervisor struct {
	opts SupervisorOptions
	log  *slog.Logger

	mu        sync.Mutex
	proc      *workerProcess // nil until started, and after a death
	running   bool           // a cell is executing
	interrupt chan struct{}  // closed when the running cell's grace ends
	timer     *time.Timer

	imports sessionImports // run again in a fresh worker
}

var _ kernel.Evaluator = (*Supervisor)(nil)

// NewSupervisor returns a supervisor and starts its worker.
func NewSupervisor(opts SupervisorOptions) (*Supervisor, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.WorkerPath == "" {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("interp: finding the fastgo binary for the worker failed: %w", err)
		}
		opts.WorkerPath = exe
	}
	if opts.WorkerArgs == nil {
		opts.WorkerArgs = []string{"worker"}
	}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	s := &Supervisor{opts: opts, log: opts.Logger}
	if _, err := s.worker(); err != nil {
		return nil, err
	}
	return s, nil
}

// worker returns the running worker, starting one if needed.
func (s *Supervisor) worker() (*workerProcess, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil {
		return s.proc, nil
	}
	p, err := startWorker(s.opts, s.log)
	if err != nil {
		return nil, err
	}
	s.proc = p
	return p, nil
}

// discard kills worker p and drops it, so that the next request starts a
// fresh one.
func (s *Supervisor) discard(p *workerProcess) {
	p.kill()
	s.mu.Lock()
	if s.proc == p {
		s.proc = nil
	}
	s.mu.Unlock()
}

// Execute runs one cell in the worker. See [kernel.Evaluator].
func (s *Supervisor) Execute(code string, out kernel.CellOutput) kernel.CellResult {
	p, err := s.worker()
	if err != nil {
		return errorResult("WorkerDied", fmt.Sprintf("starting the worker failed: %v", err))
	}
	s.restoreImports(p)
	res := s.execute(p, code, out)
	s.imports.record(code, res)
	return res
}

func (s *Supervisor) execute(p *workerProcess, code string, out kernel.CellOutput) kernel.CellResult {
	interrupt := s.beginCell()
	defer s.endCell()

	out = &lockedOutput{out: out}
	p.stderr.reset()
	p.router.begin(out.Stream)
	if err := p.send(request{Type: "execute", Code: code}); err != nil {
		return s.died(p, err)
	}
	for {
		select {
		case r, ok := <-p.replies:
			if !ok {
				return s.died(p, nil)
			}
			if res, done := s.handleReply(p, r, out); done {
				return res
			}
		case <-interrupt:
			s.log.Warn("killing a worker whose cell ignored the interrupt", "pid", p.cmd.Process.Pid, "grace", interruptGrace)
			s.discard(p)
			return errorResult("Interrupted", fmt.Sprintf("the cell did not stop within %s of the interrupt, "+
				"so the worker was restarted. All variables were lost; imports are run again in the fresh worker.",
				interruptGrace))
		}
	}
}

// handleReply passes one reply of a running cell to out. It returns the
// cell's result and true when the cell has ended.
func (s *Supervisor) handleReply(p *workerProcess, r reply, out kernel.CellOutput) (kernel.CellResult, bool) {
	switch r.Type {
	case "stream":
		out.Stream(r.Name, r.Text)
	case "display":
		if r.Data != nil {
			out.Display(*r.Data, r.DisplayID, r.Update)
		}
	case "input_request":
		text, err := out.Input(r.Text, r.Password)
		req := request{Type: "input_reply", Text: text}
		if err != nil {
			req.Error = err.Error()
		}
		if err := p.send(req); err != nil {
			s.log.Error("sending an input reply failed", "pid", p.cmd.Process.Pid, "err", err)
		}
	case "result":
		p.router.awaitMarker(p.stderrPipe)
		p.router.release()
		p.router.detach()
		if r.Result == nil {
			return kernel.CellResult{}, true
		}
		res := *r.Result
		if r.Stuck {
			s.log.Warn("restarting a worker stuck in compiled code", "pid", p.cmd.Process.Pid)
			s.discard(p)
			if res.Error != nil {
				res.Error.Value += ". The worker was restarted to stop it: all variables were lost " +
					"(imports are run again in the fresh worker)."
				res.Error.Traceback = append(res.Error.Traceback, "The worker was restarted: all variables were lost.")
			}
		}
		return res, true
	default:
		s.log.Warn("unexpected reply during a cell", "type", r.Type)
	}
	return kernel.CellResult{}, false
}

// died reports the death of worker p during a cell, with its exit status
// and the last lines it wrote to stderr.
func (s *Supervisor) died(p *workerProcess, sendErr error) kernel.CellResult {
	select {
	case <-p.exited:
	case <-time.After(2 * time.Second):
	}
	s.discard(p)
	<-p.exited
	select {
	case <-p.stderrPipe.done:
	case <-time.After(2 * time.Second):
	}
	// The held crash report goes to the error, not to the cell's stderr.
	p.router.detach()
	status := p.exitStatus()
	crash := p.stderr.crashLines()
	s.log.Error("worker died", "pid", p.cmd.Process.Pid, "status", status, "send_err", sendErr, "stderr", strings.Join(crash, " | "))

	summary := "the worker process died (" + status + ")"
	if len(crash) > 0 {
		summary += ": " + goPanicLine(crash[len(crash)-1])
	}
	summary += ". All variables were lost; the next cell runs in a fresh worker, which runs the imports of earlier cells again."
	tb := []string{"WorkerDied: " + summary}
	tb = append(tb, crash...)
	return kernel.CellResult{Error: &kernel.CellError{Name: "WorkerDied", Value: summary, Traceback: tb}}
}

func errorResult(name, msg string) kernel.CellResult {
	return kernel.CellResult{Error: &kernel.CellError{Name: name, Value: msg, Traceback: []string{name + ": " + msg}}}
}

func (s *Supervisor) beginCell() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = true
	s.interrupt = make(chan struct{})
	return s.interrupt
}

func (s *Supervisor) endCell() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = false
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
}

// Interrupt sends the worker a request to stop the running cell. If the cell has not
// ended after interruptGrace, Execute kills the worker.
func (s *Supervisor) Interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.running || s.proc == nil {
		return
	}
	if err := s.proc.send(request{Type: "interrupt"}); err != nil {
		s.log.Warn("sending an interrupt failed", "pid", s.proc.cmd.Process.Pid, "err", err)
	}
	if s.timer == nil {
		ch := s.interrupt
		s.timer = time.AfterFunc(interruptGrace, func() { close(ch) })
	}
}

// Complete returns completions from the worker. See [kernel.Evaluator].
func (s *Supervisor) Complete(code string, cursor int) kernel.Completion {
	r, err := s.call(request{Type: "complete", Code: code, Cursor: cursor}, "complete")
	if err != nil || r.Completion == nil {
		s.log.Warn("completion failed", "err", err)
		return kernel.Completion{CursorStart: cursor, CursorEnd: cursor}
	}
	return *r.Completion
}

// Inspect returns documentation from the worker. See [kernel.Evaluator].
func (s *Supervisor) Inspect(code string, cursor, detailLevel int) kernel.Inspection {
	r, err := s.call(request{Type: "inspect", Code: code, Cursor: cursor, Detail: detailLevel}, "inspect")
	if err != nil || r.Inspection == nil {
		s.log.Warn("inspection failed", "err", err)
		return kernel.Inspection{}
	}
	return *r.Inspection
}

// IsComplete reports whether code is ready to run, without the worker.
func (s *Supervisor) IsComplete(code string) (status, indent string) {
	return isComplete(code)
}

// call sends req and waits for the reply of type want.
func (s *Supervisor) call(req request, want string) (reply, error) {
	p, err := s.worker()
	if err != nil {
		return reply{}, err
	}
	if err := p.send(req); err != nil {
		s.discard(p)
		return reply{}, err
	}
	timeout := time.After(requestTimeout)
	for {
		select {
		case r, ok := <-p.replies:
			if !ok {
				s.discard(p)
				return reply{}, errors.New("interp: the worker died")
			}
			if r.Type == want {
				return r, nil
			}
		case <-timeout:
			return reply{}, fmt.Errorf("interp: the worker did not reply to a %s request within %s", want, requestTimeout)
		}
	}
}

// Close kills the worker.
func (s *Supervisor) Close() error {
	s.mu.Lock()
	p := s.proc
	s.proc = nil
	s.mu.Unlock()
	if p != nil {
		p.kill()
		<-p.exited
	}
	return nil
}

// workerProcess is one running "fastgo worker".
type workerProcess struct {
	cmd     *exec.Cmd
	req     *frameWriter
	reqFile io.Closer
	replies chan reply    // closed when the reply pipe ends
	exited  chan struct{} // closed when the process has been waited for
	waitErr error
	stderr  *stderrTail
	// router streams the worker's stderr, which the supervisor reads so
	// that it also gets the runtime's report of a crash.
	router     *router
	stderrPipe *outputPipe
	once       sync.Once
	// importsRestored is set once the session's imports ran in this
	// worker. Only the goroutine running cells reads or writes it.
	importsRestored bool
}

func startWorker(opts SupervisorOptions, log *slog.Logger) (*workerProcess, error) {
	var pipes [3][2]*os.File // request, reply and stderr pipes: read and write ends
	for i := range pipes {
		r, w, err := os.Pipe()
		if err != nil {
			closeAll(pipes[:i])
			return nil, fmt.Errorf("interp: creating a pipe for the worker failed: %w", err)
		}
		pipes[i] = [2]*os.File{r, w}
	}
	reqR, reqW := pipes[0][0], pipes[0][1]
	repR, repW := pipes[1][0], pipes[1][1]
	errR, errW := pipes[2][0], pipes[2][1]

	cmd := exec.Command(opts.WorkerPath, opts.WorkerArgs...)
	// Goroutine dumps in the runtime's report of a panic would show
	// yaegi's internals, not the cell's code, so the worker omits them.
	// The report of a fatal error, such as a stack overflow, keeps them.
	cmd.Env = append(append([]string(nil), opts.Env...), "GOTRACEBACK=none")
	cmd.ExtraFiles = []*os.File{reqR, repW} // fds 3 and 4
	tail := &stderrTail{}
	cmd.Stdout = tail // the worker's diagnostics
	cmd.Stderr = errW
	cmd.WaitDelay = time.Second
	setParentDeathSignal(cmd)
	err := cmd.Start()
	reqR.Close()
	repW.Close()
	errW.Close()
	if err != nil {
		reqW.Close()
		repR.Close()
		errR.Close()
		return nil, fmt.Errorf("interp: starting the worker %s failed: %w", opts.WorkerPath, err)
	}
	p := &workerProcess{
		cmd:     cmd,
		req:     &frameWriter{w: reqW},
		reqFile: reqW,
		replies: make(chan reply, 64),
		exited:  make(chan struct{}),
		stderr:  tail,
		router:  newRouter(log, defaultOutputLimit),
	}
	p.router.tap = func(_ string, data []byte) { tail.Write(data) }
	p.router.holdFrom = isCrashStart
	p.stderrPipe = &outputPipe{name: "stderr", r: errR}
	p.router.start(p.stderrPipe)
	go p.readReplies(repR)
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()

	select {
	case r, ok := <-p.replies:
		if ok && r.Type == "ready" {
			log.Info("worker started", "pid", cmd.Process.Pid)
			return p, nil
		}
	case <-time.After(startTimeout):
	}
	p.kill()
	<-p.exited
	return nil, fmt.Errorf("interp: the worker %s did not start (%s): %s",
		opts.WorkerPath, p.exitStatus(), strings.Join(p.stderr.crashLines(), " | "))
}

func (p *workerProcess) readReplies(r io.ReadCloser) {
	defer close(p.replies)
	defer r.Close()
	for {
		var rep reply
		if err := readFrame(r, &rep); err != nil {
			return
		}
		p.replies <- rep
	}
}

func (p *workerProcess) send(req request) error {
	return p.req.write(req)
}

// kill ends the worker and its process group, once.
func (p *workerProcess) kill() {
	p.once.Do(func() {
		p.reqFile.Close()
		killProcessGroup(p.cmd)
	})
}

// exitStatus describes how the worker ended; call it after p.exited.
func (p *workerProcess) exitStatus() string {
	select {
	case <-p.exited:
	default:
		return "still running"
	}
	if p.waitErr == nil {
		return "exit status 0"
	}
	return p.waitErr.Error()
}

func closeAll(pipes [][2]*os.File) {
	for _, p := range pipes {
		p[0].Close()
		p[1].Close()
	}
}

// lockedOutput serializes the calls to a cell's output, which come from
// the reply loop and from the stderr router.
type lockedOutput struct {
	mu  sync.Mutex
	out kernel.CellOutput
}

func (o *lockedOutput) Stream(name, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.out.Stream(name, text)
}

func (o *lockedOutput) Display(d display.Data, displayID string, update bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.out.Display(d, displayID, update)
}

// Input is not locked, because the front end may take minutes to reply.
func (o *lockedOutput) Input(prompt string, password bool) (string, error) {
	return o.out.Input(prompt, password)
}
