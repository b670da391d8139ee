package gosem

import (
	"go/ast"
	"go/constant"
	"go/token"
	"strconv"
	"strings"
)

// commit applies the cell's declarations to the session.
func (r *rewriter) commit() {
	s := r.s
	s.addImports(r.c.imports)
	for name, reason := range r.removals {
		delete(s.vars, name)
		delete(s.entries, name)
		delete(s.funcSigs, name)
		s.removed[name] = reason
	}
	for _, name := range r.update.order {
		if _, seen := s.entries[name]; !seen {
			if _, seen := s.vars[name]; !seen {
				s.order = append(s.order, name)
			}
		}
		if e, ok := r.update.entries[name]; ok {
			s.entries[name] = e
			delete(s.vars, name)
		}
		if t, ok := r.update.vars[name]; ok {
			s.vars[name] = t
			delete(s.entries, name)
		}
		delete(s.removed, name)
	}
	for k, v := range r.newInternal {
		s.internal[k] = v
	}
	for _, plan := range r.methods {
		s.methodVars[plan.key] = plan
	}
	for k, v := range r.newFuncSigs {
		s.funcSigs[k] = v
	}
	for k, v := range r.newTypeDefs {
		s.typeDefs[k] = v
	}
	s.rememberNames(r.c)
}

func (s *Session) addImports(specs []importSpec) {
	for _, im := range specs {
		dup := false
		for _, old := range s.imports {
			if old == im {
				dup = true
			}
		}
		if !dup {
			s.imports = append(s.imports, im)
		}
	}
}

// rememberNames records every top-level name the cell defines, even
// without its type, so that no later cell reports it as undefined.
func (s *Session) rememberNames(c *checked) {
	s.addImports(c.imports)
	for name := range c.topLevelNames() {
		s.known[name] = true
	}
	for _, st := range c.body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, e := range st.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						s.known[id.Name] = true
					}
				}
			}
		case *ast.DeclStmt:
			if g, ok := st.Decl.(*ast.GenDecl); ok {
				for _, spec := range g.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, id := range vs.Names {
							s.known[id.Name] = true
						}
					}
				}
			}
		}
	}
}

// misleadingError returns the type checker's message for a cell whose
// only errors are undefined names or assignment mismatches, because yaegi
// reports some of them in misleading words, such as "constant definition
// loop". It returns "" for any other errors, which yaegi then reports
// itself.
func (s *Session) misleadingError(c *checked, errs []string) string {
	cellNames := c.topLevelNames()
	for name := range s.statementVars(c) {
		cellNames[name] = true
	}
	var found []string
	for _, e := range errs {
		_, msg, _ := strings.Cut(e, ": ")
		if strings.HasPrefix(msg, "assignment mismatch: ") {
			// yaegi drops the function's name from this message, and
			// inside a block it reports the names as undefined instead.
			found = append(found, e)
			continue
		}
		name, ok := strings.CutPrefix(msg, "undefined: ")
		if !ok || strings.Contains(name, ".") || cellNames[name] {
			return ""
		}
		if reason, ok := s.removed[name]; ok {
			e += " (" + name + " was removed because " + reason + ")"
		} else if s.known[name] {
			return ""
		}
		found = append(found, e)
	}
	if len(found) == 0 {
		return ""
	}
	return strings.Join(found, "\n")
}

// floatLiteral returns a float constant as a Go literal.
func floatLiteral(v constant.Value) (string, bool) {
	if v.Kind() != constant.Float {
		return "", false
	}
	f, _ := constant.Float64Val(v)
	lit := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(lit, ".eEn") {
		lit += ".0"
	}
	return lit, true
}
