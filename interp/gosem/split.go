package gosem

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// Kind is the evaluation mode of a top-level item of a cell.
type Kind int

const (
	// Import is an import declaration.
	Import Kind = iota
	// Decl is a const, var, type or func declaration at package level.
	Decl
	// Stmt is a statement, run inside the cell's function.
	Stmt
)

// Item is one top-level import, declaration or statement of a cell.
type Item struct {
	Kind  Kind
	Start int // byte offset of the item's first token in the cell
	End   int // byte offset just past its last token
	Text  string
}

// Split splits a cell at its top-level semicolons and line ends into
// items, in source order. An item that starts with const, var, type or
// func is a declaration when it parses as one on its own, as the kernel's
// cell splitter decides. A scanner error is returned as is.
func Split(src string) ([]Item, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)

	var items []Item
	depth, start, end := 0, -1, -1
	// header is true between for, if or switch and the block that
	// follows, whose semicolons separate clauses, not items.
	header := false
	flush := func() {
		if start >= 0 {
			items = append(items, classify(src, start, end))
		}
		start, end = -1, -1
	}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch tok {
		case token.FOR, token.IF, token.SWITCH:
			if depth <= 0 {
				header = true
			}
		case token.LBRACE:
			if depth <= 0 {
				header = false
			}
			depth++
		case token.LPAREN, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		}
		if tok == token.SEMICOLON && depth <= 0 && !header {
			flush()
			continue
		}
		if start < 0 {
			start = off
		}
		end = off + len(lit)
		if lit == "" {
			end = off + len(tok.String())
		}
	}
	flush()
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	return items, nil
}

func classify(src string, start, end int) Item {
	it := Item{Kind: Stmt, Start: start, End: end, Text: src[start:end]}
	switch leadingWord(it.Text) {
	case "import":
		it.Kind = Import
	case "const", "var", "type", "func":
		if _, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+it.Text, 0); err == nil {
			it.Kind = Decl
		}
	}
	return it
}

func leadingWord(text string) string {
	end := strings.IndexFunc(text, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end < 0 {
		return text
	}
	return text[:end]
}
