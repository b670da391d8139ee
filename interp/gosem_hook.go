package interp

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

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
	in.prepareSession()
	if res, ok := in.namesMagic(code, out); ok {
		return res
	}
	cell := in.sem.Rewrite(code)
	if cell.Err != "" {
		lines := strings.Split(cell.Err, "\n")
		return kernel.CellResult{Error: &kernel.CellError{Name: "CompileError", Value: lines[0], Traceback: lines}}
	}
	for _, note := range cell.Notes {
		out.Stream("stderr", note+"\n")
	}
	in.sem.ResetReached()
	res := in.run(ctx, cell.Code)
	in.dropHiddenNames()
	if res.Error != nil {
		cleanError(res.Error)
	}
	if res.Error != nil && res.Error.Name == "Panic" {
		placeTopFrame(res.Error, cell, in.sem.Reached())
	}
	// An interrupted or panicking cell keeps in yaegi the variables it
	// defined before it stopped, so the session must know them too.
	if res.Error == nil || res.Error.Name != "CompileError" {
		cell.Commit()
	}
	return res
}

// prepareSession gives a new gosem session the interpreter's input reader,
// as fastgocell.Stdin, the function that marks finished statements, as
// fastgocell.MarkReached, and the imports its rewrites use.
func (in *Interpreter) prepareSession() {
	if in.sem.StdinReader != "" {
		return
	}
	symbols := interp.Exports{showPath + "/" + showPackage: {
		"Stdin":       reflect.ValueOf(io.Reader(in.stdin)),
		"MarkReached": reflect.ValueOf(in.sem.MarkReached),
	}}
	if err := in.yi.Use(symbols); err == nil {
		in.sem.StdinReader = showPackage + ".Stdin"
		in.sem.StatementMark = showPackage + ".MarkReached"
	}
	if _, err := in.yi.Eval(in.sem.Prelude()); err == nil {
		in.sem.PreludeDone()
	}
}

// cleanError names rewritten types and functions as the user wrote them.
func cleanError(e *kernel.CellError) {
	e.Value = gosem.Clean(e.Value)
	for i, line := range e.Traceback {
		e.Traceback[i] = gosem.Clean(line)
	}
}

// completeMembers completes the fields and methods of a cell value before
// a dot, with their types, from gosem's type information. ok is false
// when the text before the dot is not a value, such as a package name.
func (in *Interpreter) completeMembers(code string, cursor int) (res kernel.Completion, ok bool) {
	offset := byteOffset(code, cursor)
	start, members, ok := in.sem.Members(code, offset)
	if !ok {
		return res, false
	}
	res = kernel.Completion{
		CursorStart: cursor - utf8.RuneCountInString(code[start:offset]),
		CursorEnd:   cursor,
		Types:       map[string]string{},
	}
	for _, m := range members {
		res.Matches = append(res.Matches, m.Name)
		res.Types[m.Name] = m.Type
	}
	return res, true
}

// inspectValueMember documents the field or method of a cell value at
// cursor: its type or signature, and a method's doc comment.
func (in *Interpreter) inspectValueMember(code string, cursor int) (kernel.Inspection, bool) {
	offset := byteOffset(code, cursor)
	start, end := identStart(code, offset), identEnd(code, offset)
	_, members, ok := in.sem.Members(code, end)
	if !ok {
		return kernel.Inspection{}, false
	}
	for _, m := range members {
		if m.Name == code[start:end] {
			return inspection(m.Name+" "+m.Type, m.Doc), true
		}
	}
	return kernel.Inspection{}, false
}

// dropHiddenNames removes gosem's hidden names, such as the versioned
// functions behind each cell function, from completion and inspection.
func (in *Interpreter) dropHiddenNames() {
	for name := range in.defs.names {
		if strings.ContainsRune(name, 'ʹ') {
			delete(in.defs.names, name)
		}
	}
}

// namesMagic runs "%who", which lists the names cells defined with their
// types, and "%help NAME", which prints what inspecting NAME shows. ok is
// false for any other cell.
func (in *Interpreter) namesMagic(code string, out kernel.CellOutput) (kernel.CellResult, bool) {
	line := strings.TrimSpace(code)
	switch {
	case line == "%who":
		var b strings.Builder
		for _, n := range in.sem.Names() {
			fmt.Fprintf(&b, "%-12s %-5s %s\n", n.Name, n.Kind, n.Decl)
		}
		if b.Len() == 0 {
			b.WriteString("No names are defined yet.\n")
		}
		out.Stream("stdout", b.String())
		return kernel.CellResult{}, true
	case strings.HasPrefix(line, "%help "):
		name := strings.TrimSpace(strings.TrimPrefix(line, "%help "))
		ins := in.Inspect(name, utf8.RuneCountInString(name), 1)
		if !ins.Found {
			msg := fmt.Sprintf("no documentation found for %s; check the name, or import its package first", name)
			return kernel.CellResult{Error: &kernel.CellError{Name: "HelpError", Value: msg, Traceback: []string{msg}}}, true
		}
		out.Stream("stdout", fmt.Sprint(ins.Data["text/plain"])+"\n")
		return kernel.CellResult{}, true
	}
	return kernel.CellResult{}, false
}

// placeTopFrame replaces the position of the traceback's frame of the
// cell's top-level statements ("panic: main(...)") with the position of
// the statement that panicked, because yaegi v0.16.1 reports the first
// node it ran in that frame. reached is the item index of the last
// statement that finished.
func placeTopFrame(e *kernel.CellError, cell *gosem.Cell, reached int) {
	frames := 0
	top := -1
	for i, line := range e.Traceback {
		if panicLineRE.MatchString(line) {
			frames++
			top = i
		}
	}
	if top < 0 || !strings.HasSuffix(e.Traceback[top], "panic: main(...)") {
		return
	}
	line, col, ok := cell.PanicPosition(reached, e.Value, frames)
	if !ok {
		return
	}
	e.Traceback[top] = fmt.Sprintf("%d:%d: panic: main(...)", line, col)
}
