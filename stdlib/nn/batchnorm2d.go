package nn

import (
	"fmt"
	"math"
)

// BatchNorm2d normalises each channel of an NCHW batch to zero mean and
// unit variance over the batch and all pixels, then scales by Gamma and
// shifts by Beta (Ioffe and Szegedy 2015). In training mode it uses the
// batch statistics and updates the running ones. In evaluation mode it
// uses the running ones.
type BatchNorm2d struct {
	Gamma, Beta     *Tensor
	RunMean, RunVar []float32
	Momentum, Eps   float32
	training        bool
}

// NewBatchNorm2d returns a BatchNorm2d for the given number of channels,
// with PyTorch's defaults: momentum 0.1, eps 1e-5, Gamma 1, Beta 0.
func NewBatchNorm2d(channels int) *BatchNorm2d {
	bn := &BatchNorm2d{
		Gamma:    Param(Full(1, channels)),
		Beta:     Param(Zeros(channels)),
		RunMean:  make([]float32, channels),
		RunVar:   make([]float32, channels),
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
func (bn *BatchNorm2d) Parameters() []*Tensor { return []*Tensor{bn.Gamma, bn.Beta} }

// SetTraining chooses batch statistics (training) or running ones.
func (bn *BatchNorm2d) SetTraining(training bool) { bn.training = training }

// String describes the layer in PyTorch's style.
func (bn *BatchNorm2d) String() string {
	return fmt.Sprintf("BatchNorm2d(%d, eps=%g, momentum=%g)", len(bn.RunMean), bn.Eps, bn.Momentum)
}

// Forward normalises x of shape [N, C, H, W].
func (bn *BatchNorm2d) Forward(x *Tensor) *Tensor {
	c := len(bn.RunMean)
	if x.Rank() != 4 || x.shape[1] != c {
		panic(fmt.Sprintf("nn: BatchNorm2d: input shape %v, expected [N, %d, H, W]", x.shape, c))
	}
	mean, invStd := make([]float32, c), make([]float32, c)
	if bn.training {
		bn.batchStats(x, mean, invStd)
	} else {
		for j := range mean {
			mean[j] = bn.RunMean[j]
			invStd[j] = float32(1 / math.Sqrt(float64(bn.RunVar[j]+bn.Eps)))
		}
	}
	n, plane := x.shape[0], x.shape[2]*x.shape[3]
	xhat := make([]float32, len(x.Data))
	out := Zeros(x.shape...)
	parallelImages(n, c*plane, func(n0, n1 int) {
		for i := n0; i < n1; i++ {
			for j := 0; j < c; j++ {
				off := (i*c + j) * plane
				gamma, beta := bn.Gamma.Data[j], bn.Beta.Data[j]
				for p, v := range x.Data[off : off+plane] {
					h := (v - mean[j]) * invStd[j]
					xhat[off+p] = h
					out.Data[off+p] = h*gamma + beta
				}
			}
		}
	})
	training := bn.training
	return Record(out, func() { bn.backward(x, out, xhat, invStd, training) }, x, bn.Gamma, bn.Beta)
}

// batchStats fills mean and invStd from the batch and updates the running
// statistics. The running variance is the unbiased one, as in PyTorch.
func (bn *BatchNorm2d) batchStats(x *Tensor, mean, invStd []float32) {
	n, c, plane := x.shape[0], x.shape[1], x.shape[2]*x.shape[3]
	count := float64(n * plane)
	sum, sumSq := make([]float64, c), make([]float64, c)
	parallelImages(c, n*plane, func(c0, c1 int) {
		for j := c0; j < c1; j++ {
			for i := 0; i < n; i++ {
				var s, ss float32
				for _, v := range x.Data[(i*c+j)*plane : (i*c+j+1)*plane] {
					s += v
					ss += v * v
				}
				sum[j] += float64(s)
				sumSq[j] += float64(ss)
			}
		}
	})
	for j := 0; j < c; j++ {
		s, ss := sum[j], sumSq[j]
		m := s / count
		v := math.Max(ss/count-m*m, 0)
		mean[j] = float32(m)
		invStd[j] = float32(1 / math.Sqrt(v+float64(bn.Eps)))
		unbiased := v
		if count > 1 {
			unbiased = v * count / (count - 1)
		}
		bn.RunMean[j] = (1-bn.Momentum)*bn.RunMean[j] + bn.Momentum*float32(m)
		bn.RunVar[j] = (1-bn.Momentum)*bn.RunVar[j] + bn.Momentum*float32(unbiased)
	}
}

func (bn *BatchNorm2d) backward(x, out *Tensor, xhat, invStd []float32, training bool) {
	n, c, plane := x.shape[0], x.shape[1], x.shape[2]*x.shape[3]
	dy := out.Grad
	sumDy, sumDyH := make([]float32, c), make([]float32, c)
	parallelImages(c, n*plane, func(c0, c1 int) {
		for j := c0; j < c1; j++ {
			for i := 0; i < n; i++ {
				off := (i*c + j) * plane
				var s, sh float32
				for p, d := range dy[off : off+plane] {
					s += d
					sh += d * xhat[off+p]
				}
				sumDy[j] += s
				sumDyH[j] += sh
			}
		}
	})
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
	count := float32(n * plane)
	parallelImages(n, c*plane, func(n0, n1 int) {
		for i := n0; i < n1; i++ {
			for j := 0; j < c; j++ {
				off := (i*c + j) * plane
				k := bn.Gamma.Data[j] * invStd[j]
				for p, d := range dy[off : off+plane] {
					if training {
						// The batch statistics depend on x too.
						d -= (sumDy[j] + xhat[off+p]*sumDyH[j]) / count
					}
					g[off+p] += k * d
				}
			}
		}
	})
}
