package interp

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// positionRE matches a "line:col:" position as yaegi writes it, with or
// without its source name "_.go:".
var positionRE = regexp.MustCompile(`(?:_\.go:)?(\d+):(\d+):`)

// mapPositions rewrites the positions in yaegi's message msg into cell
// positions, one line up (see [source]). A position on line 1 is in
// yaegi's wrapper and is left as it is.
func mapPositions(msg string) string {
	return positionRE.ReplaceAllStringFunc(msg, func(m string) string {
		sub := positionRE.FindStringSubmatch(m)
		line, _ := strconv.Atoi(sub[1])
		if line > 1 {
			line--
		}
		return strconv.Itoa(line) + ":" + sub[2] + ":"
	})
}

// panicLineRE matches the call positions yaegi writes to its Stderr when
// interpreted code panics, such as "1:35: panic: main.inner(...)".
var panicLineRE = regexp.MustCompile(`^(?:_\.go:)?\d+:\d+: panic`)

// panicFilter is yaegi's Stderr. It keeps the panic positions of the
// running cell for its traceback and passes every other write, such as
// log.Println output, to the cell's stderr.
type panicFilter struct {
	out *os.File

	mu    sync.Mutex
	lines []string
}

func (f *panicFilter) Write(p []byte) (int, error) {
	if panicLineRE.Match(p) {
		f.mu.Lock()
		f.lines = append(f.lines, strings.TrimRight(string(p), "\n"))
		f.mu.Unlock()
		return len(p), nil
	}
	return f.out.Write(p)
}

// begin drops the positions of the previous cell.
func (f *panicFilter) begin() { f.take() }

// take returns the panic positions seen so far and clears them.
func (f *panicFilter) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	lines := f.lines
	f.lines = nil
	return lines
}
