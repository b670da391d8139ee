package frame

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Kind is the element type of a [Column].
type Kind int

// The column kinds. A missing value is NaN in a Float column, "" in a
// String column and code 0 in a Categorical column. Int and Bool columns
// have no missing values, so the CSV reader, LeftJoin and Concat turn
// such columns into Float (int) or String (bool) columns when a value is
// missing.
const (
	Float Kind = iota
	Int
	String
	Bool
	Categorical
)

// String returns the short name shown in table headers.
func (k Kind) String() string {
	switch k {
	case Float:
		return "float"
	case Int:
		return "int"
	case String:
		return "string"
	case Bool:
		return "bool"
	case Categorical:
		return "category"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// NA is the level name of code 0, the missing value, in every categorical
// column, as in fastai.
const NA = "#na#"

// Column is one named, typed column of a [Frame]. Its data never changes
// after construction: operations that modify a frame put new columns in
// it, so frames may share columns safely. The accessors return copies.
type Column struct {
	name    string
	kind    Kind
	floats  []float64
	ints    []int
	strs    []string
	bools   []bool
	codes   []int32  // categorical codes, 0 = missing
	levels  []string // categorical levels, levels[0] == NA
	ordered bool
}

// NewFloat returns a float column holding a copy of values. NaN marks a
// missing value.
func NewFloat(name string, values []float64) *Column {
	return &Column{name: name, kind: Float, floats: slices.Clone(values)}
}

// NewInt returns an int column holding a copy of values.
func NewInt(name string, values []int) *Column {
	return &Column{name: name, kind: Int, ints: slices.Clone(values)}
}

// NewString returns a string column holding a copy of values. The empty
// string marks a missing value.
func NewString(name string, values []string) *Column {
	return &Column{name: name, kind: String, strs: slices.Clone(values)}
}

// NewBool returns a bool column holding a copy of values.
func NewBool(name string, values []bool) *Column {
	return &Column{name: name, kind: Bool, bools: slices.Clone(values)}
}

// NewCategorical returns a categorical column of values with the given
// levels, in order. A nil levels slice means the sorted distinct values.
// The empty string and [NA] are missing (code 0). A value that is not a
// level is an error, because dropping it silently would lose data.
func NewCategorical(name string, values []string, levels []string, ordered bool) (*Column, error) {
	if levels == nil {
		levels = distinctSorted(values)
	}
	index, err := levelIndex(levels)
	if err != nil {
		return nil, fmt.Errorf("frame: column %q: %w", name, err)
	}
	codes := make([]int32, len(values))
	for i, v := range values {
		if v == "" || v == NA {
			continue
		}
		c, ok := index[v]
		if !ok {
			return nil, fmt.Errorf("frame: column %q row %d: value %q is not one of the levels %q; add it to the levels",
				name, i, v, levels)
		}
		codes[i] = c
	}
	return newCategorical(name, codes, levels, ordered), nil
}

// newCategorical builds a categorical column from codes and levels
// without NA; it takes ownership of codes.
func newCategorical(name string, codes []int32, levels []string, ordered bool) *Column {
	all := append([]string{NA}, levels...)
	return &Column{name: name, kind: Categorical, codes: codes, levels: all, ordered: ordered}
}

// levelIndex maps each level to its code (1-based) and rejects
// duplicates and missing-value names.
func levelIndex(levels []string) (map[string]int32, error) {
	index := make(map[string]int32, len(levels))
	for i, l := range levels {
		if l == "" || l == NA {
			return nil, fmt.Errorf("level %d is %q, which is the missing value; remove it", i, l)
		}
		if _, dup := index[l]; dup {
			return nil, fmt.Errorf("level %q appears twice; list each level once", l)
		}
		index[l] = int32(i + 1)
	}
	return index, nil
}

func distinctSorted(values []string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, v := range values {
		if v == "" || v == NA || seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// Name returns the column's name.
func (c *Column) Name() string { return c.name }

// Kind returns the column's element type.
func (c *Column) Kind() Kind { return c.kind }

// Len returns the number of rows.
func (c *Column) Len() int {
	switch c.kind {
	case Float:
		return len(c.floats)
	case Int:
		return len(c.ints)
	case String:
		return len(c.strs)
	case Bool:
		return len(c.bools)
	}
	return len(c.codes)
}

// IsNA reports whether row i is missing.
func (c *Column) IsNA(i int) bool {
	switch c.kind {
	case Float:
		return math.IsNaN(c.floats[i])
	case String:
		return c.strs[i] == ""
	case Categorical:
		return c.codes[i] == 0
	}
	return false
}

// NACount returns the number of missing values.
func (c *Column) NACount() int {
	n := 0
	for i := range c.Len() {
		if c.IsNA(i) {
			n++
		}
	}
	return n
}

// NUnique returns the number of distinct non-missing values.
func (c *Column) NUnique() int {
	switch c.kind {
	case Float:
		return countDistinct(c.floats, func(v float64) bool { return math.IsNaN(v) })
	case Int:
		return countDistinct(c.ints, func(int) bool { return false })
	case String:
		return countDistinct(c.strs, func(v string) bool { return v == "" })
	case Bool:
		return countDistinct(c.bools, func(bool) bool { return false })
	}
	return countDistinct(c.codes, func(v int32) bool { return v == 0 })
}

func countDistinct[T comparable](values []T, missing func(T) bool) int {
	seen := make(map[T]struct{})
	for _, v := range values {
		if !missing(v) {
			seen[v] = struct{}{}
		}
	}
	return len(seen)
}

// Unique returns the distinct values as text (see [Column.Value]) in order
// of first appearance, as pandas' unique does. A missing value is
// included, as "" or [NA], if there is one.
func (c *Column) Unique() []string {
	seen := make(map[string]bool)
	var out []string
	for i := range c.Len() {
		v := c.Value(i)
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// Float64s returns the values as float64: ints and bools (0 or 1)
// converted, categorical codes as numbers (0 = missing) and missing floats
// as NaN. It panics for a String column, which has no numeric form;
// categorify it first.
func (c *Column) Float64s() []float64 {
	out := make([]float64, c.Len())
	c.fillFloats(out, 1)
	return out
}

// fillFloats writes the numeric form of the column into dst[0],
// dst[stride], dst[2*stride], and so on.
func (c *Column) fillFloats(dst []float64, stride int) {
	switch c.kind {
	case Float:
		for i, v := range c.floats {
			dst[i*stride] = v
		}
	case Int:
		for i, v := range c.ints {
			dst[i*stride] = float64(v)
		}
	case Bool:
		for i, v := range c.bools {
			if v {
				dst[i*stride] = 1
			} else {
				dst[i*stride] = 0
			}
		}
	case Categorical:
		for i, v := range c.codes {
			dst[i*stride] = float64(v)
		}
	default:
		panic(fmt.Sprintf("frame: column %q is a string column and has no numeric form; categorify it first", c.name))
	}
}

// Ints returns a copy of an Int column's values, or of a Categorical
// column's codes. It panics for other kinds.
func (c *Column) Ints() []int {
	switch c.kind {
	case Int:
		return slices.Clone(c.ints)
	case Categorical:
		return c.Codes()
	}
	panic(fmt.Sprintf("frame: column %q is a %s column, not int; use Float64s", c.name, c.kind))
}

// Bools returns a copy of a Bool column's values. It panics for other
// kinds.
func (c *Column) Bools() []bool {
	if c.kind != Bool {
		panic(fmt.Sprintf("frame: column %q is a %s column, not bool", c.name, c.kind))
	}
	return slices.Clone(c.bools)
}

// Strings returns every value formatted as text. Missing values are ""
// except in a Categorical column, where they are [NA].
func (c *Column) Strings() []string {
	if c.kind == String {
		return slices.Clone(c.strs)
	}
	out := make([]string, c.Len())
	for i := range out {
		out[i] = c.Value(i)
	}
	return out
}

// Value returns row i formatted as text: "" for a missing float or string,
// the level for a categorical code, whole floats below 1e15 without an
// exponent, and Go's shortest form for other numbers.
func (c *Column) Value(i int) string {
	switch c.kind {
	case Float:
		return formatFloat(c.floats[i])
	case Int:
		return strconv.Itoa(c.ints[i])
	case String:
		return c.strs[i]
	case Bool:
		return strconv.FormatBool(c.bools[i])
	}
	return c.levels[c.codes[i]]
}

// formatFloat writes whole numbers below 1e15 without an exponent, so
// that a float key such as 1163635200 matches the same int key in joins
// and filters.
func formatFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Codes returns a copy of a Categorical column's codes, where 0 is
// missing and code k is Levels()[k]. It panics for other kinds.
func (c *Column) Codes() []int {
	c.mustBeCategorical("Codes")
	out := make([]int, len(c.codes))
	for i, v := range c.codes {
		out[i] = int(v)
	}
	return out
}

// Levels returns a copy of a Categorical column's levels, indexed by
// code: Levels()[0] is [NA]. fastai calls this list the classes.
func (c *Column) Levels() []string {
	c.mustBeCategorical("Levels")
	return slices.Clone(c.levels)
}

// Ordered reports whether a Categorical column's levels have a meaningful
// order, such as Small < Medium < Large.
func (c *Column) Ordered() bool { return c.ordered }

// Level returns the level of code. It panics if code is out of range.
func (c *Column) Level(code int) string {
	c.mustBeCategorical("Level")
	if code < 0 || code >= len(c.levels) {
		panic(fmt.Sprintf("frame: column %q has codes 0..%d, not %d", c.name, len(c.levels)-1, code))
	}
	return c.levels[code]
}

// Code returns the code of level, 0 for "" or [NA], and -1 if level is
// not one of the column's levels.
func (c *Column) Code(level string) int {
	c.mustBeCategorical("Code")
	if level == "" {
		return 0
	}
	return slices.Index(c.levels, level)
}

func (c *Column) mustBeCategorical(method string) {
	if c.kind != Categorical {
		panic(fmt.Sprintf("frame: %s: column %q is a %s column, not a category; categorify it first",
			method, c.name, c.kind))
	}
}

// String renders the column as a one-column text table.
func (c *Column) String() string { return New(c).String() }

// HTML renders the column as a one-column HTML table, which is how a
// notebook displays it.
func (c *Column) HTML() string { return New(c).HTML() }

func (c *Column) equal(d *Column) bool {
	if c.name != d.name || c.kind != d.kind || c.ordered != d.ordered || !slices.Equal(c.levels, d.levels) {
		return false
	}
	switch c.kind {
	case Float:
		return slices.EqualFunc(c.floats, d.floats, func(x, y float64) bool {
			return x == y || (math.IsNaN(x) && math.IsNaN(y))
		})
	case Int:
		return slices.Equal(c.ints, d.ints)
	case String:
		return slices.Equal(c.strs, d.strs)
	case Bool:
		return slices.Equal(c.bools, d.bools)
	}
	return slices.Equal(c.codes, d.codes)
}

// renamed returns a shallow copy of c with another name. The data is
// shared, which is safe because columns are never modified.
func (c *Column) renamed(name string) *Column {
	d := *c
	d.name = name
	return &d
}

// take returns the rows idx of c, in that order. An index of -1 gives a
// missing value, which turns an Int column into Float and a Bool column
// into String.
func (c *Column) take(idx []int) *Column {
	if slices.Contains(idx, -1) {
		return c.takeWithMissing(idx)
	}
	d := &Column{name: c.name, kind: c.kind, levels: c.levels, ordered: c.ordered}
	switch c.kind {
	case Float:
		d.floats = gather(c.floats, idx)
	case Int:
		d.ints = gather(c.ints, idx)
	case String:
		d.strs = gather(c.strs, idx)
	case Bool:
		d.bools = gather(c.bools, idx)
	case Categorical:
		d.codes = gather(c.codes, idx)
	}
	return d
}

func gather[T any](values []T, idx []int) []T {
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = values[j]
	}
	return out
}

func (c *Column) takeWithMissing(idx []int) *Column {
	d := &Column{name: c.name, kind: c.kind, levels: c.levels, ordered: c.ordered}
	switch c.kind {
	case Float, Int:
		src := c.Float64s()
		d.kind = Float
		d.floats = make([]float64, len(idx))
		for i, j := range idx {
			d.floats[i] = math.NaN()
			if j >= 0 {
				d.floats[i] = src[j]
			}
		}
	case String, Bool:
		src := c.Strings()
		d.kind = String
		d.strs = make([]string, len(idx))
		for i, j := range idx {
			if j >= 0 {
				d.strs[i] = src[j]
			}
		}
	case Categorical:
		d.codes = make([]int32, len(idx))
		for i, j := range idx {
			if j >= 0 {
				d.codes[i] = c.codes[j]
			}
		}
	}
	return d
}
