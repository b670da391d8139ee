package gosem

import (
	"go/ast"
	"go/importer"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Session is the type information of the cells run so far in one
// interpreter: imports, package-level declarations and the variables of
// top-level statements. A new interpreter, or %reset, needs a new Session.
type Session struct {
	// StdinReader is an expression, valid in every cell, of an io.Reader
	// that requests input from the front end. When set, os.Stdin passed to a
	// function that takes an interface, such as bufio.NewScanner, is
	// replaced by it, because os.Stdin in yaegi is the process's own
	// standard input. Empty leaves os.Stdin as it is.
	StdinReader string
	// StatementMark is the name, valid in every cell, of a func(int) that
	// calls [Session.MarkReached]. When set, Rewrite calls it after each
	// top-level statement so that [Cell.PanicPosition] can find the
	// statement that panicked. Empty adds no calls.
	StatementMark string
	reached       atomic.Int64 // item index of the last statement marked

	prelude bool // Prelude was evaluated, so SortPackage can be used

	fset *token.FileSet

	imports []importSpec      // user imports, in order
	entries map[string]*entry // package-level functions, types, constants and methods ("T.M")
	vars    map[string]string // variables and the type expression of each, in check-file terms
	order   []string          // names of entries and vars, first definition first

	internal map[string]string // user name of a renamed type or function to its current internal name
	funcSigs map[string]string // name of an indirect function to the type of its variable
	// methodVars maps "Type.Method", with the type's name in yaegi, to
	// the variable that holds the method's body.
	methodVars map[string]methodPlan
	typeDefs   map[string]string // type name to the text of its current definition
	version    int               // last version number given to an internal name
	aliases    map[string]string // import path to its alias in the check files
	known      map[string]bool   // every name a cell defined at top level, typed or not
	removed    map[string]string // name to the reason it was removed
}

// entry is a package-level declaration as the check files restate it.
type entry struct {
	kind string // "func", "type", "const" or "method"
	src  string // the declaration, with function bodies removed
	// full is the whole declaration of a function or method, declared
	// again when a constant or type that it uses is redefined.
	full string
}

// importSpec is one import of a cell.
type importSpec struct {
	name string // empty for the package's own name
	path string
}

func (s importSpec) String() string {
	if s.name != "" {
		return s.name + " " + quote(s.path)
	}
	return quote(s.path)
}

func quote(s string) string { return `"` + s + `"` }

// PreludeDone records that the interpreter evaluated [Session.Prelude],
// which the rewrites of slices.Sort and its kin need.
func (s *Session) PreludeDone() { s.prelude = true }

// NewSession returns an empty session. The first session of the process
// starts loading package fmt in the background, because type checking fmt
// and its dependencies from source takes about 4 s on 2 cores, and most
// first cells import it.
func NewSession() *Session {
	warmOnce.Do(func() {
		imp, _ := sourceImporter()
		go imp.Import("fmt")
	})
	return &Session{
		fset:       token.NewFileSet(),
		entries:    map[string]*entry{},
		vars:       map[string]string{},
		internal:   map[string]string{},
		funcSigs:   map[string]string{},
		methodVars: map[string]methodPlan{},
		typeDefs:   map[string]string{},
		aliases:    map[string]string{},
		known:      map[string]bool{},
		removed:    map[string]string{},
	}
}

var (
	warmOnce       sync.Once
	importerOnce   sync.Once
	sharedImporter types.ImporterFrom
	sharedFset     *token.FileSet
	importerMu     sync.Mutex
)

// symbolTables, when set by [UseSymbols], is what imports are type
// checked against instead of source code.
var symbolTables map[string]map[string]reflect.Value

// UseSymbols makes sessions type check imports against yaegi symbol
// tables (keys "import/path/name"), the same tables the interpreter
// imports from. It must be called before the first cell is checked.
// Without it, imports are type checked from source, which takes seconds
// per package and needs the module tree on disk.
func UseSymbols(tables map[string]map[string]reflect.Value) {
	importerMu.Lock()
	defer importerMu.Unlock()
	symbolTables = tables
}

// sourceImporter returns the importer shared by all sessions: one built
// from the symbol tables given to [UseSymbols], or else one that type
// checks imported packages from their source once per process.
func sourceImporter() (types.ImporterFrom, *token.FileSet) {
	importerOnce.Do(func() {
		sharedFset = token.NewFileSet()
		importerMu.Lock()
		tables := symbolTables
		importerMu.Unlock()
		var base types.ImporterFrom
		if tables != nil {
			source := importer.ForCompiler(sharedFset, "source", nil).(types.ImporterFrom)
			base = &mixedImporter{symbols: newSymbolImporter(tables), source: source}
		} else {
			base = importer.ForCompiler(sharedFset, "source", nil).(types.ImporterFrom)
		}
		sharedImporter = &shortPathImporter{base: base}
	})
	return sharedImporter, sharedFset
}

// shortPathImporter maps the import paths cells use for fastgo's packages
// ("fastgo/frame") to their module paths ("fastgo/stdlib/frame"), as the
// interpreter's symbol tables do.
type shortPathImporter struct {
	base types.ImporterFrom
}

func (im *shortPathImporter) Import(path string) (*types.Package, error) {
	return im.ImportFrom(path, moduleRoot, 0)
}

func (im *shortPathImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if rest, ok := strings.CutPrefix(path, "fastgo/"); ok && !strings.HasPrefix(rest, "stdlib/") {
		path = "fastgo/stdlib/" + rest
	}
	importerMu.Lock()
	defer importerMu.Unlock()
	return im.base.ImportFrom(path, moduleRoot, mode)
}

// cellPath returns the import path a cell uses for the package at path.
func cellPath(path string) string {
	if rest, ok := strings.CutPrefix(path, "fastgo/stdlib/"); ok {
		return "fastgo/" + rest
	}
	return path
}

// moduleRoot is the fastgo module's directory, where go/build looks up
// the module's packages and its dependencies. It is found from this
// file's path at build time.
// NOTE: a fastgo binary moved to a machine without its source tree
// cannot type check imports of fastgo or gonum packages, so cells that
// use them are passed to yaegi unchanged.
var moduleRoot = func() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "."
	}
	return filepath.Dir(filepath.Dir(filepath.Dir(file)))
}()

// alias returns the name the session's check file imports path under.
func (s *Session) alias(path string) string {
	if a, ok := s.aliases[path]; ok {
		return a
	}
	a := "qʹ" + itoa(len(s.aliases)+1)
	s.aliases[path] = a
	return a
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}

// importName returns the name under which the session's user imports see
// the package at path, or "" when no cell imported it.
func (s *Session) importName(path string, extra []importSpec) string {
	path = cellPath(path)
	for _, list := range [][]importSpec{extra, s.imports} {
		for _, im := range list {
			if im.path == path && im.name != "_" && im.name != "." {
				if im.name != "" {
					return im.name
				}
				return defaultName(im.path)
			}
		}
	}
	return ""
}

// defaultName returns the name a package at path is expected to declare:
// the last path element without a major version suffix.
func defaultName(path string) string {
	base := filepath.Base(path)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = filepath.Base(filepath.Dir(path))
	}
	return base
}

// checkQualifier writes package-qualified types for the session's check
// file: main's types by name, others through the alias of their path.
func (s *Session) checkQualifier(p *types.Package) string {
	if p.Name() == "main" {
		return ""
	}
	return s.alias(cellPath(p.Path()))
}

func identName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
