// Package interp runs notebook cells on the yaegi Go interpreter
// (github.com/traefik/yaegi v0.16.1), either in-process ([Interpreter]) or
// in a supervised worker process ([Supervisor]). Both implement
// [kernel.Evaluator].
//
// # Cells
//
// A cell may mix imports, declarations and statements in any order. yaegi
// chooses between "declarations" and "statements" from the first token of
// its input, so each cell is split at its top-level semicolons and line
// ends, consecutive items of one kind are merged, and the chunks are
// evaluated in order. Imports already evaluated are skipped, because yaegi
// rejects a repeated import. Variables, functions and types persist
// across cells. Before that, package gosem rewrites each cell so that
// yaegi runs it with Go 1.26 semantics.
//
// The trailing expression statement of a cell is its result. It is passed
// to a compiled helper that receives every value of a multi-value call,
// and rendered with [display.Render], so that values with HTML, SVG or PNG
// methods and plots show richly. A call without results shows nothing.
//
// # Errors
//
// A cell that does not compile, panics or is interrupted returns one
// [kernel.CellError] whose positions are "line:col" in the cell. yaegi
// writes the call positions of a panic to its Stderr: they go to the
// traceback, not to the cell's stderr.
//
// # Output
//
// Output of fmt.Print, println, os.Stdout and os.Stderr streams to the
// notebook while the cell runs, in order per stream, batched every 30 ms
// and capped per cell ([Options.OutputLimit]). In the worker, file
// descriptors 1 and 2 are redirected too, so that output of compiled
// packages is captured. The in-process interpreter does not capture
// writes of compiled code to os.Stdout, nor os.Stderr writes of cells.
//
// # Worker process
//
// A stack overflow, a panic in a goroutine or os.Exit ends the Go process.
// The [Supervisor] therefore runs cells in a child process, "fastgo
// worker" ([RunWorker]), started with request and reply pipes on file
// descriptors 3 and 4 that carry length-prefixed JSON. The supervisor
// reads the worker's stderr itself, so that it gets the runtime's report
// when the worker dies, and puts its first lines and the exit status in
// the cell's error. The next cell starts a fresh worker. A cell that does
// not stop within a few seconds of an interrupt also costs a restart. On
// Linux, the worker gets SIGKILL when the supervisor's process ends.
//
// # Magic commands
//
//	%help    lists the magic commands and how to read documentation
//	%help X  prints the signature and doc comment of X
//	%who     lists the names cells defined, with their types
//	%reset   starts a fresh interpreter
//	%time    runs the rest of the cell and prints its wall time
//
// # Example
//
//	in, err := interp.New(interp.Options{})
//	if err != nil {
//		return err
//	}
//	res := in.Execute("x := 21\nx * 2", out) // res.Value shows 42
package interp
