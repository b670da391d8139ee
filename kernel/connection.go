package kernel

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
)

// ConnectionInfo is the content of a Jupyter connection file: where each
// socket listens and how messages are signed.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	HBPort          int    `json:"hb_port"`
	SignatureScheme string `json:"signature_scheme"`
	Key             string `json:"key"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and checks the connection file at path.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var info ConnectionInfo
	raw, err := os.ReadFile(path)
	if err != nil {
		return info, fmt.Errorf("kernel: read connection file: %w", err)
	}
	if err := json.Unmarshal(raw, &info); err != nil {
		return info, fmt.Errorf("kernel: connection file %s is not valid JSON: %w", path, err)
	}
	if err := info.validate(); err != nil {
		return info, fmt.Errorf("kernel: connection file %s: %w", path, err)
	}
	return info, nil
}

// validate checks the transport, address, ports and signature scheme.
func (c ConnectionInfo) validate() error {
	switch c.Transport {
	case "tcp":
		if net.ParseIP(c.IP) == nil && c.IP != "localhost" && c.IP != "*" {
			return fmt.Errorf("invalid ip %q: use an IP address such as 127.0.0.1", c.IP)
		}
		for name, port := range c.ports() {
			if port <= 0 || port > 65535 {
				return fmt.Errorf("invalid %s %d: use a port in 1..65535", name, port)
			}
		}
	case "ipc":
		if c.IP == "" {
			return errors.New("missing ip: for ipc it is the socket path prefix")
		}
	default:
		return fmt.Errorf("unsupported transport %q: use tcp or ipc", c.Transport)
	}
	if c.SignatureScheme != "hmac-sha256" && !(c.SignatureScheme == "" && c.Key == "") {
		return fmt.Errorf("unsupported signature_scheme %q: use hmac-sha256", c.SignatureScheme)
	}
	return nil
}

func (c ConnectionInfo) ports() map[string]int {
	return map[string]int{
		"shell_port":   c.ShellPort,
		"control_port": c.ControlPort,
		"iopub_port":   c.IOPubPort,
		"stdin_port":   c.StdinPort,
		"hb_port":      c.HBPort,
	}
}

// Endpoint returns the ZeroMQ endpoint of a port from the file, such as
// "tcp://127.0.0.1:5555" or, for ipc, "ipc://kernel-ipc-5555" (the ipc form
// Jupyter uses: ip is a path prefix, port a suffix).
func (c ConnectionInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return "ipc://" + c.IP + "-" + strconv.Itoa(port)
	}
	return "tcp://" + net.JoinHostPort(c.IP, strconv.Itoa(port))
}

// WriteConnectionFile writes info as JSON to path, readable by the owner
// only because the file contains the signing key.
func WriteConnectionFile(path string, info ConnectionInfo) error {
	raw, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("kernel: encode connection file: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("kernel: write connection file: %w", err)
	}
	// OpenFile keeps the mode of an existing file, which may be wider.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("kernel: make connection file %s owner-only: %w", filepath.Base(path), err)
	}
	if _, err := f.Write(raw); err != nil {
		f.Close()
		return fmt.Errorf("kernel: write connection file %s: %w", filepath.Base(path), err)
	}
	return f.Close()
}

// LocalConnectionInfo returns a tcp ConnectionInfo on 127.0.0.1 with five
// free ports and the given key. A port is free when the kernel binds it,
// unless another process takes it in between, as with any port picked
// this way.
func LocalConnectionInfo(key string) (ConnectionInfo, error) {
	ports, err := freePorts(5)
	if err != nil {
		return ConnectionInfo{}, err
	}
	return ConnectionInfo{
		Transport:       "tcp",
		IP:              "127.0.0.1",
		ShellPort:       ports[0],
		ControlPort:     ports[1],
		IOPubPort:       ports[2],
		StdinPort:       ports[3],
		HBPort:          ports[4],
		SignatureScheme: "hmac-sha256",
		Key:             key,
	}, nil
}

// freePorts returns n distinct free tcp ports on 127.0.0.1.
func freePorts(n int) ([]int, error) {
	listeners := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("kernel: find a free port: %w", err)
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
