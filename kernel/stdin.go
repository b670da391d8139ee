package kernel

import (
	"errors"
	"sync"
)

// ErrInputInterrupted is returned by [CellOutput.Input] when the kernel is
// interrupted or stopped while waiting for the input_reply.
var ErrInputInterrupted = errors.New("kernel: input interrupted before the front end replied")

// stdinRouter sends input_request messages and hands each input_reply to
// the cell waiting for it. At most one cell waits at a time, because
// cells run one at a time.
type stdinRouter struct {
	k *Kernel

	mu       sync.Mutex
	waitID   string // msg_id of the pending input_request
	replies  chan string
	canceled chan struct{}
}

func newStdinRouter(k *Kernel) *stdinRouter {
	return &stdinRouter{k: k}
}

// request sends an input_request to the client that sent parent and waits
// for its reply.
func (s *stdinRouter) request(parent *Message, prompt string, password bool) (string, error) {
	m := newMessage("input_request", s.k.session, parent, map[string]any{"prompt": prompt, "password": password})
	m.Identities = parent.Identities
	replies := make(chan string, 1)
	canceled := make(chan struct{})
	s.mu.Lock()
	s.waitID, s.replies, s.canceled = m.Header.MsgID, replies, canceled
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.waitID, s.replies, s.canceled = "", nil, nil
		s.mu.Unlock()
	}()

	s.k.send(s.k.socks.stdin, m)
	select {
	case v := <-replies:
		return v, nil
	case <-canceled:
		return "", ErrInputInterrupted
	case <-s.k.stopped:
		return "", ErrInputInterrupted
	}
}

// cancel makes a pending request return ErrInputInterrupted.
func (s *stdinRouter) cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.canceled != nil {
		close(s.canceled)
		s.canceled = nil
	}
}

// serve reads input_reply messages until the kernel stops.
func (s *stdinRouter) serve(in <-chan received) {
	for {
		select {
		case r := <-in:
			if m := s.k.decode(s.k.socks.stdin, r); m != nil {
				s.deliver(m)
			}
		case <-s.k.stopped:
			return
		}
	}
}

func (s *stdinRouter) deliver(m *Message) {
	log := s.k.log
	if m.Type() != "input_reply" {
		log.Warn("ignored a message of unexpected type on stdin", "msg_type", m.Type(), "msg_id", m.Header.MsgID)
		return
	}
	var rep struct {
		Value string `json:"value"`
	}
	if err := m.DecodeContent(&rep); err != nil {
		log.Warn("dropped an invalid input_reply", "msg_id", m.Header.MsgID, "err", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replies == nil {
		log.Warn("dropped an input_reply with no pending input_request", "msg_id", m.Header.MsgID)
		return
	}
	if p := m.Parent(); p.MsgID != "" && p.MsgID != s.waitID {
		log.Warn("dropped an input_reply to another input_request", "msg_id", m.Header.MsgID, "parent_msg_id", p.MsgID)
		return
	}
	s.replies <- rep.Value
	s.replies = nil
}
