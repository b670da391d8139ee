package forest

import (
	"math"
	"testing"

	"fastgo/bench/tabular/bulldozers"
)

// bulldozerSet returns the prepared bulldozers subset, skipping the test
// when the data is absent.
func bulldozerSet(tb testing.TB) *bulldozers.Set {
	tb.Helper()
	set, err := bulldozers.Cached()
	if err != nil {
		tb.Skip(err)
	}
	return set
}

func rmse(p, y []float64) float64 {
	s := 0.0
	for i := range p {
		d := p[i] - y[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(p)))
}
