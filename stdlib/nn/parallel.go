package nn

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// helperSpin is how long an idle helper goroutine, or a caller waiting for
// one, keeps polling before it blocks. A training step runs its parallel
// regions tens to hundreds of microseconds apart, and waking a blocked
// goroutine costs a futex call and a thread wake-up each time. The polling
// loop yields the thread to the OS scheduler now and then, so other
// processes on a busy machine still run. On a 2-vCPU Xeon, a bn step of
// bench/conv -steps took 3.3 ms with 50 µs of polling and 2.75 ms with
// 1 ms. Next to a process that kept one core busy it took 4.05 ms with
// 1 ms of polling, against 3.95 ms on one thread.
const helperSpin = time.Millisecond

// helpers are the goroutines that join the caller in a parallel region.
// They start on first use and never exit. mu serialises regions, so one
// set of helpers serves every caller.
var helpers struct {
	mu    sync.Mutex
	tasks []chan func()
}

// parallelFor calls body(i) once for every i in [0, n), on up to workers
// goroutines including the caller, and returns when all calls have
// returned. Goroutine s first runs its own share, the s-th of workers
// equal runs of i, so that consecutive regions split the same way touch
// the same images from the same thread and find them in its cache. It
// then claims calls left in the other shares one at a time, so a helper
// thread that the OS does not schedule delays the region by at most the
// one call it holds. When another region holds the helpers, as when body
// itself calls parallelFor or several goroutines train at once, new
// goroutines do the work.
func parallelFor(n, workers int, body func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			body(i)
		}
		return
	}

	r := newRegion(n, workers, body)
	if !helpers.mu.TryLock() {
		for slot := 1; slot < workers; slot++ {
			go r.work(slot)
		}
		if !r.work(0) {
			<-r.finished
		}
		return
	}
	defer helpers.mu.Unlock()

	for len(helpers.tasks) < workers-1 {
		// A buffer of a few tasks lets the caller move on while a
		// descheduled helper still holds the task of an earlier region.
		ch := make(chan func(), 8)
		helpers.tasks = append(helpers.tasks, ch)
		go runHelper(ch)
	}
	for i, tasks := range helpers.tasks[:workers-1] {
		tasks <- func() { r.work(i + 1) }
	}
	if r.work(0) {
		return
	}

	// The helpers run on other threads, so a short busy wait returns
	// sooner than blocking would.
	spinUntil(func() bool { return r.done.Load() == r.n })
	<-r.finished
}

// region is the state of one parallelFor call. Share s holds the calls
// from next[s] up to ends[s].
type region struct {
	n        int64
	done     atomic.Int64
	next     []atomic.Int64
	ends     []int64
	body     func(i int)
	finished chan struct{} // closed by the goroutine that completes the last call
}

func newRegion(n, workers int, body func(i int)) *region {
	r := &region{n: int64(n), body: body, finished: make(chan struct{}),
		next: make([]atomic.Int64, workers), ends: make([]int64, workers)}
	for s := range workers {
		r.next[s].Store(int64(s * n / workers))
		r.ends[s] = int64((s + 1) * n / workers)
	}
	return r
}

// work runs the calls of share slot, then those left in the other shares,
// and reports whether its goroutine completed the last call.
func (r *region) work(slot int) (last bool) {
	for k := range r.ends {
		s := (slot + k) % len(r.ends)
		for {
			i := r.next[s].Add(1) - 1
			if i >= r.ends[s] {
				break
			}
			r.body(int(i))
			if r.done.Add(1) == r.n {
				close(r.finished)
				return true
			}
		}
	}
	return false
}

func runHelper(tasks chan func()) {
	for {
		spinUntil(func() bool { return len(tasks) > 0 })
		(<-tasks)()
	}
}

// spinUntil polls ready for up to helperSpin and returns early once it
// holds. Every 256 polls it yields the thread.
func spinUntil(ready func() bool) {
	start := time.Now()
	for i := 0; !ready(); i++ {
		if i%256 == 255 {
			if time.Since(start) > helperSpin {
				return
			}
			yieldThread()
		}
	}
}

// chunksPerWorker is how many pieces parallelRanges cuts work into per
// goroutine, so that a goroutine that starts late or runs slowly leaves
// its share to the others.
const chunksPerWorker = 4

// chunkCount returns how many ranges parallelRanges should cut a job
// into: chunksPerWorker per GOMAXPROCS thread when work, the job's cost in
// any unit, reaches minWork, and 1 otherwise.
func chunkCount(work, minWork int) int {
	workers := runtime.GOMAXPROCS(0)
	if work < minWork || workers < 2 {
		return 1
	}
	return workers * chunksPerWorker
}

// parallelRanges cuts [0, n) into at most chunks ranges and runs f(chunk,
// lo, hi) on each, spread over GOMAXPROCS goroutines. chunk numbers the
// ranges from 0 in order, below the chunks given.
func parallelRanges(n, chunks int, f func(chunk, lo, hi int)) {
	chunks = min(chunks, n)
	if chunks <= 1 {
		if n > 0 {
			f(0, 0, n)
		}
		return
	}
	parallelFor(chunks, runtime.GOMAXPROCS(0), func(c int) {
		f(c, c*n/chunks, (c+1)*n/chunks)
	})
}

// parallelImages runs f on ranges of n items (images or channels), split
// between GOMAXPROCS goroutines when the batch holds at least 1<<15
// values of work (perImage per item).
func parallelImages(n, perImage int, f func(n0, n1 int)) {
	parallelRanges(n, chunkCount(n*perImage, 1<<15), func(_, lo, hi int) { f(lo, hi) })
}
