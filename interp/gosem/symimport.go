package gosem

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"strings"
	"sync"
)

// symbolImporter builds go/types packages from yaegi symbol tables, the
// reflect values of every exported name that the interpreter can import.
// It needs no source code and takes microseconds per package, where
// type checking a package from source takes seconds and needs the module
// tree on disk.
//
// The packages it returns are complete for what cells can reach:
// functions, variables, constants (untyped ones keep their exact value),
// named types with their fields and method sets, and interfaces. They lack
// parameter names, positions and doc comments, and generic declarations,
// which yaegi cannot import anyway.
type symbolImporter struct {
	mu     sync.Mutex
	tables map[string]symbolTable // by import path
	pkgs   map[string]*types.Package
	named  map[reflect.Type]*types.Named
}

type symbolTable struct {
	name    string
	symbols map[string]reflect.Value
}

// newSymbolImporter indexes tables, whose keys have yaegi's form
// "import/path/name".
func newSymbolImporter(tables map[string]map[string]reflect.Value) *symbolImporter {
	im := &symbolImporter{
		tables: make(map[string]symbolTable, len(tables)),
		pkgs:   map[string]*types.Package{"unsafe": types.Unsafe},
		named:  map[reflect.Type]*types.Named{},
	}
	for key, symbols := range tables {
		i := strings.LastIndexByte(key, '/')
		if i < 0 {
			continue
		}
		im.tables[key[:i]] = symbolTable{name: key[i+1:], symbols: symbols}
	}
	return im
}

func (im *symbolImporter) Import(path string) (*types.Package, error) {
	return im.ImportFrom(path, "", 0)
}

func (im *symbolImporter) ImportFrom(importPath, _ string, _ types.ImportMode) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	table, ok := im.tables[importPath]
	if !ok {
		return nil, fmt.Errorf("gosem: package %q is not in the interpreter's symbol tables", importPath)
	}
	pkg := im.pkg(importPath)
	if pkg.Complete() {
		return pkg, nil
	}
	scope := pkg.Scope()
	for name, v := range table.symbols {
		if strings.HasPrefix(name, "_") || scope.Lookup(name) != nil {
			continue // "_"-prefixed names are yaegi's interface wrappers
		}
		if obj := im.object(pkg, name, v); obj != nil {
			scope.Insert(obj)
		}
	}
	pkg.MarkComplete()
	return pkg, nil
}

// pkg returns the package object for importPath, creating an empty one
// the first time. Packages reached only through types (such as internal
// packages) stay incomplete, with just the types that were referenced.
func (im *symbolImporter) pkg(importPath string) *types.Package {
	if p, ok := im.pkgs[importPath]; ok {
		return p
	}
	name := path.Base(importPath)
	if t, ok := im.tables[importPath]; ok {
		name = t.name
	}
	p := types.NewPackage(importPath, name)
	im.pkgs[importPath] = p
	return p
}

// object converts one symbol table entry. yaegi's extract writes a type
// as a nil pointer to it, a variable as an addressable value, a function
// as a func value and an untyped constant as a constant.Value.
func (im *symbolImporter) object(pkg *types.Package, name string, v reflect.Value) types.Object {
	if !v.IsValid() {
		return nil
	}
	if c, ok := untypedConstant(v); ok {
		return types.NewConst(token.NoPos, pkg, name, untypedKind(c), c)
	}
	t := v.Type()
	switch {
	case v.CanAddr():
		return types.NewVar(token.NoPos, pkg, name, im.typeOf(t))
	case t.Kind() == reflect.Pointer && v.IsNil():
		typ := im.typeOf(t.Elem())
		if n, ok := typ.(*types.Named); ok && n.Obj().Name() == name && n.Obj().Pkg() == pkg {
			return n.Obj()
		}
		return types.NewTypeName(token.NoPos, pkg, name, typ) // an alias
	case t.Kind() == reflect.Func:
		return types.NewFunc(token.NoPos, pkg, name, im.signature(t, nil))
	}
	if c, ok := typedConstant(v); ok {
		return types.NewConst(token.NoPos, pkg, name, im.typeOf(t), c)
	}
	return types.NewVar(token.NoPos, pkg, name, im.typeOf(t))
}

var constantValueType = reflect.TypeOf((*constant.Value)(nil)).Elem()

func untypedConstant(v reflect.Value) (constant.Value, bool) {
	if !v.Type().Implements(constantValueType) || v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, false
	}
	c, ok := v.Interface().(constant.Value)
	return c, ok && c != nil
}

func untypedKind(c constant.Value) types.Type {
	switch c.Kind() {
	case constant.Bool:
		return types.Typ[types.UntypedBool]
	case constant.String:
		return types.Typ[types.UntypedString]
	case constant.Float:
		return types.Typ[types.UntypedFloat]
	case constant.Complex:
		return types.Typ[types.UntypedComplex]
	}
	return types.Typ[types.UntypedInt]
}

// typedConstant returns the value of a typed constant, such as
// fs.ModeDir, which yaegi's extract stores as a plain value.
func typedConstant(v reflect.Value) (constant.Value, bool) {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool()), true
	case reflect.String:
		return constant.MakeString(v.String()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float()), true
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD,
			constant.MakeImag(constant.MakeFloat64(imag(c)))), true
	}
	return nil, false
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// typeOf converts a reflect type to the go/types type it came from.
func (im *symbolImporter) typeOf(t reflect.Type) types.Type {
	if t == errorType {
		return types.Universe.Lookup("error").Type()
	}
	if t.Name() != "" && t.PkgPath() == "" {
		if obj := types.Universe.Lookup(t.Name()); obj != nil {
			return obj.Type()
		}
	}
	if t.Name() != "" {
		return im.namedType(t)
	}
	return im.structure(t)
}

// structure converts the type literal of t, ignoring t's name.
func (im *symbolImporter) structure(t reflect.Type) types.Type {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return types.Universe.Lookup(t.Kind().String()).Type()
	case reflect.UnsafePointer:
		return types.Typ[types.UnsafePointer]
	case reflect.Pointer:
		return types.NewPointer(im.typeOf(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(im.typeOf(t.Elem()))
	case reflect.Array:
		return types.NewArray(im.typeOf(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(im.typeOf(t.Key()), im.typeOf(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, im.typeOf(t.Elem()))
	case reflect.Func:
		return im.signature(t, nil)
	case reflect.Struct:
		return im.structType(t)
	case reflect.Interface:
		return im.interfaceType(t)
	}
	return types.Typ[types.Invalid]
}

// signature converts a func type. For a method, t's first input is the
// receiver, which becomes recv.
func (im *symbolImporter) signature(t reflect.Type, recv *types.Var) *types.Signature {
	first := 0
	if recv != nil {
		first = 1
	}
	var params, results []*types.Var
	for i := first; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", im.typeOf(t.In(i))))
	}
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, nil, "", im.typeOf(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil,
		types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

func (im *symbolImporter) structType(t reflect.Type) *types.Struct {
	fields := make([]*types.Var, t.NumField())
	tags := make([]string, t.NumField())
	for i := range fields {
		f := t.Field(i)
		var pkg *types.Package
		if f.PkgPath != "" {
			pkg = im.pkg(f.PkgPath)
		}
		fields[i] = types.NewField(token.NoPos, pkg, f.Name, im.typeOf(f.Type), f.Anonymous)
		tags[i] = string(f.Tag)
	}
	return types.NewStruct(fields, tags)
}

func (im *symbolImporter) interfaceType(t reflect.Type) *types.Interface {
	methods := make([]*types.Func, t.NumMethod())
	for i := range methods {
		m := t.Method(i)
		pkg := im.pkg(t.PkgPath())
		if m.PkgPath != "" {
			pkg = im.pkg(m.PkgPath)
		}
		methods[i] = types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, nil))
	}
	return types.NewInterfaceType(methods, nil).Complete()
}

// namedType returns the named type for t, with its underlying type and
// methods. Value-receiver methods are those in t's method set; the rest of
// *t's method set have pointer receivers.
func (im *symbolImporter) namedType(t reflect.Type) *types.Named {
	if n, ok := im.named[t]; ok {
		return n
	}
	pkg := im.pkg(t.PkgPath())
	obj := types.NewTypeName(token.NoPos, pkg, t.Name(), nil)
	n := types.NewNamed(obj, nil, nil)
	im.named[t] = n // before the underlying type, which may refer to t
	n.SetUnderlying(im.structure(t).Underlying())
	if t.Kind() == reflect.Interface {
		return n
	}
	valueMethods := map[string]bool{}
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		valueMethods[m.Name] = true
		recv := types.NewVar(token.NoPos, pkg, "", n)
		n.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, recv)))
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		m := pt.Method(i)
		if valueMethods[m.Name] {
			continue
		}
		recv := types.NewVar(token.NoPos, pkg, "", types.NewPointer(n))
		n.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, recv)))
	}
	return n
}
