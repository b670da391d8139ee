package notebook

import (
	"strings"
)

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	Cells         []Cell
	Metadata      map[string]any
	NBFormat      int
	NBFormatMinor int
}

// Cell types.
const (
	Code     = "code"
	Markdown = "markdown"
	Raw      = "raw"
)

// Cell is one notebook cell. ExecutionCount and Outputs belong to code
// cells, Attachments to markdown and raw cells.
type Cell struct {
	ID             string // required from nbformat 4.5
	CellType       string // Code, Markdown or Raw
	Source         string
	Metadata       map[string]any
	ExecutionCount *int
	Outputs        []Output
	Attachments    map[string]any
}

// FirstLine returns the first non-blank line of the cell's source, for
// progress and error messages.
func (c *Cell) FirstLine() string {
	for line := range strings.SplitSeq(c.Source, "\n") {
		if strings.TrimSpace(line) != "" {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// Output types.
const (
	Stream        = "stream"
	DisplayData   = "display_data"
	ExecuteResult = "execute_result"
	Error         = "error"
)

// Output is one output of a code cell. Which fields are set depends on
// OutputType:
//   - Stream: Name ("stdout" or "stderr") and Text;
//   - DisplayData: Data and Metadata;
//   - ExecuteResult: Data, Metadata and ExecutionCount;
//   - Error: EName, EValue and Traceback.
//
// Data maps MIME types to content: text as one string (nbformat's list of
// lines is joined on read), base64 for binary types, any JSON value for
// JSON types.
type Output struct {
	OutputType     string
	Name           string
	Text           string
	Data           map[string]any
	Metadata       map[string]any
	ExecutionCount *int
	EName          string
	EValue         string
	Traceback      []string
}

// appendOutput adds o to outputs, merging it into the last output when
// both are streams of the same name, as nbclient does.
func appendOutput(outputs []Output, o Output) []Output {
	if o.OutputType == Stream && len(outputs) > 0 {
		last := &outputs[len(outputs)-1]
		if last.OutputType == Stream && last.Name == o.Name {
			last.Text += o.Text
			return outputs
		}
	}
	return append(outputs, o)
}

// MergeStreams returns outputs with each run of consecutive stream
// outputs of the same name merged into one.
func MergeStreams(outputs []Output) []Output {
	var merged []Output
	for _, o := range outputs {
		merged = appendOutput(merged, o)
	}
	return merged
}
