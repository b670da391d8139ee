package gosem

import "go/types"

// genericPackages are standard packages whose API is mostly generic.
// yaegi's symbol tables leave generic declarations out, which would lose
// iter.Seq and cmp.Ordered, so these packages are type checked from
// source instead. None of them exposes types of other packages, so their
// types mix with those built from symbol tables.
var genericPackages = map[string]bool{"cmp": true, "iter": true, "maps": true, "slices": true}

// mixedImporter imports genericPackages from source and every other
// package from symbol tables.
type mixedImporter struct {
	symbols types.ImporterFrom
	source  types.ImporterFrom
}

func (m *mixedImporter) Import(path string) (*types.Package, error) {
	return m.ImportFrom(path, moduleRoot, 0)
}

func (m *mixedImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if genericPackages[path] {
		return m.source.ImportFrom(path, dir, mode)
	}
	return m.symbols.ImportFrom(path, dir, mode)
}
