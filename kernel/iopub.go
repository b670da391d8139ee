package kernel

// publish sends a message of type msgType on iopub with parent as its
// parent header. Messages from one goroutine leave in call order.
func (k *Kernel) publish(msgType string, parent *Message, content any) {
	m := newMessage(msgType, k.session, parent, content)
	m.Identities = [][]byte{[]byte("kernel." + k.session + "." + msgType)}
	k.send(k.socks.iopub, m)
}

// publishStatus sends a status message: "busy", "idle" or "starting".
func (k *Kernel) publishStatus(state string, parent *Message) {
	k.publish("status", parent, map[string]string{"execution_state": state})
}

// reply sends a reply of type msgType to the peer that sent parent, on
// channel c.
func (k *Kernel) reply(c *channel, parent *Message, msgType string, content any) {
	m := newMessage(msgType, k.session, parent, content)
	m.Identities = parent.Identities
	k.send(c, m)
}

func (k *Kernel) send(c *channel, m *Message) {
	if k.log.Enabled(k.sockCtx, levelWire) {
		k.log.Log(k.sockCtx, levelWire, "sending", "channel", c.name,
			"msg_type", m.Header.MsgType, "msg_id", m.Header.MsgID, "content", string(m.Content))
	}
	if err := c.send(k.signer.encode(m)); err != nil && k.sockCtx.Err() == nil {
		k.log.Error("sending a message failed", "channel", c.name,
			"msg_type", m.Header.MsgType, "msg_id", m.Header.MsgID, "err", err)
	}
}

// decode verifies and parses a received message, logging and returning
// nil for messages that must be dropped.
func (k *Kernel) decode(c *channel, r received) *Message {
	if r.err != nil {
		k.log.Error("receiving failed", "channel", c.name, "err", r.err)
		return nil
	}
	m, err := k.signer.decode(r.frames)
	if err == nil {
		// The signature frame follows the identities and the delimiter.
		err = k.replays.check(m.Header.MsgID, r.frames[len(m.Identities)+1])
	}
	if err != nil {
		msgID, msgType := "", ""
		if m != nil {
			msgID, msgType = m.Header.MsgID, m.Header.MsgType
		}
		k.log.Warn("dropped a message", "channel", c.name, "msg_id", msgID,
			"msg_type", msgType, "frames", len(r.frames), "err", err)
		return nil
	}
	if k.log.Enabled(k.sockCtx, levelWire) {
		k.log.Log(k.sockCtx, levelWire, "received", "channel", c.name,
			"msg_type", m.Header.MsgType, "msg_id", m.Header.MsgID, "content", string(m.Content))
	}
	return m
}
