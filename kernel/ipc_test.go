package kernel

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

func TestKernelOverIPC(t *testing.T) {
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
}
