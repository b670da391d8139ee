package hostile

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// soakReport is the part of bench/soak/soak.py's JSON output that the test
// checks.
type soakReport struct {
	Count struct {
		Want int `json:"want"`
		Got  int `json:"got"`
	} `json:"count"`
	Growth struct {
		RSSKiB    int `json:"rss_kib"`
		FDs       int `json:"fds"`
		MaxRSSKiB int `json:"max_rss_kib"`
		MaxFDs    int `json:"max_fds"`
	} `json:"growth"`
	FailedReplies int `json:"failed_replies"`
}

// TestSoakShort runs the soak script with 500 requests in a row and 500
// more from 4 clients at once, and checks that every request ran exactly
// once and that the kernel's and worker's RSS and open descriptors stayed
// within the script's bounds (16 MiB plus 8 KiB per request, and 16
// descriptors of growth).
func TestSoakShort(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the soak run (about a minute) in short mode")
	}
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import jupyter_client").Run(); err != nil {
		t.Skipf("skipping: %s has no jupyter_client: %v", python, err)
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "bench", "soak", "soak.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, script, fastgoBin, "500", "4")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+cmd.Dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report soakReport
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("soak output is not JSON (%v, run error %v):\n%s\nstderr:\n%s", err, runErr, stdout.String(), stderr.String())
	}
	t.Logf("soak report:\n%s", stdout.String())
	if report.FailedReplies != 0 {
		t.Errorf("%d execute replies failed", report.FailedReplies)
	}
	if report.Count.Got != report.Count.Want {
		t.Errorf("counter = %d, want %d: a request was lost or ran twice", report.Count.Got, report.Count.Want)
	}
	if report.Growth.RSSKiB > report.Growth.MaxRSSKiB {
		t.Errorf("RSS grew by %d KiB, over the bound of %d KiB", report.Growth.RSSKiB, report.Growth.MaxRSSKiB)
	}
	if report.Growth.FDs > report.Growth.MaxFDs {
		t.Errorf("open descriptors grew by %d, over the bound of %d", report.Growth.FDs, report.Growth.MaxFDs)
	}
	if runErr != nil {
		t.Errorf("soak script failed: %v\nstderr tail:\n%s", runErr, tail(stderr.String(), 2000))
	}
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// TestPyzmqHostile runs pyzmq_hostile.py, which repeats the bad signature,
// replay, wrong channel, truncation and oversize cases with libzmq, the
// ZeroMQ of Jupyter front ends.
func TestPyzmqHostile(t *testing.T) {
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import zmq, jupyter_client").Run(); err != nil {
		t.Skipf("skipping: %s has no pyzmq or jupyter_client: %v", python, err)
	}
	cmd := exec.Command(python, "pyzmq_hostile.py", fastgoBin)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	t.Logf("pyzmq_hostile.py:\n%s", stdout.String())
	if err != nil {
		t.Errorf("pyzmq_hostile.py failed: %v\nstderr tail:\n%s", err, tail(stderr.String(), 4000))
	}
}
