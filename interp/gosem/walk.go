package gosem

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
)

var (
	nodeType     = reflect.TypeFor[ast.Node]()
	objectType   = reflect.TypeFor[*ast.Object]()
	scopeType    = reflect.TypeFor[*ast.Scope]()
	commentsType = reflect.TypeFor[*ast.CommentGroup]()
	posType      = reflect.TypeFor[token.Pos]()
)

// walk visits n and its descendants in pre-order. When visit returns a
// node, it replaces the visited one in its parent, if the parent's field
// can hold it, and the walk continues into the replacement's children.
func walk(n ast.Node, visit func(ast.Node) ast.Node) ast.Node {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return n
	}
	if repl := visit(n); repl != nil {
		n = repl
	}
	v := reflect.ValueOf(n)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return n
	}
	v = v.Elem()
	for i := 0; i < v.NumField(); i++ {
		walkField(v.Field(i), visit)
	}
	return n
}

func walkField(f reflect.Value, visit func(ast.Node) ast.Node) {
	switch f.Kind() {
	case reflect.Interface, reflect.Pointer:
		if f.IsNil() || f.Type() == objectType || f.Type() == scopeType || f.Type() == commentsType {
			return
		}
		child, ok := f.Interface().(ast.Node)
		if !ok {
			return
		}
		repl := walk(child, visit)
		if repl != child && reflect.TypeOf(repl).AssignableTo(f.Type()) {
			f.Set(reflect.ValueOf(repl))
		}
	case reflect.Slice:
		if !f.Type().Elem().Implements(nodeType) && f.Type().Elem().Kind() != reflect.Interface {
			return
		}
		for j := 0; j < f.Len(); j++ {
			walkField(f.Index(j), visit)
		}
	}
}

// clearPositions sets every position in n to token.NoPos, so that nodes
// parsed from generated text print without layout taken from elsewhere.
func clearPositions(n ast.Node) {
	ast.Inspect(n, func(m ast.Node) bool {
		if m == nil {
			return false
		}
		v := reflect.ValueOf(m)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		v = v.Elem()
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.Type() == posType && f.CanSet() {
				f.SetInt(0)
			}
		}
		return true
	})
}

// parseExpr parses generated expression text.
func parseExpr(text string) (ast.Expr, error) {
	e, err := parser.ParseExpr(text)
	if err != nil {
		return nil, err
	}
	clearPositions(e)
	return e, nil
}

// parseStmts parses generated statements.
func parseStmts(text string) ([]ast.Stmt, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+text+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	clearPositions(body)
	return body.List, nil
}
