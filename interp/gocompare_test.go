package interp_test

import (
	"bytes"
	"context"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fastgo/interp/gosem"
)

var updateFromGo = flag.Bool("update-from-go", false,
	"rewrite the expected output of each comparable case in testdata/cells with what go run prints")

// goProgram joins a case's cells into one main program, mechanically:
//
//   - imports of all cells are merged, and those no other line uses are
//     dropped, because Go rejects unused imports;
//   - declarations go to package level, in cell order;
//   - statements go into main, in cell order, each variable defined at a
//     cell's top level followed by "_ = name", because Go rejects unused
//     variables;
//   - a cell's trailing expression, which the notebook shows, becomes
//     fmt.Println of it, unless it is a call: a call may have no results,
//     so it stays a statement, and cases ending in a call whose results
//     the notebook shows are marked "gocompare: skip".
//
// Cases that redefine names, show rich output or print errors cannot be
// one program; their files say "gocompare: skip".
func goProgram(cells []string) (string, error) {
	var imports []string
	var decls, body strings.Builder
	for _, cell := range cells {
		items, err := gosem.Split(cell)
		if err != nil {
			return "", err
		}
		for i, it := range items {
			switch it.Kind {
			case gosem.Import:
				imports = append(imports, importLines(it.Text)...)
			case gosem.Decl:
				decls.WriteString(it.Text + "\n")
			case gosem.Stmt:
				if i == len(items)-1 {
					if e, ok := trailingExpr(it.Text); ok && !isCall(e) {
						body.WriteString("fmt.Println(" + it.Text + ")\n")
						imports = append(imports, `"fmt"`)
						continue
					}
				}
				body.WriteString(it.Text + "\n")
				for _, name := range definedNames(it.Text) {
					body.WriteString("_ = " + name + "\n")
				}
			}
		}
	}
	code := decls.String() + "func main() {\n" + body.String() + "}\n"
	var b strings.Builder
	b.WriteString("package main\n")
	seen := map[string]bool{}
	for _, im := range imports {
		if seen[im] || !usesImport(code, im) {
			continue
		}
		seen[im] = true
		b.WriteString("import " + im + "\n")
	}
	b.WriteString(code)
	return b.String(), nil
}

func importLines(text string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+text, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range f.Imports {
		line := s.Path.Value
		if s.Name != nil {
			line = s.Name.Name + " " + line
		}
		out = append(out, line)
	}
	return out
}

// usesImport reports whether code refers to the package of import line im.
func usesImport(code, im string) bool {
	name, path, ok := strings.Cut(im, " ")
	if !ok {
		path = im
		unquoted, _ := strconv.Unquote(path)
		name = filepath.Base(unquoted)
	}
	if name == "_" || name == "." {
		return true
	}
	return regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\.`).MatchString(code)
}

func parseStmt(text string) (ast.Stmt, bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\nfunc main() {\n"+text+"\n}", 0)
	if err != nil {
		return nil, false
	}
	list := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(list) != 1 {
		return nil, false
	}
	return list[0], true
}

func trailingExpr(text string) (ast.Expr, bool) {
	st, ok := parseStmt(text)
	if !ok {
		return nil, false
	}
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	return es.X, true
}

func isCall(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

// definedNames returns the names a top-level := statement defines.
func definedNames(text string) []string {
	st, ok := parseStmt(text)
	if !ok {
		return nil
	}
	as, ok := st.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return nil
	}
	var names []string
	for _, e := range as.Lhs {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	return names
}

// TestGoCompare runs each comparable case as one program with the go
// command and checks that it prints the case's expected output.
func TestGoCompare(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed")
	}
	if testing.Short() {
		t.Skip("compiling every case takes about a minute")
	}
	dir := t.TempDir()
	compared := 0
	for i, c := range loadCorpus(t) {
		if c.skipGo != "" {
			continue
		}
		compared++
		t.Run(c.name, func(t *testing.T) {
			prog, err := goProgram(c.cells)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "case"+strconv.Itoa(i)+".go")
			if err := os.WriteFile(file, []byte(prog), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, goCmd, "run", file)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOFLAGS=")
			cmd.Stdin = strings.NewReader(strings.Join(c.inputs, "\n") + "\n")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("go run failed: %v\n%s\nprogram:\n%s", err, stderr.String(), prog)
			}
			if *updateFromGo {
				rewriteExpected(t, c.name, stdout.String())
				return
			}
			if got := stdout.String(); got != c.want {
				t.Errorf("go run output differs\n--- go run ---\n%s--- expected ---\n%s\nprogram:\n%s", got, c.want, prog)
			}
		})
	}
	t.Logf("compared %d cases with go run", compared)
}

func rewriteExpected(t *testing.T, name, output string) {
	path := filepath.Join("testdata", "cells", name+".txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(data), "-- output --\n")
	if err := os.WriteFile(path, []byte(head+"-- output --\n"+output), 0o644); err != nil {
		t.Fatal(err)
	}
}
