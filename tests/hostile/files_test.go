package hostile

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fastgo/kernel"
)

// TestConnectionFileOwnerOnly checks that the connection file, which
// contains the signing key, and its folder are readable by the owner only,
// also when the file existed before with wider permissions.
func TestConnectionFileOwnerOnly(t *testing.T) {
	k := startKernel(t)
	path := k.client.ConnectionFile()
	tests := []struct {
		name string
		path string
		want os.FileMode
	}{
		{"connection file", path, 0o600},
		{"connection folder", filepath.Dir(path), 0o700},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := os.Stat(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != tt.want {
				t.Errorf("%s mode = %o, want %o", tt.path, got, tt.want)
			}
		})
	}

	t.Run("overwritten world-readable file", func(t *testing.T) {
		old := filepath.Join(t.TempDir(), "kernel.json")
		if err := os.WriteFile(old, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := kernel.WriteConnectionFile(old, k.client.ConnectionInfo()); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(old)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != 0o600 {
			t.Errorf("rewritten connection file mode = %o, want 600", got)
		}
	})
}

// TestListensOnlyOnConnectionPorts reads the kernel's and the worker's
// listening TCP sockets from /proc and checks that they are exactly the
// five ports of the connection file, on 127.0.0.1.
func TestListensOnlyOnConnectionPorts(t *testing.T) {
	k := startKernel(t)
	info := k.client.ConnectionInfo()
	want := map[string]bool{}
	for _, port := range []int{info.ShellPort, info.ControlPort, info.IOPubPort, info.StdinPort, info.HBPort} {
		want[fmt.Sprintf("127.0.0.1:%d", port)] = true
	}
	pids := append([]int{k.client.Pid()}, children(k.client.Pid())...)
	got := map[string]bool{}
	for _, pid := range pids {
		for addr := range listeningAddrs(t, pid) {
			got[addr] = true
		}
	}
	for addr := range got {
		if !want[addr] {
			t.Errorf("kernel (pids %v) listens on %s, which is not in the connection file", pids, addr)
		}
	}
	for addr := range want {
		if !got[addr] {
			t.Errorf("kernel does not listen on %s from the connection file", addr)
		}
	}
}

// listeningAddrs returns the "ip:port" of the TCP sockets in LISTEN state
// that process pid has open, from /proc/net/tcp and /proc/net/tcp6.
func listeningAddrs(t *testing.T, pid int) map[string]bool {
	t.Helper()
	inodes := map[string]bool{}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		t.Fatalf("list fds of pid %d: %v", pid, err)
	}
	for _, fd := range fds {
		target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if err == nil && strings.HasPrefix(target, "socket:[") {
			inodes[strings.Trim(target[len("socket:"):], "[]")] = true
		}
	}
	addrs := map[string]bool{}
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(table)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // column names
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			// Fields: sl, local_address, rem_address, st, ..., inode (10th).
			const stateListen = "0A"
			if len(fields) < 10 || fields[3] != stateListen || !inodes[fields[9]] {
				continue
			}
			addrs[procAddr(t, fields[1])] = true
		}
		f.Close()
	}
	return addrs
}

// procAddr decodes a /proc/net/tcp address such as "0100007F:1F90" into
// "127.0.0.1:8080". IPv6 addresses are returned in their hex form, which
// never equals a connection file's 127.0.0.1 address.
func procAddr(t *testing.T, hexAddr string) string {
	ip, port, _ := strings.Cut(hexAddr, ":")
	p, err := strconv.ParseUint(port, 16, 16)
	if err != nil {
		t.Fatalf("invalid port in %q", hexAddr)
	}
	if len(ip) != 8 {
		return fmt.Sprintf("[%s]:%d", ip, p)
	}
	v, err := strconv.ParseUint(ip, 16, 32)
	if err != nil {
		t.Fatalf("invalid address in %q", hexAddr)
	}
	// The kernel writes the IPv4 address in host (little-endian) order.
	return fmt.Sprintf("%d.%d.%d.%d:%d", v&0xff, v>>8&0xff, v>>16&0xff, v>>24, p)
}

// TestEmptyKeyAccepted starts a kernel on a connection file with an empty
// key and checks the logged warning and that unsigned requests are served.
func TestEmptyKeyAccepted(t *testing.T) {
	info, err := kernel.LocalConnectionInfo("")
	if err != nil {
		t.Fatal(err)
	}
	info.SignatureScheme = "hmac-sha256"
	path := filepath.Join(t.TempDir(), "kernel.json")
	if err := kernel.WriteConnectionFile(path, info); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	cmd := exec.Command(fastgoBin, "kernel", path)
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(exited)
	}()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()
	logs.waitLog(t, "connection file has an empty key")

	p := dialInfo(t, info)
	id, frames := p.signed("kernel_info_request", "{}")
	if len(frames[1]) != 0 {
		t.Fatalf("empty-key signature = %q, want empty", frames[1])
	}
	p.send(t, "shell", frames)
	if msgType, _ := p.reply(t, "shell", id); msgType != "kernel_info_reply" {
		t.Errorf("reply type = %q, want kernel_info_reply", msgType)
	}

	id, frames = p.signed("shutdown_request", `{"restart": false}`)
	p.send(t, "control", frames)
	p.reply(t, "control", id)
	select {
	case <-exited:
		if waitErr != nil {
			t.Errorf("kernel exit: %v, want status 0", waitErr)
		}
	case <-time.After(replyTimeout):
		t.Errorf("kernel still running %s after shutdown_request", replyTimeout)
	}
}
