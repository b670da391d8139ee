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
