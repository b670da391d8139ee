package kernel

import (
	"regexp"
	"strings"
	"sync"
)

// historySession is the session number of the current kernel session in
// history replies. History lives in memory, so earlier sessions are empty.
const historySession = 1

// historyEntry is one stored cell: its execution count, source and the
// text/plain form of its result.
type historyEntry struct {
	line   int
	input  string
	output string
}

// history stores the cells run with store_history during this session.
type history struct {
	mu      sync.Mutex
	entries []historyEntry
}

func newHistory() *history { return &history{} }

func (h *history) add(line int, input, output string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = append(h.entries, historyEntry{line: line, input: input, output: output})
}

// historyRequest is the content of a history_request.
type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// query returns the entries a request selects, oldest first:
//   - "tail": the last N entries;
//   - "range": entries of the session (0 or 1 is this one) with
//     Start <= line < Stop, or to the end when Stop <= 0;
//   - "search": entries whose whole input matches the glob Pattern
//     (* any text, ? one character, [...] a class), the last N if N > 0.
//
// Unique keeps only the latest entry of each input, for tail and search.
func (h *history) query(req historyRequest) []historyEntry {
	h.mu.Lock()
	entries := append([]historyEntry(nil), h.entries...)
	h.mu.Unlock()

	switch req.HistAccessType {
	case "tail":
		if req.Unique {
			entries = uniqueInputs(entries)
		}
		return lastN(entries, req.N)
	case "range":
		if req.Session != 0 && req.Session != historySession {
			return nil
		}
		var out []historyEntry
		for _, e := range entries {
			if e.line >= req.Start && (req.Stop <= 0 || e.line < req.Stop) {
				out = append(out, e)
			}
		}
		return out
	case "search":
		re := globRegexp(req.Pattern)
		var out []historyEntry
		for _, e := range entries {
			if re.MatchString(e.input) {
				out = append(out, e)
			}
		}
		if req.Unique {
			out = uniqueInputs(out)
		}
		return lastN(out, req.N)
	}
	return nil
}

func lastN(entries []historyEntry, n int) []historyEntry {
	if n > 0 && len(entries) > n {
		return entries[len(entries)-n:]
	}
	return entries
}

// uniqueInputs keeps the latest entry of each distinct input, in order.
func uniqueInputs(entries []historyEntry) []historyEntry {
	latest := make(map[string]int, len(entries))
	for i, e := range entries {
		latest[e.input] = i
	}
	var out []historyEntry
	for i, e := range entries {
		if latest[e.input] == i {
			out = append(out, e)
		}
	}
	return out
}

// globRegexp compiles a glob pattern that must match a whole string, the
// way SQLite's GLOB (which IPython's history search uses) matches: *
// matches any text including newlines, ? one character, [...] a class.
func globRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)\A`)
	runes := []rune(pattern)
	for i := 0; i < len(runes); i++ {
		switch r := runes[i]; r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			end := classEnd(runes, i)
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := string(runes[i+1 : end])
			if strings.HasPrefix(class, "^") {
				class = `^` + regexp.QuoteMeta(class[1:])
			} else {
				class = regexp.QuoteMeta(class)
			}
			b.WriteString("[" + class + "]")
			i = end
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		// An odd class such as [z-a] fails to compile: match it literally.
		return regexp.MustCompile(`(?s)\A` + regexp.QuoteMeta(pattern) + `\z`)
	}
	return re
}

// classEnd returns the index of the ']' closing the class opened at i,
// or -1. A ']' right after '[' or '[^' belongs to the class.
func classEnd(runes []rune, i int) int {
	j := i + 1
	if j < len(runes) && runes[j] == '^' {
		j++
	}
	if j < len(runes) && runes[j] == ']' {
		j++
	}
	for ; j < len(runes); j++ {
		if runes[j] == ']' {
			return j
		}
	}
	return -1
}

// handleHistory replies to a history_request from the in-memory history.
func (k *Kernel) handleHistory(c *channel, m *Message) {
	var req historyRequest
	if err := m.DecodeContent(&req); err != nil {
		k.replyError(c, m, "history_reply", err)
		return
	}
	entries := k.history.query(req)
	items := make([]any, 0, len(entries))
	for _, e := range entries {
		if req.Output {
			var output any
			if e.output != "" {
				output = e.output
			}
			items = append(items, []any{historySession, e.line, []any{e.input, output}})
		} else {
			items = append(items, []any{historySession, e.line, e.input})
		}
	}
	k.reply(c, m, "history_reply", map[string]any{"status": "ok", "history": items})
}
