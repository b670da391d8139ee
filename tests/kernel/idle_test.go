package kerneltests

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"fastgo/kernel"
)

// executableResidentKiB returns the resident KiB of the read-only
// mappings of binary in process pid, read from /proc/PID/smaps.
func executableResidentKiB(t *testing.T, pid int, binary string) int {
	t.Helper()
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "smaps"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, counting := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			counting = len(fields) >= 6 && fields[5] == binary && fields[1][1] != 'w'
			continue
		}
		if counting && len(fields) >= 2 && fields[0] == "Rss:" {
			kib, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatalf("smaps of %d: invalid Rss line %q", pid, sc.Text())
			}
			total += kib
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

// TestIdleReleasesExecutablePages checks that the kernel and its worker
// unmap the binary's read-only pages once they have been idle for a
// while, and that the next cell still runs with its state.
func TestIdleReleasesExecutablePages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the idle release of executable pages is Linux-only")
	}
	bin := fastgoBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := kernel.StartClient(ctx, []string{bin, "kernel", "{connection_file}"}, kernel.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	// The worker is busy for the whole cell and the kernel waits on it,
	// so neither process releases anything while the cell runs.
	busy := make(chan map[int]int, 1)
	go func() {
		time.Sleep(700 * time.Millisecond)
		sizes := map[int]int{}
		for _, pid := range append([]int{c.Pid()}, descendants(c.Pid())...) {
			sizes[pid] = executableResidentKiB(t, pid, bin)
		}
		busy <- sizes
	}()
	ex, err := c.Execute(ctx, "import \"time\"\nx := 41\ntime.Sleep(1500 * time.Millisecond)", kernel.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != "ok" {
		t.Fatalf("first cell status %q, error %+v", ex.Status, ex.Error)
	}
	during := <-busy
	if len(during) != 2 {
		t.Fatalf("found %d processes (kernel and children), want the kernel and one worker: %v", len(during), during)
	}

	time.Sleep(1500 * time.Millisecond)
	for pid, before := range during {
		after := executableResidentKiB(t, pid, bin)
		t.Logf("process %d: %d KiB of the binary resident while busy, %d KiB when idle", pid, before, after)
		if after*2 > before {
			t.Errorf("process %d keeps %d KiB of the binary resident when idle, want at most half of the %d KiB while busy", pid, after, before)
		}
	}

	ex, err = c.Execute(ctx, "x + 1", kernel.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != "ok" {
		t.Fatalf("cell after the idle release: status %q, error %+v", ex.Status, ex.Error)
	}
	if len(ex.Outputs) != 1 || ex.Outputs[0].Data["text/plain"] != "42" {
		t.Errorf("cell after the idle release: outputs %+v, want one result 42", ex.Outputs)
	}
}
