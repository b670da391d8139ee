package interp

import (
	"strings"
	"sync"
	"testing"

	"fastgo/kernel"
	"fastgo/stdlib/display"
)

// recorder is a kernel.CellOutput that keeps what a cell sends, in order.
type recorder struct {
	mu     sync.Mutex
	events []event
}

type event struct {
	kind string // "stdout", "stderr", "display" or "update"
	text string
	data display.Data
	id   string
}

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := len(r.events); n > 0 && r.events[n-1].kind == name {
		r.events[n-1].text += text
		return
	}
	r.events = append(r.events, event{kind: name, text: text})
}

func (r *recorder) Display(d display.Data, displayID string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	kind := "display"
	if update {
		kind = "update"
	}
	r.events = append(r.events, event{kind: kind, data: d, id: displayID})
}

func (r *recorder) Input(prompt string, password bool) (string, error) {
	return "", kernel.ErrStdinNotAllowed
}

// text returns everything sent on stream name.
func (r *recorder) text(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, e := range r.events {
		if e.kind == name {
			b.WriteString(e.text)
		}
	}
	return b.String()
}

// newTestInterpreter returns an in-process interpreter closed at the end
// of the test.
func newTestInterpreter(t *testing.T) *Interpreter {
	t.Helper()
	in, err := New(Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { in.Close() })
	return in
}

// resultText returns the text/plain of a cell's value, or "" without one.
func resultText(res kernel.CellResult) string {
	if res.Value == nil {
		return ""
	}
	s, _ := res.Value.Data[display.MIMEText].(string)
	return s
}
