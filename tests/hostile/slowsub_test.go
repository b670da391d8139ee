package hostile

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"fastgo/kernel"
)

// zmtpSubscriber opens a raw ZMTP connection to the kernel's iopub socket
// as a SUB that subscribes to every topic and then never reads.
func zmtpSubscriber(t *testing.T, port int) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), replyTimeout)
	if err != nil {
		t.Fatalf("dial iopub: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetReadBuffer(4096)
	}
	greeting := make([]byte, 64)
	greeting[0], greeting[9], greeting[10] = 0xff, 0x7f, 3
	copy(greeting[12:], "NULL")
	conn.Write(greeting)
	io.ReadFull(conn, make([]byte, 64))
	var ready bytes.Buffer
	ready.WriteString("\x05READY\x0bSocket-Type")
	binary.Write(&ready, binary.BigEndian, uint32(3))
	ready.WriteString("SUB")
	conn.Write(append([]byte{0x04, byte(ready.Len())}, ready.Bytes()...))
	// A subscription message: 0x01 and an empty topic.
	conn.Write([]byte{0x00, 0x01, 0x01})
	return conn
}

// TestStalledSubscriber connects an iopub subscriber that never reads and
// checks that another client still gets every cell's output, because the
// kernel closes the stalled connection after its write timeout (20 s).
func TestStalledSubscriber(t *testing.T) {
	k := startKernel(t)
	zmtpSubscriber(t, k.client.ConnectionInfo().IOPubPort)
	time.Sleep(silenceWait)
	code := "import (\n\t\"fmt\"\n\t\"strings\"\n)\nfmt.Print(strings.Repeat(\"x\", 1<<20))"
	for i := range 8 {
		ctx, cancel := context.WithTimeout(context.Background(), replyTimeout)
		ex, err := k.client.Execute(ctx, code, kernel.ExecuteOptions{})
		cancel()
		if err != nil {
			t.Fatalf("cell %d with a stalled subscriber: %v", i, err)
		}
		n := 0
		for _, o := range ex.Outputs {
			n += len(o.Text)
		}
		if n != 1<<20 {
			t.Fatalf("cell %d output %d bytes, want %d", i, n, 1<<20)
		}
	}
	k.log.waitLog(t, "closed a connection that stopped reading")
}
