// Package gosem rewrites notebook cells so that the yaegi interpreter
// (github.com/traefik/yaegi v0.16.1) runs them with the meaning the Go 1.26
// compiler gives them.
//
// A [Session] keeps the imports, declarations and variable types of the
// cells run so far. [Session.Rewrite] lays a new cell out as a Go file
// next to them, type checks it with go/types, and rewrites what yaegi gets
// wrong:
//
//   - min, max and clear become constants or calls of function literals
//     over the argument types, because yaegi does not define them.
//   - Range loops over integers and functions become three-clause loops
//     and calls of the iterator with the loop body as its yield function,
//     because yaegi panics on both. iter.Seq and iter.Seq2 types are
//     written as the function types they stand for.
//   - Loops whose variables are captured by closures get a copy of them
//     per iteration, as in Go 1.22 and later.
//   - Functions are declared under hidden names and called through a
//     variable of the user's name, so that redefining a function reaches
//     the callers compiled before. Methods of struct types call their
//     body through a hidden variable for the same reason. Variables
//     declared again with an unchanged type are assigned instead.
//   - Functions of earlier cells that use a redefined constant or type
//     are declared again, with a note, when they still type check.
//   - A redefined type gets a new hidden name, and values, functions and
//     methods of its old definition are removed with a note.
//   - Calls of generic cell functions get their inferred type arguments.
//   - An undefined name is reported as go/types words it, where yaegi
//     reports "constant definition loop".
//
// Other yaegi v0.16.1 faults are rewritten around too: arguments of
// deferred calls are bound at the defer statement, a top-level
// "v, ok := m[k]" is split into declarations and an assignment, variables
// of nested blocks that shadow a global get hidden names, and os.Stdin
// passed to an io.Reader parameter becomes [Session.StdinReader].
//
// When [Session.StatementMark] is set, each top-level statement is
// followed by a call of it, so that [Cell.PanicPosition] can give the
// position of a panic in a top-level statement, which yaegi reports wrong.
//
// # Help while typing
//
// [Session.Members] lists the fields and methods of a value with their
// types, and the doc comments of methods of compiled packages.
//
// Hidden names end in the modifier letter prime (U+02B9) and a number, so
// no cell can declare them; [Clean] removes the suffix from messages.
//
// # Failure
//
// Rewrite never makes a cell fail that would run without it: a cell that
// does not parse or type check, or that uses something the rewriter does
// not handle, is returned unchanged, and yaegi reports its own error.
//
// # Example
//
//	s := gosem.NewSession()
//	cell := s.Rewrite("for i := range 3 { fmt.Println(max(i, 1)) }")
//	if cell.Err != "" {
//		return cell.Err // a compile error for the user
//	}
//	// run cell.Code on yaegi, then on success:
//	cell.Commit()
package gosem
