package gosem

import (
	"go/ast"
	"go/types"
	"strings"
)

// SortPackage is the name under which the interpreter must import package
// sort before the first cell (with [Session.Prelude]) for the rewrites of
// slices.Sort and its kin.
const SortPackage = "sortʹ"

// Prelude returns the declarations to evaluate once before the first cell
// of the session.
func (s *Session) Prelude() string {
	return "import " + SortPackage + ` "sort"`
}

// stdGeneric rewrites calls of generic functions of the slices and maps
// packages, which yaegi v0.16.1 cannot call: slices.Sort is missing from
// its symbol tables and maps.Clone panics. Each call becomes a function
// literal over the call's type arguments. slices.Contains and
// slices.Index work in yaegi and are left as they are.
func (r *rewriter) stdGeneric(call *ast.CallExpr, fun ast.Expr) ast.Node {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok || !r.s.prelude {
		return nil
	}
	fn, ok := r.c.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || (fn.Pkg().Path() != "slices" && fn.Pkg().Path() != "maps") {
		return nil
	}
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return nil
	}
	arg := r.typeOf(call.Args[0])
	if arg == nil {
		return nil
	}
	lit := r.stdGenericLiteral(fn.Pkg().Path()+"."+fn.Name(), arg)
	if lit == "" {
		return nil
	}
	if r.failed != nil {
		return nil
	}
	e, err := parseExpr(lit)
	if err != nil {
		r.fail("%v", err)
		return nil
	}
	return &ast.CallExpr{Fun: e, Args: call.Args}
}

// stdGenericLiteral returns the function literal for the generic function
// name called with a first argument of type arg, or "" when it has none.
func (r *rewriter) stdGenericLiteral(name string, arg types.Type) string {
	t := r.typeExpr(arg)
	sortPkg := SortPackage
	switch u := arg.Underlying().(type) {
	case *types.Slice:
		e := r.typeExpr(u.Elem())
		less := "s[i] < s[j] || s[i] != s[i] && s[j] == s[j]" // NaNs first, as slices.Sort
		switch name {
		case "slices.Sort":
			return "func(s " + t + ") { " + sortPkg + ".Slice(s, func(i, j int) bool { return " + less + " }) }"
		case "slices.SortFunc":
			return "func(s " + t + ", cmp func(a, b " + e + ") int) { " + sortPkg + ".Slice(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 }) }"
		case "slices.SortStableFunc":
			return "func(s " + t + ", cmp func(a, b " + e + ") int) { " + sortPkg + ".SliceStable(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 }) }"
		case "slices.Reverse":
			return "func(s " + t + ") { for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 { s[i], s[j] = s[j], s[i] } }"
		case "slices.Max", "slices.Min":
			op := ">"
			if name == "slices.Min" {
				op = "<"
			}
			return "func(s " + t + ") " + e + " { if len(s) == 0 { panic(\"" + name + ": empty list\") }; m := s[0]; " +
				"for _, v := range s[1:] { if m != m { break }; if v != v || v " + op + " m { m = v } }; return m }"
		}
	case *types.Map:
		k, v := r.typeExpr(u.Key()), r.typeExpr(u.Elem())
		switch name {
		case "maps.Clone":
			return "func(m " + t + ") " + t + " { if m == nil { return nil }; c := make(" + t + ", len(m)); for k, v := range m { c[k] = v }; return c }"
		case "maps.Equal":
			return "func(a, b " + t + ") bool { if len(a) != len(b) { return false }; for k, v := range a { w, ok := b[k]; if !ok || v != w { return false } }; return true }"
		case "maps.Keys":
			return "func(m " + t + ") func(yield func(" + k + ") bool) { return func(yield func(" + k + ") bool) { for k := range m { if !yield(k) { return } } } }"
		case "maps.Values":
			return "func(m " + t + ") func(yield func(" + v + ") bool) { return func(yield func(" + v + ") bool) { for _, v := range m { if !yield(v) { return } } } }"
		}
	case *types.Signature:
		if u.Params().Len() != 1 {
			return ""
		}
		yield, ok := u.Params().At(0).Type().Underlying().(*types.Signature)
		if !ok || yield.Params().Len() != 1 {
			return ""
		}
		e := r.typeExpr(yield.Params().At(0).Type())
		collect := "var out []" + e + "; seq(func(v " + e + ") bool { out = append(out, v); return true })"
		switch name {
		case "slices.Collect":
			return "func(seq " + t + ") []" + e + " { " + collect + "; return out }"
		case "slices.Sorted":
			less := strings.ReplaceAll("s[i] < s[j] || s[i] != s[i] && s[j] == s[j]", "s[", "out[")
			return "func(seq " + t + ") []" + e + " { " + collect + "; " + sortPkg + ".Slice(out, func(i, j int) bool { return " + less + " }); return out }"
		}
	}
	return ""
}
