package notebook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"fastgo/kernel"
)

// RunOptions configures [Run].
type RunOptions struct {
	// Timeout bounds each cell. Zero means no limit.
	Timeout time.Duration

	// TimeoutHint is the advice on changing Timeout, such as "raise
	// --timeout", appended to the evalue of a timed-out cell's error.
	TimeoutHint string

	// Progress receives one line per code cell. Nil discards them.
	Progress io.Writer

	// Stop, when closed, makes Run return ErrStopped before the next cell
	// instead of running it. The running cell is left to finish, so the
	// caller interrupts it if needed.
	Stop <-chan struct{}
}

// CellError reports the first code cell that failed in [Run].
type CellError struct {
	Index int // cell index in the notebook, from 0
	// Number counts code cells from 1 and Total is their count, as in the
	// progress lines of [Run].
	Number, Total int
	FirstLine     string // first non-blank source line
	// Name and Value are the cell's error output, when it produced one.
	Name, Value string
	// Err is the cause when the cell did not finish: a timeout, an
	// interrupt or the kernel's death.
	Err error
}

func (e *CellError) Error() string {
	where := fmt.Sprintf("notebook: %s %q", cellLabel(e.Number, e.Total, e.Index), e.FirstLine)
	if e.Err != nil {
		return fmt.Sprintf("%s did not finish: %v", where, e.Err)
	}
	return fmt.Sprintf("%s failed: %s: %s", where, e.Name, e.Value)
}

func (e *CellError) Unwrap() error { return e.Err }

// cellLabel returns "cell 16/37 (index 31)": the code cell's number from 1
// among total code cells, then its index among all cells from 0. Progress
// lines and errors use it so both name a cell the same way.
func cellLabel(number, total, index int) string {
	return fmt.Sprintf("cell %d/%d (index %d)", number, total, index)
}

// TimeoutName is the ename of the error output that [Run] adds to a cell
// that ran longer than RunOptions.Timeout, as nbclient adds one.
const TimeoutName = "Timeout"

// ErrTimeout is wrapped by the CellError of a cell that ran longer than
// RunOptions.Timeout.
var ErrTimeout = errors.New("cell timed out")

// ErrStopped is wrapped by the error of [Run] when RunOptions.Stop closed
// before a cell started.
var ErrStopped = errors.New("run stopped")

// Run executes the code cells of nb in order on the kernel behind client,
// replacing their outputs and execution counts. It stops at the first
// failing cell, like nbclient, leaving later cells untouched, and returns
// a *CellError for it. Outputs of the cells that ran stay in nb either way.
func Run(ctx context.Context, nb *Notebook, client *kernel.Client, opts RunOptions) error {
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	r := &runner{nb: nb, client: client, opts: opts, displays: map[string][]outputRef{}}
	total := 0
	for _, c := range nb.Cells {
		if c.CellType == Code {
			total++
		}
	}
	n := 0
	for i := range nb.Cells {
		if nb.Cells[i].CellType != Code {
			continue
		}
		n++
		select {
		case <-opts.Stop:
			return fmt.Errorf("notebook: %s %q not run: %w", cellLabel(n, total, i), nb.Cells[i].FirstLine(), ErrStopped)
		default:
		}
		fmt.Fprintf(progress, "%s: %s\n", cellLabel(n, total, i), nb.Cells[i].FirstLine())
		if err := r.runCell(ctx, i); err != nil {
			var cellErr *CellError
			if errors.As(err, &cellErr) {
				cellErr.Number, cellErr.Total = n, total
			}
			return err
		}
	}
	return nil
}

// outputRef locates an output shown with a display_id.
type outputRef struct{ cell, output int }

type runner struct {
	nb       *Notebook
	client   *kernel.Client
	opts     RunOptions
	displays map[string][]outputRef
}

func (r *runner) runCell(ctx context.Context, i int) error {
	cell := &r.nb.Cells[i]
	cell.Outputs = nil
	cell.ExecutionCount = nil
	cellCtx, cancel := ctx, context.CancelFunc(func() {})
	if r.opts.Timeout > 0 {
		cellCtx, cancel = context.WithTimeout(ctx, r.opts.Timeout)
	}
	defer cancel()

	ex, err := r.client.Execute(cellCtx, cell.Source, kernel.ExecuteOptions{
		OnOutput: func(o kernel.Output) { r.addOutput(i, o) },
	})
	if err != nil {
		if errors.Is(cellCtx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
			r.interrupt(ctx)
			err = fmt.Errorf("%w after %v", ErrTimeout, r.opts.Timeout)
			r.addTimeoutOutput(i)
		}
		return &CellError{Index: i, FirstLine: cell.FirstLine(), Err: err}
	}
	count := ex.ExecutionCount
	cell.ExecutionCount = &count
	if ex.Status != "ok" {
		e := &CellError{Index: i, FirstLine: cell.FirstLine(), Name: ex.Status}
		if ex.Error != nil {
			e.Name, e.Value = ex.Error.Name, ex.Error.Value
		}
		return e
	}
	return nil
}

// addTimeoutOutput ends cell i with an error output saying it timed out,
// so the saved notebook shows why the cell has no result.
func (r *runner) addTimeoutOutput(i int) {
	value := fmt.Sprintf("cell timed out after %v", r.opts.Timeout)
	if r.opts.TimeoutHint != "" {
		value += ": " + r.opts.TimeoutHint
	}
	cell := &r.nb.Cells[i]
	cell.Outputs = append(cell.Outputs, Output{OutputType: Error, EName: TimeoutName, EValue: value,
		Traceback: []string{TimeoutName + ": " + value}})
}

// interrupt stops the cell that timed out, so the kernel is idle for
// shutdown.
func (r *runner) interrupt(ctx context.Context) {
	ictx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	r.client.Interrupt(ictx)
}

// addOutput appends o to cell i, or for update_display_data replaces the
// content of every earlier output with the same display_id, as nbclient
// does.
func (r *runner) addOutput(i int, o kernel.Output) {
	cell := &r.nb.Cells[i]
	if o.Type == "update_display_data" {
		for _, ref := range r.displays[o.DisplayID] {
			out := &r.nb.Cells[ref.cell].Outputs[ref.output]
			out.Data, out.Metadata = o.Data, orEmpty(o.Metadata)
		}
		return
	}
	before := len(cell.Outputs)
	cell.Outputs = appendOutput(cell.Outputs, fromKernel(o))
	if o.DisplayID != "" && len(cell.Outputs) > before {
		r.displays[o.DisplayID] = append(r.displays[o.DisplayID], outputRef{i, len(cell.Outputs) - 1})
	}
}

// fromKernel converts a kernel output to a notebook output.
func fromKernel(o kernel.Output) Output {
	switch o.Type {
	case "stream":
		return Output{OutputType: Stream, Name: o.Name, Text: o.Text}
	case "execute_result":
		n := o.ExecutionCount
		return Output{OutputType: ExecuteResult, Data: o.Data, Metadata: orEmpty(o.Metadata), ExecutionCount: &n}
	case "error":
		return Output{OutputType: Error, EName: o.Error.Name, EValue: o.Error.Value, Traceback: o.Error.Traceback}
	default:
		return Output{OutputType: DisplayData, Data: o.Data, Metadata: orEmpty(o.Metadata)}
	}
}
