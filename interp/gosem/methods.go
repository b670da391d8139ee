package gosem

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Methods. yaegi v0.16.1 ignores a second declaration of a method. So a
// method of a cell type is declared once, as a wrapper that calls its body
// through a package-level variable. Each later declaration of the method
// assigns the variable a new function, which values built before see too.

// methodPlan is a method declared through a variable.
type methodPlan struct {
	key      string // receiver base type, as yaegi names it, "." method
	variable string
	impl     string
	sig      string // the variable's type: the receiver, then the parameters
	declare  bool   // the variable and the wrapper are new
}

// planMethods plans the methods of the cell, after the types are planned
// so that receiver types have their new names.
func (r *rewriter) planMethods() {
	r.methods = map[*ast.FuncDecl]methodPlan{}
	for _, d := range r.c.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Body == nil || len(fd.Recv.List) != 1 {
			continue
		}
		if _, generic := receiverBase(fd.Recv.List[0].Type); generic {
			continue
		}
		fn, ok := r.c.info.Defs[fd.Name].(*types.Func)
		if !ok {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if !structReceiver(sig.Recv().Type()) {
			continue
		}
		recvType, ok := r.cellType(sig.Recv().Type())
		if !ok {
			continue
		}
		// The parameters are unnamed like the receiver, because a list
		// that mixes named and unnamed parameters is not valid Go.
		params := []*types.Var{types.NewVar(token.NoPos, nil, "", sig.Recv().Type())}
		for i := range sig.Params().Len() {
			params = append(params, types.NewVar(token.NoPos, nil, "", sig.Params().At(i).Type()))
		}
		implType := types.NewSignatureType(nil, nil, nil, types.NewTuple(params...), sig.Results(), sig.Variadic())
		text, ok := r.cellType(implType)
		if !ok {
			continue
		}
		key := strings.TrimPrefix(recvType, "*") + "." + fd.Name.Name
		r.s.version++
		base := strings.ReplaceAll(strings.TrimPrefix(recvType, "*"), "ʹ", "") + "_" + fd.Name.Name
		plan := methodPlan{
			key:      key,
			variable: base + "ʹm" + itoa(r.s.version),
			impl:     base + "ʹ" + itoa(r.s.version),
			sig:      text,
		}
		if old, ok := r.s.methodVars[key]; ok && old.sig == text {
			plan.variable = old.variable
		} else {
			plan.declare = true
		}
		r.methods[fd] = plan
	}
}

// structReceiver reports whether t is a struct type or a pointer to one.
// NOTE: methods of other named types keep plain declarations, so
// redefining such a method has no effect. yaegi v0.16.1 mistypes a
// function variable whose first parameter is a named slice type ("cannot
// use type func(main.ByLen,int,int) as type func(int,int,int)").
func structReceiver(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// receiverBase returns the base type of a receiver and whether it has type
// parameters.
func receiverBase(e ast.Expr) (ast.Expr, bool) {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	switch e.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return e, true
	}
	return e, false
}

// methodText returns the declarations for a planned method: the function
// with the body, and the variable and wrapper when they are new.
func (r *rewriter) methodText(d *ast.FuncDecl, plan methodPlan) string {
	recv := d.Recv.List[0]
	if len(recv.Names) == 0 || recv.Names[0].Name == "_" {
		recv.Names = []*ast.Ident{ast.NewIdent(r.hidden("recv"))}
	}
	args := []ast.Expr{ast.NewIdent(recv.Names[0].Name)}
	for _, f := range d.Type.Params.List {
		if len(f.Names) == 0 {
			f.Names = []*ast.Ident{ast.NewIdent(r.hidden("p"))}
		}
		for j, n := range f.Names {
			if n.Name == "_" {
				f.Names[j] = ast.NewIdent(r.hidden("p"))
			}
			args = append(args, ast.NewIdent(f.Names[j].Name))
		}
	}
	implParams := &ast.FieldList{List: append([]*ast.Field{recv}, d.Type.Params.List...)}
	impl := &ast.FuncDecl{
		Name: ast.NewIdent(plan.impl),
		Type: &ast.FuncType{TypeParams: d.Type.TypeParams, Params: implParams, Results: d.Type.Results},
		Body: d.Body,
	}
	text := nodeText(r.c.fset, impl)
	if !plan.declare {
		return text
	}
	call := &ast.CallExpr{Fun: ast.NewIdent(plan.variable), Args: args}
	if d.Type.Params.NumFields() > 0 {
		if _, ok := d.Type.Params.List[len(d.Type.Params.List)-1].Type.(*ast.Ellipsis); ok {
			call.Ellipsis = 1
		}
	}
	var body ast.Stmt = &ast.ExprStmt{X: call}
	if d.Type.Results.NumFields() > 0 {
		body = &ast.ReturnStmt{Results: []ast.Expr{call}}
	}
	wrapper := &ast.FuncDecl{Recv: d.Recv, Name: d.Name, Type: d.Type, Body: &ast.BlockStmt{List: []ast.Stmt{body}}}
	return "var " + plan.variable + " " + plan.sig + " = " + plan.impl + "\n" + text + "\n" + nodeText(r.c.fset, wrapper)
}
