package interp

import (
	"bytes"
	"strings"
	"sync"
)

// stderrKeep is how much of the worker's stderr is kept per cell. The Go
// runtime writes the cause of a crash first, before goroutine dumps that
// can be megabytes long.
const stderrKeep = 64 << 10

// stderrTail keeps the start of what the worker wrote to its stderr during
// the current cell.
type stderrTail struct {
	mu  sync.Mutex
	buf []byte
}

func (t *stderrTail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := stderrKeep - len(t.buf); room > 0 {
		t.buf = append(t.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (t *stderrTail) reset() {
	t.mu.Lock()
	t.buf = nil
	t.mu.Unlock()
}

// crashLines returns the lines that state why the worker died: from the
// first "panic:", "fatal error:" or "runtime:" line to the next blank
// line, at most 10 of them. Without such a line, it returns the last 5
// lines written.
func (t *stderrTail) crashLines() []string {
	t.mu.Lock()
	text := string(bytes.ReplaceAll(t.buf, syncMarker, nil))
	t.mu.Unlock()
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, line := range lines {
		if isCrashStart(line) {
			return paragraph(lines[i:])
		}
	}
	var out []string
	for _, l := range lines[max(len(lines)-5, 0):] {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// paragraph returns the lines before the first blank one, at most 10.
func paragraph(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.TrimSpace(l) == "" || len(out) == 10 {
			break
		}
		out = append(out, l)
	}
	return out
}

func isCrashStart(line string) bool {
	for _, p := range []string{"panic: ", "fatal error: ", "runtime: "} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}
