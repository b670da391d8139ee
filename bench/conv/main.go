// Command conv times fastgo's CNN training on MNIST, the nets of fastbook
// chapter 13, and prints one JSON line per epoch. bench/conv/run.sh runs it
// next to the same nets in PyTorch.
//
//	go run ./bench/conv -net simple -epochs 2
//	go run ./bench/conv -net bn -epochs 1
//	go run ./bench/conv -steps -threads 2 -cpuprofile /tmp/bn.prof
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"time"

	"fastgo/stdlib/nn"
	"fastgo/stdlib/vision"
)

func main() {
	net := flag.String("net", "simple", "net to train: simple (3s and 7s, 6,722 parameters), "+
		"plain (full MNIST without batch norm) or bn (full MNIST with batch norm)")
	epochs := flag.Int("epochs", 1, "epochs of one-cycle training")
	lr := flag.Float64("lr", 0, "peak learning rate; 0 means the book's value (0.01 for simple, 0.06 for bn)")
	bs := flag.Int("bs", 64, "batch size")
	threads := flag.Int("threads", 2, "GOMAXPROCS")
	seed := flag.Int64("seed", 42, "seed of the weights and the shuffling")
	profile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	layers := flag.Bool("layers", false, "time each convolution of the bn net on one batch instead of training")
	steps := flag.Bool("steps", false, "time training steps of the bn net on one batch of random images instead of training")
	flag.Parse()
	runtime.GOMAXPROCS(*threads)
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "conv:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}

	if *layers {
		timeLayers(*bs)
		return
	}
	if *steps {
		timeSteps(*bs, *seed)
		return
	}
	if err := run(*net, *epochs, *lr, *bs, *seed); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "conv:", err)
		os.Exit(1)
	}
}

func run(net string, epochs int, lr float64, bs int, seed int64) error {
	var train, valid *vision.Dataset
	var err error
	var model nn.Module
	src := rand.NewSource(seed)
	switch net {
	case "simple":
		train, valid, err = vision.MNISTSample()
		model = simpleCNN(src)
		if lr == 0 {
			lr = 0.01
		}
	case "plain", "bn":
		train, valid, err = vision.MNIST()
		model = mnistCNN(src, net == "bn")
		if lr == 0 {
			lr = 0.06
		}
	default:
		return fmt.Errorf("unknown net %q, expected simple, plain or bn", net)
	}
	if err != nil {
		return err
	}

	dls := vision.DataLoaders(train, valid, bs, seed, net != "simple")
	learn := nn.NewLearner(model, dls, nn.CrossEntropy, nn.Metric{Name: "accuracy", Fn: nn.Accuracy})
	learn.Quiet = true
	learn.WD = 0.01
	if err := learn.FitOneCycle(epochs, lr); err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	for _, h := range learn.History {
		enc.Encode(map[string]any{"impl": "fastgo", "net": net, "threads": runtime.GOMAXPROCS(0), "epoch": h.Epoch,
			"train_loss": h.TrainLoss, "valid_loss": h.ValidLoss, "accuracy": h.Metrics[0], "seconds": h.Time.Seconds()})
	}
	return nil
}

// convBlock is fastbook's conv helper: a stride-2 ks×ks convolution with
// padding ks/2, then ReLU unless act is false, then a batch norm if bn is set.
func convBlock(src rand.Source, ni, nf, ks int, act, bn bool) nn.Module {
	c := nn.NewConv2d(src, ni, nf, ks, 2, ks/2, true)
	if !act {
		if bn {
			return nn.NewSequential(c, nn.NewBatchNorm2d(nf))
		}
		return c
	}
	if bn {
		return nn.NewSequential(c, nn.ReLULayer(), nn.NewBatchNorm2d(nf))
	}
	return nn.NewSequential(c, nn.ReLULayer())
}

func simpleCNN(src rand.Source) nn.Module {
	return nn.NewSequential(
		convBlock(src, 1, 4, 3, true, false),
		convBlock(src, 4, 8, 3, true, false),
		convBlock(src, 8, 16, 3, true, false),
		convBlock(src, 16, 32, 3, true, false),
		convBlock(src, 32, 2, 3, false, false),
		nn.Flatten{},
	)
}

// mnistCNN is the book's full-MNIST net, with batch norm in each block if bn is set.
func mnistCNN(src rand.Source, bn bool) nn.Module {
	return nn.NewSequential(
		convBlock(src, 1, 8, 5, true, bn),
		convBlock(src, 8, 16, 3, true, bn),
		convBlock(src, 16, 32, 3, true, bn),
		convBlock(src, 32, 64, 3, true, bn),
		convBlock(src, 64, 10, 3, false, bn),
		nn.Flatten{},
	)
}

// timeLayers prints the time and GFLOP/s of the forward plus backward pass
// (input, weight and bias gradients) of each convolution of the bn net on
// one batch of bs random images.
func timeLayers(bs int) {
	shapes := []struct{ ni, nf, ks, n int }{{1, 8, 5, 28}, {8, 16, 3, 14}, {16, 32, 3, 7}, {32, 64, 3, 4}, {64, 10, 3, 2}}
	enc := json.NewEncoder(os.Stdout)
	for _, s := range shapes {
		src := rand.NewSource(1)
		x := nn.RandN(src, 1, bs, s.ni, s.n, s.n)
		x.SetRequiresGrad(true)
		c := nn.NewConv2d(src, s.ni, s.nf, s.ks, 2, s.ks/2, true)
		g := nn.ConvGeom{N: bs, C: s.ni, H: s.n, W: s.n, O: s.nf, KH: s.ks, KW: s.ks, Stride: 2, Pad: s.ks / 2}
		flops := 3 * 2 * float64(g.MulAdds())
		reps, start := 0, time.Now()
		for time.Since(start) < time.Second {
			nn.Sum(c.Forward(x)).Backward()
			reps++
		}
		sec := time.Since(start).Seconds() / float64(reps)
		enc.Encode(map[string]any{"impl": "fastgo", "threads": runtime.GOMAXPROCS(0), "layer": fmt.Sprintf("%d->%d %dx%d on %dx%d", s.ni, s.nf, s.ks, s.ks, s.n, s.n),
			"seconds": sec, "gflops": flops / sec / 1e9})
	}
}

// timeSteps prints the median and the shortest time of one training step
// (forward pass, backward pass and Adam update) of the bn net on one batch
// of bs random images, over two seconds of steps.
func timeSteps(bs int, seed int64) {
	// Hold as much memory as the MNIST tensors of a training run, so that
	// the garbage collector runs as rarely as it does there.
	ballast := make([]float32, 70000*28*28)
	defer runtime.KeepAlive(ballast)
	src := rand.NewSource(seed)
	model := mnistCNN(src, true)
	x := nn.RandN(src, 1, bs, 1, 28, 28)
	y := nn.Zeros(bs)
	opt := nn.NewAdam(model.Parameters(), 1e-3, 0.01)
	var times []float64
	for start := time.Now(); time.Since(start) < 2*time.Second; {
		t0 := time.Now()
		nn.CrossEntropy(model.Forward(x), y).Backward()
		opt.Step()
		times = append(times, time.Since(t0).Seconds())
	}
	sort.Float64s(times)
	json.NewEncoder(os.Stdout).Encode(map[string]any{"impl": "fastgo", "threads": runtime.GOMAXPROCS(0),
		"step_seconds": times[len(times)/2], "min_step_seconds": times[0], "steps": len(times)})
}
