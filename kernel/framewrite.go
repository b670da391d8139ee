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
	inGreeting := c.sent.greeting > 0
	c.sent.advance(p, nil)
	flushNow := inGreeting || c.sent.atMessageEnd()
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
