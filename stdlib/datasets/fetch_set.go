package datasets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fastgo/stdlib/cell"
)

// dataset is one data set that can be downloaded: its folder under [Dir],
// its files, and the function that fetches the missing ones.
type dataset struct {
	name   string
	folder string
	files  []file
	fetch  func(ctx context.Context, dir string, missing []file) error
}

// ensure returns the data set's folder, fetching missing files first.
func ensure(ds dataset) (string, error) {
	dir := filepath.Join(Dir(), filepath.FromSlash(ds.folder))
	if len(missingFiles(dir, ds.files)) == 0 {
		return dir, nil
	}

	fetchMu.Lock()
	defer fetchMu.Unlock()
	missing := missingFiles(dir, ds.files)
	if len(missing) == 0 {
		return dir, nil // another goroutine fetched it meanwhile
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("datasets: %s: cannot create %s: %w (set %s to a writable folder)",
			ds.name, dir, err, DataEnv)
	}
	err := ds.fetch(cell.Context(), dir, pick(ds.files, missing))
	if errors.Is(err, cell.ErrInterrupted) {
		return "", fmt.Errorf("datasets: download of %s stopped: %w", ds.name, err)
	}
	if err != nil {
		return "", fmt.Errorf("datasets: %s: %w: %s not in %s, and the download failed: %w. "+
			"To fix it, put the files in %s or set %s to a folder that contains %s/",
			ds.name, ErrMissing, strings.Join(missing, ", "), dir, err, dir, DataEnv, ds.folder)
	}
	return dir, nil
}

// pick returns the files whose names are in names.
func pick(files []file, names []string) []file {
	var out []file
	for _, f := range files {
		for _, n := range names {
			if f.name == n {
				out = append(out, f)
			}
		}
	}
	return out
}

// sourceURL returns the address of path: below $FASTGO_DATA_URL when it is
// set, the official address otherwise.
func sourceURL(path, official string) string {
	if base := baseURL(); base != "" {
		return base + "/" + path
	}
	return official
}
