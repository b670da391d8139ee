package kernel

// zmq4 v0.17.0 writes every frame as two writes, its header and then its
// body, so a Jupyter message of seven frames costs fourteen system calls
// and can reach the client in as many TCP segments. limitedConn.Write
// collects the frames of a message and writes the whole message at once.

// readBufferSize is the size of each connection's read buffer.
const readBufferSize = 64 << 10

// directWriteSize is the size from which a write goes out at once instead
// of being copied into the pending message, because the copy would cost
// more than the extra system call.
const directWriteSize = 32 << 10

// maxPendingCapacity is the largest pending buffer kept for the next
// message. A larger one, grown by a message of many mid-sized frames, is
// released after the write.
const maxPendingCapacity = 1 << 20

// Write queues p and writes the queued bytes when they end a message. The
// ZMTP greeting is written at once, because the handshake waits for the
// peer between its parts.
func (c *limitedConn) Write(p []byte) (int, error) {
	inGreeting := c.out.greeting > 0
	c.out.advance(p)
	flushNow := inGreeting || c.out.atMessageEnd()
	if len(p) >= directWriteSize {
		if err := c.flush(); err != nil {
			return 0, err
		}
		return c.writeNow(p)
	}
	c.pending = append(c.pending, p...)
	if !flushNow {
		return len(p), nil
	}
	if err := c.flush(); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes the pending bytes.
func (c *limitedConn) flush() error {
	if len(c.pending) == 0 {
		return nil
	}
	_, err := c.writeNow(c.pending)
	if cap(c.pending) > maxPendingCapacity {
		c.pending = nil
	} else {
		c.pending = c.pending[:0]
	}
	return err
}

// frameTracker follows the ZMTP 3 frames of a byte stream, after the
// greeting, to find where each message ends.
type frameTracker struct {
	greeting int     // greeting bytes still to come
	header   [9]byte // the frame header seen so far
	headerN  int     // bytes in header
	body     uint64  // body bytes of the current frame still to come
	more     bool    // the current frame has the MORE flag
}

// advance moves the tracker over data.
func (t *frameTracker) advance(data []byte) {
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
			t.startBody()
		}
	}
}

// startBody starts the frame's body once its header is complete: the
// flags and a 1-byte length, or the flags and an 8-byte length.
func (t *frameTracker) startBody() {
	flags := t.header[0]
	if t.headerN < 2 || (flags&flagLong != 0 && t.headerN < 9) {
		return
	}
	size := uint64(t.header[1])
	if flags&flagLong != 0 {
		size = 0
		for _, b := range t.header[1:9] {
			size = size<<8 | uint64(b)
		}
	}
	t.headerN = 0
	t.body = size
	t.more = flags&flagMore != 0
}

// atMessageEnd reports whether the stream is at the end of a message: past
// the greeting, with no partial header or body, and the last frame
// without the MORE flag.
func (t *frameTracker) atMessageEnd() bool {
	return t.greeting == 0 && t.headerN == 0 && t.body == 0 && !t.more
}
