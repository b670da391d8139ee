package nn

import (
	"math"
	"runtime"
	"testing"
)

// bnInput returns ((0..23)^1.5)/10 in shape [2, 3, 2, 2], the input the
// PyTorch reference values below were computed from.
func bnInput() *Tensor {
	x := Zeros(2, 3, 2, 2)
	for i := range x.Data {
		x.Data[i] = float32(math.Pow(float64(i), 1.5) / 10)
	}
	return x
}

func TestBatchNorm2dMatchesPyTorch(t *testing.T) {
	// Printed by PyTorch 1.13.1: torch.nn.BatchNorm2d(3) in training mode
	// applied once to bnInput(), rounded to 5 decimals.
	const tol = 1e-4
	wantOut := []float32{-1.07526, -1.03389, -0.95826, -0.86031, -1.14907, -1.04528, -0.93051, -0.80574,
		-1.17299, -1.05083, -0.92168, -0.7859, 0.64435, 0.86372, 1.09169, 1.32796, 0.67849, 0.87733,
		1.08211, 1.29265, 0.6937, 0.88343, 1.07774, 1.27652}
	wantMean := []float32{0.259929895, 0.432096213, 0.646128952}
	wantVar := []float32{1.567845106, 1.973061561, 2.364198923}

	bn := NewBatchNorm2d(3)
	out := bn.Forward(bnInput())
	for i, w := range wantOut {
		if math.Abs(float64(out.Data[i]-w)) > tol {
			t.Errorf("output %d = %g, want %g", i, out.Data[i], w)
		}
	}
	for j := range wantMean {
		if math.Abs(float64(bn.RunMean[j]-wantMean[j])) > tol {
			t.Errorf("RunMean[%d] = %g, want %g", j, bn.RunMean[j], wantMean[j])
		}
		if math.Abs(float64(bn.RunVar[j]-wantVar[j])) > tol {
			t.Errorf("RunVar[%d] = %g, want %g", j, bn.RunVar[j], wantVar[j])
		}
	}
}

func TestBatchNorm2dEvalUsesRunningStats(t *testing.T) {
	const tol = 1e-5
	bn := NewBatchNorm2d(2)
	bn.RunMean = []float32{1, -2}
	bn.RunVar = []float32{4, 0.25}
	bn.Gamma.Data = []float32{2, 1}
	bn.Beta.Data = []float32{0.5, 0}
	bn.SetTraining(false)
	out := bn.Forward(New([]float32{3, 1, -2, -1.5}, 1, 2, 2, 1))
	// (3−1)/√(4+1e−5)·2 + 0.5 ≈ 2.5, (1−1)·… + 0.5, (−2+2)/0.5, (−1.5+2)/√(0.25+1e−5).
	want := []float32{2.4999969, 0.5, 0, 0.99998}
	for i, w := range want {
		if math.Abs(float64(out.Data[i]-w)) > tol {
			t.Errorf("output %d = %g, want %g", i, out.Data[i], w)
		}
	}
	if bn.RunMean[0] != 1 {
		t.Errorf("evaluation changed RunMean[0] to %g", bn.RunMean[0])
	}
}

func TestBatchNorm2dGradients(t *testing.T) {
	for _, training := range []bool{true, false} {
		name := "eval"
		if training {
			name = "train"
		}
		t.Run(name, func(t *testing.T) {
			bn := NewBatchNorm2d(3)
			bn.Gamma.Data = []float32{1.5, -0.7, 0.9}
			bn.Beta.Data = []float32{0.1, 0.2, -0.3}
			bn.SetTraining(training)
			x := awayFromZero(5, 2, 3, 3, 2)
			checkGrad(t, func() *Tensor { return bn.Forward(x) }, x, bn.Gamma, bn.Beta)
		})
	}
}

func TestFlattenShape(t *testing.T) {
	out := Flatten{}.Forward(Zeros(64, 2, 1, 1))
	if out.Rank() != 2 || out.Dim(0) != 64 || out.Dim(1) != 2 {
		t.Errorf("Flatten gives shape %v, want [64 2]", out.Shape())
	}
	x := awayFromZero(1, 2, 3, 2, 2)
	checkGrad(t, func() *Tensor { return Flatten{}.Forward(x) }, x)
}

// TestBatchNorm2dParallelMatchesSerial checks that splitting a large batch
// between goroutines gives the same outputs, gradients and running
// statistics as one thread.
func TestBatchNorm2dParallelMatchesSerial(t *testing.T) {
	const tol = 1e-4 // relative; float32 sums over 16 planes of 1,024 values
	run := func(procs int) [][]float32 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		bn := NewBatchNorm2d(4)
		bn.Gamma.Data = []float32{1.5, -0.7, 0.9, 1.1}
		x := Param(awayFromZero(5, 16, 4, 32, 32))
		y := bn.Forward(x)
		Sum(Mul(y, awayFromZero(6, y.Shape()...))).Backward()
		return [][]float32{y.Data, x.Grad, bn.Gamma.Grad, bn.Beta.Grad, bn.RunMean, bn.RunVar}
	}
	serial, par := run(1), run(2)
	names := []string{"output", "input gradient", "gamma gradient", "beta gradient", "running mean", "running variance"}
	for k := range serial {
		for i := range serial[k] {
			if d := math.Abs(float64(par[k][i] - serial[k][i])); d > tol*(1+math.Abs(float64(serial[k][i]))) {
				t.Fatalf("%s %d: 2 threads give %g, 1 thread %g", names[k], i, par[k][i], serial[k][i])
			}
		}
	}
}
