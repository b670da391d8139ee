package install

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// UserDataDir returns the user's Jupyter data folder, the way jupyter_core
// 5 finds it: $JUPYTER_DATA_DIR when set, ~/Library/Jupyter on macOS,
// %APPDATA%\jupyter on Windows, and $XDG_DATA_HOME/jupyter (by default
// ~/.local/share/jupyter) elsewhere.
func UserDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("install: cannot find the Jupyter data folder: %w (set JUPYTER_DATA_DIR)", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if appData := os.Getenv("APPDATA"); appData != "" {
			return filepath.Join(appData, "jupyter"), nil
		}
		return filepath.Join(home, ".jupyter", "data"), nil
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// KernelsDir returns the folder that contains kernelspecs: "kernels" in the
// user's Jupyter data folder when prefix is "", otherwise
// prefix/share/jupyter/kernels, where Jupyter looks for the kernels of a
// Python environment whose sys.prefix is prefix.
func KernelsDir(prefix string) (string, error) {
	if prefix == "" {
		data, err := UserDataDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(data, "kernels"), nil
	}
	abs, err := filepath.Abs(prefix)
	if err != nil {
		return "", fmt.Errorf("install: invalid prefix %q: %w", prefix, err)
	}
	return filepath.Join(abs, "share", "jupyter", "kernels"), nil
}

// printPrefix is the Python program that prints sys.prefix.
const printPrefix = "import sys; print(sys.prefix)"

// SysPrefix returns sys.prefix of the Python that runs Jupyter, and that
// Python's path. It takes the interpreter from the "#!" line of the
// jupyter command found on $PATH, or else uses the python3 found on $PATH.
func SysPrefix() (prefix, python string, err error) {
	python, err = jupyterPython()
	if err != nil {
		python, err = exec.LookPath("python3")
	}
	if err != nil {
		return "", "", errors.New("install: --sys-prefix found neither jupyter nor python3 on PATH. " +
			"Use --prefix DIR with the sys.prefix of the Python that runs Jupyter")
	}
	out, err := exec.Command(python, "-c", printPrefix).Output()
	if err != nil {
		return "", python, fmt.Errorf("install: running %s to get sys.prefix failed: %w", python, err)
	}
	prefix = strings.TrimSpace(string(out))
	if prefix == "" {
		return "", python, fmt.Errorf("install: %s printed an empty sys.prefix", python)
	}
	return prefix, python, nil
}

// jupyterPython returns the interpreter named in the "#!" line of the
// jupyter command on $PATH.
func jupyterPython() (string, error) {
	jupyter, err := exec.LookPath("jupyter")
	if err != nil {
		return "", err
	}
	f, err := os.Open(jupyter)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 256)
	n, _ := f.Read(head)
	line, _, _ := strings.Cut(string(head[:n]), "\n")
	interp, ok := strings.CutPrefix(line, "#!")
	fields := strings.Fields(interp)
	if !ok || len(fields) == 0 {
		return "", fmt.Errorf("%s has no #! line", jupyter)
	}
	if filepath.Base(fields[0]) == "env" && len(fields) > 1 {
		return exec.LookPath(fields[1]) // #!/usr/bin/env python3
	}
	return fields[0], nil
}
