package gosem

import (
	"go/ast"
	"go/types"
)

// iterType rewrites the types iter.Seq[V] and iter.Seq2[K, V] into the
// function types they stand for, because yaegi cannot instantiate generic
// types of compiled packages.
func (r *rewriter) iterType(e ast.Expr) ast.Node {
	var x ast.Expr
	var indices []ast.Expr
	switch e := e.(type) {
	case *ast.IndexExpr:
		x, indices = e.X, []ast.Expr{e.Index}
	case *ast.IndexListExpr:
		x, indices = e.X, e.Indices
	}
	sel, ok := x.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	tn, ok := r.c.info.Uses[sel.Sel].(*types.TypeName)
	if !ok || tn.Pkg() == nil || tn.Pkg().Path() != "iter" {
		return nil
	}
	if tn.Name() != "Seq" && tn.Name() != "Seq2" {
		return nil
	}
	return seqFuncType(indices)
}

// iterFuncType is iterType for generated type expressions, which have no
// type information: it matches iter.Seq by the name iterName the cell
// imports package iter under.
func iterFuncType(n ast.Node, iterName string) ast.Node {
	var x ast.Expr
	var indices []ast.Expr
	switch e := n.(type) {
	case *ast.IndexExpr:
		x, indices = e.X, []ast.Expr{e.Index}
	case *ast.IndexListExpr:
		x, indices = e.X, e.Indices
	default:
		return nil
	}
	sel, ok := x.(*ast.SelectorExpr)
	if !ok || identName(sel.X) != iterName || sel.Sel.Name != "Seq" && sel.Sel.Name != "Seq2" {
		return nil
	}
	return seqFuncType(indices)
}

// seqFuncType returns func(yield func(indices...) bool).
func seqFuncType(indices []ast.Expr) ast.Expr {
	yieldParams := &ast.FieldList{}
	for _, idx := range indices {
		yieldParams.List = append(yieldParams.List, &ast.Field{Type: idx})
	}
	yield := &ast.FuncType{
		Params:  yieldParams,
		Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}},
	}
	return &ast.FuncType{Params: &ast.FieldList{List: []*ast.Field{
		{Names: []*ast.Ident{ast.NewIdent("yield")}, Type: yield},
	}}}
}
