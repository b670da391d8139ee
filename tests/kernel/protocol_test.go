package kerneltests

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func TestProtocolWithJupyterClient(t *testing.T) {
	report := protocolReport(t)

	t.Run("kernel_info", func(t *testing.T) {
		ex := decode[exchange](t, report, "kernel_info")
		c := ex.Reply.Content
		lang, _ := c["language_info"].(map[string]any)
		checks := []struct{ name, got, want string }{
			{"protocol_version", fmt.Sprint(c["protocol_version"]), "5.3"},
			{"implementation", fmt.Sprint(c["implementation"]), "fastgo"},
			{"language name", fmt.Sprint(lang["name"]), "go"},
			{"language version", fmt.Sprint(lang["version"]), strings.TrimPrefix(runtime.Version(), "go")},
			{"mimetype", fmt.Sprint(lang["mimetype"]), "text/x-go"},
			{"file_extension", fmt.Sprint(lang["file_extension"]), ".go"},
			{"iopub", ex.types(), "status status"},
		}
		for _, ck := range checks {
			if ck.got != ck.want {
				t.Errorf("%s = %q, want %q", ck.name, ck.got, ck.want)
			}
		}
		if links, _ := c["help_links"].([]any); len(links) < 2 {
			t.Errorf("help_links = %v, want the Go docs and the README", c["help_links"])
		}
	})

	t.Run("execute value", func(t *testing.T) {
		ex := decode[exchange](t, report, "value")
		if got := ex.types(); got != "status execute_input execute_result status" {
			t.Errorf("iopub = %q, want busy, execute_input, execute_result, idle", got)
		}
		data, _ := ex.first("execute_result")["data"].(map[string]any)
		if data["text/plain"] != "42" {
			t.Errorf("execute_result text/plain = %v, want 42 (x := 40; x + 2)", data["text/plain"])
		}
		if ex.Reply.Content["status"] != "ok" || ex.Reply.Content["execution_count"] != 1.0 {
			t.Errorf("reply = %v, want ok with execution_count 1", ex.Reply.Content)
		}
	})

	t.Run("execute stream", func(t *testing.T) {
		ex := decode[exchange](t, report, "stream")
		s := ex.first("stream")
		if s["name"] != "stdout" || s["text"] != "hi\n" {
			t.Errorf("stream = %v, want stdout \"hi\\n\"", s)
		}
	})

	t.Run("compile error", func(t *testing.T) {
		ex := decode[exchange](t, report, "compile_error")
		errors := 0
		for _, m := range ex.IOPub {
			if m.MsgType == "error" {
				errors++
			}
		}
		if errors != 1 {
			t.Errorf("error outputs = %d, want 1 (iopub %q)", errors, ex.types())
		}
		if ex.Reply.Content["status"] != "error" || ex.Reply.Content["ename"] != "CompileError" {
			t.Errorf("reply = %v, want status error with ename CompileError", ex.Reply.Content)
		}
	})

	t.Run("silent", func(t *testing.T) {
		ex := decode[exchange](t, report, "silent")
		if got := ex.types(); got != "status status" {
			t.Errorf("iopub = %q, want only busy and idle", got)
		}
		if ex.Reply.Content["execution_count"] != 3.0 {
			t.Errorf("execution_count = %v, want 3, unchanged after two counted cells and one error", ex.Reply.Content["execution_count"])
		}
	})

	t.Run("store_history false", func(t *testing.T) {
		ex := decode[exchange](t, report, "no_history")
		if ex.Reply.Content["execution_count"] != 3.0 || ex.first("execute_result") == nil {
			t.Errorf("reply %v iopub %q, want count 3 and an execute_result", ex.Reply.Content, ex.types())
		}
	})

	t.Run("display and update", func(t *testing.T) {
		ex := decode[exchange](t, report, "display")
		shown, updated := ex.first("display_data"), ex.first("update_display_data")
		if shown == nil || updated == nil {
			t.Fatalf("iopub = %q, want display_data then update_display_data", ex.types())
		}
		id := func(c map[string]any) any { tr, _ := c["transient"].(map[string]any); return tr["display_id"] }
		if id(shown) == nil || id(shown) != id(updated) {
			t.Errorf("display ids %v and %v, want the same non-empty id", id(shown), id(updated))
		}
	})

	t.Run("is_complete", func(t *testing.T) {
		got := decode[map[string]map[string]any](t, report, "is_complete")
		for code, want := range map[string]string{"x := 1": "complete", "for {": "incomplete", "x := )": "invalid"} {
			if got[code]["status"] != want {
				t.Errorf("is_complete(%q) = %v, want %s", code, got[code], want)
			}
		}
	})

	t.Run("complete", func(t *testing.T) {
		c := decode[exchange](t, report, "complete").Reply.Content
		matches := fmt.Sprint(c["matches"])
		if !strings.Contains(matches, "Println") || c["cursor_start"] != 4.0 || c["cursor_end"] != 7.0 {
			t.Errorf("complete(fmt.Pri) = %v, want Println over code points 4..7", c)
		}
	})

	t.Run("inspect", func(t *testing.T) {
		c := decode[exchange](t, report, "inspect").Reply.Content
		data, _ := c["data"].(map[string]any)
		if c["found"] != true || !strings.Contains(fmt.Sprint(data["text/plain"]), "Println") {
			t.Errorf("inspect(fmt.Println) = %v, want found with its signature", c)
		}
	})

	t.Run("history", func(t *testing.T) {
		tests := []struct{ key, want string }{
			{"history_tail", "[[1 3 [y := undefinedName + 1 <nil>]] [1 4 [import \"fastgo/display\"\n"},
			{"history_range", "[[1 1 x := 40\nx + 2] [1 2 import \"fmt\"\nfmt.Println(\"hi\")]]"},
			{"history_search", "[[1 1 x := 40\nx + 2]]"},
		}
		for _, tt := range tests {
			got := fmt.Sprint(decode[exchange](t, report, tt.key).Reply.Content["history"])
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("%s = %q, want it to start with %q", tt.key, got, tt.want)
			}
		}
	})

	t.Run("comms", func(t *testing.T) {
		info := decode[exchange](t, report, "comm_info").Reply.Content
		if comms, _ := info["comms"].(map[string]any); len(comms) != 0 {
			t.Errorf("comms = %v, want none", info["comms"])
		}
		open := decode[[]iopubMsg](t, report, "comm_open")
		closed := exchange{IOPub: open}.first("comm_close")
		if closed == nil || closed["comm_id"] != "comm-1" {
			t.Errorf("iopub after comm_open = %v, want comm_close for comm-1", open)
		}
	})

	t.Run("bad signatures dropped", func(t *testing.T) {
		if !decode[bool](t, report, "bad_signature_no_reply") {
			t.Error("kernel replied to a badly signed or unsigned request")
		}
		if decode[bool](t, report, "bad_signature_iopub") {
			t.Error("kernel published iopub messages for a badly signed request")
		}
		after := decode[exchange](t, report, "after_bad_signature")
		if after.Reply.Content["ename"] != "CompileError" || !strings.Contains(fmt.Sprint(after.Reply.Content["evalue"]), "undefined: badlySigned") {
			t.Errorf("next cell = %v, want badlySigned undefined because the bad request never ran", after.Reply.Content)
		}
	})

	t.Run("unknown message type", func(t *testing.T) {
		if !decode[bool](t, report, "unknown_type_no_reply") {
			t.Error("kernel replied to an unknown message type")
		}
		if got := decode[string](t, report, "after_unknown_type"); got != "ok" {
			t.Errorf("kernel_info after it = %q, want ok", got)
		}
	})

	t.Run("heartbeat", func(t *testing.T) {
		if got := decode[string](t, report, "heartbeat"); got != "ping-42" {
			t.Errorf("heartbeat echo = %q, want ping-42", got)
		}
	})

	t.Run("stop_on_error aborts queued cells", func(t *testing.T) {
		failing := decode[exchange](t, report, "stop_on_error_failing")
		queued := decode[exchange](t, report, "stop_on_error_queued")
		after := decode[exchange](t, report, "after_abort")
		if failing.Reply.Content["ename"] != "Panic" {
			t.Errorf("failing cell = %v, want a Panic", failing.Reply.Content)
		}
		if queued.Reply.Content["status"] != "aborted" || queued.types() != "status status" {
			t.Errorf("queued cell reply %v iopub %q, want aborted with only busy and idle", queued.Reply.Content, queued.types())
		}
		if after.Reply.Content["status"] != "ok" {
			t.Errorf("cell after the abort = %v, want ok", after.Reply.Content)
		}
	})

	for _, how := range []string{"message", "signal"} {
		t.Run("interrupt by "+how, func(t *testing.T) {
			ex := decode[exchange](t, report, "interrupt_"+how)
			if ex.Reply.Content["status"] != "error" || ex.Reply.Content["ename"] != "Interrupted" {
				t.Errorf("interrupted cell = %v, want an Interrupted error", ex.Reply.Content)
			}
		})
	}

	t.Run("stdin", func(t *testing.T) {
		req := decode[map[string]any](t, report, "input_request")
		if req["msg_type"] != "input_request" || req["parent"] != true {
			t.Errorf("input_request = %v, want one with the execute_request as parent", req)
		}
		s := decode[exchange](t, report, "stdin").first("stream")
		if s["text"] != "hello gopher\n" {
			t.Errorf("stream = %v, want \"hello gopher\\n\" from the input_reply", s)
		}
		notAllowed := decode[exchange](t, report, "stdin_not_allowed")
		if notAllowed.Reply.MsgType != "execute_reply" {
			t.Errorf("cell reading stdin with allow_stdin false = %v, want a reply without input", notAllowed.Reply)
		}
	})

	t.Run("restart and shutdown", func(t *testing.T) {
		after := decode[exchange](t, report, "after_restart")
		if after.Reply.Content["execution_count"] != 1.0 {
			t.Errorf("first cell after restart has count %v, want 1", after.Reply.Content["execution_count"])
		}
		shutdown := decode[iopubMsg](t, report, "shutdown_reply")
		if shutdown.MsgType != "shutdown_reply" || shutdown.Content["status"] != "ok" {
			t.Errorf("shutdown reply = %v, want shutdown_reply ok", shutdown)
		}
		if decode[bool](t, report, "alive_after_shutdown") {
			t.Error("kernel still alive 15 s after shutdown_reply")
		}
		if code := decode[*int](t, report, "exit_code"); code == nil || *code != 0 {
			t.Errorf("kernel exit code = %v, want 0 (a clean stop)", code)
		}
	})
}
