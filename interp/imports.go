package interp

import (
	"strings"
	"sync"

	"fastgo/interp/gosem"
	"fastgo/kernel"
	"fastgo/stdlib/display"
)

// sessionImports records the import declarations of the cells that ran,
// in order and without repeats, so that a worker started after a crash or
// a forced restart gets them back. Variables cannot be restored that way,
// because rerunning the cells that made them could repeat side effects.
type sessionImports struct {
	mu    sync.Mutex
	decls []string
	seen  map[string]bool
}

// record adds the imports of a cell that compiled. A cell starting with
// %reset clears the imports recorded before it.
func (si *sessionImports) record(code string, res kernel.CellResult) {
	if res.Error != nil && res.Error.Name == "CompileError" {
		return
	}
	var goLines []string
	for _, line := range strings.Split(code, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "%reset") {
			si.forget()
		}
		if strings.HasPrefix(trimmed, "%") {
			goLines = append(goLines, "") // keep line numbers
			continue
		}
		goLines = append(goLines, line)
	}
	items, err := gosem.Split(strings.Join(goLines, "\n"))
	if err != nil {
		return
	}
	si.mu.Lock()
	defer si.mu.Unlock()
	for _, it := range items {
		if it.Kind != gosem.Import || si.seen[it.Text] {
			continue
		}
		if si.seen == nil {
			si.seen = map[string]bool{}
		}
		si.seen[it.Text] = true
		si.decls = append(si.decls, it.Text)
	}
}

func (si *sessionImports) forget() {
	si.mu.Lock()
	defer si.mu.Unlock()
	si.decls, si.seen = nil, nil
}

// source returns the recorded imports as one cell.
func (si *sessionImports) source() string {
	si.mu.Lock()
	defer si.mu.Unlock()
	return strings.Join(si.decls, "\n")
}

// restoreImports runs the session's imports in worker p once, before its
// first cell, and discards their output.
func (s *Supervisor) restoreImports(p *workerProcess) {
	if p.importsRestored {
		return
	}
	p.importsRestored = true
	src := s.imports.source()
	if src == "" {
		return
	}
	var out kernel.CellOutput = discardOutput{}
	p.stderr.reset()
	p.router.begin(out.Stream)
	if err := p.send(request{Type: "execute", Code: src}); err != nil {
		s.log.Error("restoring imports in a fresh worker failed", "pid", p.cmd.Process.Pid, "err", err)
		return
	}
	for r := range p.replies {
		if res, done := s.handleReply(p, r, out); done {
			if res.Error != nil {
				s.log.Warn("restoring imports in a fresh worker failed",
					"pid", p.cmd.Process.Pid, "err", res.Error.Value)
			}
			return
		}
	}
}

// discardOutput is the output of work the user did not ask for.
type discardOutput struct{}

func (discardOutput) Stream(name, text string)                       {}
func (discardOutput) Display(d display.Data, id string, update bool) {}
func (discardOutput) Input(prompt string, password bool) (string, error) {
	return "", kernel.ErrStdinNotAllowed
}
