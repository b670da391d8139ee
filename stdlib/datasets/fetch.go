package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"fastgo/stdlib/cell"
	"fastgo/stdlib/display"
)

// errChecksum is wrapped by the error for a file whose size or SHA-256
// differs from the official copy.
var errChecksum = errors.New("content differs from the official copy")

// client sends the download requests. It gives up on a server that
// accepts the connection but sends no response headers for a minute. A
// body that stalls later is stopped by interrupting the cell.
var client = &http.Client{Transport: newTransport()}

func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = time.Minute
	return t
}

// progressWriter advances a progress bar by the number of bytes written.
type progressWriter struct{ bar *display.Progress }

func (w progressWriter) Write(b []byte) (int, error) {
	w.bar.Add(len(b))
	return len(b), nil
}

// body is a response body that advances a progress bar as it is read.
type body struct {
	io.Reader
	resp *http.Response
	bar  *display.Progress
}

// Close closes the response and draws the bar in its final state.
func (b *body) Close() error {
	b.bar.Finish()
	return b.resp.Body.Close()
}

// get sends a GET request for url and returns the response body. A
// progress bar in bytes follows the reads. sizeHint sets its length when
// the server sends no Content-Length.
func get(ctx context.Context, url string, sizeHint int64) (*body, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("invalid download address %q: %w", url, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, stopped(ctx, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: status %s", url, resp.Status)
	}
	size := resp.ContentLength
	if size <= 0 {
		size = sizeHint
	}
	bar := display.NewProgress("Downloading "+url, int(size))
	return &body{Reader: io.TeeReader(resp.Body, progressWriter{bar}), resp: resp, bar: bar}, nil
}

// stopped returns cell.ErrInterrupted when ctx was canceled, which is how
// an interrupted cell stops a download, and err otherwise.
func stopped(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return cell.ErrInterrupted
	}
	return err
}

// installFile copies src into dir/f.name and checks its size and SHA-256.
// It writes a temporary file in dir and renames it only when the content
// checks out, so an interrupted or rejected copy never leaves a partial
// f.name behind.
func installFile(src io.Reader, dir string, f file) (err error) {
	dst := filepath.Join(dir, f.name)
	tmp, err := os.CreateTemp(dir, "."+f.name+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, sum), src)
	if err != nil {
		return fmt.Errorf("writing %s failed: %w", dst, err)
	}
	got := hex.EncodeToString(sum.Sum(nil))
	if n != f.size || got != f.sha256 {
		return fmt.Errorf("%s: %w: got %d bytes with sha256 %s, expected %d bytes with sha256 %s",
			f.name, errChecksum, n, got, f.size, f.sha256)
	}
	if err := commit(tmp, dst); err != nil {
		return fmt.Errorf("writing %s failed: %w", dst, err)
	}
	return nil
}

// commit flushes tmp to disk, makes it readable by everyone and renames it
// to dst.
func commit(tmp *os.File, dst string) error {
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// fetchFile downloads url and installs it as dir/f.name.
func fetchFile(ctx context.Context, url, dir string, f file) error {
	b, err := get(ctx, url, f.size)
	if err != nil {
		return err
	}
	defer b.Close()
	return stopped(ctx, installFile(b, dir, f))
}
