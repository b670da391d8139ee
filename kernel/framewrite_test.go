package kernel

import (
	"bytes"
	"log/slog"
	"net"
	"testing"
)

// frame returns the ZMTP 3 encoding of one frame with the given flags.
func frame(flags byte, body []byte) []byte {
	if len(body) > 255 {
		out := []byte{flags | flagLong, 0, 0, 0, 0, 0, 0, 0, 0}
		for i, n := 8, uint64(len(body)); i >= 1; i, n = i-1, n>>8 {
			out[i] = byte(n)
		}
		return append(out, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

func TestFrameTrackerMessageEnds(t *testing.T) {
	tr := frameTracker{greeting: zmtpGreetingSize}
	tr.advance(make([]byte, zmtpGreetingSize-1), nil)
	if tr.atMessageEnd() {
		t.Fatal("atMessageEnd inside the greeting")
	}
	tr.advance([]byte{0}, nil)
	if !tr.atMessageEnd() {
		t.Fatal("atMessageEnd false after the greeting")
	}

	parts := [][]byte{
		frame(flagMore, []byte("identity")),
		frame(flagMore, nil),
		frame(flagMore, bytes.Repeat([]byte{'x'}, 300)),
		frame(0, []byte("{}")),
	}
	for i, p := range parts {
		// Feed the frame a byte at a time: zmq4 writes header and body
		// separately, and the tracker must not depend on the split.
		for j := range p {
			tr.advance(p[j:j+1], nil)
			last := i == len(parts)-1 && j == len(p)-1
			if got := tr.atMessageEnd(); got != last {
				t.Fatalf("frame %d, byte %d: atMessageEnd = %v, want %v", i, j, got, last)
			}
		}
	}
}

// countingConn records each write that reaches the network.
type countingConn struct {
	net.Conn
	writes [][]byte
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes = append(c.writes, append([]byte(nil), p...))
	return len(p), nil
}

func TestLimitedConnWritesWholeMessages(t *testing.T) {
	server, client := net.Pipe()
	defer client.Close()
	counter := &countingConn{Conn: server}
	c := newLimitedConn(counter, slog.New(slog.DiscardHandler))

	greeting := make([]byte, zmtpGreetingSize)
	if _, err := c.Write(greeting[:10]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(greeting[10:]); err != nil {
		t.Fatal(err)
	}
	if len(counter.writes) != 2 {
		t.Fatalf("greeting took %d writes, want 2: the greeting is never held back", len(counter.writes))
	}

	var message []byte
	for _, f := range [][]byte{frame(flagMore, []byte("<IDS|MSG>")), frame(flagMore, []byte("sig")), frame(0, []byte("{}"))} {
		message = append(message, f...)
		// Header and body as zmq4 writes them.
		hdr := 2
		if f[0]&flagLong != 0 {
			hdr = 9
		}
		c.Write(f[:hdr])
		c.Write(f[hdr:])
	}
	if len(counter.writes) != 3 {
		t.Fatalf("a 3-frame message took %d writes, want 1", len(counter.writes)-2)
	}
	if !bytes.Equal(counter.writes[2], message) {
		t.Errorf("written message = %q, want %q", counter.writes[2], message)
	}

	big := frame(0, bytes.Repeat([]byte{'y'}, directWriteSize))
	c.Write(big[:9])
	c.Write(big[9:])
	if len(counter.writes) != 5 {
		t.Fatalf("a large frame took %d writes, want 2 (header, then the body without a copy)", len(counter.writes)-3)
	}
	if !bytes.Equal(bytes.Join(counter.writes[3:], nil), big) {
		t.Error("the large frame reached the network with different bytes")
	}
	if len(c.pending) != 0 {
		t.Errorf("%d bytes still pending after a whole message", len(c.pending))
	}
}
