package forest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"

	"fastgo/stdlib/tree"
)

// Options configure a forest. The zero value grows 100 full trees, each
// on a bootstrap sample of n rows, trying every feature at each split
// (for a [Classifier], √p features), on all cores.
type Options struct {
	// NTrees is the number of trees; 0 means 100.
	NTrees int
	// MaxSamples is the bootstrap sample size of each tree: a fraction f
	// of the rows (round(f·n)) when at most 1, or a count when above 1.
	// 0 means n.
	MaxSamples float64
	// MaxFeatures is the number of features tried at each split: a
	// fraction (max(1, ⌊f·p⌋)) when at most 1, or a count. 0 means all
	// features for a Regressor and ⌊√p⌋ for a Classifier, as scikit-learn.
	MaxFeatures float64
	// MinSamplesLeaf, MaxDepth and MaxLeafNodes limit each tree as in
	// [tree.Options].
	MinSamplesLeaf float64
	MaxDepth       int
	MaxLeafNodes   int
	// NoBootstrap fits every tree on all rows (MaxSamples is ignored).
	NoBootstrap bool
	// OOB computes out-of-bag predictions and their score after fitting.
	OOB bool
	// Seed fixes the bootstrap samples and the feature draws. Results do
	// not depend on Workers.
	Seed uint64
	// Workers is the number of trees fit at once; 0 means GOMAXPROCS.
	Workers int
	// Quiet hides the progress bar.
	Quiet bool
}

func (o Options) nTrees() int {
	if o.NTrees == 0 {
		return 100
	}
	return o.NTrees
}

func (o Options) workers() int {
	if o.Workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return o.Workers
}

func (o Options) check() error {
	switch {
	case o.NTrees < 0:
		return fmt.Errorf("forest: NTrees %d is negative: use 0 for the default of 100", o.NTrees)
	case o.MaxSamples < 0 || math.IsNaN(o.MaxSamples):
		return fmt.Errorf("forest: MaxSamples %v is invalid: use a fraction in (0, 1] or a count", o.MaxSamples)
	}
	return nil
}

// sampleSize returns the number of rows drawn per tree out of n.
func (o Options) sampleSize(n int) int {
	switch {
	case o.NoBootstrap || o.MaxSamples == 0:
		return n
	case o.MaxSamples <= 1:
		return max(1, int(math.Round(o.MaxSamples*float64(n))))
	}
	return int(o.MaxSamples)
}

// treeOptions returns the options of tree i, whose seed is derived from
// the forest seed so that it does not depend on scheduling.
func (o Options) treeOptions(i int, maxFeatures float64) tree.Options {
	return tree.Options{MaxDepth: o.MaxDepth, MinSamplesLeaf: o.MinSamplesLeaf,
		MaxLeafNodes: o.MaxLeafNodes, MaxFeatures: maxFeatures, Seed: treeSeed(o.Seed, i)}
}

// treeSeed mixes the forest seed and the tree index (splitmix64).
func treeSeed(seed uint64, i int) uint64 {
	z := seed + uint64(i+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// bootstrap returns the number of times each of n rows is drawn for tree
// i, drawing size rows with replacement, or nil (every row once) without
// bootstrapping.
func (o Options) bootstrap(i, n int) []float64 {
	if o.NoBootstrap {
		return nil
	}
	rng := rand.New(rand.NewPCG(treeSeed(o.Seed, i), 1))
	w := make([]float64, n)
	for k := o.sampleSize(n); k > 0; k-- {
		w[rng.IntN(n)]++
	}
	return w
}

// BootstrapCounts returns how many times each of rows training rows was
// drawn for tree i of a forest fitted with these options: the in-bag
// counts, zero for the tree's out-of-bag rows. It regenerates the draw
// from the seed, so it needs the same Options and row count as Fit.
func (o Options) BootstrapCounts(i, rows int) []float64 {
	w := o.bootstrap(i, rows)
	if w == nil {
		w = make([]float64, rows)
		for k := range w {
			w[k] = 1
		}
	}
	return w
}
