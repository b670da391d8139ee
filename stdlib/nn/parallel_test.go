package nn

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestParallelDoRunsEveryShare checks that every share runs once, also
// when a share starts a region of its own and when goroutines start
// regions at the same time, which both take the fallback path.
func TestParallelDoRunsEveryShare(t *testing.T) {
	const shares, callers = 3, 4
	var runs [callers][shares][shares]atomic.Int32
	var wg sync.WaitGroup
	for c := 0; c < callers; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parallelDo(shares, func(outer int) {
				parallelDo(shares, func(inner int) { runs[c][outer][inner].Add(1) })
			})
		}()
	}
	wg.Wait()
	for c := range runs {
		for outer := range runs[c] {
			for inner := range runs[c][outer] {
				if got := runs[c][outer][inner].Load(); got != 1 {
					t.Errorf("caller %d, share %d.%d ran %d times, want 1", c, outer, inner, got)
				}
			}
		}
	}
}
