package gosem

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Panic positions. yaegi v0.16.1 reports, for the frame of a cell's
// top-level statements, the position of the first node it ran in that
// frame, not of the node that panicked, because runCfg in its
// interp/run.go reads an exec variable that its loop shadows. So when
// [Session.StatementMark] is set, the rewrite calls it with the item index
// after each top-level statement that ends its line, except a trailing
// expression, and [Cell.PanicPosition] takes the first statement that did
// not finish.

// statement is a top-level statement of a cell that the rewrite marks.
type statement struct {
	item  int    // index of the item in the cell
	start int    // byte offset in the cell
	text  string // source of the statement
}

// MarkReached records that the top-level statement of item index item
// finished. The code that Rewrite emits calls it through StatementMark.
func (s *Session) MarkReached(item int) { s.reached.Store(int64(item)) }

// ResetReached clears the statements marked so far. Call it before a
// cell runs.
func (s *Session) ResetReached() { s.reached.Store(-1) }

// statementMark returns the call that marks item i as finished, or ""
// when the item gets no mark: declarations, because a statement between
// them would split the run yaegi evaluates together, and a trailing
// expression, whose value the cell shows.
func (r *rewriter) statementMark(i int) string {
	if r.s.StatementMark == "" || r.c.src != r.cellSrc || r.c.items[i].Kind != Stmt {
		return ""
	}
	if r.display != nil && r.display.item == i {
		return ""
	}
	// A mark before another item on the same line would move the columns
	// that yaegi reports for that item.
	// NOTE: a panic in the second statement of a line is then put at the
	// first one.
	items := r.c.items
	if i+1 < len(items) && !strings.Contains(r.c.src[items[i].End:items[i+1].Start], "\n") {
		return ""
	}
	if i == len(items)-1 && len(r.c.nodes[i]) == 1 {
		if _, ok := r.c.nodes[i][0].(*ast.ExprStmt); ok {
			return ""
		}
	}
	return "; " + r.s.StatementMark + "(" + itoa(i) + ")"
}

// statements returns the top-level statements of the cell, or nil when
// the checked source is not the cell, because functions of earlier cells
// were inserted into it, so item offsets are not cell offsets.
func (r *rewriter) statements() []statement {
	if r.s.StatementMark == "" || r.c.src != r.cellSrc {
		return nil
	}
	var list []statement
	for i, it := range r.c.items {
		if it.Kind == Stmt {
			list = append(list, statement{item: i, start: it.Start, text: it.Text})
		}
	}
	return list
}

// PanicPosition returns the line and column, in the cell, of the
// top-level statement that panicked with message value, or ok false when
// the cell was not marked. frames is the number of frames in yaegi's
// traceback: with more than one, the statement panicked in a call, so its
// first call is reported. Otherwise the first index, slice or division
// that can raise the message is reported, or else the statement's start.
//
// NOTE: a panic in the initializer of a var declaration is put at the
// next statement, because declarations are not marked.
func (c *Cell) PanicPosition(reached int, value string, frames int) (line, col int, ok bool) {
	for _, st := range c.statements {
		if st.item <= reached {
			continue
		}
		offset := st.start + panicOffset(st.text, value, frames)
		before := c.source[:offset]
		line = strings.Count(before, "\n") + 1
		col = offset - strings.LastIndex(before, "\n")
		return line, col, true
	}
	return 0, 0, false
}

// Reached returns the item index of the last statement marked finished,
// or -1.
func (s *Session) Reached() int { return int(s.reached.Load()) }

// panicOffset returns the byte offset in text of the expression that
// raised a panic with message value, or 0 for the statement itself.
func panicOffset(text, value string, frames int) int {
	const prefix = "package p; func _() {\n"
	f, err := parser.ParseFile(token.NewFileSet(), "", prefix+text+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return 0
	}
	match := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			return frames > 1
		case *ast.IndexExpr:
			return frames <= 1 && (strings.Contains(value, "index out of range") || strings.Contains(value, "nil map"))
		case *ast.SliceExpr:
			return frames <= 1 && strings.Contains(value, "slice bounds out of range")
		case *ast.BinaryExpr:
			return frames <= 1 && strings.Contains(value, "divide by zero") && (n.Op == token.QUO || n.Op == token.REM)
		}
		return false
	}
	found := token.NoPos
	ast.Inspect(f, func(n ast.Node) bool {
		if found != token.NoPos || n == nil {
			return false
		}
		if match(n) {
			found = n.Pos()
			return false
		}
		return true
	})
	if found == token.NoPos {
		return 0
	}
	// Positions of a file of a new file set start at 1.
	return int(found) - 1 - len(prefix)
}
