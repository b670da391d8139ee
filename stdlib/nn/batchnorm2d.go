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
	// out = x·scale + shift, with the normalisation and the affine step
	// folded into one multiply-add per value.
	scale, shift := make([]float32, c), make([]float32, c)
	for j := range scale {
		scale[j] = invStd[j] * bn.Gamma.Data[j]
		shift[j] = bn.Beta.Data[j] - mean[j]*scale[j]
	}
	n, plane := x.shape[0], x.shape[2]*x.shape[3]
	out := &Tensor{Data: make([]float32, len(x.Data)), shape: x.shape}
	parallelImages(n, c*plane, func(n0, n1 int) {
		for off, j := n0*c*plane, 0; off < n1*c*plane; off += plane {
			affineInto(out.Data[off:off+plane], x.Data[off:off+plane], scale[j], shift[j])
			j = (j + 1) % c
		}
	})
	training := bn.training
	return Record(out, func() { bn.backward(x, out, mean, invStd, training) }, x, bn.Gamma, bn.Beta)
}

// affineIntoGo is the portable form of [affineInto].
func affineIntoGo(dst, src []float32, a, b float32) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = v*a + b
	}
}

// batchStats fills mean and invStd from the batch and updates the running
// statistics. The running variance is the unbiased one, as in PyTorch.
func (bn *BatchNorm2d) batchStats(x *Tensor, mean, invStd []float32) {
	n, c, plane := x.shape[0], x.shape[1], x.shape[2]*x.shape[3]
	count := float64(n * plane)
	sum, sumSq := channelSums(n, c, plane, func(off int, sums []float64, j int) {
		s, ss := sumSquares(x.Data[off : off+plane])
		sums[2*j] += float64(s)
		sums[2*j+1] += float64(ss)
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

// backward adds the gradients of x, Gamma and Beta. It recomputes the
// normalised input x̂ = (x − mean)·invStd from x instead of storing it.
// In training mode dx = γ·invStd·(dy − (Σdy + x̂·Σdy·x̂)/count), because
// the batch statistics depend on x too. Both the sums and dx take one
// pass over the batch each.
func (bn *BatchNorm2d) backward(x, out *Tensor, mean, invStd []float32, training bool) {
	n, c, plane := x.shape[0], x.shape[1], x.shape[2]*x.shape[3]
	dy := out.Grad
	sum, dot := channelSums(n, c, plane, func(off int, sums []float64, j int) {
		ds, dc := dotCentred(dy[off:off+plane], x.Data[off:off+plane], mean[j])
		sums[2*j] += float64(ds)
		sums[2*j+1] += float64(dc)
	})
	sumDy, sumDyH := make([]float32, c), make([]float32, c)
	for j := range sumDy {
		sumDy[j] = float32(sum[j])
		sumDyH[j] = float32(dot[j]) * invStd[j]
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
	// dx = a·dy + b·x + d per channel, with a = γ·invStd and, in
	// training mode, b = −a·invStd·Σdy·x̂/count and d = −a·Σdy/count − b·mean.
	count := float32(n * plane)
	a, b, d := make([]float32, c), make([]float32, c), make([]float32, c)
	for j := range a {
		a[j] = bn.Gamma.Data[j] * invStd[j]
		if training {
			b[j] = -a[j] * invStd[j] * sumDyH[j] / count
			d[j] = -a[j]*sumDy[j]/count - b[j]*mean[j]
		}
	}
	g, overwrite := x.gradForWrite()
	parallelImages(n, c*plane, func(n0, n1 int) {
		for off, j := n0*c*plane, 0; off < n1*c*plane; off += plane {
			if overwrite {
				bnGradSet(g[off:off+plane], dy[off:off+plane], x.Data[off:off+plane], a[j], b[j], d[j])
			} else {
				bnGradAdd(g[off:off+plane], dy[off:off+plane], x.Data[off:off+plane], a[j], b[j], d[j])
			}
			j = (j + 1) % c
		}
	})
}

// dotCentredGo is the portable form of [dotCentred].
func dotCentredGo(dy, x []float32, mean float32) (sum, dot float32) {
	x = x[:len(dy)]
	for i, d := range dy {
		sum += d
		dot += d * (x[i] - mean)
	}
	return sum, dot
}

// bnGradSetGo is the portable form of [bnGradSet].
func bnGradSetGo(g, dy, x []float32, a, b, d float32) {
	g, x = g[:len(dy)], x[:len(dy)]
	for i, v := range dy {
		g[i] = a*v + b*x[i] + d
	}
}

// bnGradAddGo is the portable form of [bnGradAdd].
func bnGradAddGo(g, dy, x []float32, a, b, d float32) {
	g, x = g[:len(dy)], x[:len(dy)]
	for i, v := range dy {
		g[i] += a*v + b*x[i] + d
	}
}

// sumSquaresGo is the portable form of [sumSquares].
func sumSquaresGo(x []float32) (sum, sumSq float32) {
	for _, v := range x {
		sum += v
		sumSq += v * v
	}
	return sum, sumSq
}

// channelSums returns two sums per channel of an [n, c, plane] batch.
// add adds the plane at offset off, of channel j, into sums[2j] and
// sums[2j+1]. The images are split into ranges between threads, so each
// thread reads the images it wrote in the layer before, and the ranges'
// sums are added in order so the result does not depend on the schedule.
func channelSums(n, c, plane int, add func(off int, sums []float64, j int)) (first, second []float64) {
	chunks := min(n, chunkCount(n*c*plane, 1<<15))
	parts := make([]float64, chunks*2*c)
	parallelRanges(n, chunks, func(chunk, n0, n1 int) {
		sums := parts[chunk*2*c : (chunk+1)*2*c]
		for i := n0; i < n1; i++ {
			for j := 0; j < c; j++ {
				add((i*c+j)*plane, sums, j)
			}
		}
	})
	first, second = make([]float64, c), make([]float64, c)
	for chunk := 0; chunk < chunks; chunk++ {
		for j := 0; j < c; j++ {
			first[j] += parts[(chunk*c+j)*2]
			second[j] += parts[(chunk*c+j)*2+1]
		}
	}
	return first, second
}
