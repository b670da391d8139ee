package kernel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/go-zeromq/zmq4"
)

// channel is one kernel socket with a lock so that goroutines can send on
// it concurrently without interleaving multipart messages.
type channel struct {
	name   string
	socket zmq4.Socket
	mu     sync.Mutex
}

func (c *channel) send(frames [][]byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.socket.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("kernel: send on %s: %w", c.name, err)
	}
	return nil
}

// sockets holds the five kernel sockets of one connection file.
type sockets struct {
	shell, control, stdin, iopub, hb *channel
}

// openSockets creates the sockets and binds each to its endpoint. On
// error, the sockets already opened are closed.
func openSockets(ctx context.Context, info ConnectionInfo, log *slog.Logger) (*sockets, error) {
	zlog := slog.NewLogLogger(log.Handler(), slog.LevelDebug)
	ctx = context.WithValue(ctx, logKey{}, log)
	s := &sockets{
		shell:   &channel{name: "shell", socket: zmq4.NewRouter(ctx, zmq4.WithLogger(zlog))},
		control: &channel{name: "control", socket: zmq4.NewRouter(ctx, zmq4.WithLogger(zlog))},
		stdin:   &channel{name: "stdin", socket: zmq4.NewRouter(ctx, zmq4.WithLogger(zlog))},
		iopub:   &channel{name: "iopub", socket: zmq4.NewPub(ctx, zmq4.WithLogger(zlog))},
		// A ROUTER that echoes frames back behaves as the REP socket the
		// heartbeat protocol names, and serves several clients at once.
		hb: &channel{name: "heartbeat", socket: zmq4.NewRouter(ctx, zmq4.WithLogger(zlog))},
	}
	ports := []int{info.ShellPort, info.ControlPort, info.StdinPort, info.IOPubPort, info.HBPort}
	for i, c := range s.all() {
		ep := info.Endpoint(ports[i])
		if err := c.socket.Listen(limitedEndpoint(ep)); err != nil {
			s.close()
			return nil, fmt.Errorf("kernel: listen on %s for %s: %w", ep, c.name, err)
		}
	}
	return s, nil
}

func (s *sockets) all() []*channel {
	return []*channel{s.shell, s.control, s.stdin, s.iopub, s.hb}
}

func (s *sockets) close() {
	for _, c := range s.all() {
		c.socket.Close()
	}
}

// received is a message read from a socket, or the error that ended the
// read loop.
type received struct {
	frames [][]byte
	err    error
}

// readLoop sends every message read from c to out until the socket fails
// or ctx ends.
func readLoop(ctx context.Context, c *channel, out chan<- received) {
	for {
		msg, err := c.socket.Recv()
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, context.Canceled) {
				select {
				case out <- received{err: fmt.Errorf("kernel: receive on %s: %w", c.name, err)}:
				case <-ctx.Done():
				}
			}
			return
		}
		select {
		case out <- received{frames: msg.Frames}:
		case <-ctx.Done():
			return
		}
	}
}

// serveHeartbeat echoes every heartbeat message until ctx ends.
func serveHeartbeat(ctx context.Context, c *channel, log *slog.Logger) {
	for {
		msg, err := c.socket.Recv()
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("heartbeat receive failed", "err", err)
			}
			return
		}
		if err := c.send(msg.Frames); err != nil && ctx.Err() == nil {
			log.Warn("heartbeat reply failed", "err", err)
		}
	}
}
