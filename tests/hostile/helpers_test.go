// Package hostile drives the real fastgo binary with malformed, unsigned,
// oversize and misdirected messages and with process and disk faults. It
// checks that the kernel replies to or drops each one, logs it, and keeps
// serving valid requests.
package hostile

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fastgo/kernel"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"
)

// fastgoBin is the fastgo binary that TestMain builds for this run.
var fastgoBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fastgo-hostile-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile: create a temp folder:", err)
		os.Exit(1)
	}
	fastgoBin = filepath.Join(dir, "fastgo")
	args := []string{"build", "-o", fastgoBin}
	if os.Getenv("FASTGO_TEST_RACE") != "" {
		// Build the kernel with the race detector, which then reports on
		// its stderr, in the kernel log that failing tests print.
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, "fastgo")...)
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "hostile: build fastgo:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// replyTimeout bounds the wait for a reply the kernel must send. It is
// long because the machine running the tests may be busy.
const replyTimeout = 60 * time.Second

// silenceWait is how long a test waits to check that the kernel sends no
// reply to a message it must drop.
const silenceWait = 500 * time.Millisecond

// syncBuffer collects the kernel's log lines from its stderr.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitLog waits until the log contains every one of parts on one line, and
// returns that line, or fails the test after replyTimeout.
func (b *syncBuffer) waitLog(t *testing.T, parts ...string) string {
	t.Helper()
	deadline := time.Now().Add(replyTimeout)
	for time.Now().Before(deadline) {
		for line := range strings.SplitSeq(b.String(), "\n") {
			if containsAll(line, parts) {
				return line
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("kernel log has no line with %q after %s; log:\n%s", parts, replyTimeout, b)
	return ""
}

// waitCount waits until at least want log lines contain every one of
// parts, or fails the test after replyTimeout.
func (b *syncBuffer) waitCount(t *testing.T, want int, parts ...string) {
	t.Helper()
	deadline := time.Now().Add(replyTimeout)
	for time.Now().Before(deadline) {
		if b.countLog(parts...) >= want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("kernel log has %d lines with %q after %s, want %d; log:\n%s",
		b.countLog(parts...), parts, replyTimeout, want, b)
}

// countLog returns how many log lines contain every one of parts.
func (b *syncBuffer) countLog(parts ...string) int {
	n := 0
	for line := range strings.SplitSeq(b.String(), "\n") {
		if containsAll(line, parts) {
			n++
		}
	}
	return n
}

func containsAll(line string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(line, p) {
			return false
		}
	}
	return true
}

// testKernel is one "fastgo kernel" process started by kernel.Client, plus
// its log.
type testKernel struct {
	client *kernel.Client
	log    *syncBuffer
}

// startKernel starts a kernel with a random key and stops it when the test
// ends.
func startKernel(t *testing.T) *testKernel {
	t.Helper()
	return startKernelEnv(t, nil)
}

// startKernelEnv starts a kernel with extra environment variables.
func startKernelEnv(t *testing.T, env []string) *testKernel {
	t.Helper()
	logs := &syncBuffer{}
	ctx, cancel := context.WithTimeout(context.Background(), replyTimeout)
	defer cancel()
	c, err := kernel.StartClient(ctx, []string{fastgoBin, "kernel", "{connection_file}"},
		kernel.ClientOptions{Stderr: logs, Env: append(os.Environ(), env...)})
	if err != nil {
		t.Fatalf("start kernel: %v\nlog:\n%s", err, logs)
	}
	k := &testKernel{client: c, log: logs}
	t.Cleanup(func() {
		c.Close()
		if strings.Contains(logs.String(), "WARNING: DATA RACE") {
			t.Errorf("the race detector reported a data race in the kernel")
		}
		if t.Failed() {
			t.Logf("kernel log:\n%s", logs)
		}
	})
	return k
}

// execute runs code with the kernel.Client and fails the test unless the
// cell succeeds with the expected text/plain result.
func (k *testKernel) execute(t *testing.T, code, want string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), replyTimeout)
	defer cancel()
	ex, err := k.client.Execute(ctx, code, kernel.ExecuteOptions{})
	if err != nil {
		t.Fatalf("execute %q: %v", code, err)
	}
	if ex.Error != nil {
		t.Fatalf("execute %q: cell failed: %s: %s", code, ex.Error.Name, ex.Error.Value)
	}
	got := resultText(ex)
	if got != want {
		t.Fatalf("execute %q: result = %q, want %q", code, got, want)
	}
}

// resultText returns the text/plain of the execution's execute_result.
func resultText(ex *kernel.Execution) string {
	for _, o := range ex.Outputs {
		if o.Type == "execute_result" {
			s, _ := o.Data["text/plain"].(string)
			return s
		}
	}
	return ""
}

// rawPeer is a client that builds its own wire frames, so that it can
// send what a well-behaved client never would. It has a DEALER on shell,
// control and stdin, each with a fixed identity.
type rawPeer struct {
	key     []byte
	session string
	sockets map[string]zmq4.Socket
	cancel  context.CancelFunc
	replies map[string]chan [][]byte
}

// dialRaw connects a rawPeer to the kernel's shell, control and stdin.
func dialRaw(t *testing.T, k *testKernel) *rawPeer {
	t.Helper()
	return dialInfo(t, k.client.ConnectionInfo())
}

// dialInfo connects a rawPeer to the kernel of a connection file.
func dialInfo(t *testing.T, info kernel.ConnectionInfo) *rawPeer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &rawPeer{key: []byte(info.Key), session: uuid.NewString(), cancel: cancel,
		sockets: map[string]zmq4.Socket{}, replies: map[string]chan [][]byte{}}
	ports := map[string]int{"shell": info.ShellPort, "control": info.ControlPort, "stdin": info.StdinPort}
	for name, port := range ports {
		id := zmq4.SocketIdentity("raw-" + name + "-" + p.session[:8])
		s := zmq4.NewDealer(ctx, zmq4.WithID(id))
		if err := s.Dial(info.Endpoint(port)); err != nil {
			cancel()
			t.Fatalf("dial %s: %v", name, err)
		}
		p.sockets[name] = s
		ch := make(chan [][]byte, 64)
		p.replies[name] = ch
		go func() {
			for {
				msg, err := s.Recv()
				if err != nil {
					return
				}
				ch <- msg.Frames
			}
		}()
	}
	t.Cleanup(p.close)
	return p
}

func (p *rawPeer) close() {
	p.cancel()
	for _, s := range p.sockets {
		s.Close()
	}
}

// header returns a fresh header of the given type as JSON.
func (p *rawPeer) header(msgType string) (msgID string, raw []byte) {
	msgID = uuid.NewString()
	raw, _ = json.Marshal(map[string]string{
		"msg_id": msgID, "session": p.session, "username": "hostile",
		"date": time.Now().UTC().Format(time.RFC3339Nano), "msg_type": msgType, "version": "5.3",
	})
	return msgID, raw
}

// sign returns the hex HMAC-SHA256 of parts with the connection key, or
// an empty signature when the key is empty.
func (p *rawPeer) sign(parts [][]byte) []byte {
	if len(p.key) == 0 {
		return []byte{}
	}
	mac := hmac.New(sha256.New, p.key)
	for _, part := range parts {
		mac.Write(part)
	}
	return []byte(hex.EncodeToString(mac.Sum(nil)))
}

// signed returns the frames of a correctly signed request, and its msg_id.
func (p *rawPeer) signed(msgType, content string) (string, [][]byte) {
	id, header := p.header(msgType)
	parts := [][]byte{header, []byte("{}"), []byte("{}"), []byte(content)}
	frames := append([][]byte{[]byte("<IDS|MSG>"), p.sign(parts)}, parts...)
	return id, frames
}

// send sends frames as one multipart message on channel.
func (p *rawPeer) send(t *testing.T, channel string, frames [][]byte) {
	t.Helper()
	if err := p.sockets[channel].SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatalf("send on %s: %v", channel, err)
	}
}

// reply waits for the reply whose parent is msgID on channel and returns
// its type and content.
func (p *rawPeer) reply(t *testing.T, channel, msgID string) (string, map[string]any) {
	t.Helper()
	timeout := time.After(replyTimeout)
	for {
		select {
		case frames := <-p.replies[channel]:
			msgType, parentID, content := p.parse(t, frames)
			if parentID == msgID {
				return msgType, content
			}
		case <-timeout:
			t.Fatalf("no reply to %s on %s within %s", msgID, channel, replyTimeout)
		}
	}
}

// noReply fails the test if a reply to msgID arrives on channel within
// silenceWait.
func (p *rawPeer) noReply(t *testing.T, channel, msgID string) {
	t.Helper()
	timeout := time.After(silenceWait)
	for {
		select {
		case frames := <-p.replies[channel]:
			msgType, parentID, _ := p.parse(t, frames)
			if parentID == msgID {
				t.Fatalf("kernel sent %s to a message it must drop", msgType)
			}
		case <-timeout:
			return
		}
	}
}

// parse checks a reply's signature and returns its type, parent msg_id and
// content.
func (p *rawPeer) parse(t *testing.T, frames [][]byte) (msgType, parentID string, content map[string]any) {
	t.Helper()
	if len(frames) < 6 || string(frames[0]) != "<IDS|MSG>" {
		t.Fatalf("reply has %d frames and no leading delimiter", len(frames))
	}
	if !hmac.Equal(frames[1], p.sign(frames[2:6])) {
		t.Fatalf("reply signature %q does not match its frames", frames[1])
	}
	var header, parent struct {
		MsgID   string `json:"msg_id"`
		MsgType string `json:"msg_type"`
	}
	if err := json.Unmarshal(frames[2], &header); err != nil {
		t.Fatalf("reply header is not JSON: %v", err)
	}
	_ = json.Unmarshal(frames[3], &parent)
	if err := json.Unmarshal(frames[5], &content); err != nil {
		t.Fatalf("reply content is not JSON: %v", err)
	}
	return header.MsgType, parent.MsgID, content
}

// kernelInfoWorks fails the test unless a signed kernel_info_request on
// shell gets its reply.
func (p *rawPeer) kernelInfoWorks(t *testing.T) {
	t.Helper()
	id, frames := p.signed("kernel_info_request", "{}")
	p.send(t, "shell", frames)
	if msgType, _ := p.reply(t, "shell", id); msgType != "kernel_info_reply" {
		t.Fatalf("reply type = %q, want kernel_info_reply", msgType)
	}
}

// children returns the pids whose parent is pid, from /proc.
func children(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The parent pid is the second field after the ")" that ends the
		// command name.
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			pids = append(pids, child)
		}
	}
	return pids
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}
