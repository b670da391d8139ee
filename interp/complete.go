package interp

import (
	"go/scanner"
	"go/token"
	"path"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"fastgo/kernel"
)

// goKeywords and goBuiltins are offered wherever a name may start.
var (
	goKeywords = []string{
		"break", "case", "chan", "const", "continue", "default", "defer", "else",
		"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
		"map", "package", "range", "return", "select", "struct", "switch", "type", "var",
	}
	goBuiltins = []string{
		"append", "bool", "byte", "cap", "close", "complex", "complex128", "complex64",
		"copy", "delete", "error", "false", "float32", "float64", "imag", "int",
		"int16", "int32", "int64", "int8", "iota", "len", "make", "new", "nil",
		"panic", "print", "println", "real", "recover", "rune", "string", "true",
		"uint", "uint16", "uint32", "uint64", "uint8", "uintptr", "any", "comparable",
	}
)

// Complete returns the names that can follow the identifier at cursor:
// members of a package after "pkg.", otherwise keywords, builtins,
// package names and names defined by earlier cells.
func (in *Interpreter) Complete(code string, cursor int) kernel.Completion {
	if res, ok := in.completeMembers(code, cursor); ok {
		return res // fields and methods of a value, typed by gosem
	}
	offset := byteOffset(code, cursor)
	start := identStart(code, offset)
	prefix := code[start:offset]
	res := kernel.Completion{CursorStart: cursor - utf8.RuneCountInString(prefix), CursorEnd: cursor, Types: map[string]string{}}

	if start > 0 && code[start-1] == '.' {
		pkgStart := identStart(code, start-1)
		pkg := code[pkgStart : start-1]
		for name, v := range in.packageSymbols(pkg) {
			if strings.HasPrefix(name, prefix) && !strings.HasPrefix(name, "_") {
				res.Matches = append(res.Matches, name)
				res.Types[name] = symbolKind(v)
			}
		}
		sort.Strings(res.Matches)
		return res
	}

	add := func(name, kind string) {
		if strings.HasPrefix(name, prefix) && res.Types[name] == "" {
			res.Matches = append(res.Matches, name)
			res.Types[name] = kind
		}
	}
	for name, def := range in.defs.names {
		add(name, def.kind)
	}
	for _, k := range goKeywords {
		add(k, "keyword")
	}
	for _, b := range goBuiltins {
		add(b, "builtin")
	}
	for _, p := range in.importablePaths() {
		add(packageName(p), "package")
	}
	sort.Strings(res.Matches)
	return res
}

// packageSymbols returns the exported symbols of the package that pkg
// names in the cells: an imported package, or else any known package with
// that name.
func (in *Interpreter) packageSymbols(pkg string) map[string]reflect.Value {
	if p, ok := in.defs.packages[pkg]; ok {
		return in.symbols[p+"/"+packageName(p)]
	}
	for _, p := range in.importablePaths() {
		if packageName(p) == pkg {
			return in.symbols[p+"/"+packageName(p)]
		}
	}
	return nil
}

// importablePaths returns the import paths that cells can import, sorted
// so that standard library packages come before longer paths.
func (in *Interpreter) importablePaths() []string {
	paths := make([]string, 0, len(in.symbols))
	for k := range in.symbols {
		if k == "." || strings.HasPrefix(k, showPath+"/") {
			continue
		}
		paths = append(paths, path.Dir(k))
	}
	sort.Slice(paths, func(i, j int) bool {
		if len(paths[i]) != len(paths[j]) {
			return len(paths[i]) < len(paths[j])
		}
		return paths[i] < paths[j]
	})
	return paths
}

// symbolKind describes an extracted symbol for completion metadata.
func symbolKind(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Func:
		return "function"
	case t.Kind() == reflect.Pointer && v.IsNil():
		return "type"
	case t.String() == "constant.Value" || strings.HasPrefix(t.String(), "*constant."):
		return "constant"
	}
	return "variable"
}

// byteOffset converts a cursor in code points to a byte offset in code.
func byteOffset(code string, cursor int) int {
	offset := 0
	for i := 0; i < cursor && offset < len(code); i++ {
		_, size := utf8.DecodeRuneInString(code[offset:])
		offset += size
	}
	return offset
}

// identStart returns the byte offset where the identifier ending at
// offset begins.
func identStart(code string, offset int) int {
	start := offset
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			break
		}
		start -= size
	}
	return start
}

// IsComplete reports whether code is ready to run. Code is incomplete when
// a bracket, string or comment is still open or when the last line ends
// with an operator, and invalid when a closing bracket has no opening one.
func (in *Interpreter) IsComplete(code string) (status, indent string) {
	return isComplete(code)
}

func isComplete(code string) (status, indent string) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	unterminated := false
	var s scanner.Scanner
	s.Init(file, []byte(code), func(pos token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			unterminated = true
		}
	}, scanner.ScanComments)

	depth := 0
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
			if depth < 0 {
				return "invalid", ""
			}
		}
		if tok == token.COMMENT || tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		last = tok
	}
	switch {
	case unterminated:
		return "incomplete", ""
	case depth > 0:
		return "incomplete", strings.Repeat("    ", depth)
	case continuesLine(last):
		return "incomplete", "    "
	}
	return "complete", ""
}

// continuesLine reports whether a line ending with tok goes on to the next.
func continuesLine(tok token.Token) bool {
	switch {
	case tok.IsOperator():
		switch tok {
		case token.RPAREN, token.RBRACE, token.RBRACK, token.INC, token.DEC, token.SEMICOLON:
			return false
		}
		return true
	}
	return false
}
