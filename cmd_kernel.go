package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fastgo/interp"
	"fastgo/kernel"
)

// runKernel is the "fastgo kernel" subcommand: it serves one kernel on
// the sockets of the connection file until a shutdown_request, SIGTERM,
// or the death of the parent process (Jupyter or "fastgo run").
func runKernel(args []string) error {
	if len(args) != 1 {
		return errors.New("expected one argument, the connection file: fastgo kernel CONNECTION_FILE")
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: kernelLogLevel()}))
	info, err := kernel.ReadConnectionFile(args[0])
	if err != nil {
		return err
	}
	eval, err := newEvaluator(logger)
	if err != nil {
		return err
	}
	k, err := kernel.New(info, eval, kernel.Options{Logger: logger, Version: version})
	if err != nil {
		eval.Close()
		return err
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	go func() {
		for sig := range signals {
			if sig == os.Interrupt {
				k.Interrupt()
				continue
			}
			logger.Info("stopping on signal", "signal", sig.String())
			cancel()
		}
	}()
	go watchParent(ctx, cancel, logger)
	return k.Run(ctx)
}

// kernelLogLevel returns Debug when FASTGO_KERNEL_DEBUG is set, which
// logs every message on the wire, and Info otherwise.
func kernelLogLevel() slog.Level {
	if os.Getenv("FASTGO_KERNEL_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// watchParent stops the kernel when its parent process exits (the kernel
// is then re-parented, so its parent pid changes), so a crashed front end
// leaves no kernel behind.
func watchParent(ctx context.Context, stop context.CancelFunc, logger *slog.Logger) {
	parent := os.Getppid()
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if now := os.Getppid(); now != parent {
				logger.Warn("parent process exited; stopping", "parent_pid", parent)
				stop()
				return
			}
		}
	}
}

// newEvaluator returns the evaluator that runs cells: a supervisor of a
// "fastgo worker" process, restarted when a cell crashes it.
func newEvaluator(logger *slog.Logger) (kernel.Evaluator, error) {
	return interp.NewSupervisor(interp.SupervisorOptions{Logger: logger})
}
