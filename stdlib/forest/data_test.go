package forest

import (
	"math"
	"sync"
	"testing"

	"fastgo/bench/tabular/bulldozers"
)

var (
	loadOnce sync.Once
	loaded   *bulldozers.Set
	loadErr  error
)

// bulldozerSet loads the prepared bulldozers subset once per test binary,
// skipping when the shared data is absent.
func bulldozerSet(tb testing.TB) *bulldozers.Set {
	tb.Helper()
	loadOnce.Do(func() {
		dir, err := bulldozers.Dir()
		if err != nil {
			loadErr = err
			return
		}
		loaded, loadErr = bulldozers.Load(dir)
	})
	if loadErr != nil {
		tb.Skip(loadErr)
	}
	return loaded
}

func rmse(p, y []float64) float64 {
	s := 0.0
	for i := range p {
		d := p[i] - y[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(p)))
}
