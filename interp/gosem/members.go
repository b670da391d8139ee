package gosem

import (
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Member is a field or method of a value that a cell can select.
type Member struct {
	Name string
	Type string // the field's type or the method's signature
	Doc  string // the doc comment of a method of a compiled package
}

// Members returns the fields and methods of the value before the dot that
// precedes offset (a byte offset in code), whose name starts with the
// text between the dot and offset. The value is an identifier or a chain
// of selectors (df.Col) naming a variable of the session or of code's
// earlier lines. start is the byte offset where that text begins. ok is
// false when there is no such value, for example after a package name.
func (s *Session) Members(code string, offset int) (start int, members []Member, ok bool) {
	start = identStartAt(code, offset)
	if start == 0 || code[start-1] != '.' {
		return 0, nil, false
	}
	base := selectorChain(code, start-1)
	if base == "" {
		return 0, nil, false
	}
	t, ok := s.typeOfExpr(code[:lineStartAt(code, start)], base)
	if !ok {
		return 0, nil, false
	}
	prefix := code[start:offset]
	for _, m := range membersOf(t) {
		if strings.HasPrefix(m.Name, prefix) {
			members = append(members, m)
		}
	}
	return start, members, true
}

// typeOfExpr type checks expr after the session's cells and, when they
// parse, the lines of the current cell before it.
func (s *Session) typeOfExpr(before, expr string) (types.Type, bool) {
	for _, prefix := range []string{before, ""} {
		src := prefix + "\n_ = " + expr + "\n"
		items, err := Split(src)
		if err != nil {
			continue
		}
		c := s.check(src, items, nil)
		if c == nil || len(c.body.List) == 0 {
			continue
		}
		last, ok := c.body.List[len(c.body.List)-1].(*ast.AssignStmt)
		if !ok || len(last.Rhs) != 1 {
			continue
		}
		rhs := last.Rhs[0]
		if id, ok := rhs.(*ast.Ident); ok {
			if _, isPkg := c.info.Uses[id].(*types.PkgName); isPkg {
				return nil, false
			}
		}
		if tv, ok := c.info.Types[rhs]; ok && tv.Type != nil && tv.IsValue() {
			return tv.Type, true
		}
	}
	return nil, false
}

// membersOf lists the fields and methods of t and of *t, sorted by name.
func membersOf(t types.Type) []Member {
	seen := map[string]bool{}
	var out []Member
	qual := func(p *types.Package) string { return p.Name() }
	ptr := t
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) {
		ptr = types.NewPointer(t)
	}
	mset := types.NewMethodSet(ptr)
	for i := range mset.Len() {
		f := mset.At(i).Obj().(*types.Func)
		if !f.Exported() && f.Pkg() != nil && f.Pkg().Name() != "main" || seen[f.Name()] {
			continue
		}
		seen[f.Name()] = true
		out = append(out, Member{Name: f.Name(), Type: types.TypeString(f.Type(), qual), Doc: methodDoc(f)})
	}
	st, _ := derefStruct(t)
	if st != nil {
		for i := range st.NumFields() {
			f := st.Field(i)
			if seen[f.Name()] || !f.Exported() && f.Pkg() != nil && f.Pkg().Name() != "main" {
				continue
			}
			seen[f.Name()] = true
			out = append(out, Member{Name: f.Name(), Type: types.TypeString(f.Type(), qual)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// methodDoc returns the doc comment of a method of a compiled package.
func methodDoc(f *types.Func) string {
	sig := f.Type().(*types.Signature)
	if f.Pkg() == nil || f.Pkg().Name() == "main" || sig.Recv() == nil {
		return ""
	}
	recv := sig.Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	named, ok := recv.(*types.Named)
	if !ok {
		return ""
	}
	pkg := packageDocs(f.Pkg().Path())
	if pkg == nil {
		return ""
	}
	for _, t := range pkg.Types {
		if t.Name != named.Obj().Name() {
			continue
		}
		for _, m := range t.Methods {
			if m.Name == f.Name() {
				return m.Doc
			}
		}
	}
	return ""
}

var docs sync.Map // import path to *doc.Package, or nil

// packageDocs parses the documentation of the package at path, found with
// go/build from the module root.
func packageDocs(path string) *doc.Package {
	if v, ok := docs.Load(path); ok {
		p, _ := v.(*doc.Package)
		return p
	}
	var result *doc.Package
	if bp, err := build.Import(path, moduleRoot, 0); err == nil {
		fset := token.NewFileSet()
		var files []*ast.File
		for _, name := range bp.GoFiles {
			if f, err := parser.ParseFile(fset, bp.Dir+"/"+name, nil, parser.ParseComments); err == nil {
				files = append(files, f)
			}
		}
		if p, err := doc.NewFromFiles(fset, files, path); err == nil {
			result = p
		}
	}
	docs.Store(path, result)
	return result
}

// identStartAt returns the byte offset where the identifier ending at
// offset begins.
func identStartAt(code string, offset int) int {
	start := offset
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		start -= size
	}
	return start
}

// selectorChain returns the chain of identifiers and dots, such as
// "m.model", that ends just before the dot at offset dot.
func selectorChain(code string, dot int) string {
	end := dot
	start := identStartAt(code, end)
	for start > 0 && code[start-1] == '.' {
		start = identStartAt(code, start-1)
	}
	chain := code[start:end]
	if chain == "" || strings.HasPrefix(chain, ".") || strings.Contains(chain, "..") {
		return ""
	}
	return chain
}

func lineStartAt(code string, offset int) int {
	return strings.LastIndex(code[:offset], "\n") + 1
}
