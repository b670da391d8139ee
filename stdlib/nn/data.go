package nn

import (
	"fmt"
	"math/rand"
)

// DataLoader cuts a dataset of inputs X (shape [n, ...]) and targets Y
// (shape [n, ...]) into batches, shuffled each epoch when Shuffle is set.
// The batch tensors are reused from one batch to the next, so a caller
// that keeps a batch must [Tensor.Clone] it.
type DataLoader struct {
	X, Y      *Tensor
	BatchSize int
	Shuffle   bool
	// DropLast skips the final incomplete batch. NewDataLoader sets it
	// with Shuffle, as fastai does for training data.
	DropLast bool

	rng    *rand.Rand
	order  []int
	xb, yb *Tensor
}

// NewDataLoader returns a DataLoader over x and y. shuffle draws a new
// order each epoch from a generator seeded with seed.
func NewDataLoader(x, y *Tensor, batchSize int, shuffle bool, seed int64) *DataLoader {
	if x.Dim(0) != y.Dim(0) {
		panic(fmt.Sprintf("nn: NewDataLoader: inputs have %d rows, targets %d", x.Dim(0), y.Dim(0)))
	}
	if batchSize <= 0 {
		panic(fmt.Sprintf("nn: NewDataLoader: batch size %d is not positive", batchSize))
	}
	d := &DataLoader{X: x, Y: y, BatchSize: batchSize, Shuffle: shuffle, DropLast: shuffle,
		rng: rand.New(rand.NewSource(seed))}
	d.order = make([]int, x.Dim(0))
	for i := range d.order {
		d.order[i] = i
	}
	return d
}

// N returns the number of rows.
func (d *DataLoader) N() int { return d.X.Dim(0) }

// Len returns the number of batches in an epoch.
func (d *DataLoader) Len() int {
	n := d.N() / d.BatchSize
	if !d.DropLast && d.N()%d.BatchSize != 0 {
		n++
	}
	return n
}

// NewEpoch reshuffles the row order if Shuffle is set.
func (d *DataLoader) NewEpoch() {
	if d.Shuffle {
		d.rng.Shuffle(len(d.order), func(i, j int) { d.order[i], d.order[j] = d.order[j], d.order[i] })
	}
}

// Batch returns batch i of the current epoch.
func (d *DataLoader) Batch(i int) (x, y *Tensor) {
	lo := i * d.BatchSize
	hi := min(lo+d.BatchSize, d.N())
	d.xb = gatherRows(d.xb, d.X, d.order[lo:hi])
	d.yb = gatherRows(d.yb, d.Y, d.order[lo:hi])
	return d.xb, d.yb
}

// gatherRows copies the given rows of src into dst, reusing dst's memory
// when it has the right size.
func gatherRows(dst, src *Tensor, rows []int) *Tensor {
	width := len(src.Data) / src.Dim(0)
	shape := append([]int{len(rows)}, src.shape[1:]...)
	if dst == nil || len(dst.Data) != len(rows)*width {
		dst = Zeros(shape...)
	}
	for i, r := range rows {
		copy(dst.Data[i*width:(i+1)*width], src.Data[r*width:(r+1)*width])
	}
	return dst
}

// DataLoaders pairs the training and validation loaders.
type DataLoaders struct {
	Train, Valid *DataLoader
}

// NewDataLoaders returns loaders over separate training and validation
// sets. The training loader shuffles with seed; the validation one keeps
// its order.
func NewDataLoaders(trainX, trainY, validX, validY *Tensor, batchSize int, seed int64) *DataLoaders {
	return &DataLoaders{
		Train: NewDataLoader(trainX, trainY, batchSize, true, seed),
		Valid: NewDataLoader(validX, validY, batchSize, false, seed),
	}
}

// RandomSplit returns the rows of a dataset of n rows split at random
// into a training and a validation set holding validPct of the rows, as
// fastai's RandomSplitter does. Both lists follow the order of a
// permutation drawn from seed.
func RandomSplit(n int, validPct float64, seed int64) (train, valid []int) {
	if validPct < 0 || validPct > 1 {
		panic(fmt.Sprintf("nn: RandomSplit: validation share %v is outside [0, 1]", validPct))
	}
	perm := rand.New(rand.NewSource(seed)).Perm(n)
	cut := int(validPct * float64(n))
	return perm[cut:], perm[:cut]
}

// SelectRows returns a new tensor holding the given rows of x.
func SelectRows(x *Tensor, rows []int) *Tensor {
	return gatherRows(nil, x, rows)
}
