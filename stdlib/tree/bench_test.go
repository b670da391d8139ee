package tree

import (
	"testing"

	"fastgo/bench/tabular/bulldozers"
)

func BenchmarkFitFullTree(b *testing.B) {
	dir, err := bulldozers.Dir()
	if err != nil {
		b.Skip(err)
	}
	s, err := bulldozers.Load(dir)
	if err != nil {
		b.Skip(err)
	}
	d, err := NewData(s.TrainX)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, err := FitRegression(d, s.TrainY, nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
