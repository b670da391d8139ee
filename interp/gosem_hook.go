package interp

import (
	"context"
	"io"
	"reflect"
	"strings"

	"github.com/traefik/yaegi/interp"

	"fastgo/interp/gosem"
	"fastgo/kernel"
)

// runRewritten runs a cell after gosem has rewritten it for Go 1.26
// semantics (min, max and clear, range over integers and functions, loop
// variables per iteration, redefinitions and generic inference). Notes of
// the rewrite go to stderr before the cell runs. The cell's declarations
// are recorded in the session unless it failed to compile.
func (in *Interpreter) runRewritten(ctx context.Context, code string, out kernel.CellOutput) kernel.CellResult {
	if in.sem == nil {
		in.sem = gosem.NewSession()
	}
	if in.sem.StdinReader == "" {
		// Cells reach the interpreter's input reader, which sends
		// input_request, as fastgocell.Stdin.
		stdin := interp.Exports{showPath + "/" + showPackage: {"Stdin": reflect.ValueOf(io.Reader(in.stdin))}}
		if err := in.yi.Use(stdin); err == nil {
			in.sem.StdinReader = showPackage + ".Stdin"
		}
	}
	cell := in.sem.Rewrite(code)
	if cell.Err != "" {
		lines := strings.Split(cell.Err, "\n")
		return kernel.CellResult{Error: &kernel.CellError{Name: "CompileError", Value: lines[0], Traceback: lines}}
	}
	for _, note := range cell.Notes {
		out.Stream("stderr", note+"\n")
	}
	res := in.run(ctx, cell.Code)
	if res.Error != nil {
		cleanError(res.Error)
	}
	// An interrupted or panicking cell keeps in yaegi the variables it
	// defined before it stopped, so the session must know them too.
	if res.Error == nil || res.Error.Name != "CompileError" {
		cell.Commit()
	}
	return res
}

// cleanError names rewritten types and functions as the user wrote them.
func cleanError(e *kernel.CellError) {
	e.Value = gosem.Clean(e.Value)
	for i, line := range e.Traceback {
		e.Traceback[i] = gosem.Clean(line)
	}
}
