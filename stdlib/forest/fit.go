package forest

import (
	"sync"

	"fastgo/stdlib/cell"
	"fastgo/stdlib/display"
	"fastgo/stdlib/tree"
)

// fitTree grows tree i on the data with the given bootstrap weights.
type fitTree func(i int, weights []float64) (*tree.Tree, error)

// fitAll grows n trees on all workers, each tree from its own seed, so
// the result does not depend on the number of workers. It stops with
// cell.ErrInterrupted when the notebook cell is interrupted, and returns
// each tree's bootstrap weights for the out-of-bag estimate.
func fitAll(o Options, rows int, fit fitTree) ([]*tree.Tree, [][]float64, error) {
	n := o.nTrees()
	trees := make([]*tree.Tree, n)
	weights := make([][]float64, n)
	var bar *display.Progress
	if !o.Quiet {
		bar = display.NewProgress("fitting trees", n)
		defer bar.Finish()
	}
	jobs := make(chan int)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for range o.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				w := o.bootstrap(i, rows)
				trees[i], errs[i] = fit(i, w)
				if o.OOB {
					weights[i] = w
				}
				if bar != nil {
					bar.Add(1)
				}
			}
		}()
	}
	var err error
	for i := 0; i < n; i++ {
		if cell.Interrupted() {
			err = cell.ErrInterrupted
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, nil, err
	}
	for _, e := range errs {
		if e != nil {
			return nil, nil, e
		}
	}
	return trees, weights, nil
}

// parallelRows runs f on consecutive chunks of rows [0, n) on all cores.
func parallelRows(n, workers int, f func(lo, hi int)) {
	chunk := max(64, (n+4*workers-1)/(4*workers))
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			f(lo, hi)
			<-sem
		}()
	}
	wg.Wait()
}
