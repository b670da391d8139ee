package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-zeromq/zmq4"
)

// Reply is the outcome of one request: the reply message and the iopub
// messages the kernel sent with the request as parent, in order, between
// status busy and idle (both excluded).
type Reply struct {
	Msg     *Message
	Content map[string]any
	IOPub   []*Message
}

// pendingRequest collects the reply and iopub messages of one request.
type pendingRequest struct {
	reply  chan *Message
	iopub  chan *Message
	events chan struct{}
}

// iopubBuffer bounds the iopub messages queued for one request before the
// reader waits for the caller to take them.
const iopubBuffer = 4096

// Request sends a request of msgType on channel ("shell" or "control") and
// waits for its reply and its status idle on iopub.
func (c *Client) Request(ctx context.Context, channel, msgType string, content any) (*Reply, error) {
	return c.request(ctx, channel, msgType, content, nil)
}

// request is Request with onIOPub called for each iopub message as it
// arrives.
func (c *Client) request(ctx context.Context, channel, msgType string, content any, onIOPub func(*Message)) (*Reply, error) {
	m := newMessage(msgType, c.session, nil, content)
	m.Header.Username = "fastgo-client"
	p := &pendingRequest{reply: make(chan *Message, 1), iopub: make(chan *Message, iopubBuffer)}
	c.mu.Lock()
	c.pending[m.Header.MsgID] = p
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.pending, m.Header.MsgID)
		c.mu.Unlock()
	}()

	if err := c.sendOn(channel, m); err != nil {
		return nil, err
	}
	r := &Reply{}
	idle := false
	for r.Msg == nil || !idle {
		select {
		case rep := <-p.reply:
			r.Msg = rep
			if err := json.Unmarshal(rep.Content, &r.Content); err != nil {
				return r, fmt.Errorf("kernel: invalid %s content: %w", rep.Type(), err)
			}
		case msg := <-p.iopub:
			if isStatus(msg, "idle") {
				idle = true
			} else if !isStatus(msg, "busy") {
				r.IOPub = append(r.IOPub, msg)
				if onIOPub != nil {
					onIOPub(msg)
				}
			}
		case <-c.exited:
			return r, fmt.Errorf("%w while waiting for the %s reply (%v)", ErrKernelDied, msgType, c.exitErr)
		case <-ctx.Done():
			return r, fmt.Errorf("kernel: waiting for the %s reply: %w", msgType, ctx.Err())
		}
	}
	return r, nil
}

func isStatus(m *Message, state string) bool {
	if m.Type() != "status" {
		return false
	}
	var s struct {
		State string `json:"execution_state"`
	}
	_ = json.Unmarshal(m.Content, &s)
	return s.State == state
}

func (c *Client) sendOn(channel string, m *Message) error {
	frames := c.signer.encode(m)
	var err error
	switch channel {
	case "shell":
		c.shellMu.Lock()
		err = c.shell.SendMulti(zmq4.NewMsgFrom(frames...))
		c.shellMu.Unlock()
	case "control":
		c.controlMu.Lock()
		err = c.control.SendMulti(zmq4.NewMsgFrom(frames...))
		c.controlMu.Unlock()
	default:
		return fmt.Errorf("kernel: unknown channel %q: use shell or control", channel)
	}
	if err != nil {
		return fmt.Errorf("kernel: send %s on %s: %w", m.Type(), channel, err)
	}
	return nil
}

// readReplies routes replies on a DEALER socket to their requests.
func (c *Client) readReplies(s zmq4.Socket, name string) {
	for {
		msg, err := s.Recv()
		if err != nil {
			return
		}
		m, err := c.signer.decode(msg.Frames)
		if err != nil {
			c.log.Warn("dropped a reply", "channel", name, "err", err)
			continue
		}
		if p := c.lookup(m); p != nil {
			p.reply <- m
		}
	}
}

// readIOPub routes iopub messages to the request that is their parent.
func (c *Client) readIOPub() {
	for {
		msg, err := c.iopub.Recv()
		if err != nil {
			return
		}
		m, err := c.signer.decode(msg.Frames)
		if err != nil {
			c.log.Warn("dropped an iopub message", "err", err)
			continue
		}
		if p := c.lookup(m); p != nil {
			select {
			case p.iopub <- m:
			case <-c.ctx.Done():
				return
			}
		}
	}
}

func (c *Client) lookup(m *Message) *pendingRequest {
	parent := m.Parent().MsgID
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending[parent]
}

// serveStdin replies to input_request messages with ClientOptions.Input.
func (c *Client) serveStdin() {
	for {
		msg, err := c.stdin.Recv()
		if err != nil {
			return
		}
		m, err := c.signer.decode(msg.Frames)
		if err != nil || m.Type() != "input_request" {
			c.log.Warn("dropped a stdin message", "err", err)
			continue
		}
		var req struct {
			Prompt   string `json:"prompt"`
			Password bool   `json:"password"`
		}
		_ = json.Unmarshal(m.Content, &req)
		value := ""
		if c.opts.Input != nil {
			if v, err := c.opts.Input(req.Prompt, req.Password); err == nil {
				value = v
			}
		}
		rep := newMessage("input_reply", c.session, m, map[string]any{"value": value})
		if err := c.stdin.SendMulti(zmq4.NewMsgFrom(c.signer.encode(rep)...)); err != nil {
			c.log.Warn("sending input_reply failed", "err", err)
		}
	}
}

// KernelInfo returns the content of a kernel_info_reply.
func (c *Client) KernelInfo(ctx context.Context) (map[string]any, error) {
	r, err := c.Request(ctx, "shell", "kernel_info_request", map[string]any{})
	if err != nil {
		return nil, err
	}
	return r.Content, nil
}

// Complete returns the content of a complete_reply for code at cursor
// (in code points).
func (c *Client) Complete(ctx context.Context, code string, cursor int) (map[string]any, error) {
	r, err := c.Request(ctx, "shell", "complete_request", map[string]any{"code": code, "cursor_pos": cursor})
	if err != nil {
		return nil, err
	}
	return r.Content, nil
}

// Interrupt sends an interrupt_request on control and waits for the reply.
func (c *Client) Interrupt(ctx context.Context) error {
	_, err := c.Request(ctx, "control", "interrupt_request", map[string]any{})
	return err
}

// Shutdown sends a shutdown_request on control and waits for the reply.
// The kernel process exits soon after; see [Client.Exited].
func (c *Client) Shutdown(ctx context.Context, restart bool) error {
	_, err := c.Request(ctx, "control", "shutdown_request", map[string]any{"restart": restart})
	return err
}

// Heartbeat sends one ping on the heartbeat socket and waits for the echo.
func (c *Client) Heartbeat(ctx context.Context) error {
	c.hbMu.Lock()
	defer c.hbMu.Unlock()
	ping := []byte(fmt.Sprintf("ping %d", time.Now().UnixNano()))
	if err := c.hb.Send(zmq4.NewMsg(ping)); err != nil {
		return fmt.Errorf("kernel: heartbeat send: %w", err)
	}
	got := make(chan error, 1)
	go func() {
		msg, err := c.hb.Recv()
		if err == nil && string(msg.Bytes()) != string(ping) {
			err = fmt.Errorf("kernel: heartbeat echoed %q, sent %q", msg.Bytes(), ping)
		}
		got <- err
	}()
	select {
	case err := <-got:
		return err
	case <-c.exited:
		return fmt.Errorf("%w (%v)", ErrKernelDied, c.exitErr)
	case <-ctx.Done():
		return fmt.Errorf("kernel: heartbeat: %w", ctx.Err())
	}
}
