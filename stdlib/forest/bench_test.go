package forest

import (
	"testing"

	"fastgo/stdlib/tree"
)

func BenchmarkFitBulldozers(b *testing.B) {
	s := bulldozerSet(b)
	d, err := tree.NewData(s.TrainX)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		rf := &Regressor{Options: Options{NTrees: 40, MaxSamples: 0.5, MaxFeatures: 0.5,
			MinSamplesLeaf: 5, OOB: true, Seed: uint64(i), Quiet: true}}
		if err := rf.FitData(d, s.TrainY); err != nil {
			b.Fatal(err)
		}
	}
}
