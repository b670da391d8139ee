package nn

import (
	"runtime"
	"sync"
	"time"
)

// helperSpin is how long an idle helper goroutine keeps polling for the
// next task before it blocks. A training step runs its parallel regions
// tens of microseconds apart, and waking a blocked goroutine costs a
// futex call and a thread wake-up each time.
const helperSpin = 200 * time.Microsecond

// helpers are the goroutines that run the shares of a parallel region
// other than the caller's. They start on first use and never exit. mu
// serialises regions, so one set of helpers serves every caller.
var helpers struct {
	mu    sync.Mutex
	tasks []chan func()
}

// parallelDo runs f(0), …, f(n-1) concurrently and returns when all have
// returned. f(0) runs on the calling goroutine. When another region holds
// the helpers, as when f itself calls parallelDo or several goroutines
// train at once, the shares run on new goroutines instead.
func parallelDo(n int, f func(share int)) {
	if n <= 1 {
		if n == 1 {
			f(0)
		}
		return
	}
	if !helpers.mu.TryLock() {
		var wg sync.WaitGroup
		for i := 1; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f(i)
			}()
		}
		f(0)
		wg.Wait()
		return
	}
	defer helpers.mu.Unlock()
	for len(helpers.tasks) < n-1 {
		ch := make(chan func(), 1)
		helpers.tasks = append(helpers.tasks, ch)
		go runHelper(ch)
	}
	done := make(chan struct{}, n-1)
	for i := 1; i < n; i++ {
		helpers.tasks[i-1] <- func() {
			defer func() { done <- struct{}{} }()
			f(i)
		}
	}
	f(0)
	// The helpers run on other threads, so a short busy wait returns
	// sooner than blocking would.
	spinUntil(func() bool { return len(done) == n-1 })
	for i := 1; i < n; i++ {
		<-done
	}
}

func runHelper(tasks chan func()) {
	for {
		spinUntil(func() bool { return len(tasks) > 0 })
		(<-tasks)()
	}
}

// spinUntil polls ready for up to helperSpin and returns early once it
// holds.
func spinUntil(ready func() bool) {
	start := time.Now()
	for i := 0; !ready(); i++ {
		if i%256 == 255 && time.Since(start) > helperSpin {
			return
		}
	}
}

// parallelImages runs f on ranges of n items (images or channels), split
// between GOMAXPROCS shares when the batch holds at least 1<<15 values of
// work (perImage per item).
func parallelImages(n, perImage int, f func(n0, n1 int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if n*perImage < 1<<15 {
		workers = 1
	}
	parallelDo(workers, func(w int) { f(w*n/workers, (w+1)*n/workers) })
}
