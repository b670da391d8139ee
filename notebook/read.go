package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/google/uuid"
)

// ErrInvalid is wrapped by every validation error of [Read] and
// [ReadFile].
var ErrInvalid = errors.New("invalid notebook")

// ReadFile reads and validates the notebook at path. Errors name the file
// and, for a bad cell, its index (counting from 0).
func ReadFile(path string) (*Notebook, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("notebook: %w", err)
	}
	nb, err := Read(raw)
	if err != nil {
		return nil, fmt.Errorf("notebook: %s: %w", path, err)
	}
	return nb, nil
}

type rawNotebook struct {
	Cells         *[]json.RawMessage `json:"cells"`
	Metadata      map[string]any     `json:"metadata"`
	NBFormat      *int               `json:"nbformat"`
	NBFormatMinor int                `json:"nbformat_minor"`
}

// Read parses and validates an nbformat 4 notebook. Cells of nbformat 4.5
// and later that lack an id get a new one.
func Read(data []byte) (*Notebook, error) {
	var r rawNotebook
	if err := json.Unmarshal(data, &r); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: not JSON%s: %v", ErrInvalid, syntaxLine(data, se), err)
		}
		return nil, fmt.Errorf("%w: %s", ErrInvalid, describeDecodeError(err, "the notebook"))
	}
	if r.NBFormat == nil {
		return nil, fmt.Errorf("%w: missing nbformat: is this a Jupyter notebook?", ErrInvalid)
	}
	if *r.NBFormat != 4 {
		return nil, fmt.Errorf("%w: nbformat %d is not supported: convert it to version 4 with"+
			" jupyter nbconvert --to notebook --nbformat 4", ErrInvalid, *r.NBFormat)
	}
	if r.Cells == nil {
		return nil, fmt.Errorf("%w: missing cells", ErrInvalid)
	}
	nb := &Notebook{Metadata: r.Metadata, NBFormat: 4, NBFormatMinor: r.NBFormatMinor}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	for i, rc := range *r.Cells {
		c, err := readCell(rc)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i, err)
		}
		if c.ID == "" && nb.NBFormatMinor >= 5 {
			c.ID = uuid.NewString()[:8]
		}
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

// syntaxLine returns " at line N" for the position of a JSON syntax error.
func syntaxLine(data []byte, se *json.SyntaxError) string {
	return fmt.Sprintf(" at line %d", bytes.Count(data[:se.Offset], []byte("\n"))+1)
}

type rawCell struct {
	ID             string            `json:"id"`
	CellType       string            `json:"cell_type"`
	Source         *multiline        `json:"source"`
	Metadata       map[string]any    `json:"metadata"`
	ExecutionCount *int              `json:"execution_count"`
	Outputs        []json.RawMessage `json:"outputs"`
	Attachments    map[string]any    `json:"attachments"`
}

func readCell(raw json.RawMessage) (Cell, error) {
	var r rawCell
	if err := json.Unmarshal(raw, &r); err != nil {
		return Cell{}, fmt.Errorf("%w: %s", ErrInvalid, describeDecodeError(err, "a cell"))
	}
	switch r.CellType {
	case Code, Markdown, Raw:
	case "":
		return Cell{}, fmt.Errorf("%w: missing cell_type", ErrInvalid)
	default:
		return Cell{}, fmt.Errorf("%w: unknown cell_type %q: use code, markdown or raw", ErrInvalid, r.CellType)
	}
	if r.Source == nil {
		return Cell{}, fmt.Errorf("%w: missing source", ErrInvalid)
	}
	c := Cell{ID: r.ID, CellType: r.CellType, Source: string(*r.Source), Metadata: r.Metadata,
		Attachments: r.Attachments}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	if r.CellType != Code {
		return c, nil
	}
	c.ExecutionCount = r.ExecutionCount
	for j, ro := range r.Outputs {
		o, err := readOutput(ro)
		if err != nil {
			return Cell{}, fmt.Errorf("output %d: %w", j, err)
		}
		c.Outputs = append(c.Outputs, o)
	}
	return c, nil
}

type rawOutput struct {
	OutputType     string         `json:"output_type"`
	Name           string         `json:"name"`
	Text           *multiline     `json:"text"`
	Data           map[string]any `json:"data"`
	Metadata       map[string]any `json:"metadata"`
	ExecutionCount *int           `json:"execution_count"`
	EName          string         `json:"ename"`
	EValue         string         `json:"evalue"`
	Traceback      []string       `json:"traceback"`
}

func readOutput(raw json.RawMessage) (Output, error) {
	var r rawOutput
	if err := json.Unmarshal(raw, &r); err != nil {
		return Output{}, fmt.Errorf("%w: %s", ErrInvalid, describeDecodeError(err, "an output"))
	}
	o := Output{OutputType: r.OutputType, Name: r.Name, Data: joinLines(r.Data), Metadata: r.Metadata,
		ExecutionCount: r.ExecutionCount, EName: r.EName, EValue: r.EValue, Traceback: r.Traceback}
	switch r.OutputType {
	case Stream:
		if r.Name != "stdout" && r.Name != "stderr" {
			return Output{}, fmt.Errorf("%w: stream name %q: use stdout or stderr", ErrInvalid, r.Name)
		}
		if r.Text == nil {
			return Output{}, fmt.Errorf("%w: stream output without text", ErrInvalid)
		}
		o.Text = string(*r.Text)
	case DisplayData, ExecuteResult:
		if r.Data == nil {
			return Output{}, fmt.Errorf("%w: %s output without data", ErrInvalid, r.OutputType)
		}
		if o.Metadata == nil {
			o.Metadata = map[string]any{}
		}
	case Error:
		if o.Traceback == nil {
			o.Traceback = []string{}
		}
	default:
		return Output{}, fmt.Errorf("%w: unknown output_type %q", ErrInvalid, r.OutputType)
	}
	return o, nil
}

// joinLines turns nbformat's lists of lines in a MIME bundle into strings.
func joinLines(data map[string]any) map[string]any {
	if data == nil {
		return nil
	}
	for mime, v := range data {
		if strings.HasSuffix(mime, "json") {
			continue
		}
		if list, ok := v.([]any); ok {
			var b strings.Builder
			for _, item := range list {
				s, _ := item.(string)
				b.WriteString(s)
			}
			data[mime] = b.String()
		}
	}
	return data
}

// multiline is nbformat's multi-line string: one string or a list of
// lines that are joined.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return errors.New("expected a string or a list of strings")
	}
	*m = multiline(strings.Join(lines, ""))
	return nil
}
