// Command benchgo times fastgo's tree and forests on the tabular
// benchmarks that bench/tabular/bench_sklearn.py runs for scikit-learn,
// and prints one line per run: model, seed, fit seconds, quality, peak
// RSS in MB.
//
//	go run ./bench/tabular/benchgo MODEL SEED
//
// MODEL is tree, forest or mnist. Run each model in its own process so
// that peak RSS belongs to that model alone. Fit time includes ranking
// the features (tree.NewData), as scikit-learn's includes its input
// checks and float32 conversion.
package main

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"fastgo/bench/tabular/bulldozers"
	"fastgo/stdlib/forest"
	"fastgo/stdlib/tree"
	"gonum.org/v1/gonum/mat"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: benchgo tree|forest|mnist SEED")
		os.Exit(2)
	}
	seed, err := strconv.ParseUint(os.Args[2], 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgo: invalid seed:", err)
		os.Exit(2)
	}
	if err := run(os.Args[1], seed); err != nil {
		fmt.Fprintln(os.Stderr, "benchgo:", err)
		os.Exit(1)
	}
}

func run(model string, seed uint64) error {
	var fit time.Duration
	var quality string
	var err error
	switch model {
	case "tree", "forest":
		fit, quality, err = bulldozerRun(model, seed)
	case "mnist":
		fit, quality, err = mnistRun(seed)
	default:
		return fmt.Errorf("unknown model %q: use tree, forest or mnist", model)
	}
	if err != nil {
		return err
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("fastgo %s seed %d fit %.3f s %s peak %.0f MB\n", model, seed, fit.Seconds(), quality, float64(ru.Maxrss)/1024)
	return nil
}

func rmse(p, y []float64) float64 {
	s := 0.0
	for i := range p {
		d := p[i] - y[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(p)))
}

func bulldozerRun(model string, seed uint64) (time.Duration, string, error) {
	dir, err := bulldozers.Dir()
	if err != nil {
		return 0, "", err
	}
	s, err := bulldozers.Load(dir)
	if err != nil {
		return 0, "", err
	}
	start := time.Now()
	var predict func(*mat.Dense) []float64
	if model == "tree" {
		m := &tree.Regressor{Options: tree.Options{Seed: seed}}
		err = m.Fit(s.TrainX, s.TrainY)
		predict = func(x *mat.Dense) []float64 { return m.Predict(x) }
	} else {
		rf := &forest.Regressor{Options: forest.Options{NTrees: 40, MaxSamples: 0.5, MaxFeatures: 0.5,
			MinSamplesLeaf: 5, Seed: seed, Quiet: true}}
		err = rf.Fit(s.TrainX, s.TrainY)
		predict = func(x *mat.Dense) []float64 { return rf.Predict(x) }
	}
	fit := time.Since(start)
	if err != nil {
		return 0, "", err
	}
	return fit, fmt.Sprintf("valid RMSE %.4f", rmse(predict(s.ValidX), s.ValidY)), nil
}

// readIDX reads a gzipped IDX file and returns its bytes and item count.
func readIDX(path string) ([]byte, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	dims := int(data[3])
	n := int(binary.BigEndian.Uint32(data[4:8]))
	return data[4+4*dims:], n, nil
}

func mnistDir() (string, error) {
	dir, err := bulldozers.Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dir), "mnist"), nil
}

func mnistRun(seed uint64) (time.Duration, string, error) {
	dir, err := mnistDir()
	if err != nil {
		return 0, "", err
	}
	images, n, err := readIDX(filepath.Join(dir, "train-images-idx3-ubyte.gz"))
	if err != nil {
		return 0, "", err
	}
	labelBytes, _, err := readIDX(filepath.Join(dir, "train-labels-idx1-ubyte.gz"))
	if err != nil {
		return 0, "", err
	}
	const pixels = 784
	labels := make([]float64, n)
	for i := range labels {
		labels[i] = float64(labelBytes[i])
	}
	start := time.Now()
	d, err := tree.NewDataFunc(n, pixels, func(i, j int) float64 { return float64(images[i*pixels+j]) })
	if err != nil {
		return 0, "", err
	}
	images = nil
	c := &forest.Classifier{Options: forest.Options{NTrees: 40, Seed: seed, Quiet: true}}
	if err := c.FitData(d, labels); err != nil {
		return 0, "", err
	}
	fit := time.Since(start)
	testImages, tn, err := readIDX(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"))
	if err != nil {
		return 0, "", err
	}
	testLabels, _, err := readIDX(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"))
	if err != nil {
		return 0, "", err
	}
	X := mat.NewDense(tn, pixels, nil)
	for i := 0; i < tn; i++ {
		for j := 0; j < pixels; j++ {
			X.Set(i, j, float64(testImages[i*pixels+j]))
		}
	}
	right := 0
	for i, p := range c.Predict(X) {
		if p == float64(testLabels[i]) {
			right++
		}
	}
	return fit, fmt.Sprintf("accuracy %.4f", float64(right)/float64(tn)), nil
}
