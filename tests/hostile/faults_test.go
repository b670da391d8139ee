package hostile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fastgo/kernel"
)

// workerPid returns the pid of the kernel's "fastgo worker" child, waiting
// for it to start.
func (k *testKernel) workerPid(t *testing.T) int {
	t.Helper()
	deadline := time.Now().Add(replyTimeout)
	for time.Now().Before(deadline) {
		for _, pid := range children(k.client.Pid()) {
			cmdline, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
			if bytes.Contains(cmdline, []byte("worker")) && alive(pid) {
				return pid
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("kernel pid %d has no fastgo worker child after %s", k.client.Pid(), replyTimeout)
	return 0
}

// cellOutcome is what Client.Execute returned for a background cell.
type cellOutcome struct {
	ex  *kernel.Execution
	err error
}

// startCell runs code in the background and returns a channel that
// receives its outcome. It waits until the cell has printed "started", so
// the caller knows the cell is running.
func (k *testKernel) startCell(t *testing.T, code string) <-chan cellOutcome {
	t.Helper()
	started := make(chan struct{})
	done := make(chan cellOutcome, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*replyTimeout)
		defer cancel()
		var once bool
		ex, err := k.client.Execute(ctx, code, kernel.ExecuteOptions{OnOutput: func(o kernel.Output) {
			if !once && strings.Contains(o.Text, "started") {
				once = true
				close(started)
			}
		}})
		done <- cellOutcome{ex, err}
	}()
	select {
	case <-started:
	case out := <-done:
		t.Fatalf("cell %q ended before it printed started: %+v, %v", code, out.ex, out.err)
	case <-time.After(replyTimeout):
		t.Fatalf("cell %q did not print started within %s", code, replyTimeout)
	}
	return done
}

// waitExecution waits for a background cell's outcome and fails the test
// unless the kernel replied.
func waitExecution(t *testing.T, done <-chan cellOutcome) *kernel.Execution {
	t.Helper()
	select {
	case out := <-done:
		if out.err != nil {
			t.Fatalf("background cell: %v", out.err)
		}
		return out.ex
	case <-time.After(2 * replyTimeout):
		t.Fatalf("background cell did not end within %s", 2*replyTimeout)
	}
	return nil
}

// waitGone fails the test unless pid has exited and been reaped.
func waitGone(t *testing.T, what string, pid int) {
	t.Helper()
	deadline := time.Now().Add(replyTimeout)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join("/proc", strconv.Itoa(pid))); os.IsNotExist(err) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	state := "running"
	if !alive(pid) {
		state = "a zombie (not reaped)"
	}
	t.Errorf("%s pid %d is still %s after %s", what, pid, state, replyTimeout)
}

const sleepCell = "import (\n\t\"fmt\"\n\t\"time\"\n)\nfmt.Println(\"started\")\ntime.Sleep(time.Hour)"

// TestWorkerKilled kills the worker process during a cell and checks that
// the cell's error reports the kill and that the next cell runs in a new
// worker.
func TestWorkerKilled(t *testing.T) {
	k := startKernel(t)
	k.execute(t, "before := 41\nbefore + 1", "42")
	old := k.workerPid(t)
	done := k.startCell(t, sleepCell)
	if err := syscall.Kill(old, syscall.SIGKILL); err != nil {
		t.Fatalf("kill worker %d: %v", old, err)
	}
	ex := waitExecution(t, done)
	if ex.Error == nil {
		t.Fatalf("cell status %q with no error after its worker was killed", ex.Status)
	}
	if ex.Error.Name != "WorkerDied" {
		t.Errorf("error name = %q, want WorkerDied", ex.Error.Name)
	}
	if !strings.Contains(ex.Error.Value, "killed") {
		t.Errorf("error value %q does not say the worker was killed", ex.Error.Value)
	}
	waitGone(t, "killed worker", old)
	k.execute(t, "2 * 21", "42")
	if now := k.workerPid(t); now == old {
		t.Errorf("worker pid is still %d after the kill", now)
	}
	k.log.waitLog(t, "worker died", "pid="+strconv.Itoa(old))
}

// TestInterruptCompiledCall interrupts a cell blocked in a compiled call
// that never checks for interrupts, and checks that the kernel reports it
// and serves the next cell, restarting the worker if it had to.
func TestInterruptCompiledCall(t *testing.T) {
	k := startKernel(t)
	old := k.workerPid(t)
	done := k.startCell(t, sleepCell)
	ctx, cancel := context.WithTimeout(context.Background(), replyTimeout)
	defer cancel()
	if err := k.client.Interrupt(ctx); err != nil {
		t.Fatalf("interrupt: %v", err)
	}
	ex := waitExecution(t, done)
	if ex.Error == nil {
		t.Fatalf("interrupted cell status %q with no error", ex.Status)
	}
	if ex.Error.Name != "Interrupted" {
		t.Errorf("error name = %q, want Interrupted", ex.Error.Name)
	}
	if !strings.Contains(ex.Error.Value, "restarted") {
		t.Errorf("error value %q does not say the worker was restarted", ex.Error.Value)
	}
	waitGone(t, "stuck worker", old)
	k.execute(t, "3 * 14", "42")
}

// TestShutdownMidCell sends shutdown_request while a cell runs and checks
// that the kernel exits cleanly and leaves no worker behind.
func TestShutdownMidCell(t *testing.T) {
	k := startKernel(t)
	worker := k.workerPid(t)
	kernelPid := k.client.Pid()
	done := k.startCell(t, sleepCell)
	ctx, cancel := context.WithTimeout(context.Background(), replyTimeout)
	defer cancel()
	if err := k.client.Shutdown(ctx, false); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	select {
	case <-k.client.Exited():
	case <-time.After(replyTimeout):
		t.Fatalf("kernel still running %s after shutdown_request", replyTimeout)
	}
	if err := k.client.ExitError(); err != nil {
		t.Errorf("kernel exit: %v, want status 0", err)
	}
	waitGone(t, "worker", worker)
	if pids := children(kernelPid); len(pids) > 0 {
		t.Errorf("processes %v still have the exited kernel as parent", pids)
	}
	k.log.waitLog(t, "kernel stopped")
	select {
	case <-done:
	case <-time.After(replyTimeout):
		t.Errorf("the running cell's Execute did not return after the kernel exited")
	}
}

// TestKernelKilledLeavesNoWorker kills the kernel process with SIGKILL, as
// the out-of-memory killer would, while a cell runs, and checks that its
// worker exits too.
func TestKernelKilledLeavesNoWorker(t *testing.T) {
	k := startKernel(t)
	worker := k.workerPid(t)
	done := k.startCell(t, sleepCell)
	if err := k.client.Kill(); err != nil {
		t.Fatalf("kill kernel: %v", err)
	}
	select {
	case <-k.client.Exited():
	case <-time.After(replyTimeout):
		t.Fatalf("kernel still running %s after SIGKILL", replyTimeout)
	}
	waitGone(t, "worker of the killed kernel", worker)
	select {
	case out := <-done:
		if !errors.Is(out.err, kernel.ErrKernelDied) {
			t.Errorf("Execute error = %v, want ErrKernelDied", out.err)
		}
	case <-time.After(replyTimeout):
		t.Errorf("the running cell's Execute did not return after the kernel died")
	}
}
