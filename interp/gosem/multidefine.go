package gosem

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// yaegi v0.16.1 compiles "a, b := f()" inside a block of a top-level
// statement, such as the body of a for loop at the top of a cell, without
// defining a and b. Their first use then fails with "undefined: a". The
// same statement works at the top level and inside functions, and so do
// separate declarations followed by an assignment. splitNestedDefines
// rewrites the statement into that form:
//
//	var a int; var b string; a, b = f()
//
// declaring only the names the statement defines.
//
// yaegi also gives the blank identifier outside functions one type per
// compiled cell: after "_ = r" with r a *strings.Reader, "_ = s" with s a
// string in the same cell fails with "reflect.Set: value of type string
// is not assignable". A top-level short variable declaration even keeps
// that type for later cells. So assignments to the blank identifier
// outside functions run in a function literal, "func() { _ = s }()",
// where the blank identifier is local.

// splitNestedDefines rewrites the multi-name variable declarations in the
// blocks of top-level statement item i, outside function literals.
// It reports whether it changed anything.
func (r *rewriter) splitNestedDefines(i int) bool {
	if r.c.items[i].Kind != Stmt {
		return false
	}
	changed := false
	for _, n := range r.c.nodes[i] {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BlockStmt:
				m.List, changed = r.splitDefines(m.List, changed)
			case *ast.CaseClause:
				m.Body, changed = r.splitDefines(m.Body, changed)
			case *ast.CommClause:
				m.Body, changed = r.splitDefines(m.Body, changed)
			}
			return true
		})
	}
	return changed
}

// splitDefines returns list with each qualifying declaration replaced by
// var declarations and an assignment. The second result is true when it
// replaced one, and changed otherwise.
func (r *rewriter) splitDefines(list []ast.Stmt, changed bool) ([]ast.Stmt, bool) {
	var out []ast.Stmt
	for k, st := range list {
		repl, ok := r.splitDefine(st)
		if !ok {
			if out != nil {
				out = append(out, st)
			}
			continue
		}
		if out == nil {
			out = append(out, list[:k]...)
		}
		out = append(out, repl...)
	}
	if out == nil {
		return list, changed
	}
	return out, true
}

// splitDefine returns the statements that replace st: "a, b := f()" and
// "var a, b = f()" become a var declaration for each name they define and
// the assignment "a, b = f()". ok is false when st is neither form with
// two or more names, or when a name's type cannot be written in the cell.
func (r *rewriter) splitDefine(st ast.Stmt) (repl []ast.Stmt, ok bool) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.ASSIGN && hasBlank(st.Lhs) {
			return []ast.Stmt{inFuncLit(st)}, true
		}
		if st.Tok != token.DEFINE || len(st.Lhs) < 2 {
			return nil, false
		}
		decls, ok := r.varDecls(st.Lhs)
		if !ok {
			return nil, false
		}
		st.Tok = token.ASSIGN
		return append(decls, blankSafe(st)), true
	case *ast.DeclStmt:
		gd, isGen := st.Decl.(*ast.GenDecl)
		if !isGen || gd.Tok != token.VAR || len(gd.Specs) != 1 {
			return nil, false
		}
		spec := gd.Specs[0].(*ast.ValueSpec)
		lhs := make([]ast.Expr, len(spec.Names))
		for k, id := range spec.Names {
			lhs[k] = id
		}
		if len(spec.Values) == 0 || len(lhs) < 2 && !hasBlank(lhs) {
			return nil, false
		}
		decls, ok := r.varDecls(lhs)
		if !ok {
			return nil, false
		}
		return append(decls, blankSafe(&ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, Rhs: spec.Values})), true
	}
	return nil, false
}

// hasBlank reports whether lhs contains the blank identifier.
func hasBlank(lhs []ast.Expr) bool {
	for _, e := range lhs {
		if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
			return true
		}
	}
	return false
}

// blankSafe returns the assignment as it is, or in a function literal when
// it assigns to the blank identifier.
func blankSafe(as *ast.AssignStmt) ast.Stmt {
	if hasBlank(as.Lhs) {
		return inFuncLit(as)
	}
	return as
}

// inFuncLit returns "func() { st }()".
func inFuncLit(st ast.Stmt) ast.Stmt {
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{st}},
	}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: lit}}
}

// varDecls returns a var declaration for each name in lhs that the
// statement defines.
func (r *rewriter) varDecls(lhs []ast.Expr) (decls []ast.Stmt, ok bool) {
	for _, e := range lhs {
		id, isIdent := e.(*ast.Ident)
		if !isIdent {
			return nil, false
		}
		if id.Name == "_" {
			continue
		}
		obj := r.c.info.Defs[id]
		if obj == nil {
			// Either the name already exists, so the statement assigns
			// it, or an earlier rewrite built the node, which then has no
			// type information. In that case the statement stays as it is.
			if r.c.info.Uses[id] == nil {
				return nil, false
			}
			continue
		}
		r.allowHidden = true
		text, typeOK := r.cellType(obj.Type())
		r.allowHidden = false
		if !typeOK {
			return nil, false
		}
		typ, err := parser.ParseExpr(text)
		if err != nil {
			return nil, false
		}
		clearPositions(typ)
		decls = append(decls, &ast.DeclStmt{Decl: &ast.GenDecl{
			Tok:   token.VAR,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(id.Name)}, Type: typ}},
		}})
	}
	return decls, len(decls) > 0 || hasBlank(lhs)
}

// blankAssignText returns the text that replaces a top-level statement n
// that defines or assigns the blank identifier: var declarations for the
// names n defines, then the assignment in a function literal, on one line.
func (r *rewriter) blankAssignText(n *ast.AssignStmt) (string, bool) {
	if !hasBlank(n.Lhs) {
		return "", false
	}
	var b strings.Builder
	if n.Tok == token.DEFINE {
		decls, ok := r.varDecls(n.Lhs)
		if !ok {
			return "", false
		}
		for _, d := range decls {
			b.WriteString(nodeText(r.c.fset, d) + "; ")
		}
		n.Tok = token.ASSIGN
	}
	b.WriteString("func() { " + nodeText(r.c.fset, n) + " }()")
	return b.String(), true
}
