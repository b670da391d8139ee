// Package cell connects compiled code to the notebook cell that runs it.
// Cells import it as "fastgo/cell".
//
// # Interrupting long loops
//
// A long computation in a compiled package, such as fitting a forest or
// training a net, calls [Interrupted] between steps and stops with
// [ErrInterrupted] once the user interrupts the cell:
//
//	for i := range trees {
//		if cell.Interrupted() {
//			return cell.ErrInterrupted
//		}
//		...
//	}
//
// # Lifecycle
//
// The kernel's worker calls [Begin] before each cell and the returned stop
// function when the cell is interrupted or ends. Outside a notebook no cell
// has begun, so [Context] returns context.Background and [Interrupted]
// returns false.
package cell
