package gosem

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// cellFunc is the function that holds a cell's statements in the check
// file.
const cellFunc = "cellʹ"

// checked is a cell laid out as a Go file and type checked with the
// session's declarations.
type checked struct {
	src     string
	items   []Item
	file    *ast.File
	fset    *token.FileSet
	tf      *token.File
	offsets []int // offset in the check file of each item's text
	nodes   [][]ast.Node
	body    *ast.BlockStmt // the body of cellFunc
	info    *types.Info
	pkg     *types.Package
	imports []importSpec // the cell's own imports
	errs    []types.Error
}

// layout writes the cell as the second file of the check package: the
// session's imports, the cell's imports and declarations, then its
// statements inside cellFunc. Each item's text is copied unchanged, so
// that check-file offsets map back to the cell.
func (s *Session) layout(src string, items []Item) (string, []int, []importSpec) {
	var b strings.Builder
	offsets := make([]int, len(items))
	b.WriteString("package main\n")
	var own []importSpec
	for i, it := range items {
		if it.Kind == Import {
			offsets[i] = b.Len()
			b.WriteString(it.Text)
			b.WriteString("\n")
			own = append(own, parseImports(it.Text)...)
		}
	}
	for _, im := range s.imports {
		if !shadowsImport(own, im) {
			b.WriteString("import " + im.String() + "\n")
		}
	}
	for i, it := range items {
		if it.Kind == Decl {
			offsets[i] = b.Len()
			b.WriteString(it.Text)
			b.WriteString("\n")
		}
	}
	b.WriteString("func " + cellFunc + "() {\n")
	for i, it := range items {
		if it.Kind == Stmt {
			offsets[i] = b.Len()
			b.WriteString(it.Text)
			b.WriteString("\n")
		}
	}
	b.WriteString("}\n")
	return b.String(), offsets, own
}

func shadowsImport(own []importSpec, im importSpec) bool {
	name := im.name
	if name == "" {
		name = defaultName(im.path)
	}
	for _, o := range own {
		n := o.name
		if n == "" {
			n = defaultName(o.path)
		}
		if n == name || o.path == im.path && o.name == im.name {
			return true
		}
	}
	return false
}

func parseImports(text string) []importSpec {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+text, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var specs []importSpec
	for _, spec := range f.Imports {
		im := importSpec{}
		if spec.Name != nil {
			im.name = spec.Name.Name
		}
		im.path, _ = strconv.Unquote(spec.Path.Value)
		specs = append(specs, im)
	}
	return specs
}

// sessionFile writes the first file of the check package: the session's
// imports and declarations, leaving out the names the cell redefines.
func (s *Session) sessionFile(redefined map[string]bool, extraVars map[string]string) string {
	var decls strings.Builder
	names := append([]string(nil), s.order...)
	for _, name := range names {
		if redefined[name] || redefined[receiverOf(name)] {
			continue
		}
		if e, ok := s.entries[name]; ok {
			decls.WriteString(e.src + "\n")
			continue
		}
		if t, ok := s.vars[name]; ok {
			decls.WriteString("var " + name + " " + t + "\n")
		}
	}
	for name, t := range extraVars {
		decls.WriteString("var " + name + " " + t + "\n")
	}
	var b strings.Builder
	b.WriteString("package main\n")
	for _, im := range s.imports {
		b.WriteString("import " + im.String() + "\n")
	}
	paths := make([]string, 0, len(s.aliases))
	for p := range s.aliases {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b.WriteString("import " + s.aliases[p] + " " + quote(p) + "\n")
	}
	b.WriteString(decls.String())
	return b.String()
}

// receiverOf returns "T" for the method entry "T.M", and "" otherwise.
func receiverOf(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return ""
}

// check lays out and type checks a cell. It returns nil when the cell does
// not parse; type errors are kept in the result.
func (s *Session) check(src string, items []Item, extraVars map[string]string) *checked {
	text, offsets, own := s.layout(src, items)
	fset := token.NewFileSet()
	cellName := filepath.Join(moduleRoot, "cellʹ.go")
	file, err := parser.ParseFile(fset, cellName, text, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	c := &checked{src: src, items: items, file: file, fset: fset, offsets: offsets, imports: own}
	c.tf = fset.File(file.Pos())
	c.body = file.Decls[len(file.Decls)-1].(*ast.FuncDecl).Body
	c.assignNodes()

	redefined := c.topLevelNames()
	sessText := s.sessionFile(redefined, extraVars)
	sessFile, err := parser.ParseFile(fset, filepath.Join(moduleRoot, "sessionʹ.go"), sessText, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	imp, _ := sourceImporter()
	conf := types.Config{
		Importer:  imp,
		GoVersion: "go1.26",
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				c.errs = append(c.errs, te)
			}
		},
	}
	c.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Instances:  map[*ast.Ident]types.Instance{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	c.pkg, _ = conf.Check("main", fset, []*ast.File{sessFile, file}, c.info)
	return c
}

// statementVars returns the variables that the cell's top-level
// statements define, with their types as the session file writes them.
func (s *Session) statementVars(c *checked) map[string]string {
	vars := map[string]string{}
	r := newRewriter(s, c)
	for _, st := range c.body.List {
		for _, id := range definedIdents(st) {
			if obj := c.info.Defs[id]; obj != nil && id.Name != "_" {
				if t, ok := r.checkType(obj.Type()); ok {
					vars[id.Name] = t
				}
			}
		}
	}
	return vars
}

// usesStatementVars reports whether a type error is an undefined name
// that one of the cell's top-level statements defines: a declaration of
// the cell uses it, which yaegi allows because those variables are global.
func (c *checked) usesStatementVars(vars map[string]string) bool {
	for _, e := range c.errs {
		if name, ok := strings.CutPrefix(e.Msg, "undefined: "); ok && vars[name] != "" {
			return true
		}
	}
	return false
}

// assignNodes finds the AST nodes of each item in the check file.
func (c *checked) assignNodes() {
	c.nodes = make([][]ast.Node, len(c.items))
	within := func(i int, n ast.Node) bool {
		off := c.tf.Offset(n.Pos())
		return off >= c.offsets[i] && off < c.offsets[i]+len(c.items[i].Text)
	}
	for i, it := range c.items {
		switch it.Kind {
		case Import, Decl:
			for _, d := range c.file.Decls {
				if within(i, d) {
					c.nodes[i] = append(c.nodes[i], d)
				}
			}
		case Stmt:
			for _, st := range c.body.List {
				if within(i, st) {
					c.nodes[i] = append(c.nodes[i], st)
				}
			}
		}
	}
}

// topLevelNames returns the package-level names the cell declares,
// including methods as "T.M".
func (c *checked) topLevelNames() map[string]bool {
	names := map[string]bool{}
	for _, d := range c.file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == cellFunc {
				continue
			}
			if d.Recv != nil {
				names[recvTypeName(d)+"."+d.Name.Name] = true
				continue
			}
			names[d.Name.Name] = true
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					names[spec.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
	return names
}

// recvTypeName returns the base type name of a method's receiver.
func recvTypeName(d *ast.FuncDecl) string {
	t := d.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// cellPos returns the 1-based line and column in the cell of a check-file
// position, and false when it is outside the cell's items.
func (c *checked) cellPos(pos token.Pos) (line, col int, ok bool) {
	if c.fset.File(pos) != c.tf {
		return 0, 0, false
	}
	off := c.tf.Offset(pos)
	for i, it := range c.items {
		if off >= c.offsets[i] && off <= c.offsets[i]+len(it.Text) {
			cellOff := it.Start + off - c.offsets[i]
			line = 1 + strings.Count(c.src[:cellOff], "\n")
			col = cellOff - strings.LastIndex(c.src[:cellOff], "\n")
			return line, col, true
		}
	}
	return 0, 0, false
}

// cellErrors returns the type errors inside the cell, without those a
// notebook allows: unused variables and imports.
func (c *checked) cellErrors() []string {
	var out []string
	for _, e := range c.errs {
		if ignorable(e.Msg) {
			continue
		}
		line, col, ok := c.cellPos(e.Pos)
		if !ok {
			continue
		}
		out = append(out, fmt.Sprintf("%d:%d: %s", line, col, e.Msg))
	}
	return out
}

func ignorable(msg string) bool {
	return strings.Contains(msg, "declared and not used") ||
		strings.Contains(msg, "imported and not used") ||
		strings.HasSuffix(msg, " is not used") // a trailing expression is shown
}
