package hostile

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"fastgo/kernel"
)

// TestMalformedMessagesDropped sends messages that the kernel must drop
// before acting on them. It checks that each is logged with its reason and
// gets no reply, and that the kernel replies to the next valid request.
func TestMalformedMessagesDropped(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	tests := []struct {
		name string
		// frames builds the message; msgID is "" when it has no header.
		frames func() (msgID string, frames [][]byte)
		// logged is what the kernel's "dropped a message" line contains.
		logged string
	}{
		{
			name: "bad signature",
			frames: func() (string, [][]byte) {
				id, f := p.signed("execute_request", `{"code": "panic(1)"}`)
				f[1] = []byte("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
				return id, f
			},
			logged: "signature does not match",
		},
		{
			name: "signature of other content",
			frames: func() (string, [][]byte) {
				id, f := p.signed("execute_request", `{"code": "1"}`)
				f[5] = []byte(`{"code": "panic(2)"}`)
				return id, f
			},
			logged: "signature does not match",
		},
		{
			name: "missing signature",
			frames: func() (string, [][]byte) {
				id, f := p.signed("execute_request", `{"code": "panic(3)"}`)
				f[1] = []byte{}
				return id, f
			},
			logged: "signature is missing",
		},
		{
			name: "truncated after header",
			frames: func() (string, [][]byte) {
				id, f := p.signed("kernel_info_request", "{}")
				return id, f[:3]
			},
			logged: "fewer than 5 frames",
		},
		{
			name: "no delimiter",
			frames: func() (string, [][]byte) {
				id, f := p.signed("kernel_info_request", "{}")
				return id, f[1:]
			},
			logged: "no <IDS|MSG> delimiter",
		},
		{
			name: "signed header not JSON",
			frames: func() (string, [][]byte) {
				_, f := p.signed("kernel_info_request", "{}")
				f[2] = []byte(`{"msg_id": "x", "msg_type": `)
				f[1] = p.sign(f[2:6])
				return "", f
			},
			logged: "invalid message header",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := k.log.countLog("dropped a message", tt.logged)
			id, frames := tt.frames()
			p.send(t, "shell", frames)
			k.log.waitCount(t, before+1, "dropped a message", "channel=shell", tt.logged)
			if after := k.log.countLog("dropped a message", tt.logged); after != before+1 {
				t.Errorf("log has %d new drop lines for %q, want 1", after-before, tt.logged)
			}
			if id != "" {
				p.noReply(t, "shell", id)
			}
			p.kernelInfoWorks(t)
		})
	}
	// None of the unsigned cells above may have run.
	k.execute(t, "1 + 1", "2")
	if n := k.log.countLog("panic"); n != 0 {
		t.Errorf("kernel log has %d lines about a panic: an unsigned cell ran", n)
	}
}

// TestInvalidContentAnswered sends signed requests whose content is not
// what the message type needs, and checks that each gets an error reply
// and that the next cell runs.
func TestInvalidContentAnswered(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	tests := []struct {
		name      string
		msgType   string
		content   string
		replyType string
	}{
		{"execute content not JSON", "execute_request", `{"code": "1`, "execute_reply"},
		{"execute code not a string", "execute_request", `{"code": 7}`, "execute_reply"},
		{"execute content an array", "execute_request", `[1, 2]`, "execute_reply"},
		{"complete content not JSON", "complete_request", `{`, "complete_reply"},
		{"inspect cursor not a number", "inspect_request", `{"code": "x", "cursor_pos": "a"}`, "inspect_reply"},
		{"is_complete content null", "is_complete_request", `nul`, "is_complete_reply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, frames := p.signed(tt.msgType, tt.content)
			p.send(t, "shell", frames)
			msgType, content := p.reply(t, "shell", id)
			if msgType != tt.replyType {
				t.Errorf("reply type = %q, want %q", msgType, tt.replyType)
			}
			if content["status"] != "error" {
				t.Errorf("reply status = %v, want error", content["status"])
			}
			k.log.waitLog(t, "rejected a request with invalid content", "msg_id="+id)
		})
	}
	k.execute(t, "x := 20\nx * 2", "40")
}

// TestUnknownTypeIgnored checks that a signed request of a type the kernel
// does not serve is logged and ignored, and that the kernel replies to the
// next request.
func TestUnknownTypeIgnored(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	for _, msgType := range []string{"frobnicate_request", "", "execute_reply", "apply_request"} {
		t.Run("type "+msgType, func(t *testing.T) {
			id, frames := p.signed(msgType, "{}")
			p.send(t, "shell", frames)
			k.log.waitLog(t, "ignored a message of unknown type", "msg_id="+id)
			p.noReply(t, "shell", id)
			p.kernelInfoWorks(t)
		})
	}
}

// TestReplayRejected sends a signed execute_request twice, byte for byte.
// The kernel must run it once and drop the copy, logging it.
func TestReplayRejected(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	k.execute(t, "var counter int", "")
	id, frames := p.signed("execute_request", `{"code": "counter++\ncounter", "silent": false}`)
	p.send(t, "shell", frames)
	if msgType, content := p.reply(t, "shell", id); msgType != "execute_reply" || content["status"] != "ok" {
		t.Fatalf("first send: reply %s with status %v, want execute_reply ok", msgType, content["status"])
	}
	p.send(t, "shell", frames)
	k.log.waitLog(t, "dropped a message", "msg_id="+id, "replayed")
	p.noReply(t, "shell", id)
	k.execute(t, "counter", "1")
}

// TestWrongChannel sends requests on a channel that does not serve them.
// The kernel drops shell requests sent on control with a log line, because
// they must not run concurrently with the shell's cells. Stdin drops
// anything but an input_reply to a pending input_request.
func TestWrongChannel(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	tests := []struct {
		name    string
		channel string
		msgType string
		content string
		logged  string
	}{
		{"execute on control", "control", "execute_request", `{"code": "marker := 1"}`, "not served on control"},
		{"complete on control", "control", "complete_request", `{"code": "fm", "cursor_pos": 2}`, "not served on control"},
		{"execute on stdin", "stdin", "execute_request", `{"code": "marker := 2"}`, "unexpected type on stdin"},
		{"input_reply unrequested", "stdin", "input_reply", `{"value": "x"}`, "no pending input_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, frames := p.signed(tt.msgType, tt.content)
			p.send(t, tt.channel, frames)
			k.log.waitLog(t, tt.logged, "msg_id="+id)
			p.noReply(t, tt.channel, id)
			p.kernelInfoWorks(t)
		})
	}
	// The misdirected cells did not run, so marker is undefined.
	if e := k.executeError(t, "marker"); !strings.Contains(e.Value, "undefined") {
		t.Errorf("cell error = %s: %s, want an undefined marker", e.Name, e.Value)
	}
}

// executeError runs code and returns the cell's error, failing the test
// when the cell succeeds.
func (k *testKernel) executeError(t *testing.T, code string) *kernel.CellError {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), replyTimeout)
	defer cancel()
	ex, err := k.client.Execute(ctx, code, kernel.ExecuteOptions{})
	if err != nil {
		t.Fatalf("execute %q: %v", code, err)
	}
	if ex.Error == nil {
		t.Fatalf("execute %q: cell succeeded with %q, want an error", code, resultText(ex))
	}
	return ex.Error
}

// TestClientVanishesMidRequest sends a slow cell from a client that closes
// its sockets before the reply, and checks that the kernel finishes the
// cell and serves the next client.
func TestClientVanishesMidRequest(t *testing.T) {
	// Debug logging records each received message, so the test can close
	// the client once the kernel has the request.
	k := startKernelEnv(t, []string{"FASTGO_KERNEL_DEBUG=1"})
	gone := dialRaw(t, k)
	id, frames := gone.signedExec("import \"time\"\ntime.Sleep(time.Second)\nvanished := 7\nvanished")
	gone.send(t, "shell", frames)
	k.log.waitLog(t, "msg=received", "msg_id="+id)
	gone.close()

	// The cell ran to its end: its variable exists in the next cell.
	k.execute(t, "vanished * 6", "42")
	p := dialRaw(t, k)
	p.kernelInfoWorks(t)
	// The kernel sent a reply to each cell, the one to the gone client too.
	if n := k.log.countLog("msg=sending", "msg_type=execute_reply"); n != 2 {
		t.Errorf("kernel logged %d execute_reply sends, want 2", n)
	}
}

// signedExec returns the frames of a signed execute_request for code.
func (p *rawPeer) signedExec(code string) (string, [][]byte) {
	raw, _ := json.Marshal(map[string]any{"code": code})
	return p.signed("execute_request", string(raw))
}

// TestFuzzCrasherCells runs the cells that crashed the cell splitter under
// fuzzing, and checks that each fails as a cell error while the worker
// and its variables survive.
func TestFuzzCrasherCells(t *testing.T) {
	k := startKernel(t)
	k.execute(t, "kept := 42", "")
	worker := k.workerPid(t)
	for _, code := range []string{"(00000(0A00000000000"} {
		t.Run(code, func(t *testing.T) {
			e := k.executeError(t, code)
			if e.Name == "WorkerDied" {
				t.Errorf("cell %q killed the worker: %s", code, e.Value)
			}
			k.execute(t, "kept", "42")
			if now := k.workerPid(t); now != worker {
				t.Errorf("worker pid changed from %d to %d", worker, now)
			}
		})
	}
}
