package kernel

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// MaxMessageSize is the largest message, summed over its frames, that the
// kernel reads from a client: far more than the code of any cell or an
// input_reply. A connection that announces a larger frame or message is
// closed before the kernel allocates it.
const MaxMessageSize = 64 << 20

// ErrMessageTooLarge is the error logged when a client announces a message
// over [MaxMessageSize] bytes.
var ErrMessageTooLarge = errors.New("kernel: message too large")

// zmq4 v0.17.0 has no maximum message size: it allocates whatever length a
// frame header announces, and a length near 2^63 panics the process. The
// kernel therefore listens through transports that parse the ZMTP frame
// headers as bytes arrive and close a connection that goes over the limit.
const limitedScheme = "fastgo+"

func init() {
	for scheme, network := range map[string]string{"tcp": "tcp", "ipc": "unix"} {
		if err := zmq4.RegisterTransport(limitedScheme+scheme, limitedTransport{transport.New(network)}); err != nil {
			panic(err)
		}
	}
}

// limitedEndpoint returns endpoint with the size-limited transport of its
// scheme, such as "fastgo+tcp://127.0.0.1:5555".
func limitedEndpoint(endpoint string) string {
	return limitedScheme + endpoint
}

// logKey is the context key of the logger that limited listeners use.
type logKey struct{}

type limitedTransport struct{ transport.Transport }

// Listen wraps the listener so that accepted connections enforce
// MaxMessageSize. ctx is the socket's context, which carries the logger.
func (t limitedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.Transport.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	log, _ := ctx.Value(logKey{}).(*slog.Logger)
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return limitedListener{Listener: l, log: log}, nil
}

type limitedListener struct {
	net.Listener
	log *slog.Logger
}

func (l limitedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newLimitedConn(c, l.log), nil
}

// newLimitedConn returns c wrapped to enforce MaxMessageSize on reads and
// to write whole messages.
func newLimitedConn(c net.Conn, log *slog.Logger) *limitedConn {
	return &limitedConn{
		Conn:     c,
		log:      log,
		received: frameTracker{greeting: zmtpGreetingSize},
		sent:     frameTracker{greeting: zmtpGreetingSize},
	}
}

// zmtpGreetingSize is the length of the ZMTP 3 greeting that precedes the
// frames.
const zmtpGreetingSize = 64

// ZMTP 3 frame flags.
const (
	flagMore    = 0x01
	flagLong    = 0x02
	flagCommand = 0x04
)

// limitedConn passes a ZMTP stream through while tracking frame headers,
// and bounds the time of each write. It hands out the bytes of an oversize frame's header only up to its
// last length byte, so the reader never learns the length, and then fails
// every read.
type limitedConn struct {
	net.Conn
	log *slog.Logger

	received frameTracker // frames read from the client
	message  uint64       // bytes of the current received message, over its frames
	err      error        // sticky error after a violation

	// in buffers reads, so that the 1-byte flags, the length and the
	// body of a frame, which zmq4 reads one after another, usually come
	// from one system call.
	in *bufio.Reader
	// sent tracks the ZMTP frames that zmq4 writes, and pending holds
	// the bytes of the current message until its last frame is complete.
	sent    frameTracker
	pending []byte
}

// writeTimeout bounds each write to a client. zmq4's PUB socket writes to
// its subscribers one after another, so without it one subscriber that
// stops reading stops iopub for every client, and queued messages grow
// without bound.
const writeTimeout = 20 * time.Second

// writeNow writes p, closing the connection when the client has read
// nothing for writeTimeout. The error then wraps net.ErrClosed, which
// makes zmq4 drop the connection, whereas it keeps one that only timed
// out.
func (c *limitedConn) writeNow(p []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	n, err := c.Conn.Write(p)
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		c.log.Warn("closed a connection that stopped reading", "remote", c.RemoteAddr().String(),
			"timeout", writeTimeout)
		c.Conn.Close()
		return n, fmt.Errorf("kernel: write to %s timed out after %s: %w", c.RemoteAddr(), writeTimeout, net.ErrClosed)
	}
	return n, err
}

func (c *limitedConn) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.in == nil {
		c.in = bufio.NewReaderSize(c.Conn, readBufferSize)
	}
	n, err := c.in.Read(p)
	if ok := c.scan(p[:n]); ok < n {
		c.log.Warn("closed a connection that sent an oversize message", "remote", c.RemoteAddr().String(),
			"max_bytes", MaxMessageSize, "err", c.err)
		return ok, nil
	}
	return n, err
}

// scan advances the received frames over data and returns how many bytes
// of it may be passed on: all of them, unless a frame header announces a
// frame or message over MaxMessageSize.
func (c *limitedConn) scan(data []byte) int {
	return c.received.advance(data, c.checkFrame)
}

// checkFrame checks a received frame header against MaxMessageSize. It
// returns false, with c.err set, when the frame breaks the limit.
func (c *limitedConn) checkFrame(flags byte, size uint64) bool {
	if !c.received.more {
		c.message = 0 // the frame starts a new message
	}
	if size > MaxMessageSize || c.message+size > MaxMessageSize {
		kind := "frame"
		if flags&flagCommand != 0 {
			kind = "command"
		}
		c.err = fmt.Errorf("%w: a %s of %d bytes after %d bytes of its message, over the %d-byte limit",
			ErrMessageTooLarge, kind, size, c.message, MaxMessageSize)
		return false
	}
	c.message += size
	return true
}

// frameTracker follows the ZMTP 3 frames of a byte stream, after the
// greeting, to find each frame header and where each message ends.
type frameTracker struct {
	greeting int     // greeting bytes still to come
	header   [9]byte // the frame header seen so far
	headerN  int     // bytes in header
	body     uint64  // body bytes of the current frame still to come
	more     bool    // the current frame has the MORE flag
}

// advance moves the tracker over data and returns how many bytes of it
// it consumed. check, when not nil, is called with each complete frame
// header before the frame starts. When check returns false, advance stops
// and leaves out the header's last byte.
func (t *frameTracker) advance(data []byte, check func(flags byte, size uint64) bool) int {
	for i := 0; i < len(data); {
		switch {
		case t.greeting > 0:
			step := min(t.greeting, len(data)-i)
			t.greeting -= step
			i += step
		case t.body > 0:
			step := min(uint64(len(data)-i), t.body)
			t.body -= step
			i += int(step)
		default:
			t.header[t.headerN] = data[i]
			t.headerN++
			i++
			flags, size, done := t.headerFields()
			if !done {
				continue
			}
			t.headerN = 0
			if check != nil && !check(flags, size) {
				return i - 1
			}
			t.body = size
			t.more = flags&flagMore != 0
		}
	}
	return len(data)
}

// headerFields returns the flags and length of the frame header seen so
// far, and whether it is complete: the flags and a 1-byte length, or the
// flags and an 8-byte length.
func (t *frameTracker) headerFields() (flags byte, size uint64, done bool) {
	flags = t.header[0]
	if t.headerN < 2 || flags&flagLong != 0 && t.headerN < 9 {
		return flags, 0, false
	}
	if flags&flagLong == 0 {
		return flags, uint64(t.header[1]), true
	}
	for _, b := range t.header[1:9] {
		size = size<<8 | uint64(b)
	}
	return flags, size, true
}

// atMessageEnd reports whether the stream is at the end of a message: past
// the greeting, with no partial header or body, and the last frame
// without the MORE flag.
func (t *frameTracker) atMessageEnd() bool {
	return t.greeting == 0 && t.headerN == 0 && t.body == 0 && !t.more
}
