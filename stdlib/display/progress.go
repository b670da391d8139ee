package display

import (
	"fmt"
	"html"
	"sync"
	"time"
)

// progressInterval is the minimum time between two redraws of a bar, so
// that a tight loop calling [Progress.Add] does not flood the notebook.
const progressInterval = 100 * time.Millisecond

// Progress is a progress bar drawn in one output area and redrawn in place.
// It is safe for concurrent use, so parallel workers may share one bar.
type Progress struct {
	mu       sync.Mutex
	label    string
	total    int
	done     int
	start    time.Time
	last     time.Time
	handle   *Handle
	shown    bool
	finished bool
}

// NewProgress shows a bar labelled label that is full after total steps.
func NewProgress(label string, total int) *Progress {
	p := &Progress{label: label, total: total, start: time.Now(), handle: NewHandle()}
	p.mu.Lock()
	p.draw()
	p.mu.Unlock()
	return p
}

// Add advances the bar by n steps. The bar is redrawn at most every
// 100 ms, and always when it becomes full.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if p.done >= p.total || time.Since(p.last) >= progressInterval {
		p.draw()
	}
}

// Finish draws the bar in its final state, with the elapsed time.
func (p *Progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished = true
	p.draw()
}

// Done returns the number of steps taken so far.
func (p *Progress) Done() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.done
}

func (p *Progress) draw() {
	p.last = time.Now()
	d := p.render()
	if !p.shown {
		p.shown = true
		publish(d, p.handle.id, false)
		return
	}
	publish(d, p.handle.id, true)
}

func (p *Progress) render() Data {
	elapsed := time.Since(p.start).Round(100 * time.Millisecond)
	status := fmt.Sprintf("%d/%d [%s]", p.done, p.total, elapsed)
	if p.finished {
		status = fmt.Sprintf("%d/%d done in %s", p.done, p.total, elapsed)
	}
	max := p.total
	if max <= 0 {
		max = 1
	}
	htmlText := fmt.Sprintf(`<div><span>%s</span> <progress value="%d" max="%d" style="width:300px">`+
		`</progress> <span>%s</span></div>`,
		html.EscapeString(p.label), min(p.done, max), max, html.EscapeString(status))
	d := HTML(htmlText)
	d.Data[MIMEText] = p.label + " " + status
	return d
}
