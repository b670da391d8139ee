package gosem

import (
	"go/ast"
	"go/types"
)

// displayPlan replaces the cell's trailing expression.
type displayPlan struct {
	item       int
	text       string
	importLine string
}

// planDisplay decides how the trailing expression of the cell is shown.
// A trailing call of fmt's Print functions is a statement, as in a Go
// program, and not the value (n, err) it returns.
func (r *rewriter) planDisplay() {
	last := len(r.c.items) - 1
	if last < 0 || r.c.items[last].Kind != Stmt || len(r.c.nodes[last]) != 1 {
		return
	}
	es, ok := r.c.nodes[last][0].(*ast.ExprStmt)
	if !ok {
		return
	}
	if r.isFmtPrint(es.X) {
		text, ok := r.replaceItem[last]
		if !ok {
			text = r.c.items[last].Text
		}
		r.display = &displayPlan{item: last, text: "_, _ = " + text}
	}
}

// isFmtPrint reports whether e calls one of fmt's Print or Fprint
// functions.
func (r *rewriter) isFmtPrint(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := r.c.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" {
		return false
	}
	switch fn.Name() {
	case "Print", "Println", "Printf", "Fprint", "Fprintln", "Fprintf":
		return true
	}
	return false
}
