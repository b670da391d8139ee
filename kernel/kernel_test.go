package kernel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fastgo/stdlib/display"

	"github.com/go-zeromq/zmq4"
)

// The kernel tests run the test binary itself as the kernel process, with
// scriptEvaluator in place of the interpreter, so they exercise the real
// sockets, signing and client without depending on the interp package.
const kernelProcessEnv = "FASTGO_KERNEL_TEST_PROCESS"

func TestMain(m *testing.M) {
	if os.Getenv(kernelProcessEnv) == "1" {
		os.Exit(serveTestKernel(os.Args[len(os.Args)-1]))
	}
	os.Exit(m.Run())
}

func serveTestKernel(path string) int {
	info, err := ReadConnectionFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	k, err := New(info, newScriptEvaluator(), Options{Logger: log, Version: "test"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := k.Run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// scriptEvaluator runs cells written in a tiny command language, one
// command per line:
//
//	print TEXT            stream TEXT\n to stdout
//	eprint TEXT           stream TEXT\n to stderr
//	value TEXT            end with the result TEXT
//	fail NAME VALUE       end with an error
//	wait                  block until Interrupt, then fail with Interrupted
//	input PROMPT          ask for input and print "got: " and the answer
//	display ID TEXT       display TEXT with display_id ID
//	update ID TEXT        update display ID to TEXT
//	lines N               stream N numbered lines from another goroutine
type scriptEvaluator struct {
	interrupts chan struct{}
}

func newScriptEvaluator() *scriptEvaluator {
	return &scriptEvaluator{interrupts: make(chan struct{}, 1)}
}

func (e *scriptEvaluator) Execute(code string, out CellOutput) CellResult {
	var res CellResult
	for line := range strings.SplitSeq(code, "\n") {
		cmd, arg, _ := strings.Cut(line, " ")
		switch cmd {
		case "print":
			out.Stream("stdout", arg+"\n")
		case "eprint":
			out.Stream("stderr", arg+"\n")
		case "value":
			d := display.Text(arg)
			res.Value = &d
		case "fail":
			name, value, _ := strings.Cut(arg, " ")
			return CellResult{Error: &CellError{Name: name, Value: value, Traceback: []string{name + ": " + value}}}
		case "wait":
			<-e.interrupts
			return CellResult{Error: &CellError{Name: "Interrupted", Value: "cell interrupted"}}
		case "input":
			answer, err := out.Input(arg, false)
			if err != nil {
				return CellResult{Error: &CellError{Name: "InputError", Value: err.Error()}}
			}
			out.Stream("stdout", "got: "+answer+"\n")
		case "lines":
			// Stream from other goroutines, as the interpreter's pipe
			// readers do, one after the other.
			n, _ := strconv.Atoi(arg)
			done := make(chan struct{})
			go func() {
				defer close(done)
				for i := range n {
					out.Stream("stdout", fmt.Sprintf("line %d\n", i))
				}
			}()
			<-done
		case "display", "update":
			id, text, _ := strings.Cut(arg, " ")
			out.Display(display.Text(text), id, cmd == "update")
		}
	}
	return res
}

func (e *scriptEvaluator) Complete(code string, cursor int) Completion {
	return Completion{Matches: []string{"Printf", "Println"}, CursorStart: cursor - 2, CursorEnd: cursor,
		Types: map[string]string{"Println": "function"}}
}

func (e *scriptEvaluator) Inspect(code string, cursor, detailLevel int) Inspection {
	return Inspection{Found: true, Data: map[string]any{"text/plain": fmt.Sprintf("doc at %d level %d", cursor, detailLevel)}}
}

func (e *scriptEvaluator) IsComplete(code string) (string, string) {
	if strings.HasSuffix(code, "{") {
		return "incomplete", "\t"
	}
	return "complete", ""
}

func (e *scriptEvaluator) Interrupt() {
	select {
	case e.interrupts <- struct{}{}:
	default:
	}
}

func (e *scriptEvaluator) Close() error { return nil }

// startTestKernel starts the test binary as a kernel and returns a client
// closed at the end of the test.
func startTestKernel(t *testing.T, opts ClientOptions) *Client {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	opts.Env = append(os.Environ(), kernelProcessEnv+"=1")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := StartClient(ctx, []string{exe, "-test.run=^$", "{connection_file}"}, opts)
	if err != nil {
		t.Fatalf("StartClient: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestKernelInfoReply(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	info, err := c.KernelInfo(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]any{"status": "ok", "protocol_version": "5.3", "implementation": "fastgo",
		"implementation_version": "test"}
	for key, want := range checks {
		if info[key] != want {
			t.Errorf("%s = %v, want %v", key, info[key], want)
		}
	}
	lang, _ := info["language_info"].(map[string]any)
	for key, want := range map[string]any{"name": "go", "mimetype": "text/x-go", "file_extension": ".go",
		"pygments_lexer": "go", "codemirror_mode": "go"} {
		if lang[key] != want {
			t.Errorf("language_info.%s = %v, want %v", key, lang[key], want)
		}
	}
}

func TestExecuteOutputsInOrder(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ctx := testContext(t)
	ex, err := c.Execute(ctx, "print a\neprint b\ndisplay d1 first\nupdate d1 second\nprint c\nvalue 42", ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != "ok" || ex.ExecutionCount != 1 {
		t.Errorf("status %q count %d, want ok 1", ex.Status, ex.ExecutionCount)
	}
	want := []string{"stream stdout a\n", "stream stderr b\n", "display_data d1 first",
		"update_display_data d1 second", "stream stdout c\n", "execute_result  42"}
	var got []string
	for _, o := range ex.Outputs {
		switch o.Type {
		case "stream":
			got = append(got, "stream "+o.Name+" "+o.Text)
		default:
			got = append(got, fmt.Sprintf("%s %s %v", o.Type, o.DisplayID, o.Data["text/plain"]))
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("outputs:\n got %q\nwant %q", got, want)
	}

	ex, err = c.Execute(ctx, "value 1", ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.ExecutionCount != 2 || ex.Outputs[0].ExecutionCount != 2 {
		t.Errorf("second cell count %d, result count %d, want 2 and 2", ex.ExecutionCount, ex.Outputs[0].ExecutionCount)
	}
}

func TestStreamOrderFromGoroutine(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	const n = 500
	ex, err := c.Execute(testContext(t), "lines 500\nvalue done", ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Outputs) != n+1 {
		t.Fatalf("got %d outputs, want %d streams and a result", len(ex.Outputs), n)
	}
	for i, o := range ex.Outputs[:n] {
		if want := fmt.Sprintf("line %d\n", i); o.Text != want {
			t.Fatalf("output %d = %q, want %q: streams out of order", i, o.Text, want)
		}
	}
	if ex.Outputs[n].Type != "execute_result" {
		t.Errorf("last output = %s, want execute_result after the streams", ex.Outputs[n].Type)
	}
}

func TestExecuteSilentAndNoHistory(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ctx := testContext(t)
	tests := []struct {
		name        string
		opts        ExecuteOptions
		wantCount   int
		wantOutputs int // the stream and the result, or nothing when silent
	}{
		{"silent", ExecuteOptions{Silent: true}, 0, 0},
		{"no history", ExecuteOptions{NoHistory: true}, 0, 2},
		{"normal", ExecuteOptions{}, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := c.Execute(ctx, "print x\nvalue 7", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if ex.ExecutionCount != tt.wantCount {
				t.Errorf("execution_count = %d, want %d", ex.ExecutionCount, tt.wantCount)
			}
			if len(ex.Outputs) != tt.wantOutputs {
				t.Errorf("outputs = %+v, want %d", ex.Outputs, tt.wantOutputs)
			}
		})
	}
}

func TestExecuteSilentError(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ex, err := c.Execute(testContext(t), "print x\nfail Quiet failure", ExecuteOptions{Silent: true})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != "error" || ex.Error == nil || ex.Error.Name != "Quiet" {
		t.Errorf("reply status %q error %+v, want the Quiet error in the reply", ex.Status, ex.Error)
	}
	if len(ex.Outputs) != 0 {
		t.Errorf("outputs = %+v, want none on iopub for a silent request", ex.Outputs)
	}
}

func TestStopOnErrorAbortsQueued(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ctx := testContext(t)
	first := make(chan *Execution, 1)
	go func() {
		ex, _ := c.Execute(ctx, "wait\n", ExecuteOptions{})
		first <- ex
	}()
	queued := make(chan *Execution, 1)
	time.Sleep(200 * time.Millisecond) // let the first cell start
	go func() {
		ex, _ := c.Execute(ctx, "value queued", ExecuteOptions{})
		queued <- ex
	}()
	time.Sleep(200 * time.Millisecond) // let the second request arrive
	if err := c.Interrupt(ctx); err != nil {
		t.Fatal(err)
	}
	if ex := <-first; ex == nil || ex.Status != "error" || ex.Error.Name != "Interrupted" {
		t.Fatalf("first cell = %+v, want an Interrupted error", ex)
	}
	if ex := <-queued; ex == nil || ex.Status != "aborted" || len(ex.Outputs) != 0 {
		t.Errorf("queued cell = %+v, want status aborted with no outputs", ex)
	}
	ex, err := c.Execute(ctx, "value later", ExecuteOptions{})
	if err != nil || ex.Status != "ok" {
		t.Errorf("cell after the abort = %+v, %v; want status ok", ex, err)
	}
}

func TestStdinInput(t *testing.T) {
	var mu sync.Mutex
	var prompts []string
	c := startTestKernel(t, ClientOptions{Input: func(prompt string, password bool) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		prompts = append(prompts, prompt)
		return "forty-two", nil
	}})
	ex, err := c.Execute(testContext(t), "input your answer?", ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Outputs) != 1 || ex.Outputs[0].Text != "got: forty-two\n" {
		t.Errorf("outputs = %+v, want one stream with the answer", ex.Outputs)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(prompts) != 1 || prompts[0] != "your answer?" {
		t.Errorf("prompts = %q, want [your answer?]", prompts)
	}
}

func TestStdinNotAllowed(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ex, err := c.Execute(testContext(t), "input name?", ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Error == nil || ex.Error.Value != ErrStdinNotAllowed.Error() {
		t.Errorf("error = %+v, want %q", ex.Error, ErrStdinNotAllowed)
	}
}

func TestShellRequests(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ctx := testContext(t)
	if _, err := c.Execute(ctx, "value 1", ExecuteOptions{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		msgType string
		content map[string]any
		check   func(t *testing.T, r *Reply)
	}{
		{"complete", "complete_request", map[string]any{"code": "fmt.Pr", "cursor_pos": 6}, func(t *testing.T, r *Reply) {
			if r.Content["cursor_start"] != 4.0 || r.Content["cursor_end"] != 6.0 {
				t.Errorf("cursor range %v..%v, want 4..6", r.Content["cursor_start"], r.Content["cursor_end"])
			}
			if m, _ := r.Content["matches"].([]any); len(m) != 2 {
				t.Errorf("matches = %v, want 2", r.Content["matches"])
			}
		}},
		{"inspect", "inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 5, "detail_level": 1}, func(t *testing.T, r *Reply) {
			data, _ := r.Content["data"].(map[string]any)
			if r.Content["found"] != true || data["text/plain"] != "doc at 5 level 1" {
				t.Errorf("inspect reply = %v", r.Content)
			}
		}},
		{"is_complete incomplete", "is_complete_request", map[string]any{"code": "for {"}, func(t *testing.T, r *Reply) {
			if r.Content["status"] != "incomplete" || r.Content["indent"] != "\t" {
				t.Errorf("is_complete reply = %v, want incomplete with a tab indent", r.Content)
			}
		}},
		{"history tail", "history_request", map[string]any{"hist_access_type": "tail", "n": 5, "output": true}, func(t *testing.T, r *Reply) {
			h, _ := r.Content["history"].([]any)
			if len(h) != 1 || fmt.Sprint(h[0]) != "[1 1 [value 1 1]]" {
				t.Errorf("history = %v, want [[1 1 [value 1 1]]]", h)
			}
		}},
		{"comm_info", "comm_info_request", map[string]any{}, func(t *testing.T, r *Reply) {
			if comms, _ := r.Content["comms"].(map[string]any); r.Content["status"] != "ok" || len(comms) != 0 {
				t.Errorf("comm_info reply = %v, want ok with no comms", r.Content)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := c.Request(ctx, "shell", tt.msgType, tt.content)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSuffix(tt.msgType, "_request") + "_reply"; r.Msg.Type() != want {
				t.Errorf("reply type %s, want %s", r.Msg.Type(), want)
			}
			tt.check(t, r)
		})
	}
}

func TestCommOpenAnsweredWithClose(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ctx := testContext(t)
	m := newMessage("comm_open", c.session, nil, map[string]any{"comm_id": "c1", "target_name": "nothing", "data": map[string]any{}})
	p := &pendingRequest{reply: make(chan *Message, 1), iopub: make(chan *Message, 16)}
	c.mu.Lock()
	c.pending[m.Header.MsgID] = p
	c.mu.Unlock()
	if err := c.sendOn("shell", m); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case msg := <-p.iopub:
			if msg.Type() == "comm_close" {
				if !strings.Contains(string(msg.Content), `"comm_id":"c1"`) {
					t.Errorf("comm_close content %s, want comm_id c1", msg.Content)
				}
				return
			}
			if isStatus(msg, "idle") {
				t.Fatal("kernel went idle without sending comm_close")
			}
		case <-ctx.Done():
			t.Fatal("no comm_close before the deadline")
		}
	}
}

func TestBadSignatureIgnored(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ctx := testContext(t)
	bad := newMessage("execute_request", c.session, nil, map[string]any{"code": "value never", "silent": false})
	p := &pendingRequest{reply: make(chan *Message, 1), iopub: make(chan *Message, 16)}
	c.mu.Lock()
	c.pending[bad.Header.MsgID] = p
	c.mu.Unlock()
	frames := signer{key: []byte("wrong key")}.encode(bad)
	if err := c.shell.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	unsigned := signer{}.encode(newMessage("kernel_info_request", c.session, nil, map[string]any{}))
	if err := c.shell.SendMulti(zmq4.NewMsgFrom(unsigned...)); err != nil {
		t.Fatal(err)
	}
	// The next valid request gets a reply, and the bad one got none.
	ex, err := c.Execute(ctx, "value after", ExecuteOptions{})
	if err != nil || ex.Status != "ok" || ex.ExecutionCount != 1 {
		t.Fatalf("valid cell after bad messages = %+v, %v; want ok with execution_count 1", ex, err)
	}
	select {
	case m := <-p.reply:
		t.Errorf("kernel replied %s to a badly signed request", m.Type())
	case m := <-p.iopub:
		t.Errorf("kernel published %s for a badly signed request", m.Type())
	default:
	}
}

func TestHeartbeatEcho(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	for i := range 3 {
		if err := c.Heartbeat(testContext(t)); err != nil {
			t.Fatalf("heartbeat %d: %v", i, err)
		}
	}
}

func TestShutdownExitsCleanly(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	if err := c.Shutdown(testContext(t), false); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.Exited():
		if err := c.ExitError(); err != nil {
			t.Errorf("kernel exit: %v, want status 0", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("kernel still running 10s after shutdown_reply")
	}
}

func TestShutdownInterruptsRunningCell(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	ctx := testContext(t)
	go c.Execute(ctx, "wait", ExecuteOptions{})
	time.Sleep(200 * time.Millisecond)
	if err := c.Shutdown(ctx, true); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.Exited():
	case <-time.After(10 * time.Second):
		t.Fatal("kernel still running 10s after shutdown_reply")
	}
}

func TestKernelDeathReported(t *testing.T) {
	c := startTestKernel(t, ClientOptions{})
	if err := c.Kill(); err != nil {
		t.Fatal(err)
	}
	_, err := c.Execute(testContext(t), "value 1", ExecuteOptions{})
	if !errors.Is(err, ErrKernelDied) {
		t.Errorf("Execute after kill: %v, want ErrKernelDied", err)
	}
}
