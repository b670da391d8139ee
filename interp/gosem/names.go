package gosem

import (
	"sort"
	"strings"
)

// Name is a name that the session's cells defined.
type Name struct {
	Name string
	Kind string // "var", "const", "type" or "func"
	Decl string // the variable's type, or the declaration without a body
}

// Names returns the variables, constants, types and functions that the
// cells defined and that still exist, sorted by name. Methods and names
// removed with an old type are left out.
func (s *Session) Names() []Name {
	var out []Name
	for name, t := range s.vars {
		out = append(out, Name{Name: name, Kind: "var", Decl: s.readable(t)})
	}
	for name, e := range s.entries {
		if e.kind == "method" {
			continue
		}
		out = append(out, Name{Name: name, Kind: e.kind, Decl: s.readable(e.src)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// readable replaces the check file's package aliases by package names.
func (s *Session) readable(text string) string {
	for path, alias := range s.aliases {
		text = strings.ReplaceAll(text, alias+".", defaultName(path)+".")
	}
	return text
}
