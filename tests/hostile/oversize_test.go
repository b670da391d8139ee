package hostile

import (
	"bytes"
	"encoding/binary"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// zmtpDealer opens a raw TCP connection to a kernel socket and performs the
// ZMTP 3.0 NULL handshake as a DEALER, so the test can then write frame
// headers that no ZeroMQ library would send.
func zmtpDealer(t *testing.T, port int) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), replyTimeout)
	if err != nil {
		t.Fatalf("dial port %d: %v", port, err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(replyTimeout))

	// Greeting: signature, version 3.0, mechanism NULL, as-server 0, filler.
	greeting := make([]byte, 64)
	greeting[0], greeting[9], greeting[10] = 0xff, 0x7f, 3
	copy(greeting[12:], "NULL")
	if _, err := conn.Write(greeting); err != nil {
		t.Fatalf("write greeting: %v", err)
	}
	peer := make([]byte, 64)
	if _, err := io.ReadFull(conn, peer); err != nil {
		t.Fatalf("read the kernel's greeting: %v", err)
	}

	// READY command with the Socket-Type property.
	var ready bytes.Buffer
	ready.WriteString("\x05READY")
	ready.WriteByte(byte(len("Socket-Type")))
	ready.WriteString("Socket-Type")
	binary.Write(&ready, binary.BigEndian, uint32(len("DEALER")))
	ready.WriteString("DEALER")
	frame := append([]byte{0x04, byte(ready.Len())}, ready.Bytes()...)
	if _, err := conn.Write(frame); err != nil {
		t.Fatalf("write READY: %v", err)
	}
	conn.SetDeadline(time.Time{})
	return conn
}

// longFrameHeader returns the header of a final ZMTP frame of size bytes.
func longFrameHeader(size uint64, more bool) []byte {
	h := make([]byte, 9)
	h[0] = 0x02
	if more {
		h[0] |= 0x01
	}
	binary.BigEndian.PutUint64(h[1:], size)
	return h
}

// TestHugeFrameHeader announces frames far larger than any message and
// checks that the kernel neither crashes nor allocates them, and still
// serves valid requests.
func TestHugeFrameHeader(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	info := k.client.ConnectionInfo()
	tests := []struct {
		name string
		size uint64
	}{
		{"size above max slice length", 1 << 62},
		{"size of 1 TiB", 1 << 40},
		{"size of 100 MB", 100 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := zmtpDealer(t, info.ShellPort)
			if _, err := conn.Write(longFrameHeader(tt.size, false)); err != nil {
				t.Fatalf("write frame header: %v", err)
			}
			conn.Write(make([]byte, 4096))
			k.log.waitLog(t, "closed a connection that sent an oversize message",
				"a frame of "+strconv.FormatUint(tt.size, 10)+" bytes")
			select {
			case <-k.client.Exited():
				t.Fatalf("kernel exited after a frame header of %d bytes; log:\n%s", tt.size, k.log)
			default:
			}
			p.kernelInfoWorks(t)
		})
	}
}

// TestOversizeMessageDropped sends well-formed messages over the kernel's
// size limit through a ZeroMQ DEALER, as one frame and as many frames, and
// checks that they are dropped and logged and that the kernel keeps
// serving valid requests.
func TestOversizeMessageDropped(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	big := bytes.Repeat([]byte("a"), 100<<20)
	tests := []struct {
		name   string
		frames func() (string, [][]byte)
	}{
		{
			name: "100 MB content",
			frames: func() (string, [][]byte) {
				code := append(append([]byte(`{"code": "`), big...), '"', '}')
				return p.signed("execute_request", string(code))
			},
		},
		{
			name: "100 MB in 1 MB buffers",
			frames: func() (string, [][]byte) {
				id, f := p.signed("comm_msg", `{"comm_id": "x", "data": {}}`)
				for i := 0; i < len(big); i += 1 << 20 {
					f = append(f, big[i:i+1<<20])
				}
				return id, f
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A fresh peer, because the kernel closes the connection.
			peer := dialRaw(t, k)
			id, frames := tt.frames()
			before := k.log.countLog("closed a connection that sent an oversize message")
			// The send may fail with a reset, because the kernel closes the
			// connection while the message is still being written.
			if err := peer.sockets["shell"].SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
				t.Logf("send: %v", err)
			}
			k.log.waitCount(t, before+1, "closed a connection that sent an oversize message")
			peer.noReply(t, "shell", id)
			p.kernelInfoWorks(t)
		})
	}
	k.execute(t, "len(\"still here\")", "10")
}

// TestConnectionCutMidFrame closes connections in the middle of a frame
// header and of a frame body, and checks that the kernel keeps serving.
func TestConnectionCutMidFrame(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k)
	info := k.client.ConnectionInfo()
	tests := []struct {
		name string
		data []byte
	}{
		{"inside the greeting", nil},
		{"inside a long header", []byte{0x02, 0, 0, 0}},
		{"inside a body", append([]byte{0x01, 200}, make([]byte, 50)...)},
		{"after a more frame", []byte{0x01, 3, 'a', 'b', 'c'}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var conn net.Conn
			if tt.data == nil {
				c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(info.ShellPort)))
				if err != nil {
					t.Fatal(err)
				}
				c.Write([]byte{0xff, 0, 0, 0})
				conn = c
			} else {
				conn = zmtpDealer(t, info.ShellPort)
				conn.Write(tt.data)
			}
			conn.Close()
			time.Sleep(silenceWait)
			select {
			case <-k.client.Exited():
				t.Fatalf("kernel exited after a connection cut %s", tt.name)
			default:
			}
			p.kernelInfoWorks(t)
		})
	}
}
