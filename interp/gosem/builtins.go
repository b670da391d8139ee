package gosem

import (
	"go/ast"
	"go/types"
)

// callExpr rewrites calls of the builtins yaegi lacks (min, max, clear)
// and adds the inferred type arguments to calls of generic cell functions.
func (r *rewriter) callExpr(call *ast.CallExpr) ast.Node {
	r.replaceStdin(call)
	fun := ast.Unparen(call.Fun)
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := r.c.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "min", "max":
				return r.minMax(call, b.Name())
			case "clear":
				return r.clear(call)
			}
			return nil
		}
	}
	if repl := r.stdGeneric(call, fun); repl != nil {
		return repl
	}
	return r.inferTypeArgs(call, fun)
}

// minMax replaces min or max by its constant value or by a call of a
// function literal over the argument type. The literal keeps the NaN rule
// of the builtins: a NaN argument makes the result NaN.
func (r *rewriter) minMax(call *ast.CallExpr, name string) ast.Node {
	tv, ok := r.c.info.Types[call]
	if !ok {
		r.fail("no type for a call of %s", name)
		return nil
	}
	if tv.Value != nil {
		return r.constant(tv)
	}
	t := r.typeExpr(tv.Type)
	op := "<"
	if name == "max" {
		op = ">"
	}
	lit := "func(x " + t + ", ys ..." + t + ") " + t + " { for _, y := range ys { " +
		"if x != x { return x }; if y != y || y " + op + " x { x = y } }; return x }"
	fn, err := parseExpr(lit)
	if err != nil {
		r.fail("%v", err)
		return nil
	}
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		args[i] = a
		if tva, ok := r.c.info.Types[a]; ok && tva.Value != nil {
			// Untyped constant arguments take the call's type.
			conv, err := parseExpr(t + "(0)")
			if err == nil {
				conv.(*ast.CallExpr).Args[0] = a
				args[i] = conv
			}
		}
	}
	return &ast.CallExpr{Fun: fn, Args: args}
}

// constant returns a literal for a constant expression of type tv.Type.
func (r *rewriter) constant(tv types.TypeAndValue) ast.Node {
	lit := tv.Value.ExactString()
	if f, ok := floatLiteral(tv.Value); ok {
		lit = f
	}
	if b, ok := tv.Type.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		e, err := parseExpr(lit)
		if err != nil {
			r.fail("%v", err)
			return nil
		}
		return e
	}
	e, err := parseExpr(r.typeExpr(tv.Type) + "(" + lit + ")")
	if err != nil {
		r.fail("%v", err)
		return nil
	}
	return e
}

// clear replaces clear(m) by a loop deleting every key, and clear(s) by a
// loop setting every element to its zero value.
func (r *rewriter) clear(call *ast.CallExpr) ast.Node {
	if len(call.Args) != 1 {
		return nil
	}
	t := r.typeOf(call.Args[0])
	if t == nil {
		r.fail("no type for the argument of clear")
		return nil
	}
	texpr := r.typeExpr(t)
	var lit string
	switch u := t.Underlying().(type) {
	case *types.Map:
		lit = "func(m " + texpr + ") { for k := range m { delete(m, k) } }"
	case *types.Slice:
		lit = "func(s " + texpr + ") { var zero " + r.typeExpr(u.Elem()) + "; for i := range s { s[i] = zero } }"
	default:
		r.fail("clear of %s is not supported", t)
		return nil
	}
	fn, err := parseExpr(lit)
	if err != nil {
		r.fail("%v", err)
		return nil
	}
	return &ast.CallExpr{Fun: fn, Args: call.Args}
}

// inferTypeArgs writes the type arguments that the type checker inferred
// for a call of a generic function declared in a cell, because yaegi's
// own inference fails on many calls.
func (r *rewriter) inferTypeArgs(call *ast.CallExpr, fun ast.Expr) ast.Node {
	id := genericIdent(fun)
	if id == nil {
		return nil
	}
	inst, ok := r.c.info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return nil
	}
	obj := r.c.info.Uses[id]
	if _, ok := obj.(*types.Func); !ok || obj.Pkg() != r.c.pkg {
		return nil
	}
	if fun == id {
		indices := make([]ast.Expr, inst.TypeArgs.Len())
		for i := range indices {
			e, err := parseExpr(r.typeExpr(inst.TypeArgs.At(i)))
			if err != nil {
				r.fail("%v", err)
				return nil
			}
			indices[i] = e
		}
		call.Fun = &ast.IndexListExpr{X: call.Fun, Indices: indices}
		r.changed = true
	}
	return nil
}

// genericIdent returns the function name of fun, a name with or without
// type arguments.
func genericIdent(fun ast.Expr) *ast.Ident {
	switch f := fun.(type) {
	case *ast.Ident:
		return f
	case *ast.IndexExpr:
		id, _ := f.X.(*ast.Ident)
		return id
	case *ast.IndexListExpr:
		id, _ := f.X.(*ast.Ident)
		return id
	}
	return nil
}

// replaceStdin passes the session's stdin reader in place of os.Stdin to
// parameters of interface type.
func (r *rewriter) replaceStdin(call *ast.CallExpr) {
	if r.s.StdinReader == "" {
		return
	}
	sig, ok := r.typeOf(call.Fun).(*types.Signature)
	if !ok {
		return
	}
	for i, a := range call.Args {
		sel, ok := ast.Unparen(a).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		v, ok := r.c.info.Uses[sel.Sel].(*types.Var)
		if !ok || v.Pkg() == nil || v.Pkg().Path() != "os" || v.Name() != "Stdin" {
			continue
		}
		param := paramType(sig, i)
		if param == nil || !types.IsInterface(param) {
			continue
		}
		e, err := parseExpr(r.s.StdinReader)
		if err != nil {
			return
		}
		call.Args[i] = e
		r.changed = true
	}
}

// paramType returns the type of the parameter that argument i binds to.
func paramType(sig *types.Signature, i int) types.Type {
	n := sig.Params().Len()
	switch {
	case sig.Variadic() && i >= n-1:
		return sig.Params().At(n - 1).Type().(*types.Slice).Elem()
	case i < n:
		return sig.Params().At(i).Type()
	}
	return nil
}
