package vision

import (
	"fmt"
	"math"

	"fastgo/stdlib/nn"
)

// Tensors returns the images as an nn tensor [N, 1, Rows, Cols] of pixels
// scaled to [0, 1] and the labels as a tensor [N] of class indexes, the
// form [nn.CrossEntropy] takes.
func (d *Dataset) Tensors() (x, y *nn.Tensor) {
	x = nn.New(d.Float32(), d.Len(), 1, d.Rows, d.Cols)
	labels := make([]float32, d.Len())
	for i, l := range d.Labels {
		labels[i] = float32(l)
	}
	return x, nn.New(labels, d.Len())
}

// DataLoaders returns nn loaders over train and valid with the given batch
// size. The training loader shuffles with seed. With normalize set, both
// inputs are shifted and scaled by the mean and standard deviation of the
// training pixels. fastai's Normalize batch transform does the same with
// the statistics of one batch.
func DataLoaders(train, valid *Dataset, batchSize int, seed int64, normalize bool) *nn.DataLoaders {
	tx, ty := train.Tensors()
	vx, vy := valid.Tensors()
	if normalize {
		mean, std := pixelStats(tx.Data)
		standardize(tx.Data, mean, std)
		standardize(vx.Data, mean, std)
	}
	return nn.NewDataLoaders(tx, ty, vx, vy, batchSize, seed)
}

// pixelStats returns the mean and the population standard deviation.
func pixelStats(v []float32) (mean, std float32) {
	var s, ss float64
	for _, p := range v {
		s += float64(p)
		ss += float64(p) * float64(p)
	}
	m := s / float64(len(v))
	return float32(m), float32(math.Sqrt(ss/float64(len(v)) - m*m))
}

func standardize(v []float32, mean, std float32) {
	for i := range v {
		v[i] = (v[i] - mean) / std
	}
}

// KernelTensor stacks same-sized kernels into a weight tensor [len(ks),
// 1, Rows, Cols] for [nn.Conv], one output channel per kernel.
func KernelTensor(ks ...*Kernel) *nn.Tensor {
	if len(ks) == 0 {
		panic("vision: KernelTensor needs at least one kernel")
	}
	rows, cols := ks[0].Rows, ks[0].Cols
	var w []float32
	for _, k := range ks {
		if k.Rows != rows || k.Cols != cols {
			panic(fmt.Sprintf("vision: kernel %q is %d×%d, the first is %d×%d", k.Name, k.Rows, k.Cols, rows, cols))
		}
		w = append(w, k.W...)
	}
	return nn.New(w, len(ks), 1, rows, cols)
}

// Channel returns channel c of image n of an NCHW tensor as a [Gray].
func Channel(t *nn.Tensor, n, c int) *Gray {
	if t.Rank() != 4 {
		panic(fmt.Sprintf("vision: Channel: tensor shape %v, expected [N, C, H, W]", t.Shape()))
	}
	h, w := t.Dim(2), t.Dim(3)
	off := (n*t.Dim(1) + c) * h * w
	return &Gray{Rows: h, Cols: w, Pix: append([]float32(nil), t.Data[off:off+h*w]...)}
}
