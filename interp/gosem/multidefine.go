package gosem

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
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
// that type for later cells. So a top-level assignment to the blank
// identifier runs in a function literal, "func() { _ = s }()", where the
// blank identifier is local, and in blocks each blank identifier becomes
// a hidden variable of its own type.

// splitNestedDefines rewrites the multi-name variable declarations in the
// blocks of top-level statement item i, outside function literals.
// It reports whether it changed anything.
func (r *rewriter) splitNestedDefines(i int) bool {
	if r.c.items[i].Kind != Stmt {
		return false
	}
	r.item = i
	changed := false
	for j, n := range r.c.nodes[i] {
		if block, ok := r.splitIfInit(n); ok {
			r.c.nodes[i][j], n, changed = block, block, true
		}
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
		if block, isIf := r.splitIfInit(st); isIf {
			repl, ok = []ast.Stmt{block}, true
		}
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

// splitDefine returns the statements that replace st, a statement in a
// block of a top-level statement. "a, b := f()" and "var a, b = f()"
// become a var declaration for each name they define and the assignment
// "a, b = f()", and each blank identifier becomes a hidden variable of
// its value's type. ok is false when st has none of these forms with one
// value on the right, or when a type cannot be written in the cell.
//
// Statements with several values on the right are left alone, because
// yaegi v0.16.1 assigns "a, b = x, f()" wrongly but defines
// "a, b := x, f()" correctly. When the right side reads a name that the
// statement defines, as in "v, err := strconv.Atoi(v)", the new names
// are renamed, because their declarations would come before the read.
func (r *rewriter) splitDefine(st ast.Stmt) (repl []ast.Stmt, ok bool) {
	var as *ast.AssignStmt
	switch st := st.(type) {
	case *ast.AssignStmt:
		switch {
		case st.Tok == token.DEFINE && len(st.Lhs) >= 2:
		case st.Tok == token.ASSIGN && hasBlank(st.Lhs):
		default:
			return nil, false
		}
		as = st
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
		if len(lhs) < 2 && !hasBlank(lhs) {
			return nil, false
		}
		as = &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: spec.Values}
	default:
		return nil, false
	}
	if len(as.Rhs) != 1 {
		return nil, false
	}
	if r.readsDefined(as) {
		r.renameDefined(as)
	}
	decls, ok := r.varDecls(as.Lhs)
	if !ok {
		return nil, false
	}
	blanks, ok := r.blankTemps(as)
	if !ok {
		return nil, false
	}
	as.Tok = token.ASSIGN
	return append(append(decls, blanks...), as), true
}

// renameDefined gives the names that as defines, and every use of them
// in the item, hidden names, so that the right side of as still reads the
// outer variables of the same names. yaegi v0.16.1 resolves a name in a
// block to a variable declared later in that block, so the declarations
// that come before the assignment would otherwise capture those reads.
func (r *rewriter) renameDefined(as *ast.AssignStmt) {
	renamed := map[types.Object]string{}
	for _, e := range as.Lhs {
		if id, ok := e.(*ast.Ident); ok {
			if obj := r.c.info.Defs[id]; obj != nil {
				renamed[obj] = r.hidden(id.Name)
			}
		}
	}
	for _, n := range r.c.nodes[r.item] {
		r.renameIn(n, renamed)
	}
}

// splitIfInit returns "{ var v T; var ok bool; v, ok = m[k]; if ok {...} }"
// for "if v, ok := m[k]; ok {...}". Outside functions, yaegi v0.16.1 fails
// on a multi-name short variable declaration in the header of an if, with
// "nil type" at the top level and "undefined: ok" in a block. The block
// keeps the names' scope.
func (r *rewriter) splitIfInit(n ast.Node) (*ast.BlockStmt, bool) {
	ifStmt, ok := n.(*ast.IfStmt)
	if !ok {
		return nil, false
	}
	init, ok := ifStmt.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) < 2 {
		return nil, false
	}
	repl, ok := r.splitDefine(init)
	if !ok {
		return nil, false
	}
	ifStmt.Init = nil
	return &ast.BlockStmt{List: append(repl, ifStmt)}, true
}

// readsDefined reports whether the right side of as uses a name that as
// defines, which then refers to an outer variable of that name.
func (r *rewriter) readsDefined(as *ast.AssignStmt) bool {
	defined := map[string]bool{}
	for _, e := range as.Lhs {
		if id, ok := e.(*ast.Ident); ok && r.c.info.Defs[id] != nil {
			defined[id.Name] = true
		}
	}
	reads := false
	ast.Inspect(as.Rhs[0], func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && defined[id.Name] {
			reads = true
		}
		return !reads
	})
	return reads
}

// blankTemps replaces each blank identifier on the left of as, whose
// right side is one expression, with a hidden variable of the value's
// type, and returns their declarations. yaegi v0.16.1 mishandles a blank
// in the middle of the names, and gives the blank identifier outside
// functions one type for a whole cell.
func (r *rewriter) blankTemps(as *ast.AssignStmt) ([]ast.Stmt, bool) {
	if !hasBlank(as.Lhs) {
		return nil, true
	}
	valueTypes := r.resultTypes(as.Rhs[0], len(as.Lhs))
	if valueTypes == nil {
		return nil, false
	}
	var decls []ast.Stmt
	names := make([]ast.Expr, len(as.Lhs))
	copy(names, as.Lhs)
	for k, e := range as.Lhs {
		if id, ok := e.(*ast.Ident); !ok || id.Name != "_" {
			continue
		}
		name := r.hidden("blank")
		decl, ok := r.declare(name, valueTypes[k])
		if !ok {
			return nil, false
		}
		decls = append(decls, decl)
		names[k] = ast.NewIdent(name)
	}
	as.Lhs = names
	return decls, true
}

// resultTypes returns the types of the n values of e: a call's results,
// or a comma-ok expression's value and bool. It returns nil when the
// types are not known.
func (r *rewriter) resultTypes(e ast.Expr, n int) []types.Type {
	tv, ok := r.c.info.Types[e]
	if !ok || tv.Type == nil {
		return nil
	}
	if tuple, ok := tv.Type.(*types.Tuple); ok {
		if tuple.Len() != n {
			return nil
		}
		out := make([]types.Type, n)
		for k := range out {
			out[k] = tuple.At(k).Type()
		}
		return out
	}
	switch n {
	case 1:
		return []types.Type{tv.Type}
	case 2:
		return []types.Type{tv.Type, types.Typ[types.Bool]}
	}
	return nil
}

// declare returns "var name T" for type t, or false when t cannot be
// written in the cell.
func (r *rewriter) declare(name string, t types.Type) (ast.Stmt, bool) {
	r.allowHidden = true
	text, ok := r.cellType(t)
	r.allowHidden = false
	if !ok {
		return nil, false
	}
	typ, err := parser.ParseExpr(text)
	if err != nil {
		return nil, false
	}
	clearPositions(typ)
	return &ast.DeclStmt{Decl: &ast.GenDecl{
		Tok:   token.VAR,
		Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(name)}, Type: typ}},
	}}, true
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
		decl, ok := r.declare(id.Name, obj.Type())
		if !ok {
			return nil, false
		}
		decls = append(decls, decl)
	}
	return decls, len(decls) > 0 || hasBlank(lhs)
}

// blankAssignText returns the text that replaces a top-level statement n
// that defines or assigns the blank identifier: var declarations for the
// names n defines, then the assignment in a function literal, on one line.
func (r *rewriter) blankAssignText(n *ast.AssignStmt) (string, bool) {
	if !hasBlank(n.Lhs) || len(n.Rhs) != 1 {
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
