package kernel

import (
	"bytes"
	"errors"
	"testing"
)

func TestWireRoundTrip(t *testing.T) {
	s := signer{key: []byte("secret")}
	m := newMessage("execute_request", "session-1", nil, map[string]any{"code": "1 + 1"})
	m.Identities = [][]byte{[]byte("client-a"), []byte("client-b")}
	m.Buffers = [][]byte{[]byte("buffer-0")}
	frames := s.encode(m)

	got, err := s.decode(frames)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if got.Header.MsgID != m.Header.MsgID || got.Type() != "execute_request" {
		t.Errorf("header = %+v, want msg_id %s and type execute_request", got.Header, m.Header.MsgID)
	}
	if len(got.Identities) != 2 || string(got.Identities[1]) != "client-b" {
		t.Errorf("identities = %q, want [client-a client-b]", got.Identities)
	}
	if string(got.Content) != `{"code":"1 + 1"}` {
		t.Errorf("content = %s", got.Content)
	}
	if len(got.Buffers) != 1 || string(got.Buffers[0]) != "buffer-0" {
		t.Errorf("buffers = %q, want [buffer-0]", got.Buffers)
	}
}

func TestWireRejectsBadMessages(t *testing.T) {
	s := signer{key: []byte("secret")}
	valid := s.encode(newMessage("kernel_info_request", "session-1", nil, map[string]any{}))
	sigIndex := 1 // frames: delimiter, signature, header, parent, metadata, content

	replaceFrame := func(i int, b []byte) [][]byte {
		out := append([][]byte(nil), valid...)
		out[i] = b
		return out
	}
	flipped := bytes.Clone(valid[sigIndex])
	flipped[0] ^= 1

	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"wrong signature", replaceFrame(sigIndex, flipped), ErrBadSignature},
		{"signature of another key", signer{key: []byte("other")}.encode(newMessage("kernel_info_request", "s", nil, map[string]any{})), ErrBadSignature},
		{"missing signature", replaceFrame(sigIndex, nil), ErrMissingSignature},
		{"tampered content", replaceFrame(5, []byte(`{"code":"rm"}`)), ErrBadSignature},
		{"truncated frames", valid[:4], ErrTruncated},
		{"no delimiter", valid[1:], ErrNoDelimiter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.decode(tt.frames)
			if !errors.Is(err, tt.want) {
				t.Errorf("decode error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestWireBadSignatureKeepsMsgID(t *testing.T) {
	s := signer{key: []byte("secret")}
	m := newMessage("execute_request", "session-1", nil, map[string]any{})
	frames := s.encode(m)
	frames[1] = []byte("0000")
	got, err := s.decode(frames)
	if !errors.Is(err, ErrBadSignature) {
		t.Fatalf("decode error = %v, want ErrBadSignature", err)
	}
	if got == nil || got.Header.MsgID != m.Header.MsgID {
		t.Errorf("decoded header %+v, want msg_id %s for the log", got, m.Header.MsgID)
	}
}

func TestWireEmptyKeySkipsSigning(t *testing.T) {
	s := signer{}
	frames := s.encode(newMessage("kernel_info_request", "session-1", nil, map[string]any{}))
	if len(frames[1]) != 0 {
		t.Errorf("signature with empty key = %q, want empty", frames[1])
	}
	frames[1] = []byte("anything")
	if _, err := s.decode(frames); err != nil {
		t.Errorf("decode with empty key: %v, want no error", err)
	}
}

func TestWireReplyEchoesParentHeader(t *testing.T) {
	s := signer{key: []byte("secret")}
	raw := []byte(`{"msg_id":"abc","session":"s","username":"u","date":"2026-01-01T00:00:00Z","msg_type":"kernel_info_request","version":"5.3","extra":1}`)
	frames := [][]byte{[]byte("id"), delimiter, nil, raw, []byte("{}"), []byte("{}"), []byte("{}")}
	frames[2] = []byte(s.sign(frames[3:7]))
	req, err := s.decode(frames)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	rep := newMessage("kernel_info_reply", "kernel-session", req, map[string]any{})
	if !bytes.Equal(rep.ParentHeader, raw) {
		t.Errorf("parent_header = %s, want the request header byte for byte", rep.ParentHeader)
	}
}
