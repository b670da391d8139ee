package gosem

import (
	"go/ast"
	"go/token"
	"regexp"
	"sort"
	"strings"
)

// checkCell splits and type checks a cell, with a second pass when its
// declarations use variables of its own statements. It returns nil when
// the cell does not scan or parse.
func (s *Session) checkCell(src string) *checked {
	items, err := Split(src)
	if err != nil {
		return nil
	}
	c := s.check(src, items, nil)
	if c == nil {
		return nil
	}
	if vars := s.statementVars(c); c.usesStatementVars(vars) {
		c = s.check(src, items, vars)
	}
	return c
}

// dependents returns the full declarations of the session's functions
// and methods that use a constant or type the cell redefines, and their
// names. yaegi compiles a constant's value and a type into each function
// that uses them, so such functions must be declared again.
func (s *Session) dependents(c *checked) (decls string, names []string) {
	changed := s.redefinedConstsAndTypes(c)
	if len(changed) == 0 {
		return "", nil
	}
	words := make([]string, len(changed))
	for i, name := range changed {
		words[i] = regexp.QuoteMeta(name)
	}
	uses := regexp.MustCompile(`\b(` + strings.Join(words, "|") + `)\b`)
	cellNames := c.topLevelNames()
	var parts []string
	for _, name := range s.order {
		e, ok := s.entries[name]
		if !ok || e.full == "" || cellNames[name] || !uses.MatchString(e.full) {
			continue
		}
		parts = append(parts, e.full)
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(parts, "\n"), names
}

// redefinedConstsAndTypes returns the constants and types that the cell
// declares again with another definition.
func (s *Session) redefinedConstsAndTypes(c *checked) []string {
	var changed []string
	for _, d := range c.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range g.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				old, ok := s.typeDefs[spec.Name.Name]
				if ok && old != "type "+nodeText(c.fset, spec) {
					changed = append(changed, spec.Name.Name)
				}
			case *ast.ValueSpec:
				if g.Tok != token.CONST {
					continue
				}
				for _, id := range spec.Names {
					if e, ok := s.entries[id.Name]; ok && e.kind == "const" {
						changed = append(changed, id.Name)
					}
				}
			}
		}
	}
	return changed
}

// insertAfterDecls returns the cell's source with text inserted after its
// last declaration.
func insertAfterDecls(c *checked, text string) string {
	end := -1
	for _, it := range c.items {
		if it.Kind == Decl {
			end = it.End
		}
	}
	if end < 0 {
		return c.src
	}
	return c.src[:end] + "\n" + text + c.src[end:]
}
