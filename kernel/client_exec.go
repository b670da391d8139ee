package kernel

import (
	"context"
	"encoding/json"
)

// Output is one output of a cell, as the kernel sent it on iopub.
type Output struct {
	// Type is the iopub message type: "stream", "display_data",
	// "update_display_data", "execute_result" or "error".
	Type string

	Name string // stream name, "stdout" or "stderr"
	Text string // stream text

	Data      map[string]any // MIME bundle of display and result outputs
	Metadata  map[string]any
	DisplayID string // transient display_id, when set

	ExecutionCount int        // execute_result only
	Error          *CellError // error only
}

// Execution is the outcome of [Client.Execute].
type Execution struct {
	// Status is the execute_reply status: "ok", "error" or "aborted".
	Status         string
	ExecutionCount int
	Outputs        []Output
	// Error is the cell's error when Status is "error".
	Error *CellError
}

// ExecuteOptions are the execute_request flags. The zero value means the
// protocol defaults except for StopOnError, which Execute sets to true.
type ExecuteOptions struct {
	Silent          bool
	NoHistory       bool // store_history false
	ContinueOnError bool // stop_on_error false
	// OnOutput, when set, is called with each output as it arrives.
	OnOutput func(Output)
}

// Execute runs code and collects its outputs in order until the kernel
// reports idle.
func (c *Client) Execute(ctx context.Context, code string, opts ExecuteOptions) (*Execution, error) {
	content := map[string]any{
		"code":             code,
		"silent":           opts.Silent,
		"store_history":    !opts.NoHistory,
		"user_expressions": map[string]any{},
		"allow_stdin":      c.opts.Input != nil,
		"stop_on_error":    !opts.ContinueOnError,
	}
	var onIOPub func(*Message)
	if opts.OnOutput != nil {
		onIOPub = func(m *Message) {
			if o, ok := outputOf(m); ok {
				opts.OnOutput(o)
			}
		}
	}
	r, err := c.request(ctx, "shell", "execute_request", content, onIOPub)
	if err != nil {
		return nil, err
	}
	ex := &Execution{}
	ex.Status, _ = r.Content["status"].(string)
	if n, ok := r.Content["execution_count"].(float64); ok {
		ex.ExecutionCount = int(n)
	}
	for _, m := range r.IOPub {
		if o, ok := outputOf(m); ok {
			ex.Outputs = append(ex.Outputs, o)
		}
	}
	if ex.Status == "error" {
		ex.Error = cellErrorOf(r.Content)
	}
	return ex, nil
}

// outputOf converts an iopub message to an Output, or reports false for
// messages that are not outputs (such as execute_input).
func outputOf(m *Message) (Output, bool) {
	var c struct {
		Name           string         `json:"name"`
		Text           string         `json:"text"`
		Data           map[string]any `json:"data"`
		Metadata       map[string]any `json:"metadata"`
		ExecutionCount int            `json:"execution_count"`
		Transient      struct {
			DisplayID string `json:"display_id"`
		} `json:"transient"`
	}
	switch m.Type() {
	case "stream", "display_data", "update_display_data", "execute_result", "error":
	default:
		return Output{}, false
	}
	if err := json.Unmarshal(m.Content, &c); err != nil {
		return Output{}, false
	}
	o := Output{Type: m.Type(), Name: c.Name, Text: c.Text, Data: c.Data, Metadata: c.Metadata,
		DisplayID: c.Transient.DisplayID, ExecutionCount: c.ExecutionCount}
	if m.Type() == "error" {
		var raw map[string]any
		_ = json.Unmarshal(m.Content, &raw)
		o.Error = cellErrorOf(raw)
	}
	return o, true
}

func cellErrorOf(content map[string]any) *CellError {
	e := &CellError{}
	e.Name, _ = content["ename"].(string)
	e.Value, _ = content["evalue"].(string)
	tb, _ := content["traceback"].([]any)
	for _, line := range tb {
		s, _ := line.(string)
		e.Traceback = append(e.Traceback, s)
	}
	return e
}
