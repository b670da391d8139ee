package nn

import (
	"fmt"
	"math"
)

// BatchNorm1d normalises each column of a [n, features] batch to zero
// mean and unit variance, then scales by Gamma and shifts by Beta (Ioffe
// and Szegedy 2015). In training mode it uses the batch statistics and
// updates the running ones; in evaluation mode it uses the running ones.
type BatchNorm1d struct {
	Gamma, Beta     *Tensor
	RunMean, RunVar []float32
	Momentum, Eps   float32
	training        bool
}

// NewBatchNorm1d returns a BatchNorm1d for the given number of features,
// with PyTorch's defaults: momentum 0.1, eps 1e-5, Gamma 1, Beta 0.
func NewBatchNorm1d(features int) *BatchNorm1d {
	bn := &BatchNorm1d{
		Gamma:    Param(Full(1, features)),
		Beta:     Param(Zeros(features)),
		RunMean:  make([]float32, features),
		RunVar:   make([]float32, features),
		Momentum: 0.1,
		Eps:      1e-5,
		training: true,
	}
	for i := range bn.RunVar {
		bn.RunVar[i] = 1
	}
	return bn
}

// Parameters returns Gamma and Beta.
func (bn *BatchNorm1d) Parameters() []*Tensor { return []*Tensor{bn.Gamma, bn.Beta} }

// SetTraining chooses batch statistics (training) or running ones.
func (bn *BatchNorm1d) SetTraining(training bool) { bn.training = training }

// Forward normalises x of shape [n, features].
func (bn *BatchNorm1d) Forward(x *Tensor) *Tensor {
	c := len(bn.RunMean)
	if x.Rank() != 2 || x.shape[1] != c {
		panic(fmt.Sprintf("nn: BatchNorm1d: input shape %v does not have %d features", x.shape, c))
	}
	n := x.shape[0]
	mean, invStd := make([]float32, c), make([]float32, c)
	if bn.training {
		bn.batchStats(x, mean, invStd)
	} else {
		for j := range mean {
			mean[j] = bn.RunMean[j]
			invStd[j] = float32(1 / math.Sqrt(float64(bn.RunVar[j]+bn.Eps)))
		}
	}
	xhat := make([]float32, n*c)
	out := Zeros(n, c)
	for i := 0; i < n; i++ {
		for j := 0; j < c; j++ {
			h := (x.Data[i*c+j] - mean[j]) * invStd[j]
			xhat[i*c+j] = h
			out.Data[i*c+j] = h*bn.Gamma.Data[j] + bn.Beta.Data[j]
		}
	}
	training := bn.training
	return Record(out, func() { bn.backward(x, out, xhat, invStd, training) }, x, bn.Gamma, bn.Beta)
}

// batchStats fills mean and invStd from the batch and updates the running
// statistics, the running variance being the unbiased one as in PyTorch.
func (bn *BatchNorm1d) batchStats(x *Tensor, mean, invStd []float32) {
	n, c := x.shape[0], x.shape[1]
	for j := 0; j < c; j++ {
		var s, ss float64
		for i := 0; i < n; i++ {
			v := float64(x.Data[i*c+j])
			s += v
			ss += v * v
		}
		m := s / float64(n)
		v := math.Max(ss/float64(n)-m*m, 0)
		mean[j] = float32(m)
		invStd[j] = float32(1 / math.Sqrt(v+float64(bn.Eps)))
		unbiased := v
		if n > 1 {
			unbiased = v * float64(n) / float64(n-1)
		}
		bn.RunMean[j] = (1-bn.Momentum)*bn.RunMean[j] + bn.Momentum*float32(m)
		bn.RunVar[j] = (1-bn.Momentum)*bn.RunVar[j] + bn.Momentum*float32(unbiased)
	}
}

func (bn *BatchNorm1d) backward(x, out *Tensor, xhat, invStd []float32, training bool) {
	n, c := x.shape[0], x.shape[1]
	dy := out.Grad
	sumDy, sumDyH := make([]float32, c), make([]float32, c)
	for i := 0; i < n; i++ {
		for j := 0; j < c; j++ {
			sumDy[j] += dy[i*c+j]
			sumDyH[j] += dy[i*c+j] * xhat[i*c+j]
		}
	}
	if bn.Gamma.requiresGrad {
		addInto(bn.Gamma.GradBuf(), sumDyH)
	}
	if bn.Beta.requiresGrad {
		addInto(bn.Beta.GradBuf(), sumDy)
	}
	if !x.requiresGrad {
		return
	}
	g := x.GradBuf()
	for i := 0; i < n; i++ {
		for j := 0; j < c; j++ {
			k := bn.Gamma.Data[j] * invStd[j]
			d := dy[i*c+j]
			if training {
				// Batch statistics depend on x too.
				d -= (sumDy[j] + xhat[i*c+j]*sumDyH[j]) / float32(n)
			}
			g[i*c+j] += k * d
		}
	}
}
