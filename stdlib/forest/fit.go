package forest

import (
	"errors"
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
	r := &fitRun{o: o, rows: rows, fit: fit, trees: make([]*tree.Tree, n),
		weights: make([][]float64, n), errs: make([]error, n)}
	if !o.Quiet {
		r.bar = display.NewProgress("fitting trees", n)
		defer r.bar.Finish()
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range o.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.work(jobs)
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
	if err == nil {
		err = errors.Join(r.errs...)
	}
	if err != nil {
		return nil, nil, err
	}
	return r.trees, r.weights, nil
}

// fitRun is the shared state of the workers of one fitAll call; each
// tree index is written by one worker only.
type fitRun struct {
	o       Options
	rows    int
	fit     fitTree
	bar     *display.Progress
	trees   []*tree.Tree
	weights [][]float64
	errs    []error
}

// work fits the trees whose indices arrive on jobs.
func (r *fitRun) work(jobs <-chan int) {
	for i := range jobs {
		w := r.o.bootstrap(i, r.rows)
		r.trees[i], r.errs[i] = r.fit(i, w)
		if r.o.OOB {
			r.weights[i] = w
		}
		if r.bar != nil {
			r.bar.Add(1)
		}
	}
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
