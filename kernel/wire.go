package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// ProtocolVersion is the Jupyter messaging protocol version the kernel
// speaks.
const ProtocolVersion = "5.3"

// delimiter separates the routing identities from the message frames.
var delimiter = []byte("<IDS|MSG>")

// Errors returned by [Decode] for messages that must be dropped.
var (
	ErrNoDelimiter      = errors.New("kernel: message has no <IDS|MSG> delimiter")
	ErrTruncated        = errors.New("kernel: message has fewer than 5 frames after the delimiter")
	ErrMissingSignature = errors.New("kernel: message signature is missing")
	ErrBadSignature     = errors.New("kernel: message signature does not match")
)

// Header is a Jupyter message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message. The JSON parts stay raw so each
// handler decodes only the content it needs.
type Message struct {
	Identities   [][]byte
	Header       Header
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte

	// rawHeader is the header as received, echoed byte for byte as the
	// parent_header of replies.
	rawHeader []byte
}

// Type returns the message type from the header.
func (m *Message) Type() string { return m.Header.MsgType }

// Parent decodes the parent header, or returns a zero Header when the
// parent is empty.
func (m *Message) Parent() Header {
	var h Header
	_ = json.Unmarshal(m.ParentHeader, &h)
	return h
}

// DecodeContent unmarshals the content into v.
func (m *Message) DecodeContent(v any) error {
	if err := json.Unmarshal(m.Content, v); err != nil {
		return fmt.Errorf("kernel: invalid %s content: %w", m.Header.MsgType, err)
	}
	return nil
}

// signer computes HMAC-SHA256 signatures with the connection key. An
// empty key disables signing, which the protocol allows.
type signer struct {
	key []byte
}

// sign returns the hex signature of the four JSON frames, or "" when the
// key is empty.
func (s signer) sign(frames [][]byte) string {
	if len(s.key) == 0 {
		return ""
	}
	mac := hmac.New(sha256.New, s.key)
	for _, f := range frames {
		mac.Write(f)
	}
	return hex.EncodeToString(mac.Sum(nil))
}

// verify checks sig against frames in constant time.
func (s signer) verify(sig []byte, frames [][]byte) error {
	if len(s.key) == 0 {
		return nil
	}
	if len(sig) == 0 {
		return ErrMissingSignature
	}
	want := []byte(s.sign(frames))
	if !hmac.Equal(sig, want) {
		return ErrBadSignature
	}
	return nil
}

// decode splits wire frames into a Message and checks its signature. On a
// signature error the returned message still carries the parsed header,
// when it parses, so the caller can log its msg_id.
func (s signer) decode(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], delimiter) {
		i++
	}
	if i == len(frames) {
		return nil, ErrNoDelimiter
	}
	m := &Message{Identities: frames[:i]}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return m, ErrTruncated
	}
	parts := rest[1:5]
	_ = json.Unmarshal(parts[0], &m.Header)
	if err := s.verify(rest[0], parts); err != nil {
		return m, err
	}
	if err := json.Unmarshal(parts[0], &m.Header); err != nil {
		return m, fmt.Errorf("kernel: invalid message header: %w", err)
	}
	m.rawHeader = parts[0]
	m.ParentHeader = json.RawMessage(parts[1])
	m.Metadata = json.RawMessage(parts[2])
	m.Content = json.RawMessage(parts[3])
	m.Buffers = rest[5:]
	return m, nil
}

// encode builds the wire frames of a message: identities, delimiter,
// signature, header, parent header, metadata, content and buffers.
func (s signer) encode(m *Message) [][]byte {
	header, _ := json.Marshal(m.Header)
	parts := [][]byte{header, orEmpty(m.ParentHeader), orEmpty(m.Metadata), orEmpty(m.Content)}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter, []byte(s.sign(parts)))
	frames = append(frames, parts...)
	return append(frames, m.Buffers...)
}

func orEmpty(raw json.RawMessage) []byte {
	if len(raw) == 0 {
		return []byte("{}")
	}
	return raw
}

// newHeader returns a header for a new message of the given type.
func newHeader(msgType, session, username string) Header {
	return Header{
		MsgID:    uuid.NewString(),
		Session:  session,
		Username: username,
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// newMessage returns a message of the given type replying to parent (which
// may be nil), with content marshalled to JSON.
func newMessage(msgType, session string, parent *Message, content any) *Message {
	m := &Message{Header: newHeader(msgType, session, "kernel")}
	if parent != nil {
		m.ParentHeader = parentBytes(parent)
	}
	raw, err := json.Marshal(content)
	if err != nil {
		// Content is built by this package from JSON-safe values; a failure
		// here is a bug, reported to the front end rather than dropped.
		raw, _ = json.Marshal(map[string]any{"status": "error", "ename": "EncodingError", "evalue": err.Error()})
	}
	m.Content = raw
	return m
}

// parentBytes returns the raw header of parent for use as a parent_header.
func parentBytes(parent *Message) json.RawMessage {
	if len(parent.rawHeader) > 0 {
		return parent.rawHeader
	}
	raw, _ := json.Marshal(parent.Header)
	return raw
}
