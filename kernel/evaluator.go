package kernel

import (
	"errors"

	"fastgo/stdlib/display"
)

// Evaluator runs cells for the kernel. The kernel calls Execute, Complete,
// Inspect and IsComplete from one goroutine at a time, in request order.
// Interrupt may be called from any goroutine while Execute runs.
type Evaluator interface {
	// Execute runs one cell. Output produced while it runs goes to out as
	// it happens. The result holds the cell's value, its error, or neither.
	Execute(code string, out CellOutput) CellResult

	// Complete returns completions for the code at cursor, a position in
	// Unicode code points.
	Complete(code string, cursor int) Completion

	// Inspect returns documentation for the name at cursor (code points).
	// detailLevel is 0 or 1, as in inspect_request.
	Inspect(code string, cursor, detailLevel int) Inspection

	// IsComplete reports whether code is ready to run: "complete",
	// "incomplete" (with the indent for the next line) or "invalid".
	IsComplete(code string) (status, indent string)

	// Interrupt stops the cell that Execute is running, if any.
	Interrupt()

	// Close stops the evaluator and releases its resources.
	Close() error
}

// CellOutput receives what a running cell produces. The kernel implements
// it for each execute_request.
type CellOutput interface {
	// Stream sends text written to "stdout" or "stderr".
	Stream(name, text string)

	// Display sends a display_data message, or update_display_data when
	// update is true. displayID may be empty for a plain display.
	Display(d display.Data, displayID string, update bool)

	// Input asks the front end for a line of input with input_request. It
	// returns ErrStdinNotAllowed when the request did not allow stdin.
	Input(prompt string, password bool) (string, error)
}

// ErrStdinNotAllowed is returned by [CellOutput.Input] when the
// execute_request had allow_stdin set to false.
var ErrStdinNotAllowed = errors.New("kernel: the front end does not accept input (allow_stdin is false)")

// CellResult is the outcome of one cell.
type CellResult struct {
	// Value is the execute_result bundle, or nil when the cell shows
	// nothing.
	Value *display.Data

	// Error is set when the cell failed to compile, panicked or was
	// interrupted.
	Error *CellError
}

// CellError is the content of an error output.
type CellError struct {
	Name      string   // ename, such as "CompileError" or "Panic"
	Value     string   // evalue, the one-line message
	Traceback []string // lines shown to the user; may contain ANSI colours
}

// Completion is the content of a complete_reply.
type Completion struct {
	Matches     []string
	CursorStart int // code points
	CursorEnd   int // code points
	// Types maps each match to a short type description, sent as
	// _jupyter_types_experimental metadata.
	Types map[string]string
}

// Inspection is the content of an inspect_reply.
type Inspection struct {
	Found bool
	Data  map[string]any // text/plain and text/markdown at least
}
