package datasets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Environment variables that configure where data sets are kept and
// fetched from.
const (
	// DataEnv names the variable that sets the cache folder returned by
	// [Dir].
	DataEnv = "FASTGO_DATA"

	// URLEnv names the variable that replaces every official download
	// address with one base URL. A data set's files are then fetched from
	// the same relative paths as in the cache folder, with MovieLens as one
	// zip: BASE/mnist/train-images-idx3-ubyte.gz and
	// BASE/movielens/ml-100k.zip.
	URLEnv = "FASTGO_DATA_URL"
)

// ErrMissing is wrapped by the errors of [MNIST], [MovieLens100k] and
// [Bulldozers] when a data set is not in the cache folder and cannot be
// fetched.
var ErrMissing = errors.New("data set missing")

// fetchMu serializes fetches so that two goroutines asking for the same
// data set download it once. Separate processes stay safe without it,
// because each writes its own temporary files and renames them.
var fetchMu sync.Mutex

// Dir returns the cache folder: $FASTGO_DATA when it is set, otherwise
// "fastgo/data" under [os.UserCacheDir] (~/.cache/fastgo/data on Linux).
// The folder has one subfolder per data set: bulldozers, movielens/ml-100k
// and mnist.
func Dir() string {
	if d := os.Getenv(DataEnv); d != "" {
		return d
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		// NOTE: UserCacheDir fails only when neither $XDG_CACHE_HOME nor
		// $HOME is set. The temporary folder is then the only writable
		// default, and a reboot may clear it.
		cache = os.TempDir()
	}
	return filepath.Join(cache, "fastgo", "data")
}

// file is one file of a data set, with the size and SHA-256 of the
// official copy.
type file struct {
	name   string
	size   int64
	sha256 string
}

// missingFiles returns the names of the files that are not in dir.
func missingFiles(dir string, files []file) []string {
	var missing []string
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f.name)); err != nil {
			missing = append(missing, f.name)
		}
	}
	return missing
}

// baseURL returns $FASTGO_DATA_URL without a trailing slash, or "" when
// it is not set.
func baseURL() string {
	return strings.TrimRight(os.Getenv(URLEnv), "/")
}
