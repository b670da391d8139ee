package interp

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"strings"
)

// definition is a name a cell defined, for completion and inspection.
type definition struct {
	kind      string // "func", "type", "var", "const" or "package"
	signature string // the declaration without its body
	doc       string
}

// definitions are the names defined by the cells run so far.
type definitions struct {
	names    map[string]definition
	packages map[string]string // package name to import path
}

func newDefinitions() *definitions {
	return &definitions{names: map[string]definition{}, packages: map[string]string{}}
}

func (d *definitions) addImport(spec importSpec) {
	name := spec.name
	if name == "" {
		name = packageName(spec.path)
	}
	if name == "_" || name == "." {
		return
	}
	d.packages[name] = spec.path
	d.names[name] = definition{kind: "package", signature: "import " + name + " " + `"` + spec.path + `"`}
}

// packageName returns the name a package at importPath declares, by the
// convention that it is the last path element without a major version.
func packageName(importPath string) string {
	base := path.Base(importPath)
	if strings.HasPrefix(base, "v") && strings.Trim(base[1:], "0123456789") == "" && len(base) > 1 {
		base = path.Base(path.Dir(importPath))
	}
	return base
}

// addCell records the names that the cell code defines, as the user wrote
// them, before any rewriting.
func (d *definitions) addCell(code string) {
	chunks, err := splitCell(code)
	if err != nil {
		return
	}
	for _, c := range chunks {
		d.add(c)
	}
}

// add records the names that chunk c defines.
func (d *definitions) add(c chunk) {
	fset := token.NewFileSet()
	switch c.kind {
	case kindDecl:
		f, err := parser.ParseFile(fset, "", "package main\n"+c.text, parser.ParseComments)
		if err != nil {
			return
		}
		for _, decl := range f.Decls {
			d.addDecl(fset, decl)
		}
	case kindStmt:
		f, err := parser.ParseFile(fset, "", "package main\nfunc main() {\n"+c.text+"\n}", 0)
		if err != nil {
			return
		}
		for _, stmt := range f.Decls[0].(*ast.FuncDecl).Body.List {
			d.addStmt(fset, stmt)
		}
	}
}

func (d *definitions) addDecl(fset *token.FileSet, decl ast.Decl) {
	switch decl := decl.(type) {
	case *ast.FuncDecl:
		if decl.Recv != nil {
			return
		}
		doc := decl.Doc.Text()
		decl.Body, decl.Doc = nil, nil
		d.names[decl.Name.Name] = definition{kind: "func", signature: nodeString(fset, decl), doc: doc}
	case *ast.GenDecl:
		for _, spec := range decl.Specs {
			d.addSpec(fset, decl, spec)
		}
	}
}

func (d *definitions) addSpec(fset *token.FileSet, decl *ast.GenDecl, spec ast.Spec) {
	kind := decl.Tok.String()
	doc := decl.Doc.Text()
	switch spec := spec.(type) {
	case *ast.TypeSpec:
		if spec.Doc != nil {
			doc = spec.Doc.Text()
		}
		spec.Doc, spec.Comment = nil, nil
		d.names[spec.Name.Name] = definition{kind: kind, signature: "type " + nodeString(fset, spec), doc: doc}
	case *ast.ValueSpec:
		if spec.Doc != nil {
			doc = spec.Doc.Text()
		}
		spec.Doc, spec.Comment = nil, nil
		sig := kind + " " + nodeString(fset, spec)
		for _, name := range spec.Names {
			d.names[name.Name] = definition{kind: kind, signature: sig, doc: doc}
		}
	}
}

func (d *definitions) addStmt(fset *token.FileSet, stmt ast.Stmt) {
	switch stmt := stmt.(type) {
	case *ast.AssignStmt:
		if stmt.Tok != token.DEFINE {
			return
		}
		sig := nodeString(fset, stmt)
		for _, lhs := range stmt.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && id.Name != "_" {
				d.names[id.Name] = definition{kind: "var", signature: sig}
			}
		}
	case *ast.DeclStmt:
		d.addDecl(fset, stmt.Decl)
	}
}

// nodeString prints node, cut to a few lines for long literals.
func nodeString(fset *token.FileSet, node any) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, node); err != nil {
		return ""
	}
	s := b.String()
	if lines := strings.SplitN(s, "\n", 6); len(lines) > 5 {
		s = strings.Join(lines[:5], "\n") + "\n..."
	}
	return s
}
