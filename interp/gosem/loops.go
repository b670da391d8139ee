package gosem

import (
	"go/ast"
	"go/token"
	"go/types"
)

// rangeStmt rewrites range loops over integers and functions, which yaegi
// v0.16.1 cannot compile, and gives range loops whose variables are
// captured a copy of them per iteration.
func (r *rewriter) rangeStmt(n *ast.RangeStmt) ast.Node {
	if r.generated[n] {
		return nil
	}
	t := r.typeOf(n.X)
	if t == nil {
		return nil
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			return r.rangeInt(n, t)
		}
	case *types.Signature:
		return r.rangeFunc(n, u, "")
	}
	if vars := r.loopVars(n.Key, n.Value); n.Tok == token.DEFINE && r.captures(n.Body, vars) {
		r.bindDeferredLoopVars(n.Body, vars)
		r.copyRangeVars(n)
	}
	return nil
}

// copyRangeVars renames the variables of a range loop to hidden names and
// declares the user's names from them at the start of each iteration.
// The copy must not shadow its own name ("i := i"): yaegi v0.16.1 then
// loops forever.
func (r *rewriter) copyRangeVars(n *ast.RangeStmt) {
	copies := &ast.AssignStmt{Tok: token.DEFINE}
	for _, e := range []ast.Expr{n.Key, n.Value} {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		name := r.nameOf(id)
		h := r.hidden(id.Name)
		copies.Lhs = append(copies.Lhs, ast.NewIdent(name))
		copies.Rhs = append(copies.Rhs, ast.NewIdent(h))
		id.Name = h
		delete(r.renames, r.c.info.Defs[id])
	}
	n.Body = &ast.BlockStmt{List: []ast.Stmt{copies, n.Body}}
	r.changed = true
}

func (r *rewriter) loopVars(exprs ...ast.Expr) map[types.Object]bool {
	vars := map[types.Object]bool{}
	for _, e := range exprs {
		if id, ok := e.(*ast.Ident); ok {
			if obj := r.c.info.Defs[id]; obj != nil {
				vars[obj] = true
			}
		}
	}
	return vars
}

// captures reports whether a function literal in body uses one of vars,
// or body takes the address of one.
func (r *rewriter) captures(body ast.Node, vars map[types.Object]bool) bool {
	if len(vars) == 0 {
		return false
	}
	found := false
	uses := func(n ast.Node) bool {
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && vars[r.c.info.Uses[id]] {
				found = true
			}
			return !found
		})
		return found
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			uses(n.Body)
			return false
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && vars[r.c.info.Uses[id]] {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// rangeInt rewrites "for i := range n" into a three-clause loop over a
// hidden counter, with i declared anew in each iteration.
func (r *rewriter) rangeInt(n *ast.RangeStmt, t types.Type) ast.Node {
	texpr := r.typeExpr(t)
	counter, limit := r.hidden("i"), r.hidden("n")
	start, err := parseExpr(texpr + "(0)")
	if err != nil {
		r.fail("%v", err)
		return nil
	}
	limitExpr := n.X
	if tv := r.c.info.Types[n.X]; tv.Value != nil {
		conv := start.(*ast.CallExpr)
		limitExpr = &ast.CallExpr{Fun: conv.Fun, Args: []ast.Expr{n.X}}
		start, _ = parseExpr(texpr + "(0)")
	}
	loop := &ast.ForStmt{
		Init: &ast.AssignStmt{
			Lhs: []ast.Expr{ast.NewIdent(counter), ast.NewIdent(limit)},
			Tok: token.DEFINE,
			Rhs: []ast.Expr{start, limitExpr},
		},
		Cond: &ast.BinaryExpr{X: ast.NewIdent(counter), Op: token.LSS, Y: ast.NewIdent(limit)},
		Post: &ast.IncDecStmt{X: ast.NewIdent(counter), Tok: token.INC},
		Body: n.Body,
	}
	r.generated[loop] = true
	r.bindDeferredLoopVars(n.Body, r.loopVars(n.Key))
	if key, ok := n.Key.(*ast.Ident); ok && key.Name != "_" || n.Key != nil && n.Tok == token.ASSIGN {
		set := &ast.AssignStmt{Lhs: []ast.Expr{n.Key}, Tok: n.Tok, Rhs: []ast.Expr{ast.NewIdent(counter)}}
		loop.Body = &ast.BlockStmt{List: []ast.Stmt{set, n.Body}}
	}
	return loop
}

// forStmt gives each iteration of a three-clause loop its own copy of the
// loop variables when a closure captures them or their address is taken,
// as in Go 1.22 and later. The header works on hidden variables. Each
// iteration declares the user's variables from them, and copies them back
// at its end and before each continue.
func (r *rewriter) forStmt(n *ast.ForStmt) {
	if r.generated[n] {
		return
	}
	init, ok := n.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return
	}
	vars := r.loopVars(init.Lhs...)
	if !r.captures(n.Body, vars) {
		return
	}
	r.bindDeferredLoopVars(n.Body, vars)
	hidden := map[types.Object]string{}
	declare := &ast.AssignStmt{Tok: token.DEFINE}
	copyBack := &ast.AssignStmt{Tok: token.ASSIGN}
	for _, e := range init.Lhs {
		id := e.(*ast.Ident)
		obj := r.c.info.Defs[id]
		if obj == nil {
			continue
		}
		name := r.nameOf(id)
		h := r.hidden(id.Name)
		hidden[obj] = h
		declare.Lhs = append(declare.Lhs, ast.NewIdent(name))
		declare.Rhs = append(declare.Rhs, ast.NewIdent(h))
		copyBack.Lhs = append(copyBack.Lhs, ast.NewIdent(h))
		copyBack.Rhs = append(copyBack.Rhs, ast.NewIdent(name))
	}
	for _, part := range []ast.Node{n.Init, n.Cond, n.Post} {
		if part == nil {
			continue
		}
		r.renameIn(part, hidden)
	}
	label := r.labelOf[n]
	r.replaceBranches(n.Body, func(b *ast.BranchStmt, depth branchDepth) ast.Stmt {
		if b.Tok == token.CONTINUE && (b.Label == nil && depth.loops == 0 || b.Label != nil && b.Label.Name == label) {
			return &ast.BlockStmt{List: []ast.Stmt{copyBack, b}}
		}
		return nil
	}, nil)
	n.Body = &ast.BlockStmt{List: []ast.Stmt{declare, n.Body, copyBack}}
	r.changed = true
}

// branchDepth counts the statements around a branch statement, inside the
// body being rewritten, that break or continue would refer to.
type branchDepth struct {
	loops     int // for and range statements
	breakable int // loops, switch and select statements
}

// replaceBranches calls branch for each break, continue and goto in body
// and ret for each return, outside nested function literals, and puts the
// statements they return in place of the visited ones.
func (r *rewriter) replaceBranches(body *ast.BlockStmt,
	branch func(*ast.BranchStmt, branchDepth) ast.Stmt,
	ret func(*ast.ReturnStmt) ast.Stmt) {
	var visit func(n ast.Node, d branchDepth) ast.Node
	visit = func(n ast.Node, d branchDepth) ast.Node {
		switch x := n.(type) {
		case *ast.FuncLit:
			return nil
		case *ast.BranchStmt:
			if branch != nil {
				if s := branch(x, d); s != nil {
					return s
				}
			}
			return nil
		case *ast.ReturnStmt:
			if ret != nil {
				if s := ret(x); s != nil {
					return s
				}
			}
			return nil
		case *ast.ForStmt, *ast.RangeStmt:
			d.loops++
			d.breakable++
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			d.breakable++
		}
		r.forChildren(n, func(child ast.Node) ast.Node { return visit(child, d) })
		return nil
	}
	r.forChildren(body, func(child ast.Node) ast.Node { return visit(child, branchDepth{}) })
}

// forChildren calls fn on each statement child of n (statement lists and
// bodies) and replaces the child by fn's result when it is not nil.
func (r *rewriter) forChildren(n ast.Node, fn func(ast.Node) ast.Node) {
	stmts := func(list []ast.Stmt) {
		for i, s := range list {
			if repl := fn(s); repl != nil {
				list[i] = repl.(ast.Stmt)
			}
		}
	}
	block := func(b *ast.BlockStmt) {
		if b != nil {
			stmts(b.List)
		}
	}
	one := func(s *ast.Stmt) {
		if *s != nil {
			if repl := fn(*s); repl != nil {
				*s = repl.(ast.Stmt)
			}
		}
	}
	switch x := n.(type) {
	case *ast.BlockStmt:
		stmts(x.List)
	case *ast.LabeledStmt:
		one(&x.Stmt)
	case *ast.IfStmt:
		block(x.Body)
		one(&x.Else)
	case *ast.ForStmt:
		block(x.Body)
	case *ast.RangeStmt:
		block(x.Body)
	case *ast.SwitchStmt:
		block(x.Body)
	case *ast.TypeSwitchStmt:
		block(x.Body)
	case *ast.SelectStmt:
		block(x.Body)
	case *ast.CaseClause:
		stmts(x.Body)
	case *ast.CommClause:
		stmts(x.Body)
	}
}

// bindDeferredLoopVars passes the loop variables that a deferred or
// started function literal uses as arguments of the call, so that it reads
// the iteration's value, because yaegi v0.16.1 shares a loop body's variables
// between the deferred closures of all iterations. Literals that assign
// a loop variable, or are variadic, are left as they are.
func (r *rewriter) bindDeferredLoopVars(body *ast.BlockStmt, vars map[types.Object]bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		var call *ast.CallExpr
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			call = n.Call
		case *ast.GoStmt:
			call = n.Call
		default:
			return true
		}
		lit, ok := call.Fun.(*ast.FuncLit)
		if !ok || isVariadic(lit) {
			return true
		}
		used := r.usedVars(lit.Body, vars)
		for _, obj := range used {
			name := obj.Name()
			if renamed, ok := r.renames[obj]; ok {
				name = renamed
			}
			field := &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}}
			typ, err := parseExpr(r.typeExpr(obj.Type()))
			if err != nil {
				return true
			}
			field.Type = typ
			lit.Type.Params.List = append(lit.Type.Params.List, field)
			call.Args = append(call.Args, ast.NewIdent(name))
			r.changed = true
		}
		return false
	})
}

// usedVars returns the variables of vars that body reads, in order of
// first use, or nil when body assigns one of them.
func (r *rewriter) usedVars(body ast.Node, vars map[types.Object]bool) []types.Object {
	var used []types.Object
	seen := map[types.Object]bool{}
	assigned := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				if id, ok := e.(*ast.Ident); ok && vars[r.c.info.Uses[id]] {
					assigned = true
				}
			}
		case *ast.IncDecStmt:
			if id, ok := n.X.(*ast.Ident); ok && vars[r.c.info.Uses[id]] {
				assigned = true
			}
		case *ast.Ident:
			if obj := r.c.info.Uses[n]; vars[obj] && !seen[obj] {
				seen[obj] = true
				used = append(used, obj)
			}
		}
		return true
	})
	if assigned {
		return nil
	}
	return used
}

func isVariadic(lit *ast.FuncLit) bool {
	list := lit.Type.Params.List
	if len(list) == 0 {
		return false
	}
	_, ok := list[len(list)-1].Type.(*ast.Ellipsis)
	return ok
}

// nameOf returns the name the variable defined by id has in the rewritten
// cell.
// renameIn renames the identifiers in n that define or use an object of
// names to its new name.
func (r *rewriter) renameIn(n ast.Node, names map[types.Object]string) {
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok {
			obj := r.c.info.Defs[id]
			if obj == nil {
				obj = r.c.info.Uses[id]
			}
			if name, ok := names[obj]; ok {
				id.Name = name
			}
		}
		return true
	})
}

func (r *rewriter) nameOf(id *ast.Ident) string {
	if name, ok := r.renames[r.c.info.Defs[id]]; ok {
		return name
	}
	return id.Name
}

// renameShadows gives a hidden name to each variable that a nested block
// of the cell's top-level statements declares with the name of a global,
// because yaegi v0.16.1 resolves both to one variable outside functions:
// "x := 1; { x := 2 }" leaves x at 2.
func (r *rewriter) renameShadows() {
	globals := map[string]bool{}
	top := map[types.Object]bool{}
	for name := range r.s.vars {
		globals[name] = true
	}
	for _, name := range r.c.pkg.Scope().Names() {
		globals[name] = true
	}
	for _, st := range r.c.body.List {
		for _, id := range definedIdents(st) {
			globals[id.Name] = true
			top[r.c.info.Defs[id]] = true
		}
	}
	ast.Inspect(r.c.body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := r.c.info.Defs[id].(*types.Var)
		if !ok || v.IsField() || top[v] || !globals[id.Name] || id.Name == "_" {
			return true
		}
		if _, done := r.renames[v]; !done {
			r.renames[v] = r.hidden(id.Name)
		}
		return true
	})
}

// definedIdents returns the names a top-level statement defines.
func definedIdents(st ast.Stmt) []*ast.Ident {
	var ids []*ast.Ident
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			for _, e := range st.Lhs {
				if id, ok := e.(*ast.Ident); ok {
					ids = append(ids, id)
				}
			}
		}
	case *ast.DeclStmt:
		if g, ok := st.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				ids = append(ids, spec.(*ast.ValueSpec).Names...)
			}
		}
	}
	return ids
}
