package gosem

import (
	"go/ast"
	"go/token"
	"go/types"
)

// rangeFunc rewrites a range loop over a function iterator into a call of
// the iterator with the loop body as its yield function. In the body,
// continue becomes "return true" and break "return false". A return from
// the enclosing function stores its results in hidden variables, stops the
// iteration and is repeated after the call.
func (r *rewriter) rangeFunc(n *ast.RangeStmt, sig *types.Signature, label string) ast.Node {
	if sig.Params().Len() != 1 {
		return nil
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	if label == "" {
		label = r.labelOf[n]
	}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{},
			Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}},
		},
	}
	var prologue []ast.Stmt
	for i, e := range []ast.Expr{n.Key, n.Value}[:yield.Params().Len()] {
		name := "_"
		if id, ok := e.(*ast.Ident); ok && n.Tok == token.DEFINE {
			name = id.Name
		} else if e != nil && !isBlank(e) {
			name = r.hidden("v")
			prologue = append(prologue, &ast.AssignStmt{
				Lhs: []ast.Expr{e}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(name)},
			})
		}
		field := &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}}
		if id, ok := e.(*ast.Ident); ok && name == id.Name {
			field.Names[0] = id
		}
		typ, err := parseExpr(r.typeExpr(yield.Params().At(i).Type()))
		if err != nil {
			r.fail("%v", err)
			return nil
		}
		field.Type = typ
		lit.Type.Params.List = append(lit.Type.Params.List, field)
	}

	returned := r.hidden("returned")
	results := r.funcResults(n)
	var resultVars []string
	usesReturn := false
	r.replaceBranches(n.Body, func(b *ast.BranchStmt, d branchDepth) ast.Stmt {
		own := b.Label != nil && b.Label.Name == label
		switch {
		case b.Tok == token.CONTINUE && (b.Label == nil && d.loops == 0 || own):
			return returnBool(true)
		case b.Tok == token.BREAK && (b.Label == nil && d.breakable == 0 || own):
			return returnBool(false)
		case b.Tok == token.GOTO, b.Label != nil && !own && !r.labelInside(n.Body, b.Label.Name):
			r.fail("a goto or a labeled branch out of a range-over-func loop is not supported")
		}
		return nil
	}, func(ret *ast.ReturnStmt) ast.Stmt {
		usesReturn = true
		block := &ast.BlockStmt{}
		if len(ret.Results) > 0 {
			for len(resultVars) < results.Len() {
				resultVars = append(resultVars, r.hidden("result"))
			}
			set := &ast.AssignStmt{Tok: token.ASSIGN, Rhs: ret.Results}
			for _, v := range resultVars {
				set.Lhs = append(set.Lhs, ast.NewIdent(v))
			}
			block.List = append(block.List, set)
		}
		block.List = append(block.List,
			&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(returned)}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent("true")}},
			returnBool(false))
		return block
	})
	if usesReturn && r.nestedRangeFuncReturns(n.Body) {
		r.fail("a return inside nested range-over-func loops is not supported")
	}
	body := append(prologue, n.Body.List...)
	lit.Body = &ast.BlockStmt{List: append(body, returnBool(true))}
	call := &ast.ExprStmt{X: &ast.CallExpr{Fun: n.X, Args: []ast.Expr{lit}}}
	if !usesReturn {
		return call
	}
	return r.returnAfter(call, returned, resultVars, results)
}

// returnAfter wraps the iterator call with the hidden variables of a
// return inside the loop body, and repeats the return after the call.
func (r *rewriter) returnAfter(call ast.Stmt, returned string, resultVars []string, results *types.Tuple) ast.Node {
	block := &ast.BlockStmt{}
	decl := "var " + returned + " bool\n"
	for i, v := range resultVars {
		decl += "var " + v + " " + r.typeExpr(results.At(i).Type()) + "\n"
	}
	again := &ast.ReturnStmt{}
	for _, v := range resultVars {
		again.Results = append(again.Results, ast.NewIdent(v))
	}
	stmts, err := parseStmts(decl)
	if err != nil {
		r.fail("%v", err)
		return nil
	}
	block.List = append(stmts, call, &ast.IfStmt{
		Cond: ast.NewIdent(returned),
		Body: &ast.BlockStmt{List: []ast.Stmt{again}},
	})
	return block
}

// funcResults returns the results of the function around n.
func (r *rewriter) funcResults(n *ast.RangeStmt) *types.Tuple {
	ft := r.funcOf[n]
	if ft == nil {
		return types.NewTuple()
	}
	if tv, ok := r.c.info.Types[ft]; ok {
		if sig, ok := tv.Type.(*types.Signature); ok {
			return sig.Results()
		}
	}
	if ft.Results == nil {
		return types.NewTuple()
	}
	var vars []*types.Var
	for _, f := range ft.Results.List {
		t := r.typeOf(f.Type)
		if t == nil {
			r.fail("no type for the results of the function around a range loop")
			return types.NewTuple()
		}
		count := max(len(f.Names), 1)
		for range count {
			vars = append(vars, types.NewVar(token.NoPos, nil, "", t))
		}
	}
	return types.NewTuple(vars...)
}

// nestedRangeFuncReturns reports whether body holds a range-over-func
// loop, because its returns would stop only the inner iteration.
func (r *rewriter) nestedRangeFuncReturns(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if rs, ok := n.(*ast.RangeStmt); ok {
			if t := r.typeOf(rs.X); t != nil {
				if _, ok := t.Underlying().(*types.Signature); ok {
					found = true
				}
			}
		}
		_, lit := n.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}

// labelInside reports whether label is declared inside body.
func (r *rewriter) labelInside(body ast.Node, label string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok && l.Label.Name == label {
			found = true
		}
		return !found
	})
	return found
}

// labeledStmt drops the label of a range-over-func loop, whose branches
// become returns of the yield function.
func (r *rewriter) labeledStmt(n *ast.LabeledStmt) ast.Node {
	rs, ok := n.Stmt.(*ast.RangeStmt)
	if !ok {
		return nil
	}
	t := r.typeOf(rs.X)
	if t == nil {
		return nil
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	return r.rangeFunc(rs, sig, n.Label.Name)
}

func returnBool(v bool) *ast.ReturnStmt {
	name := "false"
	if v {
		name = "true"
	}
	return &ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent(name)}}
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
