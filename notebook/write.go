package notebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marshal encodes nb the way nbformat writes notebooks: keys sorted, one
// space of indent, text split into lines, no HTML escaping, and a final
// newline.
func Marshal(nb *Notebook) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb.tree()); err != nil {
		return nil, fmt.Errorf("notebook: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteFile writes nb to path atomically: it writes a temp file in the
// same folder, syncs it and renames it over path, so a crash or a failed
// write leaves the old file whole. An existing file keeps its permission
// bits; a new one gets 0644.
func WriteFile(path string, nb *Notebook) error {
	data, err := Marshal(nb)
	if err != nil {
		return err
	}
	perm := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("notebook: write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := writeAndSync(tmp, data, perm); err != nil {
		return fmt.Errorf("notebook: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("notebook: write %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		// Syncing the folder makes the rename itself durable.
		d.Sync()
		d.Close()
	}
	return nil
}

func writeAndSync(f *os.File, data []byte, perm fs.FileMode) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// tree returns the notebook as maps and slices for encoding/json, which
// sorts map keys as nbformat does.
func (nb *Notebook) tree() map[string]any {
	cells := make([]any, 0, len(nb.Cells))
	for i := range nb.Cells {
		cells = append(cells, nb.Cells[i].tree(nb.NBFormatMinor))
	}
	return map[string]any{
		"cells":          cells,
		"metadata":       orEmpty(nb.Metadata),
		"nbformat":       4,
		"nbformat_minor": nb.NBFormatMinor,
	}
}

func (c *Cell) tree(minor int) map[string]any {
	t := map[string]any{
		"cell_type": c.CellType,
		"metadata":  orEmpty(c.Metadata),
		"source":    splitLines(c.Source),
	}
	if c.ID != "" && minor >= 5 {
		t["id"] = c.ID
	}
	if c.CellType == Code {
		t["execution_count"] = c.ExecutionCount
		outputs := make([]any, 0, len(c.Outputs))
		for i := range c.Outputs {
			outputs = append(outputs, c.Outputs[i].tree())
		}
		t["outputs"] = outputs
	} else if len(c.Attachments) > 0 {
		t["attachments"] = c.Attachments
	}
	return t
}

func (o *Output) tree() map[string]any {
	t := map[string]any{"output_type": o.OutputType}
	switch o.OutputType {
	case Stream:
		t["name"] = o.Name
		t["text"] = splitLines(o.Text)
	case DisplayData, ExecuteResult:
		t["data"] = splitBundle(o.Data)
		t["metadata"] = orEmpty(o.Metadata)
		if o.OutputType == ExecuteResult {
			t["execution_count"] = o.ExecutionCount
		}
	case Error:
		t["ename"] = o.EName
		t["evalue"] = o.EValue
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		t["traceback"] = tb
	}
	return t
}

// splitLines splits s into lines that keep their "\n", nbformat's form
// of multi-line strings.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// splitBundle splits text MIME types into lines, as nbformat does for
// text/* and SVG; base64 and JSON content stay as they are.
func splitBundle(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for mime, v := range data {
		s, ok := v.(string)
		if ok && (strings.HasPrefix(mime, "text/") || mime == "image/svg+xml") {
			out[mime] = splitLines(s)
		} else {
			out[mime] = v
		}
	}
	return out
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
