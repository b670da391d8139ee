package interp

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"fastgo/kernel"
	"fastgo/stdlib/display"
)

// The supervisor and its worker exchange frames over two pipes, given to
// the worker as file descriptors 3 (requests) and 4 (replies). A frame is
// a 4-byte big-endian length followed by that many bytes of JSON. The
// supervisor reads the worker's stderr itself, and the worker writes a
// sync marker there before each result, after the cell's last output.
const (
	requestFD = 3
	replyFD   = 4
	// maxFrame bounds a frame, so that a corrupt length cannot make the
	// reader allocate without limit.
	maxFrame = 256 << 20
)

// request is a message from the supervisor to the worker.
type request struct {
	Type     string `json:"type"` // execute, complete, inspect, interrupt or input_reply
	Code     string `json:"code,omitempty"`
	Cursor   int    `json:"cursor,omitempty"`
	Detail   int    `json:"detail,omitempty"`
	Text     string `json:"text,omitempty"`  // input_reply: the line typed
	Error    string `json:"error,omitempty"` // input_reply: why there is no line
	Password bool   `json:"password,omitempty"`
}

// reply is a message from the worker to the supervisor.
type reply struct {
	// Type is ready, stream, display, input_request, result, complete or
	// inspect.
	Type string `json:"type"`

	Name string `json:"name,omitempty"` // stream: stdout or stderr
	Text string `json:"text,omitempty"` // stream: the text; input_request: the prompt

	Data      *display.Data `json:"data,omitempty"`
	DisplayID string        `json:"display_id,omitempty"`
	Update    bool          `json:"update,omitempty"`
	Password  bool          `json:"password,omitempty"`

	Result     *kernel.CellResult `json:"result,omitempty"`
	Stuck      bool               `json:"stuck,omitempty"` // result: compiled code is still running
	Completion *kernel.Completion `json:"completion,omitempty"`
	Inspection *kernel.Inspection `json:"inspection,omitempty"`
}

// frameWriter writes frames from several goroutines.
type frameWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (fw *frameWriter) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("interp: encoding a %T frame failed: %w", v, err)
	}
	var head [4]byte
	binary.BigEndian.PutUint32(head[:], uint32(len(body)))
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if _, err := fw.w.Write(append(head[:], body...)); err != nil {
		return fmt.Errorf("interp: writing a frame failed: %w", err)
	}
	return nil
}

// readFrame reads one frame from r into v.
func readFrame(r io.Reader, v any) error {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return err
	}
	n := binary.BigEndian.Uint32(head[:])
	if n > maxFrame {
		return fmt.Errorf("interp: frame of %d bytes is over the %d-byte limit", n, maxFrame)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return fmt.Errorf("interp: reading a %d-byte frame failed: %w", n, err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("interp: decoding a frame failed: %w", err)
	}
	return nil
}
