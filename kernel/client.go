package kernel

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"
)

// ErrKernelDied is returned by [Client] requests when the kernel process
// exits before replying.
var ErrKernelDied = errors.New("kernel: the kernel process died")

// ClientOptions configures [StartClient].
type ClientOptions struct {
	// Stderr receives the kernel process's stderr. Nil means os.Stderr.
	Stderr io.Writer

	// Env is the kernel process's environment. Nil means os.Environ().
	Env []string

	// StartTimeout bounds the wait for the first kernel_info_reply. Zero
	// means 60 seconds.
	StartTimeout time.Duration

	// Input returns the value for each input_request. Nil sends execute requests
	// with allow_stdin false.
	Input func(prompt string, password bool) (string, error)

	// Logger receives client-side warnings. Nil discards them.
	Logger *slog.Logger
}

// Client runs a kernel process and talks to it over the Jupyter protocol.
// Its methods are safe for concurrent use. It serves "fastgo run" and
// tests, as a small counterpart of jupyter_client's BlockingKernelClient.
type Client struct {
	opts    ClientOptions
	log     *slog.Logger
	info    ConnectionInfo
	signer  signer
	session string
	dir     string

	cmd     *exec.Cmd
	exited  chan struct{}
	exitErr error

	ctx                              context.Context
	cancel                           context.CancelFunc
	shell, control, stdin, iopub, hb zmq4.Socket
	shellMu, controlMu, hbMu         sync.Mutex

	mu      sync.Mutex
	pending map[string]*pendingRequest
	closed  bool
}

// StartClient writes a connection file with free 127.0.0.1 ports and a
// random key into a fresh owner-only temp folder and starts the kernel
// command argv. The file's path replaces "{connection_file}" in argv, or is
// appended when no argument contains it. StartClient then connects and
// waits for the kernel's kernel_info_reply.
func StartClient(ctx context.Context, argv []string, opts ClientOptions) (*Client, error) {
	if len(argv) == 0 {
		return nil, errors.New("kernel: empty kernel command: pass the program and its arguments")
	}
	c := &Client{opts: opts, log: opts.Logger, session: uuid.NewString(),
		exited: make(chan struct{}), pending: map[string]*pendingRequest{}}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}

	if err := c.writeConnectionFile(); err != nil {
		return nil, err
	}
	if err := c.startProcess(argv); err != nil {
		os.RemoveAll(c.dir)
		return nil, err
	}

	timeout := opts.StartTimeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	startCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := c.connect(startCtx); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.waitReady(startCtx); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func (c *Client) writeConnectionFile() error {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return fmt.Errorf("kernel: make a connection key: %w", err)
	}
	info, err := LocalConnectionInfo(hex.EncodeToString(key))
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "fastgo-kernel-")
	if err != nil {
		return fmt.Errorf("kernel: make a folder for the connection file: %w", err)
	}
	c.dir, c.info, c.signer = dir, info, signer{key: []byte(info.Key)}
	if err := WriteConnectionFile(c.ConnectionFile(), info); err != nil {
		os.RemoveAll(dir)
		return err
	}
	return nil
}

// ConnectionFile returns the path of the kernel's connection file.
func (c *Client) ConnectionFile() string { return filepath.Join(c.dir, "kernel.json") }

// ConnectionInfo returns the kernel's connection info, key included.
func (c *Client) ConnectionInfo() ConnectionInfo { return c.info }

func (c *Client) startProcess(argv []string) error {
	args := make([]string, 0, len(argv)+1)
	replaced := false
	for _, a := range argv[1:] {
		if strings.Contains(a, "{connection_file}") {
			a = strings.ReplaceAll(a, "{connection_file}", c.ConnectionFile())
			replaced = true
		}
		args = append(args, a)
	}
	if !replaced {
		args = append(args, c.ConnectionFile())
	}
	c.cmd = exec.Command(argv[0], args...)
	c.cmd.Stdout = c.opts.Stderr
	c.cmd.Stderr = c.opts.Stderr
	if c.opts.Stderr == nil {
		c.cmd.Stdout, c.cmd.Stderr = os.Stderr, os.Stderr
	}
	c.cmd.Env = c.opts.Env
	setProcessAttrs(c.cmd)
	if err := c.cmd.Start(); err != nil {
		return fmt.Errorf("kernel: start %s: %w", argv[0], err)
	}
	go func() {
		c.exitErr = c.cmd.Wait()
		close(c.exited)
	}()
	return nil
}

// connect dials the five kernel sockets. The shell and stdin sockets
// share the session id as identity so the kernel routes input_request
// messages to this client.
func (c *Client) connect(ctx context.Context) error {
	c.ctx, c.cancel = context.WithCancel(context.Background())
	id := zmq4.WithID(zmq4.SocketIdentity(c.session))
	zlog := zmq4.WithLogger(slog.NewLogLogger(c.log.Handler(), slog.LevelDebug))
	retry := []zmq4.Option{zlog, zmq4.WithDialerRetry(20 * time.Millisecond), zmq4.WithDialerMaxRetries(-1)}
	c.shell = zmq4.NewDealer(c.ctx, append(retry, id)...)
	c.control = zmq4.NewDealer(c.ctx, retry...)
	c.stdin = zmq4.NewDealer(c.ctx, append(retry, id)...)
	c.iopub = zmq4.NewSub(c.ctx, retry...)
	c.hb = zmq4.NewReq(c.ctx, retry...)

	dials := []struct {
		s    zmq4.Socket
		port int
	}{{c.shell, c.info.ShellPort}, {c.control, c.info.ControlPort}, {c.stdin, c.info.StdinPort},
		{c.iopub, c.info.IOPubPort}, {c.hb, c.info.HBPort}}
	errs := make(chan error, 1)
	go func() {
		for _, d := range dials {
			if err := d.s.Dial(c.info.Endpoint(d.port)); err != nil {
				errs <- fmt.Errorf("kernel: connect to %s: %w", c.info.Endpoint(d.port), err)
				return
			}
		}
		errs <- c.iopub.SetOption(zmq4.OptionSubscribe, "")
	}()
	select {
	case err := <-errs:
		if err != nil {
			return err
		}
	case <-c.exited:
		return fmt.Errorf("%w during start (%v)", ErrKernelDied, c.exitErr)
	case <-ctx.Done():
		c.cancel()
		return fmt.Errorf("kernel: connect to the kernel: %w", ctx.Err())
	}
	go c.readReplies(c.shell, "shell")
	go c.readReplies(c.control, "control")
	go c.readIOPub()
	go c.serveStdin()
	return nil
}

// waitReady sends kernel_info requests until one gets a reply and its
// status messages arrive on iopub, which proves the subscription is live
// (a SUB socket misses what was published before it connected).
func (c *Client) waitReady(ctx context.Context) error {
	for {
		attempt, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		_, err := c.Request(attempt, "shell", "kernel_info_request", map[string]any{})
		cancel()
		if err == nil {
			return nil
		}
		if errors.Is(err, ErrKernelDied) {
			return err
		}
		if ctx.Err() != nil {
			return fmt.Errorf("kernel: no kernel_info_reply from the kernel: %w", ctx.Err())
		}
	}
}

// Exited returns a channel closed when the kernel process exits.
func (c *Client) Exited() <-chan struct{} { return c.exited }

// ExitError returns the process's exit error once [Client.Exited] is
// closed, or nil before.
func (c *Client) ExitError() error {
	select {
	case <-c.exited:
		return c.exitErr
	default:
		return nil
	}
}

// Pid returns the kernel process id.
func (c *Client) Pid() int { return c.cmd.Process.Pid }

// Close sends the kernel a shutdown_request and waits up to 5 seconds for
// the reply, then up to 5 more for the process to exit before killing it.
// It then closes the sockets and removes the connection file.
func (c *Client) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	c.mu.Unlock()

	var err error
	select {
	case <-c.exited:
	default:
		if c.cancel != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err = c.Shutdown(ctx, false)
			cancel()
		}
		select {
		case <-c.exited:
		case <-time.After(5 * time.Second):
			c.log.Warn("kernel did not exit after shutdown_request; killing it", "pid", c.Pid())
			c.cmd.Process.Kill()
			<-c.exited
		}
	}
	if c.cancel != nil {
		c.cancel()
		for _, s := range []zmq4.Socket{c.shell, c.control, c.stdin, c.iopub, c.hb} {
			s.Close()
		}
	}
	os.RemoveAll(c.dir)
	return err
}

// Kill kills the kernel process at once, as a crash would.
func (c *Client) Kill() error { return c.cmd.Process.Kill() }
