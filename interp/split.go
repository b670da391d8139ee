package interp

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// chunkKind is the evaluation mode that yaegi needs for a chunk of a cell.
type chunkKind int

const (
	kindImport chunkKind = iota // import declarations
	kindDecl                    // const, var, type and func declarations
	kindStmt                    // statements, run in yaegi's main function
	kindResult                  // the trailing expression whose value is shown
)

func (k chunkKind) String() string {
	switch k {
	case kindImport:
		return "import"
	case kindDecl:
		return "decl"
	case kindStmt:
		return "stmt"
	case kindResult:
		return "result"
	}
	return "none"
}

// chunk is a run of consecutive top-level items of one kind.
type chunk struct {
	kind chunkKind
	text string    // the cell's source from the first to the last item
	pos  token.Pos // position of text's first byte, in the cell's file set
	line int       // 1-based line of text's first byte in the cell
	col  int       // 1-based byte column of text's first byte
	// imports lists the specs of an import chunk.
	imports []importSpec
	// call is true for a result chunk whose expression is a function call,
	// so that a failed ShowAll means a call without results.
	call bool
}

// item is one top-level declaration or statement of a cell.
type item struct {
	kind  chunkKind
	start int // byte offsets in the cell
	end   int
}

// splitCell splits a cell into chunks that yaegi can evaluate one by one,
// in source order. A syntax error is returned with positions in the cell.
func splitCell(src string) ([]chunk, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	spans, err := topLevelSpans(file, src)
	if err != nil {
		return nil, err
	}
	items := make([]item, 0, len(spans))
	for _, s := range spans {
		it, err := classify(src, s)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return mergeItems(src, file, items), nil
}

// span is one top-level item of a cell, as byte offsets.
type span struct {
	start int // the item's first byte, which may begin its doc comment
	token int // the item's first token
	end   int
}

// topLevelSpans returns the items separated by semicolons (written or
// inserted at line ends) outside any brackets. Comments just before an
// item belong to it, so that a function keeps its doc comment.
func topLevelSpans(file *token.File, src string) ([]span, error) {
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) { errs.Add(pos, msg) }, scanner.ScanComments)

	var spans []span
	depth := 0
	cur := span{start: -1, token: -1}
	comment := -1
	lastLine := 0 // line where the last item ended
	// header is set between a top-level for, if or switch keyword and the
	// brace that opens its body, where semicolons separate the clauses of
	// the header rather than items.
	header := false
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch tok {
		case token.FOR, token.IF, token.SWITCH:
			if depth == 0 {
				header = true
			}
		case token.LBRACE:
			if depth == 0 {
				header = false
			}
			depth++
		case token.LPAREN, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		case token.COMMENT:
			// A comment on the line where an item ended is not the next
			// item's doc comment.
			if cur.token < 0 && comment < 0 && file.Line(pos) != lastLine {
				comment = off
			}
			continue
		}
		if tok == token.SEMICOLON && depth <= 0 && !(header && lit == ";") {
			if cur.token >= 0 {
				spans = append(spans, cur)
				lastLine = file.Line(file.Pos(cur.end))
			}
			cur = span{start: -1, token: -1}
			if lit == "\n" {
				comment = -1
			}
			continue
		}
		if cur.token < 0 {
			cur.token, cur.start = off, off
			if comment >= 0 {
				cur.start = comment
			}
			comment = -1
		}
		// The semicolon inserted at the end of the source has the literal
		// "\n" but no byte in src, so the end is clamped to len(src).
		cur.end = min(off+tokenLen(tok, lit), len(src))
	}
	if cur.token >= 0 {
		spans = append(spans, cur)
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	return spans, nil
}

func tokenLen(tok token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(tok.String())
}

// classify decides whether the item at sp is an import, a declaration or
// a statement. An item is a declaration when it parses as one on its own.
func classify(src string, sp span) (item, error) {
	text := src[sp.token:sp.end]
	it := item{kind: kindStmt, start: sp.start, end: sp.end}
	switch firstWord(text) {
	case "import":
		it.kind = kindImport
		return it, nil
	case "const", "var", "type", "func":
		if _, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+text, 0); err == nil {
			it.kind = kindDecl
			return it, nil
		}
	}
	return it, nil
}

func firstWord(text string) string {
	end := strings.IndexFunc(text, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end < 0 {
		return text
	}
	return text[:end]
}

// mergeItems joins runs of items of the same kind into chunks, and moves a
// trailing expression statement into a result chunk of its own.
func mergeItems(src string, file *token.File, items []item) []chunk {
	var result *chunk
	if n := len(items); n > 0 && items[n-1].kind == kindStmt {
		if expr, ok := trailingExpr(src[items[n-1].start:items[n-1].end]); ok {
			last := items[n-1]
			items = items[:n-1]
			result = &chunk{kind: kindResult, call: isCall(expr)}
			fillChunk(result, src, file, last.start, last.end)
		}
	}

	var chunks []chunk
	for i := 0; i < len(items); {
		j := i
		for j+1 < len(items) && items[j+1].kind == items[i].kind {
			j++
		}
		c := chunk{kind: items[i].kind}
		fillChunk(&c, src, file, items[i].start, items[j].end)
		if c.kind == kindImport {
			c.imports = importSpecs(c.text, c.line, c.col)
		}
		chunks = append(chunks, c)
		i = j + 1
	}
	if result != nil {
		chunks = append(chunks, *result)
	}
	return chunks
}

func fillChunk(c *chunk, src string, file *token.File, start, end int) {
	c.text = src[start:end]
	c.pos = file.Pos(start)
	p := file.Position(c.pos)
	c.line, c.col = p.Line, p.Column
}

// trailingExpr returns the expression when stmt is a single expression
// statement.
func trailingExpr(stmt string) (ast.Expr, bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\nfunc main() {\n"+stmt+"\n}", 0)
	if err != nil {
		return nil, false
	}
	body := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(body) != 1 {
		return nil, false
	}
	es, ok := body[0].(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	return es.X, true
}

func isCall(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

// importSpec is one imported package of a cell.
type importSpec struct {
	name, path string // name is empty for a plain import
	line, col  int    // position of the path literal in the cell
}

// key identifies the spec among the imports already evaluated.
func (s importSpec) key() string { return s.name + " " + s.path }

// source returns the import declaration for s, preceded by blank lines and
// spaces so that its path literal sits one line below the spec's line, at
// its column.
func (s importSpec) source() string {
	decl := "import "
	if s.name != "" {
		decl += s.name + " "
	}
	pad := max(s.col-1-len(decl), 0)
	return strings.Repeat("\n", s.line) + strings.Repeat(" ", pad) + decl + strconv.Quote(s.path)
}

// importSpecs returns the specs of the import declarations in text, which
// starts at line and col of the cell.
func importSpecs(text string, line, col int) []importSpec {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package main\n"+text, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var specs []importSpec
	for _, s := range f.Imports {
		spec := importSpec{}
		if s.Name != nil {
			spec.name = s.Name.Name
		}
		spec.path, _ = strconv.Unquote(s.Path.Value)
		// Line 2 of the parsed file is text's first line.
		p := fset.Position(s.Path.Pos())
		spec.line, spec.col = line+p.Line-2, p.Column
		if p.Line == 2 {
			spec.col += col - 1
		}
		specs = append(specs, spec)
	}
	return specs
}
