package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
)

// DefaultName is the kernelspec folder name that Jupyter shows as the
// kernel's name, as in "jupyter console --kernel fastgo".
const DefaultName = "fastgo"

// Options configures [Install] and [Uninstall].
type Options struct {
	// Name is the kernelspec folder name. It defaults to [DefaultName].
	Name string

	// DisplayName replaces the template's display_name when not empty.
	DisplayName string

	// Prefix selects prefix/share/jupyter/kernels as the destination. The
	// user's Jupyter data folder is used when it is empty.
	Prefix string

	// Executable is the absolute path of the fastgo binary that Jupyter
	// starts. It is required by Install.
	Executable string

	// Template is the kernel.json template. Its first argv entry is
	// replaced by Executable. It is required by Install.
	Template []byte
}

// kernelNamePattern is the kernel name syntax that jupyter_client accepts.
var kernelNamePattern = regexp.MustCompile(`^[a-zA-Z0-9._-]+$`)

// specFiles are the files Install writes in a kernelspec folder and
// Uninstall removes.
var specFiles = []string{"kernel.json", "logo-32x32.png", "logo-64x64.png"}

// specDir returns the kernelspec folder that opts select.
func specDir(opts Options) (string, error) {
	name := opts.Name
	if name == "" {
		name = DefaultName
	}
	if !kernelNamePattern.MatchString(name) {
		return "", fmt.Errorf("install: invalid kernel name %q: use only letters, digits, '.', '_' and '-'", name)
	}
	kernels, err := KernelsDir(opts.Prefix)
	if err != nil {
		return "", err
	}
	return filepath.Join(kernels, name), nil
}

// Install writes the kernelspec folder, with kernel.json and the two
// logos, and returns its path. Each file is written to a temporary file
// and renamed, so Jupyter never reads a partial kernel.json. An existing
// kernelspec of the same name is replaced.
func Install(opts Options) (string, error) {
	dir, err := specDir(opts)
	if err != nil {
		return "", err
	}
	spec, err := kernelJSON(opts)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("install: cannot create %s: %w%s", dir, err, permissionHint(err))
	}

	files := map[string][]byte{"kernel.json": spec}
	for _, size := range []int{32, 64} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, Logo(size)); err != nil {
			return "", fmt.Errorf("install: encoding the %dx%d logo failed: %w", size, size, err)
		}
		files[fmt.Sprintf("logo-%dx%d.png", size, size)] = buf.Bytes()
	}
	for _, name := range specFiles {
		if err := writeFileAtomic(filepath.Join(dir, name), files[name]); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// kernelJSON returns the template with opts' executable and display name.
func kernelJSON(opts Options) ([]byte, error) {
	if !filepath.IsAbs(opts.Executable) {
		return nil, fmt.Errorf("install: executable path %q is not absolute", opts.Executable)
	}
	var spec map[string]any
	if err := json.Unmarshal(opts.Template, &spec); err != nil {
		return nil, fmt.Errorf("install: invalid kernel.json template: %w", err)
	}
	argv, ok := spec["argv"].([]any)
	if !ok || len(argv) == 0 {
		return nil, errors.New(`install: kernel.json template has no "argv" list`)
	}
	argv[0] = opts.Executable
	if opts.DisplayName != "" {
		spec["display_name"] = opts.DisplayName
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("install: encoding kernel.json failed: %w", err)
	}
	return append(b, '\n'), nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it to path, with mode 0644.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("install: cannot write to %s: %w%s", dir, err, permissionHint(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("install: writing %s failed: %w", path, err)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Uninstall removes the kernelspec folder that opts select and returns its
// path. It removes only the files that [Install] writes, and fails
// without removing the folder when other files remain in it.
func Uninstall(opts Options) (string, error) {
	dir, err := specDir(opts)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		return "", fmt.Errorf("install: no kernelspec to remove at %s: %w "+
			"(run \"jupyter kernelspec list\" to see where kernels are installed, "+
			"then pass --name, --prefix or --sys-prefix)", dir, err)
	}
	for _, name := range specFiles {
		err := os.Remove(filepath.Join(dir, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("install: cannot remove %s: %w%s", filepath.Join(dir, name), err, permissionHint(err))
		}
	}
	if err := os.Remove(dir); err != nil {
		return "", fmt.Errorf("install: removed fastgo's files but not the folder %s, "+
			"which contains other files: %w (delete them by hand)", dir, err)
	}
	return dir, nil
}

// permissionHint returns advice for an error caused by missing write
// permission, and "" for other errors.
func permissionHint(err error) string {
	if errors.Is(err, os.ErrPermission) {
		return " (install for the current user with --user, or choose a writable folder with --prefix DIR)"
	}
	return ""
}
