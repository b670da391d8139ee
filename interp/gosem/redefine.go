package gosem

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"
)

// Redefinitions. yaegi binds a call to the function that existed when the
// caller was compiled, and ignores a second declaration of a type. So each
// function of a cell is declared under a hidden name and called through a
// package-level variable of the user's name, which later definitions
// assign; each redefined type gets a new hidden name, and values of its
// old definition are removed from the session with a note.

// funcPlan is a function declared through a variable.
type funcPlan struct {
	internal string
	sig      string // the variable's type, in cell terms
	declare  bool   // the variable is new or changes type
}

// sessionUpdate is the set of entries a cell adds to the session once it has run.
type sessionUpdate struct {
	entries map[string]*entry
	vars    map[string]string
	order   []string
}

func (r *rewriter) planRedefinitions() {
	r.funcs = map[*ast.FuncDecl]funcPlan{}
	r.update = sessionUpdate{entries: map[string]*entry{}, vars: map[string]string{}}
	scope := r.c.pkg.Scope()
	for name, internal := range r.s.internal {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok {
			r.renames[tn] = internal
		}
	}
	for _, d := range r.c.file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name != cellFunc {
				r.planFunc(d)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					r.planType(spec)
				case *ast.ValueSpec:
					r.planValues(d.Tok, spec)
				}
			}
		}
	}
	for _, st := range r.c.body.List {
		r.planStmtVars(st)
	}
	r.planMethods()
}

func (r *rewriter) record(name string, e *entry) {
	r.update.entries[name] = e
	r.update.order = append(r.update.order, name)
}

func (r *rewriter) recordVar(id *ast.Ident) {
	if id == nil || id.Name == "_" {
		return
	}
	obj := r.c.info.Defs[id]
	if obj == nil {
		return
	}
	if t, ok := r.checkType(obj.Type()); ok {
		r.update.vars[id.Name] = t
		r.update.order = append(r.update.order, id.Name)
	}
}

// checkType returns t as the session's check file writes it, and false
// when t cannot be written there (a type local to a function).
func (r *rewriter) checkType(t types.Type) (string, bool) {
	ok := true
	text := types.TypeString(t, func(p *types.Package) string {
		if p == r.c.pkg {
			return ""
		}
		return r.s.checkQualifier(p)
	})
	var walkNamed func(t types.Type)
	seen := map[types.Type]bool{}
	walkNamed = func(t types.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			if t.Obj().Pkg() == r.c.pkg && t.Obj().Parent() != r.c.pkg.Scope() {
				ok = false
			}
			if t.TypeArgs() != nil {
				for i := range t.TypeArgs().Len() {
					walkNamed(t.TypeArgs().At(i))
				}
			}
		case *types.Pointer:
			walkNamed(t.Elem())
		case *types.Slice:
			walkNamed(t.Elem())
		case *types.Array:
			walkNamed(t.Elem())
		case *types.Map:
			walkNamed(t.Key())
			walkNamed(t.Elem())
		case *types.Chan:
			walkNamed(t.Elem())
		case *types.Signature:
			for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
				for i := range tup.Len() {
					walkNamed(tup.At(i).Type())
				}
			}
		case *types.Struct:
			for i := range t.NumFields() {
				walkNamed(t.Field(i).Type())
			}
		}
	}
	walkNamed(t)
	if _, invalid := t.(*types.Basic); invalid && t.(*types.Basic).Kind() == types.Invalid {
		ok = false
	}
	return text, ok
}

func (r *rewriter) planFunc(d *ast.FuncDecl) {
	src := printWithoutBody(r.c.fset, d)
	if d.Recv != nil {
		r.record(recvTypeName(d)+"."+d.Name.Name, &entry{kind: "method", src: src, full: nodeText(r.c.fset, d)})
		return
	}
	r.record(d.Name.Name, &entry{kind: "func", src: src, full: nodeText(r.c.fset, d)})
	if d.Name.Name == "main" || d.Name.Name == "init" || d.Name.Name == "_" || d.Type.TypeParams != nil {
		return
	}
	obj := r.c.info.Defs[d.Name]
	if obj == nil {
		return
	}
	sig, ok := r.cellType(obj.Type())
	if !ok {
		return
	}
	r.s.version++
	plan := funcPlan{internal: d.Name.Name + "ʹ" + itoa(r.s.version), sig: sig}
	plan.declare = r.s.funcSigs[d.Name.Name] != sig
	r.funcs[d] = plan
	r.newFuncSigs[d.Name.Name] = sig
}

// cellType is typeExpr that reports failure instead of failing the rewrite.
func (r *rewriter) cellType(t types.Type) (string, bool) {
	saved := r.failed
	text := r.typeExpr(t)
	ok := r.failed == saved
	r.failed = saved
	return text, ok
}

func (r *rewriter) planType(spec *ast.TypeSpec) {
	name := spec.Name.Name
	text := "type " + nodeText(r.c.fset, spec)
	r.record(name, &entry{kind: "type", src: text})
	r.newTypeDefs[name] = text
	obj := r.c.info.Defs[spec.Name]
	old, existed := r.s.typeDefs[name]
	switch {
	case !existed:
		delete(r.renames, obj)
	case old == text:
		if internal, ok := r.s.internal[name]; ok {
			r.renames[obj] = internal
		}
	default:
		r.s.version++
		internal := name + "ʹ" + itoa(r.s.version)
		r.renames[obj] = internal
		r.newInternal[name] = internal
		r.removeUsersOf(name)
	}
}

// removeUsersOf removes from the session the variables, functions and
// methods that use the old definition of the type name, with a note each.
func (r *rewriter) removeUsersOf(name string) {
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`)
	redefined := r.c.topLevelNames()
	var notes []string
	for v, t := range r.s.vars {
		if word.MatchString(t) && !redefined[v] {
			r.removals[v] = "it had the old type " + name
			notes = append(notes, "variable "+v+" had the old type "+name+" and was removed")
		}
	}
	for n, e := range r.s.entries {
		if redefined[n] || n == name {
			continue
		}
		switch {
		case e.kind == "method" && receiverOf(n) == name:
			r.removals[n] = "it was a method of the old type " + name
			notes = append(notes, "method "+n+" of the old type "+name+" was removed; run its cell again")
		case e.kind == "func" && word.MatchString(e.src):
			r.removals[n] = "it used the old type " + name
			notes = append(notes, "function "+n+" used the old type "+name+" and was removed; run its cell again")
		}
	}
	sort.Strings(notes)
	r.notes = append(r.notes, notes...)
}

func (r *rewriter) planValues(tok token.Token, spec *ast.ValueSpec) {
	for _, id := range spec.Names {
		if tok == token.CONST {
			r.recordConst(id)
		} else {
			r.recordVar(id)
		}
	}
}

func (r *rewriter) recordConst(id *ast.Ident) {
	c, ok := r.c.info.Defs[id].(*types.Const)
	if !ok || id.Name == "_" {
		return
	}
	val := c.Val().ExactString()
	if f, isFloat := floatLiteral(c.Val()); isFloat {
		val = f
	}
	src := "const " + id.Name + " = " + val
	if b, ok := c.Type().(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
		t, ok := r.checkType(c.Type())
		if !ok {
			return
		}
		src = "const " + id.Name + " " + t + " = " + val
	}
	r.record(id.Name, &entry{kind: "const", src: src})
}

func (r *rewriter) planStmtVars(st ast.Stmt) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			for _, e := range st.Lhs {
				id, _ := e.(*ast.Ident)
				r.recordVar(id)
			}
		}
	case *ast.DeclStmt:
		if g, ok := st.Decl.(*ast.GenDecl); ok {
			for _, spec := range g.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					r.planValues(g.Tok, vs)
				}
			}
		}
	}
}

// rewriteItem applies the declaration-level rewrites to item i: functions
// declared through variables, and variables of the session assigned in
// place of being declared again, so that earlier functions see the value.
func (r *rewriter) rewriteItem(i int) {
	for _, n := range r.c.nodes[i] {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if mp, ok := r.methods[n]; ok {
				r.replaceItem[i] = r.methodText(n, mp)
				r.changed = false
				if !mp.declare {
					_, last := r.funcItems()
					if last < i {
						last = i
					}
					if r.extraAfter[last] != "" {
						r.extraAfter[last] += "\n"
					}
					r.extraAfter[last] += mp.variable + " = " + mp.impl
				}
				continue
			}
			plan, ok := r.funcs[n]
			if !ok {
				continue
			}
			user := n.Name.Name
			n.Name.Name = plan.internal
			r.changed = true
			// A new variable is initialized in its declaration, so that
			// package-level initializers of the cell can call it. yaegi
			// orders the declarations of one run of declaration items
			// itself, so functions of a cell can call each other. An
			// existing variable is assigned after the cell's last
			// function.
			if plan.declare {
				r.prefix[i] += "var " + user + " " + plan.sig + " = " + plan.internal + "\n"
				continue
			}
			_, last := r.funcItems()
			if r.extraAfter[last] != "" {
				r.extraAfter[last] += "\n"
			}
			r.extraAfter[last] += user + " = " + plan.internal
		case *ast.GenDecl:
			if n.Tok == token.VAR && len(r.c.nodes[i]) == 1 {
				if text, ok := r.assignVars(n); ok {
					r.replaceItem[i] = text
					r.changed = false
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && r.sameSessionVars(n.Lhs) {
				n.Tok = token.ASSIGN
				r.changed = true
			}
			if text, ok := r.declareGenericResult(n); ok {
				r.replaceItem[i] = text
				r.changed = false
			}
			if text, ok := r.blankAssignText(n); ok {
				r.replaceItem[i] = text
				r.changed = false
			}
			if text, ok := r.declareCommaOk(n); ok {
				r.replaceItem[i] = text
				r.changed = false
			}
		}
	}
}

// funcItems returns the first and the last item that declares a function
// called through a variable.
func (r *rewriter) funcItems() (first, last int) {
	first = -1
	for i, nodes := range r.c.nodes {
		for _, n := range nodes {
			if d, ok := n.(*ast.FuncDecl); ok {
				if _, planned := r.funcs[d]; planned {
					if first < 0 {
						first = i
					}
					last = i
				}
			}
		}
	}
	return first, last
}

// declareGenericResult returns "var x T\nx = F[...](...)" for a top-level
// "x := F(...)" that calls a generic cell function, because yaegi v0.16.1
// rejects the short form with "not a generic type" or "constant
// definition loop".
func (r *rewriter) declareGenericResult(n *ast.AssignStmt) (string, bool) {
	if n.Tok != token.DEFINE || len(n.Lhs) != 1 || len(n.Rhs) != 1 {
		return "", false
	}
	call, ok := n.Rhs[0].(*ast.CallExpr)
	if !ok {
		return "", false
	}
	id := genericIdent(call.Fun)
	if id == nil || call.Fun == ast.Expr(id) {
		return "", false
	}
	if _, ok := r.c.info.Instances[id]; !ok {
		return "", false
	}
	lhs, ok := n.Lhs[0].(*ast.Ident)
	if !ok || r.c.info.Defs[lhs] == nil {
		return "", false
	}
	t, ok := r.cellType(r.c.info.Defs[lhs].Type())
	if !ok {
		return "", false
	}
	n.Tok = token.ASSIGN
	return "var " + lhs.Name + " " + t + "\n" + nodeText(r.c.fset, n), true
}

// declareCommaOk returns "var v T\nvar ok bool\nv, ok = m[k]" for a
// top-level "v, ok := m[k]", and the same for type assertions and channel
// receives, because yaegi v0.16.1 panics with "nil type" on the short
// form outside functions. Only the names the statement defines are
// declared.
func (r *rewriter) declareCommaOk(n *ast.AssignStmt) (string, bool) {
	if n.Tok != token.DEFINE || len(n.Lhs) != 2 || len(n.Rhs) != 1 {
		return "", false
	}
	switch rhs := ast.Unparen(n.Rhs[0]).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
	case *ast.UnaryExpr:
		if rhs.Op != token.ARROW {
			return "", false
		}
	default:
		return "", false
	}
	var decls strings.Builder
	for _, e := range n.Lhs {
		id, ok := e.(*ast.Ident)
		if !ok {
			return "", false
		}
		obj := r.c.info.Defs[id]
		if obj == nil || id.Name == "_" {
			continue
		}
		t, ok := r.cellType(obj.Type())
		if !ok {
			return "", false
		}
		decls.WriteString("var " + id.Name + " " + t + "\n")
	}
	n.Tok = token.ASSIGN
	return decls.String() + nodeText(r.c.fset, n), true
}

// sameSessionVars reports whether every name in lhs is a session variable
// of the same type as the new one.
func (r *rewriter) sameSessionVars(lhs []ast.Expr) bool {
	for _, e := range lhs {
		id, ok := e.(*ast.Ident)
		if !ok {
			return false
		}
		if id.Name == "_" {
			continue
		}
		old, ok := r.s.vars[id.Name]
		if !ok || r.removals[id.Name] != "" {
			return false
		}
		obj := r.c.info.Defs[id]
		if obj == nil {
			return false
		}
		if t, ok := r.checkType(obj.Type()); !ok || t != old {
			return false
		}
	}
	return true
}

// assignVars returns "a, b = 1, 2" for a var declaration of session
// variables of unchanged types.
func (r *rewriter) assignVars(g *ast.GenDecl) (string, bool) {
	if len(g.Specs) != 1 {
		return "", false
	}
	spec := g.Specs[0].(*ast.ValueSpec)
	lhs := make([]ast.Expr, len(spec.Names))
	for i, id := range spec.Names {
		lhs[i] = id
	}
	if !r.sameSessionVars(lhs) {
		return "", false
	}
	values := spec.Values
	if len(values) == 0 {
		for _, id := range spec.Names {
			zero, err := parseExpr("*new(" + r.typeExpr(r.c.info.Defs[id].Type()) + ")")
			if err != nil {
				return "", false
			}
			values = append(values, zero)
		}
	}
	assign := &ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, Rhs: values}
	return nodeText(r.c.fset, assign), true
}

func printWithoutBody(fset *token.FileSet, d *ast.FuncDecl) string {
	copied := *d
	copied.Body = nil
	copied.Doc = nil
	return nodeText(fset, &copied)
}

func nodeText(fset *token.FileSet, n any) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, n); err != nil {
		return ""
	}
	return strings.TrimSpace(b.String())
}
