package nn

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestParallelForRunsEveryCall checks that every index runs once, also
// when a call starts a region of its own and when goroutines start
// regions at the same time, which both take the fallback path.
func TestParallelForRunsEveryCall(t *testing.T) {
	const calls, callers = 5, 4
	var runs [callers][calls][calls]atomic.Int32
	var wg sync.WaitGroup
	for c := 0; c < callers; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parallelFor(calls, 3, func(outer int) {
				parallelFor(calls, 3, func(inner int) { runs[c][outer][inner].Add(1) })
			})
		}()
	}
	wg.Wait()
	for c := range runs {
		for outer := range runs[c] {
			for inner := range runs[c][outer] {
				if got := runs[c][outer][inner].Load(); got != 1 {
					t.Errorf("caller %d, call %d.%d ran %d times, want 1", c, outer, inner, got)
				}
			}
		}
	}
}
