package datasets

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fastgo/stdlib/cell"
)

// sharedData returns the team's copy of the data sets: ../shared/data
// beside the module root, or $FASTGO_DATA.
func sharedData(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
	}
	candidates := []string{filepath.Join(dir, "..", "shared", "data"), os.Getenv(DataEnv)}
	for _, c := range candidates {
		if _, err := os.Stat(filepath.Join(c, "mnist")); c != "" && err == nil {
			return c
		}
	}
	t.Fatalf("no shared data in %q: set %s to a folder with mnist/, movielens/ and bulldozers/",
		candidates, DataEnv)
	return ""
}

// corruptFunc changes the bytes the server sends for a file, named by its
// path in the cache layout such as "mnist/t10k-labels-idx1-ubyte.gz".
type corruptFunc func(path string, b []byte) []byte

// newDataServer serves the files of shared in the layout that URLEnv
// describes, on 127.0.0.1, with MovieLens zipped on the fly. It returns
// the server and a counter of the requests it received.
func newDataServer(t *testing.T, shared string, corrupt corruptFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		path := strings.TrimPrefix(r.URL.Path, "/")
		var b []byte
		var err error
		if path == "movielens/ml-100k.zip" {
			b, err = zipMovieLens(filepath.Join(shared, "movielens", "ml-100k"), corrupt)
		} else {
			b, err = os.ReadFile(filepath.Join(shared, filepath.FromSlash(path)))
			if err == nil && corrupt != nil {
				b = corrupt(path, b)
			}
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &requests
}

// zipMovieLens builds a zip with every file of dir under "ml-100k/", as in
// the GroupLens zip.
func zipMovieLens(dir string, corrupt corruptFunc) ([]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if corrupt != nil {
			b = corrupt("movielens/ml-100k/"+e.Name(), b)
		}
		w, err := zw.Create("ml-100k/" + e.Name())
		if err != nil {
			return nil, err
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// closedURL returns the address of a 127.0.0.1 server that has stopped,
// so connecting to it is refused.
func closedURL() string {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	return srv.URL
}

// fileSHA256 returns the hex SHA-256 of the file at path.
func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// leftovers returns the names of temporary files left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestDirFromEnvironment(t *testing.T) {
	tests := []struct {
		name, data, xdgCache, want string
	}{
		{"FASTGO_DATA set", "/srv/fastgo-data", "/cache", "/srv/fastgo-data"},
		{"user cache folder", "", "/cache", "/cache/fastgo/data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(DataEnv, tt.data)
			t.Setenv("XDG_CACHE_HOME", tt.xdgCache)
			if got := Dir(); got != tt.want {
				t.Errorf("Dir() = %q, want %q", got, tt.want)
			}
		})
	}
}

// sets lists the data sets with their public functions and folders.
var sets = []struct {
	name   string
	get    func() (string, error)
	folder string
	files  []file
}{
	{"MNIST", MNIST, "mnist", mnistFiles},
	{"MovieLens100k", MovieLens100k, "movielens/ml-100k", movieLensFiles},
	{"Bulldozers", Bulldozers, "bulldozers", nil},
}

func TestFindSharedDataOffline(t *testing.T) {
	shared := sharedData(t)
	t.Setenv(DataEnv, shared)
	t.Setenv(URLEnv, closedURL())
	for _, tt := range sets {
		t.Run(tt.name, func(t *testing.T) {
			dir, err := tt.get()
			if err != nil {
				t.Fatalf("%s() error: %v", tt.name, err)
			}
			if want := filepath.Join(shared, tt.folder); dir != want {
				t.Errorf("%s() = %q, want %q", tt.name, dir, want)
			}
		})
	}
}

func TestDownloadFromLocalServer(t *testing.T) {
	shared := sharedData(t)
	for _, tt := range sets[:2] {
		t.Run(tt.name, func(t *testing.T) {
			srv, requests := newDataServer(t, shared, nil)
			cache := t.TempDir()
			t.Setenv(DataEnv, cache)
			t.Setenv(URLEnv, srv.URL)

			dir, err := tt.get()
			if err != nil {
				t.Fatalf("%s() error: %v", tt.name, err)
			}
			if want := filepath.Join(cache, tt.folder); dir != want {
				t.Errorf("%s() = %q, want %q", tt.name, dir, want)
			}
			// The expected sums are the sha256 table of the shared data,
			// copied into mnistFiles and movieLensFiles.
			for _, f := range tt.files {
				if got := fileSHA256(t, filepath.Join(dir, f.name)); got != f.sha256 {
					t.Errorf("%s: sha256 %s, want %s", f.name, got, f.sha256)
				}
			}
			if names := leftovers(t, dir); len(names) > 0 {
				t.Errorf("temporary files left in %s: %v", dir, names)
			}

			before := requests.Load()
			if _, err := tt.get(); err != nil {
				t.Fatalf("second %s() error: %v", tt.name, err)
			}
			if n := requests.Load() - before; n != 0 {
				t.Errorf("second %s() sent %d requests, want 0", tt.name, n)
			}
		})
	}
}

// flipLastByte returns a corruptFunc that changes the last byte of the
// file at target.
func flipLastByte(target string) corruptFunc {
	return func(path string, b []byte) []byte {
		if path != target {
			return b
		}
		b = bytes.Clone(b)
		b[len(b)-1] ^= 0xff
		return b
	}
}

func TestDownloadRejectsWrongChecksum(t *testing.T) {
	shared := sharedData(t)
	tests := []struct {
		name string
		get  func() (string, error)
		path string // file corrupted by the server, in the cache layout
	}{
		{"MNIST labels", MNIST, "mnist/t10k-labels-idx1-ubyte.gz"},
		{"MovieLens u.item in zip", MovieLens100k, "movielens/ml-100k/u.item"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newDataServer(t, shared, flipLastByte(tt.path))
			cache := t.TempDir()
			t.Setenv(DataEnv, cache)
			t.Setenv(URLEnv, srv.URL)

			_, err := tt.get()
			if !errors.Is(err, errChecksum) {
				t.Fatalf("error = %v, want one wrapping %v", err, errChecksum)
			}
			if !errors.Is(err, ErrMissing) {
				t.Errorf("error = %v, want one wrapping ErrMissing", err)
			}
			bad := filepath.Join(cache, filepath.FromSlash(tt.path))
			if _, err := os.Stat(bad); !os.IsNotExist(err) {
				t.Errorf("%s exists after a rejected download (stat error %v)", bad, err)
			}
			dir := filepath.Dir(bad)
			if names := leftovers(t, dir); len(names) > 0 {
				t.Errorf("temporary files left in %s: %v", dir, names)
			}
		})
	}
}

func TestMissingWithoutServer(t *testing.T) {
	tests := []struct {
		name   string
		get    func() (string, error)
		folder string
		want   []string // substrings the error must contain
	}{
		{"MNIST", MNIST, "mnist", []string{
			"train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "connection refused", DataEnv}},
		{"MovieLens100k", MovieLens100k, "movielens/ml-100k", []string{
			"u.data", "u.item", "ml-100k.zip", "connection refused", DataEnv}},
		{"Bulldozers", Bulldozers, "bulldozers", []string{
			"train_tmp_subset14180.csv", "Valid.csv", "ValidSolution.csv", "Test.csv",
			kaggleBulldozersURL, "code08-ind/Bulldozer-Price-Prediction-Project", DataEnv}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := t.TempDir()
			t.Setenv(DataEnv, cache)
			t.Setenv(URLEnv, closedURL())

			dir, err := tt.get()
			if !errors.Is(err, ErrMissing) {
				t.Fatalf("%s() = %q, %v, want an error wrapping ErrMissing", tt.name, dir, err)
			}
			msg := err.Error()
			t.Log(msg)
			want := append([]string{filepath.Join(cache, tt.folder)}, tt.want...)
			for _, s := range want {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not contain %q", msg, s)
				}
			}
		})
	}
}

func TestDownloadHTTPError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	t.Setenv(DataEnv, t.TempDir())
	t.Setenv(URLEnv, srv.URL)

	_, err := MNIST()
	if err == nil || !strings.Contains(err.Error(), "404 Not Found") {
		t.Errorf("MNIST() error = %v, want one with the status 404 Not Found", err)
	}
}

func TestDownloadStopsOnInterrupt(t *testing.T) {
	// The server sends half a file and then waits, so the download can
	// only end by the interrupt.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write(make([]byte, 500))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	cache := t.TempDir()
	t.Setenv(DataEnv, cache)
	t.Setenv(URLEnv, srv.URL)

	_, cancel := cell.Begin()
	defer cell.Begin() // leave an uninterrupted cell for the other tests
	timer := time.AfterFunc(200*time.Millisecond, cancel)
	defer timer.Stop()

	_, err := MNIST()
	if !errors.Is(err, cell.ErrInterrupted) {
		t.Fatalf("MNIST() error = %v, want one wrapping cell.ErrInterrupted", err)
	}
	dir := filepath.Join(cache, "mnist")
	if names := leftovers(t, dir); len(names) > 0 {
		t.Errorf("temporary files left in %s: %v", dir, names)
	}
}
