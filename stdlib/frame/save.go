package frame

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// fileMagic opens every saved frame, so that Load can tell a frame file
// from any other gob stream.
const fileMagic = "fastgo/frame v1"

// ErrNotFrame is wrapped by the error [Load] returns for a file that was
// not written by [Frame.Save] or is damaged.
var ErrNotFrame = errors.New("not a saved frame")

// savedColumn is the on-disk form of a Column.
type savedColumn struct {
	Name    string
	Kind    Kind
	Floats  []float64
	Ints    []int
	Strs    []string
	Bools   []bool
	Codes   []int32
	Levels  []string
	Ordered bool
}

type savedFrame struct {
	Rows    int
	Columns []savedColumn
}

// Save writes the frame to path in gob encoding. It writes a temporary
// file in the same folder and renames it, so path holds either the old
// content or the complete new frame, never a partial one.
func (f *Frame) Save(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("frame: save: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := f.encode(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("frame: save %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("frame: save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("frame: save: %w", err)
	}
	return nil
}

func (f *Frame) encode(file *os.File) error {
	w := bufio.NewWriter(file)
	enc := gob.NewEncoder(w)
	s := savedFrame{Rows: f.rows}
	for _, c := range f.cols {
		s.Columns = append(s.Columns, savedColumn{
			Name: c.name, Kind: c.kind, Floats: c.floats, Ints: c.ints, Strs: c.strs,
			Bools: c.bools, Codes: c.codes, Levels: c.levels, Ordered: c.ordered,
		})
	}
	if err := enc.Encode(fileMagic); err != nil {
		return err
	}
	if err := enc.Encode(s); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return file.Sync()
}

// Load reads a frame written by [Frame.Save]. A file of another format,
// or one that is damaged, gives an error wrapping [ErrNotFrame].
func Load(path string) (*Frame, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	defer file.Close()
	dec := gob.NewDecoder(bufio.NewReader(file))
	var magic string
	if err := dec.Decode(&magic); err != nil || magic != fileMagic {
		return nil, fmt.Errorf("frame: load %s: %w (it does not start with the frame header); save it again with Frame.Save",
			path, ErrNotFrame)
	}
	var s savedFrame
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("frame: load %s: %w: %v", path, ErrNotFrame, err)
	}
	return s.frame(path)
}

// frame checks the decoded columns and builds the frame.
func (s savedFrame) frame(path string) (*Frame, error) {
	f := &Frame{rows: s.Rows}
	for _, sc := range s.Columns {
		c := &Column{
			name: sc.Name, kind: sc.Kind, floats: sc.Floats, ints: sc.Ints, strs: sc.Strs,
			bools: sc.Bools, codes: sc.Codes, levels: sc.Levels, ordered: sc.Ordered,
		}
		if f.Has(c.name) {
			return nil, fmt.Errorf("frame: load %s: %w: column %q appears twice", path, ErrNotFrame, sc.Name)
		}
		if err := c.check(s.Rows); err != nil {
			return nil, fmt.Errorf("frame: load %s: %w: column %q: %v", path, ErrNotFrame, sc.Name, err)
		}
		f.cols = append(f.cols, c)
	}
	return f, nil
}

// check verifies that a decoded column has rows values of its kind and
// valid categorical codes. gob drops empty slices, so an empty column
// decodes with nil data.
func (c *Column) check(rows int) error {
	if c.kind < Float || c.kind > Categorical {
		return fmt.Errorf("unknown kind %d", c.kind)
	}
	if c.Len() != rows {
		return fmt.Errorf("%d values for %d rows", c.Len(), rows)
	}
	if c.kind != Categorical {
		return nil
	}
	if len(c.levels) == 0 || c.levels[0] != NA {
		return errors.New("levels do not start with the missing level")
	}
	for _, code := range c.codes {
		if code < 0 || int(code) >= len(c.levels) {
			return fmt.Errorf("code %d out of range", code)
		}
	}
	return nil
}
