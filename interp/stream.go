package interp

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"
	"unicode/utf8"
)

const (
	// flushDelay is how long written output may wait before it is sent, so
	// that many small writes go out as one stream message.
	flushDelay = 30 * time.Millisecond
	// flushSize is the pending size that is sent at once. The writer blocks
	// while it is sent, which throttles a cell that prints faster than the
	// notebook can take.
	flushSize = 64 << 10
	// syncTimeout bounds the wait for a sync marker to come out of a pipe.
	syncTimeout = 2 * time.Second
)

// syncMarker is written into the output pipes to learn that everything
// written before it has been read. It is one short write, so the kernel
// keeps it in one piece in the pipe.
var syncMarker = []byte("\x00\x1b[fastgo-sync]\x00")

// outputPipe is one of the cell's output streams, "stdout" or "stderr": a
// pipe whose read end a goroutine drains into the router. In the worker,
// stderr has no read end because the supervisor reads it; in the
// supervisor, stderr has no write end.
type outputPipe struct {
	name string
	r    *os.File
	w    *os.File // the write end: the pipe itself, or fd 1 or 2 after dup2
	acks chan struct{}
	done chan struct{} // closed when the read end reached its end
}

// router sends the output of the running cell to its [kernel.CellOutput],
// in order, batched, and capped per cell.
type router struct {
	log   *slog.Logger
	limit int

	// tap, when set, also receives every byte read, before the cap.
	tap func(name string, data []byte)
	// holdFrom, when set, marks the line from which the output of a cell
	// is held back instead of sent: the supervisor uses it for the Go
	// runtime's crash report, which goes to the cell's error instead.
	holdFrom func(line string) bool

	mu      sync.Mutex
	sink    func(name, text string)
	pending []streamText
	size    int
	timer   *time.Timer
	used    int   // bytes accepted in this cell
	dropped int64 // bytes dropped in this cell because of the cap
	carry   map[string][]byte
	held    []streamText // output held back by holdFrom
	holding bool
	midLine bool // the last byte written did not end a line

	flushMu sync.Mutex
	pipes   []*outputPipe
}

type streamText struct {
	name string
	data []byte
}

func newRouter(log *slog.Logger, limit int) *router {
	return &router{log: log, limit: limit, carry: map[string][]byte{}}
}

// start adds a pipe whose read end is drained into the router.
func (r *router) start(p *outputPipe) {
	p.acks = make(chan struct{}, 16)
	p.done = make(chan struct{})
	r.pipes = append(r.pipes, p)
	if p.r == nil {
		close(p.done)
		return
	}
	go r.drain(p)
}

// begin directs output to sink until [router.end].
func (r *router) begin(sink func(name, text string)) {
	for _, p := range r.pipes {
		for len(p.acks) > 0 {
			<-p.acks // markers from a cell whose wait timed out
		}
	}
	r.mu.Lock()
	r.sink = sink
	r.used, r.dropped = 0, 0
	r.held, r.holding = nil, false
	r.mu.Unlock()
}

// end flushes the cell's output, reports what the cap dropped and
// detaches the sink. Output written later by the cell's goroutines is
// dropped until the next cell begins.
func (r *router) end() {
	r.sync()
	for _, p := range r.pipes {
		if p.r == nil {
			r.writeMarker(p) // the supervisor waits for it
		}
	}
	r.detach()
}

// detach reports what the cap dropped and detaches the sink, without
// waiting for output still in the pipes.
func (r *router) detach() {
	r.flush(true)
	r.mu.Lock()
	sink, dropped := r.sink, r.dropped
	r.sink = nil
	r.mu.Unlock()
	if dropped > 0 && sink != nil {
		sink("stderr", fmt.Sprintf("\n[fastgo: output cut after %s: %s more were dropped]\n",
			byteSize(int64(r.limit)), byteSize(dropped)))
	}
}

// sync waits until everything written to the pipes so far has reached
// the sink.
func (r *router) sync() {
	for _, p := range r.pipes {
		if p.w != nil && p.r != nil && r.writeMarker(p) {
			r.awaitMarker(p)
		}
	}
	r.flush(true)
}

func (r *router) writeMarker(p *outputPipe) bool {
	if _, err := p.w.Write(syncMarker); err != nil {
		r.log.Warn("writing the output sync marker failed", "stream", p.name, "err", err)
		return false
	}
	return true
}

// awaitMarker waits until the drain of p has read a sync marker, which
// another process may have written.
func (r *router) awaitMarker(p *outputPipe) {
	select {
	case <-p.acks:
	case <-p.done:
	case <-time.After(syncTimeout):
		r.log.Warn("output sync timed out", "stream", p.name, "timeout", syncTimeout)
	}
}

// drain reads p until it is closed and passes the data to the router,
// acknowledging each sync marker.
func (r *router) drain(p *outputPipe) {
	defer close(p.done)
	buf := make([]byte, 32<<10)
	var held []byte
	for {
		n, err := p.r.Read(buf)
		if n > 0 && r.tap != nil {
			r.tap(p.name, buf[:n])
		}
		if n > 0 {
			data := append(held, buf[:n]...)
			held = nil
			for {
				i := bytes.Index(data, syncMarker)
				if i < 0 {
					break
				}
				r.write(p.name, data[:i])
				r.flush(true)
				select {
				case p.acks <- struct{}{}:
				default:
					r.log.Warn("dropped an output sync acknowledgment because no caller waits for it", "stream", p.name)
				}
				data = data[i+len(syncMarker):]
			}
			keep := markerPrefixLen(data)
			r.write(p.name, data[:len(data)-keep])
			held = append([]byte(nil), data[len(data)-keep:]...)
		}
		if err != nil {
			if err != io.EOF {
				r.log.Debug("reading cell output stopped", "stream", p.name, "err", err)
			}
			return
		}
	}
}

// markerPrefixLen returns the length of the longest suffix of data that
// begins the sync marker, which must wait for the next read.
func markerPrefixLen(data []byte) int {
	for k := min(len(syncMarker)-1, len(data)); k > 0; k-- {
		if bytes.HasPrefix(syncMarker, data[len(data)-k:]) {
			return k
		}
	}
	return 0
}

// write queues data for the sink, within the per-cell cap.
func (r *router) write(name string, data []byte) {
	if len(data) == 0 {
		return
	}
	r.mu.Lock()
	if r.sink == nil {
		r.mu.Unlock()
		return
	}
	data = r.hold(name, data)
	room := r.limit - r.used
	if len(data) > room {
		r.dropped += int64(len(data) - max(room, 0))
		data = data[:max(room, 0)]
	}
	r.used += len(data)
	if len(data) > 0 {
		r.queue(name, data)
	}
	big := r.size >= flushSize
	if !big && r.size > 0 && r.timer == nil {
		r.timer = time.AfterFunc(flushDelay, func() { r.flush(false) })
	}
	r.mu.Unlock()
	if big {
		r.flush(false)
	}
}

// hold returns the part of data to send. Once a line for holdFrom starts,
// that line and all later data are kept back. The caller holds r.mu.
func (r *router) hold(name string, data []byte) []byte {
	if r.holdFrom == nil {
		return data
	}
	if !r.holding {
		cut := -1
		start := 0
		if r.midLine {
			start = bytes.IndexByte(data, '\n') + 1
			if start == 0 {
				start = len(data)
			}
		}
		for start < len(data) {
			if r.holdFrom(string(data[start:min(start+holdPrefix, len(data))])) {
				cut = start
				break
			}
			next := bytes.IndexByte(data[start:], '\n')
			if next < 0 {
				break
			}
			start += next + 1
		}
		r.midLine = data[len(data)-1] != '\n'
		if cut < 0 {
			return data
		}
		r.holding = true
		r.held = append(r.held, streamText{name: name, data: append([]byte(nil), data[cut:]...)})
		return data[:cut]
	}
	if size := heldSize(r.held); size < stderrKeep {
		keep := data[:min(len(data), stderrKeep-size)]
		r.held = append(r.held, streamText{name: name, data: append([]byte(nil), keep...)})
	}
	return nil
}

// holdPrefix is the number of bytes of a line passed to holdFrom.
const holdPrefix = 32

func heldSize(held []streamText) int {
	n := 0
	for _, st := range held {
		n += len(st.data)
	}
	return n
}

// release sends the held output, which was no crash report after all.
func (r *router) release() {
	r.mu.Lock()
	held := r.held
	r.held, r.holding = nil, false
	for _, st := range held {
		r.queue(st.name, st.data)
	}
	r.mu.Unlock()
	r.flush(true)
}

// queue appends data to the pending output; r.mu is held.
func (r *router) queue(name string, data []byte) {
	if n := len(r.pending); n > 0 && r.pending[n-1].name == name {
		r.pending[n-1].data = append(r.pending[n-1].data, data...)
	} else {
		r.pending = append(r.pending, streamText{name: name, data: append([]byte(nil), data...)})
	}
	r.size += len(data)
}

// flush sends the pending output. Unless all is true, an incomplete UTF-8
// sequence at the end of a stream waits for the rest of its bytes.
func (r *router) flush(all bool) {
	r.flushMu.Lock()
	defer r.flushMu.Unlock()

	r.mu.Lock()
	pending, sink := r.pending, r.sink
	r.pending, r.size = nil, 0
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	r.mu.Unlock()

	for _, st := range pending {
		data := append(r.carry[st.name], st.data...)
		r.carry[st.name] = nil
		if !all {
			cut := completeUTF8(data)
			r.carry[st.name] = append([]byte(nil), data[cut:]...)
			data = data[:cut]
		}
		if len(data) > 0 && sink != nil {
			sink(st.name, string(data))
		}
	}
	if all {
		for name, data := range r.carry {
			if len(data) > 0 && sink != nil {
				sink(name, string(data))
			}
			delete(r.carry, name)
		}
	}
}

// completeUTF8 returns the length of the longest prefix of data that does
// not end inside a UTF-8 sequence.
func completeUTF8(data []byte) int {
	for k := 1; k <= utf8.UTFMax && k <= len(data); k++ {
		c := data[len(data)-k]
		if c < utf8.RuneSelf {
			return len(data)
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(data[len(data)-k:]) {
				return len(data)
			}
			return len(data) - k
		}
	}
	return len(data)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
