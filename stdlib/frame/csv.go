package frame

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"unicode/utf8"
)

// CSVOptions configures [ReadCSV]. The zero value reads a UTF-8,
// comma-separated file with a header line.
type CSVOptions struct {
	// Sep is the field separator, such as '\t' or '|'. Zero means ','.
	Sep rune

	// NoHeader marks the first line as data, not column names. Blank
	// lines are skipped, as pandas does by default.
	NoHeader bool

	// Names are the column names. They replace the header when there is
	// one. Without a header and without Names, columns are called "0",
	// "1", and so on.
	Names []string

	// Latin1 decodes the file as ISO 8859-1 instead of UTF-8, as the
	// MovieLens u.item file needs.
	Latin1 bool

	// Kinds forces the kind of the named columns. Other columns are
	// inferred: int if every value parses as an integer, float if every
	// value parses as a number (an int column with a missing value becomes
	// float), bool for true/false words without missing values, and string
	// otherwise. An empty field is a missing value.
	Kinds map[string]Kind
}

// ReadCSV reads the delimited text file at path into a frame. A row with
// the wrong number of fields, a broken quote or a value that does not
// parse as its forced kind is an error that names the file, line and
// column.
func ReadCSV(path string, opts CSVOptions) (*Frame, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	return parseCSV(data, path, opts)
}

// ReadCSVFrom reads delimited text from r as [ReadCSV] does. source names
// the input in error messages.
func ReadCSVFrom(r io.Reader, source string, opts CSVOptions) (*Frame, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("frame: read %s: %w", source, err)
	}
	return parseCSV(data, source, opts)
}

// rawTable is the text of a delimited file, column by column.
type rawTable struct {
	names  []string
	fields [][]string // fields[col][row]
	lines  []int      // lines[row] is the 1-based line the row starts on
}

func parseCSV(data []byte, source string, opts CSVOptions) (*Frame, error) {
	if opts.Latin1 {
		data = latin1ToUTF8(data)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	raw, err := splitFields(data, source, opts)
	if err != nil {
		return nil, err
	}
	for name := range opts.Kinds {
		if !slices.Contains(raw.names, name) {
			return nil, fmt.Errorf("frame: read %s: CSVOptions.Kinds names column %q, which the file does not have; the columns are %q",
				source, name, raw.names)
		}
	}
	f := &Frame{rows: len(raw.lines)}
	for i, name := range raw.names {
		kind, forced := opts.Kinds[name]
		var c *Column
		if forced {
			c, err = parseForced(name, raw.fields[i], kind)
		} else {
			c = infer(name, raw.fields[i])
		}
		if err != nil {
			var pe *valueError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("frame: read %s: line %d, column %q: %w", source, raw.lines[pe.row], name, err)
			}
			return nil, fmt.Errorf("frame: read %s: %w", source, err)
		}
		f.cols = append(f.cols, c)
	}
	return f, nil
}

func splitFields(data []byte, source string, opts CSVOptions) (*rawTable, error) {
	r := csv.NewReader(bytes.NewReader(data))
	if opts.Sep != 0 {
		r.Comma = opts.Sep
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	raw := &rawTable{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("frame: read %s: line %d, column %d: %w", source, pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("frame: read %s: %w", source, err)
		}
		line, _ := r.FieldPos(0)
		if raw.names == nil {
			if err := raw.start(rec, data, opts, source, line); err != nil {
				return nil, err
			}
			if !opts.NoHeader {
				continue
			}
		}
		if len(rec) != len(raw.names) {
			return nil, fmt.Errorf("frame: read %s: line %d has %d fields, but there are %d columns; check the separator and quoting",
				source, line, len(rec), len(raw.names))
		}
		for i, v := range rec {
			raw.fields[i] = append(raw.fields[i], v)
		}
		raw.lines = append(raw.lines, line)
	}
	if raw.names == nil {
		raw.names = opts.Names
		raw.fields = make([][]string, len(raw.names))
	}
	return raw, nil
}

// start sets the column names from the first record.
func (raw *rawTable) start(first []string, data []byte, opts CSVOptions, source string, line int) error {
	switch {
	case opts.Names != nil:
		if len(opts.Names) != len(first) {
			return fmt.Errorf("frame: read %s: %d names given, but line %d has %d fields", source, len(opts.Names), line, len(first))
		}
		raw.names = opts.Names
	case opts.NoHeader:
		for i := range first {
			raw.names = append(raw.names, strconv.Itoa(i))
		}
	default:
		raw.names = slices.Clone(first)
	}
	seen := make(map[string]bool)
	for _, n := range raw.names {
		if seen[n] {
			return fmt.Errorf("frame: read %s: two columns are called %q; pass distinct Names", source, n)
		}
		seen[n] = true
	}
	// Every row takes at least one line, so the line count bounds the
	// row count and growing the slices never copies them.
	lines := bytes.Count(data, []byte{'\n'}) + 1
	raw.fields = make([][]string, len(raw.names))
	for i := range raw.fields {
		raw.fields[i] = make([]string, 0, lines)
	}
	raw.lines = make([]int, 0, lines)
	return nil
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/16)
	for _, c := range b {
		if c < utf8.RuneSelf {
			out = append(out, c)
		} else {
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

// valueError is a field that does not parse as its column's kind.
type valueError struct {
	row   int
	value string
	kind  Kind
}

func (e *valueError) Error() string {
	return fmt.Sprintf("%q is not a valid %s value", e.value, e.kind)
}

// infer picks the narrowest kind that every value parses as.
func infer(name string, values []string) *Column {
	if ints, missing, ok := parseInts(values); ok {
		if !missing {
			return &Column{name: name, kind: Int, ints: ints}
		}
	}
	if floats, ok := parseFloats(values); ok {
		return &Column{name: name, kind: Float, floats: floats}
	}
	if bools, ok := parseBools(values); ok {
		return &Column{name: name, kind: Bool, bools: bools}
	}
	return &Column{name: name, kind: String, strs: values}
}

func parseForced(name string, values []string, kind Kind) (*Column, error) {
	switch kind {
	case Float:
		for i, v := range values {
			if _, err := strconv.ParseFloat(v, 64); err != nil && v != "" {
				return nil, &valueError{row: i, value: v, kind: kind}
			}
		}
		floats, _ := parseFloats(values)
		return &Column{name: name, kind: Float, floats: floats}, nil
	case Int:
		ints := make([]int, len(values))
		for i, v := range values {
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, &valueError{row: i, value: v, kind: kind}
			}
			ints[i] = n
		}
		return &Column{name: name, kind: Int, ints: ints}, nil
	case Bool:
		bools, ok := parseBools(values)
		if !ok {
			return nil, &valueError{row: firstNonBool(values), value: values[firstNonBool(values)], kind: kind}
		}
		return &Column{name: name, kind: Bool, bools: bools}, nil
	case Categorical:
		return NewCategorical(name, values, nil, false)
	}
	return &Column{name: name, kind: String, strs: values}, nil
}

// parseInts parses every non-empty value as an int and reports whether
// any value was empty.
func parseInts(values []string) (ints []int, missing, ok bool) {
	ints = make([]int, len(values))
	for i, v := range values {
		if v == "" {
			missing = true
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, false, false
		}
		ints[i] = n
	}
	return ints, missing, true
}

// parseFloats parses every value as a float64, with "" as NaN.
func parseFloats(values []string) ([]float64, bool) {
	floats := make([]float64, len(values))
	for i, v := range values {
		if v == "" {
			floats[i] = math.NaN()
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, false
		}
		floats[i] = x
	}
	return floats, true
}

func parseBools(values []string) ([]bool, bool) {
	if len(values) == 0 {
		return nil, false
	}
	bools := make([]bool, len(values))
	for i, v := range values {
		switch v {
		case "true", "True", "TRUE":
			bools[i] = true
		case "false", "False", "FALSE":
		default:
			return nil, false
		}
	}
	return bools, true
}

func firstNonBool(values []string) int {
	for i, v := range values {
		if _, ok := parseBools([]string{v}); !ok {
			return i
		}
	}
	return 0
}
