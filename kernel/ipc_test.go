package kernel

import (
	"context"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

func TestKernelOverIPC(t *testing.T) {
	goroutinesBefore := countGoroutines()
	info := ConnectionInfo{Transport: "ipc", IP: filepath.Join(t.TempDir(), "kernel"),
		ShellPort: 1, ControlPort: 2, IOPubPort: 3, StdinPort: 4, HBPort: 5,
		SignatureScheme: "hmac-sha256", Key: "ipc-key"}
	k, err := New(info, newScriptEvaluator(), Options{Logger: slog.New(slog.DiscardHandler), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()

	shell := zmq4.NewDealer(ctx)
	defer shell.Close()
	if err := shell.Dial(info.Endpoint(info.ShellPort)); err != nil {
		t.Fatal(err)
	}
	s := signer{key: []byte(info.Key)}
	req := newMessage("kernel_info_request", "ipc-client", nil, map[string]any{})
	if err := shell.SendMulti(zmq4.NewMsgFrom(s.encode(req)...)); err != nil {
		t.Fatal(err)
	}
	msg, err := shell.Recv()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.decode(msg.Frames)
	if err != nil {
		t.Fatalf("decode reply: %v", err)
	}
	if rep.Type() != "kernel_info_reply" || rep.Parent().MsgID != req.Header.MsgID {
		t.Errorf("reply %s to %s, want kernel_info_reply to %s", rep.Type(), rep.Parent().MsgID, req.Header.MsgID)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return 10 s after its context ended")
	}

	// Every goroutine of the kernel and the client socket ends after Run.
	shell.Close()
	deadline := time.Now().Add(5 * time.Second)
	for countGoroutines() > goroutinesBefore && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := countGoroutines(); n > goroutinesBefore {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after Run, %d before:\n%s", n, goroutinesBefore, buf[:runtime.Stack(buf, true)])
	}
}

// countGoroutines counts the running goroutines except the send loop of
// zmq4 PUB sockets.
// NOTE: zmq4 v0.17.0 never stops that loop, because the PUB socket's
// Close leaves its writer open, so each closed PUB socket leaks it.
func countGoroutines() int {
	buf := make([]byte, 1<<20)
	stacks := strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n")
	n := 0
	for _, stack := range stacks {
		if !strings.Contains(stack, "zmq4.(*pubMWriter).run") {
			n++
		}
	}
	return n
}
