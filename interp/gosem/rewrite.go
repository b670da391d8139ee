package gosem

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// Cell is a cell rewritten for yaegi.
type Cell struct {
	// Code is the source to evaluate: the cell itself when it could not be
	// type checked or failed to rewrite, or when it needs no rewriting and
	// [Session.StatementMark] is empty.
	Code string
	// Notes are messages for the user, such as variables removed because
	// their type was redefined. The caller shows them before running Code.
	Notes []string
	// Err is a compile error, as "line:col: message", that type checking
	// found and that yaegi would report misleadingly. The caller shows it
	// in place of running the cell. Empty when there is none.
	Err string

	commit func()

	source     string      // the cell as the user wrote it
	statements []statement // top-level statements, when marked
}

// Commit records the cell's declarations in the session. Call it when the
// cell ran without error, so that later cells are checked against them.
func (c *Cell) Commit() {
	if c.commit != nil {
		c.commit()
		c.commit = nil
	}
}

// Rewrite rewrites a cell so that yaegi runs it with the meaning Go 1.26
// gives it. A cell it cannot analyse comes back unchanged. Cell.Err is set
// only for a compile error that yaegi would report in misleading words.
func (s *Session) Rewrite(src string) (cell *Cell) {
	cell = &Cell{Code: src}
	defer func() {
		if r := recover(); r != nil {
			cell = &Cell{Code: src, Notes: nil}
		}
	}()
	c := s.checkCell(src)
	if c == nil {
		return cell
	}
	var redeclared []string
	if deps, names := s.dependents(c); deps != "" {
		// Functions of earlier cells that use a redefined constant or type
		// are declared again after the cell's declarations, so that they
		// use the new definition. If they no longer type check, they are
		// left out, and a redefined type removes them with a note.
		augmented := insertAfterDecls(c, deps)
		if c2 := s.checkCell(augmented); c2 != nil && len(c2.cellErrors()) == 0 {
			c, redeclared = c2, names
		}
	}
	if errs := c.cellErrors(); len(errs) > 0 {
		cell.Err = s.misleadingError(c, errs)
		cell.commit = func() { s.rememberNames(c) }
		return cell
	}
	r := newRewriter(s, c)
	r.cellSrc = src
	code, err := r.rewrite()
	if err != nil {
		cell.commit = func() { s.rememberNames(c) }
		return cell
	}
	cell.Code = code
	cell.source, cell.statements = src, r.statements()
	for _, name := range redeclared {
		r.notes = append(r.notes, name+" was declared again to use the new definitions")
	}
	cell.Notes = r.notes
	cell.commit = r.commit
	return cell
}

// rewriter rewrites one checked cell.
type rewriter struct {
	s *Session
	c *checked

	changed bool
	failed  error
	notes   []string
	counter int
	cellSrc string // the cell as the user wrote it

	// Renames maps the objects whose names differ in yaegi to those names.
	renames map[types.Object]string
	// Pending session changes, applied by commit.
	newInternal map[string]string
	newFuncSigs map[string]string
	newTypeDefs map[string]string
	removals    map[string]string
	funcOf      map[ast.Node]*ast.FuncType // enclosing function of each range statement
	extraAfter  map[int]string             // text added after an item
	replaceItem map[int]string             // new text of an item
	display     *displayPlan
	// hiddenImports are the packages, by import path, that the rewrite
	// imports under a hidden name because a declaration it adds names one
	// of their types and no cell imported them. allowHidden enables that
	// while such a declaration is built.
	hiddenImports map[string]string
	allowHidden   bool
	item          int                 // the item that splitNestedDefines rewrites
	generated     map[ast.Node]bool   // loops the rewriter built, not to be rewritten again
	labelOf       map[ast.Node]string // label of each labeled statement
	prefix        map[int]string      // text added before an item
	deferLists    map[*ast.DeferStmt]string
	funcs         map[*ast.FuncDecl]funcPlan
	methods       map[*ast.FuncDecl]methodPlan
	update        sessionUpdate
}

func newRewriter(s *Session, c *checked) *rewriter {
	return &rewriter{
		s: s, c: c,
		renames:     map[types.Object]string{},
		newInternal: map[string]string{},
		newFuncSigs: map[string]string{},
		newTypeDefs: map[string]string{},
		removals:    map[string]string{},
		funcOf:      map[ast.Node]*ast.FuncType{},
		extraAfter:  map[int]string{},
		replaceItem: map[int]string{},
		generated:   map[ast.Node]bool{},
		labelOf:     map[ast.Node]string{},
		prefix:      map[int]string{},
		deferLists:  map[*ast.DeferStmt]string{},
	}
}

// fail stops the rewrite: the cell is then passed through unchanged.
func (r *rewriter) fail(format string, args ...any) {
	if r.failed == nil {
		r.failed = fmt.Errorf("gosem: "+format, args...)
	}
}

// hidden returns a new name that no cell can declare, because it contains
// the modifier letter prime (U+02B9).
func (r *rewriter) hidden(base string) string {
	r.counter++
	return base + "ʹ" + itoa(r.counter)
}

func (r *rewriter) rewrite() (string, error) {
	r.planRedefinitions()
	r.renameShadows()
	r.findEnclosingFuncs()
	for i, it := range r.c.items {
		if it.Kind == Import {
			continue
		}
		r.changed = false
		for j, n := range r.c.nodes[i] {
			r.c.nodes[i][j] = walk(n, r.visit)
		}
		r.rewriteItem(i)
		if r.splitNestedDefines(i) {
			r.changed = true
		}
		if r.changed {
			r.replaceItem[i] = r.print(r.c.nodes[i])
		}
		r.braceLoop(i)
	}
	r.planDisplay()
	if r.failed != nil {
		return "", r.failed
	}
	return r.assemble(), nil
}

// braceLoop puts a top-level three-clause for loop in a block. The
// kernel's cell splitter (interp/split.go) cuts items at every top-level
// semicolon, including those of a for header, and a block keeps them
// inside brackets. The loop means the same in a block.
func (r *rewriter) braceLoop(i int) {
	if r.c.items[i].Kind != Stmt || len(r.c.nodes[i]) != 1 {
		return
	}
	n := r.c.nodes[i][0]
	if l, ok := n.(*ast.LabeledStmt); ok {
		n = l.Stmt
	}
	if f, ok := n.(*ast.ForStmt); !ok || f.Init == nil && f.Post == nil {
		return
	}
	text, ok := r.replaceItem[i]
	if !ok {
		text = r.c.items[i].Text
	}
	r.replaceItem[i] = "{" + text + "\n}"
}

// visit is called for every node of the cell before its children.
func (r *rewriter) visit(n ast.Node) ast.Node {
	var repl ast.Node
	switch n := n.(type) {
	case *ast.Ident:
		r.renameIdent(n)
	case *ast.LabeledStmt:
		repl = r.labeledStmt(n)
	case *ast.RangeStmt:
		repl = r.rangeStmt(n)
	case *ast.ForStmt:
		r.forStmt(n)
	case *ast.CallExpr:
		repl = r.callExpr(n)
	case *ast.FuncDecl:
		if n.Body != nil {
			r.planDefers(n.Body)
		}
	case *ast.FuncLit:
		r.planDefers(n.Body)
	case *ast.DeferStmt:
		repl = r.deferStmt(n)
	case *ast.IndexExpr, *ast.IndexListExpr:
		repl = r.iterType(n.(ast.Expr))
	}
	if repl != nil {
		r.changed = true
	}
	return repl
}

func (r *rewriter) renameIdent(id *ast.Ident) {
	obj := r.c.info.Defs[id]
	if obj == nil {
		obj = r.c.info.Uses[id]
	}
	if obj == nil {
		return
	}
	if name, ok := r.renames[obj]; ok && name != id.Name {
		id.Name = name
		r.changed = true
	}
}

// print formats rewritten nodes.
func (r *rewriter) print(nodes []ast.Node) string {
	var parts []string
	for _, n := range nodes {
		var b bytes.Buffer
		cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
		if err := cfg.Fprint(&b, r.c.fset, n); err != nil {
			r.fail("printing the rewritten cell failed: %v", err)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "\n")
}

// assemble splices the rewritten items into the cell's text. Unchanged
// items keep their text and, before the first change, their positions.
func (r *rewriter) assemble() string {
	var b strings.Builder
	prev := 0
	src := r.c.src
	if r.display != nil && r.display.importLine != "" {
		b.WriteString(r.display.importLine)
	}
	// Hidden imports go at the start of the first line, so that the
	// cell's lines keep their numbers.
	paths := make([]string, 0, len(r.hiddenImports))
	for path := range r.hiddenImports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		b.WriteString("import " + r.hiddenImports[path] + " " + strconv.Quote(path) + "; ")
	}
	for i, it := range r.c.items {
		text, ok := r.replaceItem[i]
		if !ok {
			text = it.Text
		}
		if r.display != nil && r.display.item == i {
			text = r.display.text
		}
		b.WriteString(src[prev:it.Start])
		b.WriteString(r.prefix[i])
		b.WriteString(text)
		b.WriteString(r.statementMark(i))
		if extra, ok := r.extraAfter[i]; ok {
			b.WriteString("\n" + extra)
		}
		prev = it.End
	}
	b.WriteString(src[prev:])
	return b.String()
}

// hiddenImport returns the hidden name under which the rewritten cell
// imports the package at path.
func (r *rewriter) hiddenImport(path string) string {
	if name, ok := r.hiddenImports[path]; ok {
		return name
	}
	if r.hiddenImports == nil {
		r.hiddenImports = map[string]string{}
	}
	name := defaultName(path) + "ʹpkg"
	r.hiddenImports[path] = name
	return name
}

// typeExpr returns the Go expression for t as cells see it, or fails the
// rewrite when t names a package the cell cannot refer to.
func (r *rewriter) typeExpr(t types.Type) string {
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		t = types.Default(t)
	}
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "iter" {
		t = n.Underlying() // iter.Seq[V] is written as its function type
	}
	text := types.TypeString(t, func(p *types.Package) string {
		if p == r.c.pkg {
			return ""
		}
		name := r.s.importName(p.Path(), r.c.imports)
		if name == "" && r.allowHidden {
			name = r.hiddenImport(cellPath(p.Path()))
		}
		if name == "" {
			r.fail("the type %s refers to package %s, which no cell imported", t, p.Path())
		}
		return name
	})
	e, err := parseExpr(text)
	if err != nil {
		r.fail("the type %s cannot be written in a cell: %v", t, err)
		return text
	}
	changed := dropParamNames(e)
	if iterName := r.s.importName("iter", r.c.imports); iterName != "" {
		e = walk(e, func(n ast.Node) ast.Node {
			if repl := iterFuncType(n, iterName); repl != nil {
				changed = true
				return repl
			}
			return nil
		}).(ast.Expr)
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := r.c.pkg.Scope().Lookup(id.Name); obj != nil {
				if name, ok := r.renames[obj]; ok {
					id.Name = name
					changed = true
				}
			}
		}
		return true
	})
	if !changed {
		return text
	}
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), e)
	return b.String()
}

// dropParamNames removes the parameter and result names from the function
// types in e and reports whether there were any. yaegi v0.16.1 takes a
// parameter name in the type of a global variable for a use of the global
// of that name, and then fails with "variable definition loop".
func dropParamNames(e ast.Expr) bool {
	dropped := false
	ast.Inspect(e, func(n ast.Node) bool {
		f, ok := n.(*ast.FuncType)
		if !ok {
			return true
		}
		for _, list := range []*ast.FieldList{f.Params, f.Results} {
			if list != nil && unnameFields(list) {
				dropped = true
			}
		}
		return true
	})
	return dropped
}

// unnameFields gives each name of list its own unnamed field, so that
// "a, b int" becomes "int, int".
func unnameFields(list *ast.FieldList) bool {
	var fields []*ast.Field
	named := false
	for _, f := range list.List {
		if len(f.Names) == 0 {
			fields = append(fields, f)
			continue
		}
		named = true
		for range f.Names {
			fields = append(fields, &ast.Field{Type: f.Type})
		}
	}
	list.List = fields
	return named
}

// typeOf returns the type of e recorded by the type checker, or nil.
func (r *rewriter) typeOf(e ast.Expr) types.Type {
	if tv, ok := r.c.info.Types[e]; ok {
		return tv.Type
	}
	if id, ok := e.(*ast.Ident); ok {
		if obj := r.c.info.Defs[id]; obj != nil {
			return obj.Type()
		}
		if obj := r.c.info.Uses[id]; obj != nil {
			return obj.Type()
		}
	}
	return nil
}

// findEnclosingFuncs records the function around each range statement.
func (r *rewriter) findEnclosingFuncs() {
	var stack []*ast.FuncType
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			stack = append(stack, n.Type)
			if n.Body != nil {
				ast.Inspect(n.Body, visit)
			}
			stack = stack[:len(stack)-1]
			return false
		case *ast.FuncLit:
			stack = append(stack, n.Type)
			ast.Inspect(n.Body, visit)
			stack = stack[:len(stack)-1]
			return false
		case *ast.LabeledStmt:
			r.labelOf[n.Stmt] = n.Label.Name
		case *ast.RangeStmt:
			if len(stack) > 0 {
				r.funcOf[n] = stack[len(stack)-1]
			}
		}
		return true
	}
	ast.Inspect(r.c.file, visit)
}
