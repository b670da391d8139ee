package gosem

import (
	"go/ast"
	"go/token"
)

// Deferred calls. yaegi v0.16.1 evaluates the arguments of a deferred
// call, and the closures deferred in a loop, when the deferred calls run
// rather than at the defer statement: "x := 1; defer fmt.Println(x);
// x = 2" prints 2, and deferring fmt.Print(i) in a loop of three prints
// 222. So such calls are bound at the defer statement by a function
// literal that is called at once, appended to a hidden list, and one real
// deferred call runs the list in reverse order.
//
// NOTE: a panic in one bound call stops the rest of the list, where Go
// would still run them. Deferred calls that use recover keep the real
// defer statement, because recover works only there.

// planDefers finds the defer statements of a function body that need
// binding, and declares the hidden list and its runner at its start.
func (r *rewriter) planDefers(body *ast.BlockStmt) {
	var found []*ast.DeferStmt
	var visit func(n ast.Node, loop bool)
	visit = func(n ast.Node, loop bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				visit(m.Body, true)
				return false
			case *ast.RangeStmt:
				visit(m.Body, true)
				return false
			case *ast.DeferStmt:
				if (loop || hasVariableArgs(m.Call, r)) && !usesRecover(m.Call) {
					found = append(found, m)
				}
			}
			return true
		})
	}
	visit(body, false)
	if len(found) == 0 {
		return
	}
	list := r.hidden("deferred")
	for _, d := range found {
		r.deferLists[d] = list
	}
	prologue, err := parseStmts("var " + list + " []func()\n" +
		"defer func() { for i := len(" + list + ") - 1; i >= 0; i-- { " + list + "[i]() } }()")
	if err != nil {
		r.fail("%v", err)
		return
	}
	body.List = append(prologue, body.List...)
	r.changed = true
}

func hasVariableArgs(call *ast.CallExpr, r *rewriter) bool {
	for _, a := range call.Args {
		if tv, ok := r.c.info.Types[a]; !ok || tv.Value == nil {
			return true
		}
	}
	return false
}

func usesRecover(call *ast.CallExpr) bool {
	found := false
	ast.Inspect(call, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "recover" {
				found = true
			}
		}
		return !found
	})
	return found
}

// deferStmt replaces a planned defer statement by the append of the
// bound call to its function's hidden list.
func (r *rewriter) deferStmt(d *ast.DeferStmt) ast.Node {
	list, ok := r.deferLists[d]
	if !ok {
		return nil
	}
	bound := r.bindCall(d.Call)
	if bound == nil {
		return nil
	}
	return &ast.AssignStmt{
		Lhs: []ast.Expr{ast.NewIdent(list)},
		Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.CallExpr{Fun: ast.NewIdent("append"), Args: []ast.Expr{ast.NewIdent(list), bound}}},
	}
}

// bindCall returns a func() that makes call with the arguments' current
// values: "func(a T) func() { return func() { f(a) } }(x)".
func (r *rewriter) bindCall(call *ast.CallExpr) ast.Expr {
	if call.Ellipsis.IsValid() {
		return nil
	}
	params := &ast.FieldList{}
	inner := &ast.CallExpr{Fun: call.Fun}
	var args []ast.Expr
	for _, a := range call.Args {
		tv, ok := r.c.info.Types[a]
		if !ok || tv.IsNil() {
			return nil
		}
		if tv.Value != nil {
			inner.Args = append(inner.Args, a)
			continue
		}
		typ, ok := r.cellType(tv.Type)
		if !ok {
			return nil
		}
		texpr, err := parseExpr(typ)
		if err != nil {
			return nil
		}
		name := r.hidden("arg")
		params.List = append(params.List, &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}, Type: texpr})
		inner.Args = append(inner.Args, ast.NewIdent(name))
		args = append(args, a)
	}
	thunk := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: inner}}},
	}
	factory := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  params,
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Params: &ast.FieldList{}}}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{thunk}}}},
	}
	return &ast.CallExpr{Fun: factory, Args: args}
}
