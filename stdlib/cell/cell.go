// Package cell connects compiled code to the notebook cell that runs it.
//
// A long computation in a compiled package, such as fitting a forest or
// training a net, calls [Interrupted] between steps and stops with
// [ErrInterrupted] once the user interrupts the cell. The kernel's worker
// calls [Begin] before each cell and the returned stop function when the
// cell is interrupted or ends.
//
//	for i := range trees {
//		if cell.Interrupted() {
//			return cell.ErrInterrupted
//		}
//		...
//	}
package cell

import (
	"context"
	"errors"
	"sync"
)

// ErrInterrupted is returned by compiled code that stopped early because
// the user interrupted the cell.
var ErrInterrupted = errors.New("interrupted by the user")

var (
	mu      sync.Mutex
	current = context.Background()
)

// Begin starts a new cell and returns its context and the function that
// cancels it. Canceling marks the cell as interrupted.
func Begin() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	mu.Lock()
	current = ctx
	mu.Unlock()
	return ctx, cancel
}

// Context returns the context of the running cell. It is never canceled
// outside a notebook.
func Context() context.Context {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// Interrupted reports whether the running cell has been interrupted.
func Interrupted() bool {
	return Context().Err() != nil
}
