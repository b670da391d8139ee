package kernel

import (
	"log/slog"
	"runtime"
	"strings"
	"time"

	"fastgo/internal/idlemem"
)

// levelWire is the log level of every message sent and received.
const levelWire = slog.LevelDebug

// enqueueShell verifies shell messages and queues them for the shell
// goroutine, stamped with their arrival time.
func (k *Kernel) enqueueShell(in <-chan received) {
	for {
		select {
		case r := <-in:
			m := k.decode(k.socks.shell, r)
			if m == nil {
				continue
			}
			select {
			case k.queue <- queued{msg: m, arrived: time.Now()}:
			case <-k.stopped:
				return
			}
		case <-k.stopped:
			return
		}
	}
}

// runShell handles shell requests one at a time, in arrival order.
func (k *Kernel) runShell() {
	// Like the worker, the kernel returns memory to the system once
	// requests stop: freed heap pages, which the runtime's background
	// scavenger would return only gradually, and the pages of the
	// executable that start-up faulted in.
	idle := time.NewTimer(idleRelease)
	defer idle.Stop()
	releaseFailed := false
	for {
		select {
		case q := <-k.queue:
			idle.Stop()
			k.handle(k.socks.shell, q)
			idle.Reset(idleRelease)
		case <-idle.C:
			unmapped, err := idlemem.Release()
			if err != nil && !releaseFailed {
				releaseFailed = true
				k.log.Warn("returning idle memory to the system failed, and later failures will not be logged", "err", err)
			}
			k.log.Debug("returned idle memory to the system", "executable_bytes_unmapped", unmapped)
		case <-k.stopped:
			return
		}
	}
}

// idleRelease is how long the shell waits without a request before the
// kernel returns free memory to the system.
const idleRelease = 500 * time.Millisecond

// controlTypes are the requests served on the control channel. They do
// not call the evaluator, apart from Interrupt, which may run at any time.
var controlTypes = map[string]bool{
	"interrupt_request":   true,
	"shutdown_request":    true,
	"kernel_info_request": true,
}

// serveControl handles control requests as they arrive, concurrently with
// the shell goroutine, so interrupt and shutdown work while a cell runs.
func (k *Kernel) serveControl(in <-chan received) {
	for {
		select {
		case r := <-in:
			m := k.decode(k.socks.control, r)
			if m == nil {
				continue
			}
			if !controlTypes[m.Type()] {
				// Running a shell request here would call the evaluator
				// concurrently with the shell goroutine's cell.
				k.log.Warn("ignored a request not served on control: send it on shell",
					"msg_type", m.Type(), "msg_id", m.Header.MsgID)
				continue
			}
			k.handle(k.socks.control, queued{msg: m, arrived: time.Now()})
		case <-k.stopped:
			return
		}
	}
}

// handle runs the handler of one request between status busy and idle
// messages, as the protocol requires for every request.
func (k *Kernel) handle(c *channel, q queued) {
	m := q.msg
	k.publishStatus("busy", m)
	switch m.Type() {
	case "execute_request":
		k.handleExecute(c, q)
	case "kernel_info_request":
		k.reply(c, m, "kernel_info_reply", k.kernelInfo())
	case "is_complete_request":
		k.handleIsComplete(c, m)
	case "complete_request":
		k.handleComplete(c, m)
	case "inspect_request":
		k.handleInspect(c, m)
	case "history_request":
		k.handleHistory(c, m)
	case "comm_info_request":
		k.reply(c, m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
	case "comm_open":
		k.handleCommOpen(m)
	case "comm_msg", "comm_close":
		k.log.Debug("ignored a message for a comm the kernel does not have", "msg_type", m.Type(), "msg_id", m.Header.MsgID)
	case "interrupt_request":
		k.Interrupt()
		k.reply(c, m, "interrupt_reply", map[string]any{"status": "ok"})
	case "shutdown_request":
		k.handleShutdown(c, m)
	default:
		k.logUnknown(c, m)
	}
	k.publishStatus("idle", m)
	if m.Type() == "shutdown_request" {
		k.stop()
	}
}

// logUnknown logs an ignored message of unknown type: at Warn the first
// time, then at Debug, because front-end extensions may poll with
// requests the kernel does not know.
func (k *Kernel) logUnknown(c *channel, m *Message) {
	level := slog.LevelDebug
	if _, seen := k.unknownTypes.LoadOrStore(m.Type(), true); !seen {
		level = slog.LevelWarn
	}
	k.log.Log(k.sockCtx, level, "ignored a message of unknown type", "channel", c.name,
		"msg_type", m.Type(), "msg_id", m.Header.MsgID)
}

// kernelInfo returns the content of a kernel_info_reply.
func (k *Kernel) kernelInfo() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         "fastgo",
		"implementation_version": k.opts.Version,
		"language_info": map[string]any{
			"name":            "go",
			"version":         strings.TrimPrefix(runtime.Version(), "go"),
			"mimetype":        "text/x-go",
			"file_extension":  ".go",
			"pygments_lexer":  "go",
			"codemirror_mode": "go",
		},
		"banner":     k.opts.Banner,
		"help_links": k.helpLinks(),
	}
}

func (k *Kernel) helpLinks() []map[string]string {
	links := []map[string]string{
		{"text": "Go documentation", "url": "https://go.dev/doc/"},
		{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
		{"text": "gonum", "url": "https://pkg.go.dev/gonum.org/v1/gonum"},
	}
	if k.opts.ReadmeURL != "" {
		links = append(links, map[string]string{"text": "fastgo README", "url": k.opts.ReadmeURL})
	}
	return links
}

func (k *Kernel) handleIsComplete(c *channel, m *Message) {
	var req struct {
		Code string `json:"code"`
	}
	if err := m.DecodeContent(&req); err != nil {
		k.replyError(c, m, "is_complete_reply", err)
		return
	}
	status, indent := k.eval.IsComplete(req.Code)
	content := map[string]any{"status": status}
	if status == "incomplete" {
		content["indent"] = indent
	}
	k.reply(c, m, "is_complete_reply", content)
}

func (k *Kernel) handleComplete(c *channel, m *Message) {
	var req struct {
		Code      string `json:"code"`
		CursorPos *int   `json:"cursor_pos"`
	}
	if err := m.DecodeContent(&req); err != nil {
		k.replyError(c, m, "complete_reply", err)
		return
	}
	cursor := runeCount(req.Code)
	if req.CursorPos != nil {
		cursor = *req.CursorPos
	}
	comp := k.eval.Complete(req.Code, cursor)
	types := make([]map[string]any, 0, len(comp.Types))
	for _, match := range comp.Matches {
		if t, ok := comp.Types[match]; ok {
			types = append(types, map[string]any{"text": match, "type": t,
				"start": comp.CursorStart, "end": comp.CursorEnd})
		}
	}
	matches := comp.Matches
	if matches == nil {
		matches = []string{}
	}
	k.reply(c, m, "complete_reply", map[string]any{
		"status":       "ok",
		"matches":      matches,
		"cursor_start": comp.CursorStart,
		"cursor_end":   comp.CursorEnd,
		"metadata":     map[string]any{"_jupyter_types_experimental": types},
	})
}

func (k *Kernel) handleInspect(c *channel, m *Message) {
	var req struct {
		Code        string `json:"code"`
		CursorPos   *int   `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	if err := m.DecodeContent(&req); err != nil {
		k.replyError(c, m, "inspect_reply", err)
		return
	}
	cursor := runeCount(req.Code)
	if req.CursorPos != nil {
		cursor = *req.CursorPos
	}
	in := k.eval.Inspect(req.Code, cursor, req.DetailLevel)
	data := in.Data
	if data == nil {
		data = map[string]any{}
	}
	k.reply(c, m, "inspect_reply", map[string]any{
		"status":   "ok",
		"found":    in.Found,
		"data":     data,
		"metadata": map[string]any{},
	})
}

// handleCommOpen replies to a comm_open with comm_close, because the kernel
// registers no comm targets.
func (k *Kernel) handleCommOpen(m *Message) {
	var req struct {
		CommID     string `json:"comm_id"`
		TargetName string `json:"target_name"`
	}
	if err := m.DecodeContent(&req); err != nil {
		k.log.Warn("dropped an invalid comm_open", "msg_id", m.Header.MsgID, "err", err)
		return
	}
	k.log.Info("closing a comm with an unknown target", "target_name", req.TargetName, "comm_id", req.CommID)
	k.publish("comm_close", m, map[string]any{"comm_id": req.CommID, "data": map[string]any{}})
}

func (k *Kernel) handleShutdown(c *channel, m *Message) {
	var req struct {
		Restart bool `json:"restart"`
	}
	if err := m.DecodeContent(&req); err != nil {
		k.log.Warn("shutdown_request content is invalid, shutting down anyway", "msg_id", m.Header.MsgID, "err", err)
	}
	content := map[string]any{"status": "ok", "restart": req.Restart}
	k.log.Info("shutdown requested", "restart", req.Restart, "msg_id", m.Header.MsgID)
	k.reply(c, m, "shutdown_reply", content)
	k.publish("shutdown_reply", m, content)
}

// replyError sends an error reply for a request whose content is invalid.
func (k *Kernel) replyError(c *channel, m *Message, msgType string, err error) {
	k.log.Warn("rejected a request with invalid content", "msg_type", m.Type(), "msg_id", m.Header.MsgID, "err", err)
	k.reply(c, m, msgType, map[string]any{
		"status":    "error",
		"ename":     "InvalidRequest",
		"evalue":    err.Error(),
		"traceback": []string{err.Error()},
	})
}

func runeCount(s string) int { return len([]rune(s)) }
