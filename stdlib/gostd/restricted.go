package gostd

import (
	"io"
	"log"
	"os"
)

// "yaegi extract" routes a few symbols of os and log through helpers with
// the names below, so that its own tables can make them safe for an
// embedding host. fastgo runs cells in a worker process that the kernel
// restarts, so the helpers keep the standard behavior: os.Exit ends the
// worker, and the kernel reports it.

// logLogger is the type cells see as log.Logger.
type logLogger = log.Logger

func osExit(code int)                            { os.Exit(code) }
func osFindProcess(pid int) (*os.Process, error) { return os.FindProcess(pid) }
func logFatal(v ...any)                          { log.Fatal(v...) }
func logFatalf(format string, v ...any)          { log.Fatalf(format, v...) }
func logFatalln(v ...any)                        { log.Fatalln(v...) }

func logNew(out io.Writer, prefix string, flag int) *log.Logger {
	return log.New(out, prefix, flag)
}
