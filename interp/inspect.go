package interp

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"fastgo/kernel"
)

// Inspect returns the signature and documentation of the name at cursor:
// a name defined by a cell, a package, or a package member such as
// strings.Fields. Documentation is read from the Go sources of the
// compiled packages, found through the source file of one of their
// functions, so it is available only where those sources are.
func (in *Interpreter) Inspect(code string, cursor, detailLevel int) kernel.Inspection {
	offset := byteOffset(code, cursor)
	start := identStart(code, offset)
	end := identEnd(code, offset)
	name := code[start:end]
	if name == "" {
		return kernel.Inspection{}
	}
	if start > 0 && code[start-1] == '.' {
		if res, ok := in.inspectValueMember(code, cursor); ok {
			return res // a field or method of a value, typed by gosem
		}
		pkg := code[identStart(code, start-1) : start-1]
		return in.inspectMember(pkg, name)
	}
	if def, ok := in.defs.names[name]; ok {
		if def.kind == "package" {
			return in.inspectPackage(in.defs.packages[name])
		}
		return inspection(def.signature, def.doc)
	}
	for _, p := range in.importablePaths() {
		if packageName(p) == name {
			return in.inspectPackage(p)
		}
	}
	return kernel.Inspection{}
}

func identEnd(code string, offset int) int {
	end := offset
	for end < len(code) {
		c := code[end]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
			break
		}
		end++
	}
	return end
}

func inspection(signature, docText string) kernel.Inspection {
	plain := signature
	if docText != "" {
		plain += "\n\n" + docText
	}
	markdown := "```go\n" + signature + "\n```\n\n" + docText
	return kernel.Inspection{Found: true, Data: map[string]any{
		"text/plain":    plain,
		"text/markdown": markdown,
	}}
}

func (in *Interpreter) inspectMember(pkg, name string) kernel.Inspection {
	importPath := in.defs.packages[pkg]
	if importPath == "" {
		for _, p := range in.importablePaths() {
			if packageName(p) == pkg {
				importPath = p
				break
			}
		}
	}
	syms := in.symbols[importPath+"/"+packageName(importPath)]
	if _, ok := syms[name]; !ok {
		return kernel.Inspection{}
	}
	dp := packageDoc(importPath, syms)
	if dp == nil {
		return inspection(importPath+"."+name, "")
	}
	sig, text := memberDoc(dp, name)
	if sig == "" {
		sig = importPath + "." + name
	}
	return inspection(sig, text)
}

func (in *Interpreter) inspectPackage(importPath string) kernel.Inspection {
	syms := in.symbols[importPath+"/"+packageName(importPath)]
	dp := packageDoc(importPath, syms)
	sig := "package " + packageName(importPath) + " // import \"" + importPath + "\""
	if dp == nil {
		return inspection(sig, "")
	}
	return inspection(sig, dp.pkg.Doc)
}

// memberDoc returns the declaration and doc comment of name in dp.
func memberDoc(dp *docPackage, name string) (signature, text string) {
	p := dp.pkg
	for _, f := range p.Funcs {
		if f.Name == name {
			return declString(dp.fset, f.Decl), f.Doc
		}
	}
	for _, t := range p.Types {
		if t.Name == name {
			return declString(dp.fset, t.Decl), t.Doc
		}
		for _, f := range t.Funcs {
			if f.Name == name {
				return declString(dp.fset, f.Decl), f.Doc
			}
		}
		for _, v := range append(t.Consts, t.Vars...) {
			if valueHasName(v, name) {
				return declString(dp.fset, v.Decl), v.Doc
			}
		}
	}
	for _, v := range append(p.Consts, p.Vars...) {
		if valueHasName(v, name) {
			return declString(dp.fset, v.Decl), v.Doc
		}
	}
	return "", ""
}

func valueHasName(v *doc.Value, name string) bool {
	for _, n := range v.Names {
		if n == name {
			return true
		}
	}
	return false
}

func declString(fset *token.FileSet, decl ast.Decl) string {
	if f, ok := decl.(*ast.FuncDecl); ok {
		f.Body = nil
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, decl); err != nil {
		return ""
	}
	return b.String()
}

// docPackage is the parsed documentation of one package.
type docPackage struct {
	fset *token.FileSet
	pkg  *doc.Package
}

var docCache sync.Map // import path to *docPackage, nil when not found

// packageDoc parses the documentation of the package at importPath, whose
// source folder is found from a function in its symbol table syms.
func packageDoc(importPath string, syms map[string]reflect.Value) *docPackage {
	if v, ok := docCache.Load(importPath); ok {
		return v.(*docPackage)
	}
	var dp *docPackage
	if dir := sourceDir(importPath, syms); dir != "" {
		dp = parseDocDir(dir, importPath)
	}
	docCache.Store(importPath, dp)
	return dp
}

// sourceDir returns the folder of the package's Go sources, as recorded in
// the binary's symbol information, or the GOROOT folder of a standard
// package that has no function. The folder most functions come from wins,
// because a few symbols are wrappers defined elsewhere (os.Exit is one).
func sourceDir(importPath string, syms map[string]reflect.Value) string {
	votes := map[string]int{}
	best := ""
	for _, v := range syms {
		if v.Kind() != reflect.Func || v.IsNil() {
			continue
		}
		fn := runtime.FuncForPC(v.Pointer())
		if fn == nil {
			continue
		}
		file, _ := fn.FileLine(fn.Entry())
		if file == "" || strings.Contains(file, "<autogenerated>") {
			continue
		}
		dir := filepath.Dir(file)
		votes[dir]++
		if votes[dir] > votes[best] {
			best = dir
		}
	}
	if best != "" {
		return best
	}
	dir := filepath.Join(runtime.GOROOT(), "src", filepath.FromSlash(importPath))
	if _, err := os.Stat(dir); err == nil {
		return dir
	}
	return ""
}

func parseDocDir(dir, importPath string) *docPackage {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			continue
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil
	}
	pkg, err := doc.NewFromFiles(fset, files, importPath)
	if err != nil {
		return nil
	}
	return &docPackage{fset: fset, pkg: pkg}
}
