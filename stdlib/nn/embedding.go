package nn

import (
	"fmt"
	"math"
	"math/rand"
)

// Embedding maps category codes to rows of the trainable table Weight of
// shape [n, dim].
type Embedding struct {
	Weight *Tensor
}

// NewEmbedding returns an Embedding of n codes and dim columns, with
// weights drawn from a normal distribution with standard deviation 0.01,
// as fastai initialises its embeddings (trunc_normal_ with std 0.01; the
// tails beyond ±2 std are not truncated here).
func NewEmbedding(src rand.Source, n, dim int) *Embedding {
	return &Embedding{Weight: Param(RandN(src, 0.01, n, dim))}
}

// Forward returns the rows of Weight selected by the codes in idx, which
// has shape [batch] (or [batch, 1]); the result has shape [batch, dim].
func (e *Embedding) Forward(idx *Tensor) *Tensor {
	return Lookup(e.Weight, idx)
}

// Parameters returns Weight.
func (e *Embedding) Parameters() []*Tensor { return []*Tensor{e.Weight} }

// SetTraining does nothing.
func (e *Embedding) SetTraining(bool) {}

// Lookup returns the rows of the [n, dim] table w selected by the codes in
// idx. The backward pass adds each output row's gradient into the row of
// w.Grad it came from, touching only those rows.
func Lookup(w, idx *Tensor) *Tensor {
	if w.Rank() != 2 {
		panic(fmt.Sprintf("nn: Lookup: table shape %v is not two-dimensional", w.shape))
	}
	n, dim := w.shape[0], w.shape[1]
	rows := make([]int, len(idx.Data))
	for i, v := range idx.Data {
		r := int(v)
		if float32(r) != v || r < 0 || r >= n {
			panic(fmt.Sprintf("nn: Lookup: code %v is not an integer in [0, %d)", v, n))
		}
		rows[i] = r
	}
	out := Zeros(len(rows), dim)
	for i, r := range rows {
		copy(out.Data[i*dim:(i+1)*dim], w.Data[r*dim:(r+1)*dim])
	}
	return Record(out, func() {
		g := w.GradBuf()
		for i, r := range rows {
			addInto(g[r*dim:(r+1)*dim], out.Grad[i*dim:(i+1)*dim])
		}
	}, w)
}

// EmbeddingSize returns fastai's rule of thumb for the width of an
// embedding of n levels (counting the missing-value level):
// min(600, round(1.6·n^0.56)).
func EmbeddingSize(n int) int {
	s := int(1.6*pow056(n) + 0.5)
	if s > 600 {
		return 600
	}
	return s
}

func pow056(n int) float64 { return math.Pow(float64(n), 0.56) }
