package kernel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadConnectionFile(t *testing.T) {
	const valid = `{"transport":"tcp","ip":"127.0.0.1","shell_port":5001,"control_port":5002,
		"iopub_port":5003,"stdin_port":5004,"hb_port":5005,"signature_scheme":"hmac-sha256","key":"k"}`
	tests := []struct {
		name    string
		content string
		wantErr string // substring; empty means success
	}{
		{"valid tcp", valid, ""},
		{"valid ipc", `{"transport":"ipc","ip":"/tmp/kernel","shell_port":1,"control_port":2,"iopub_port":3,
			"stdin_port":4,"hb_port":5,"signature_scheme":"hmac-sha256","key":"k"}`, ""},
		{"empty key without scheme", strings.Replace(strings.Replace(valid, `"hmac-sha256"`, `""`, 1), `"k"`, `""`, 1), ""},
		{"not JSON", `{"transport":`, "not valid JSON"},
		{"unknown transport", strings.Replace(valid, `"tcp"`, `"udp"`, 1), `unsupported transport "udp"`},
		{"bad ip", strings.Replace(valid, `"127.0.0.1"`, `"nowhere"`, 1), `invalid ip "nowhere"`},
		{"zero port", strings.Replace(valid, `"hb_port":5005`, `"hb_port":0`, 1), "invalid hb_port 0"},
		{"md5 scheme", strings.Replace(valid, "hmac-sha256", "hmac-md5", 1), `unsupported signature_scheme "hmac-md5"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kernel.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			info, err := ReadConnectionFile(path)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ReadConnectionFile: %v", err)
				}
				if info.ShellPort != 5001 && info.Transport == "tcp" {
					t.Errorf("shell_port = %d, want 5001", info.ShellPort)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestConnectionEndpoint(t *testing.T) {
	tests := []struct {
		name string
		info ConnectionInfo
		port int
		want string
	}{
		{"tcp ipv4", ConnectionInfo{Transport: "tcp", IP: "127.0.0.1"}, 5555, "tcp://127.0.0.1:5555"},
		{"tcp ipv6", ConnectionInfo{Transport: "tcp", IP: "::1"}, 5555, "tcp://[::1]:5555"},
		{"ipc", ConnectionInfo{Transport: "ipc", IP: "/tmp/kernel-ipc"}, 3, "ipc:///tmp/kernel-ipc-3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.info.Endpoint(tt.port); got != tt.want {
				t.Errorf("Endpoint(%d) = %q, want %q", tt.port, got, tt.want)
			}
		})
	}
}

func TestWriteConnectionFileOwnerOnly(t *testing.T) {
	info, err := LocalConnectionInfo("secret")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kernel.json")
	if err := WriteConnectionFile(path, info); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("permissions = %v, want 0600 because the file holds the key", perm)
	}
	back, err := ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if back != info {
		t.Errorf("read back %+v, want %+v", back, info)
	}
}
