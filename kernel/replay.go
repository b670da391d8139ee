package kernel

import (
	"errors"
	"sync"
)

// ErrReplayed is the error logged for a message whose msg_id and signature
// the kernel has already received in this session.
var ErrReplayed = errors.New("kernel: message replayed: its msg_id and signature were seen before")

// replayWindow is how many recent messages the replay check remembers.
// NOTE: a copy of a message older than the last replayWindow messages is
// not detected. The bound keeps memory near 15 MB (an estimate) in a long
// session.
const replayWindow = 65536

// replayGuard remembers the msg_id and signature of recent messages on all
// channels, so that a captured message sent again is dropped rather than
// run twice. It is safe for concurrent use.
type replayGuard struct {
	mu    sync.Mutex
	seen  map[string]struct{}
	order []string // ring of keys in arrival order
	next  int
}

// check records the message and returns ErrReplayed when it was seen.
func (g *replayGuard) check(msgID string, signature []byte) error {
	key := msgID + "\x00" + string(signature)
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.seen[key]; ok {
		return ErrReplayed
	}
	if g.seen == nil {
		g.seen = make(map[string]struct{}, 1024)
		g.order = make([]string, replayWindow)
	}
	if old := g.order[g.next]; old != "" {
		delete(g.seen, old)
	}
	g.order[g.next] = key
	g.next = (g.next + 1) % replayWindow
	g.seen[key] = struct{}{}
	return nil
}
