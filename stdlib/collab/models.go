package collab

import (
	"fmt"
	"math"
	"math/rand"

	"fastgo/stdlib/nn"
)

// DotProduct predicts a rating as the dot product of a user's and an
// item's latent factors, optionally squashed into (YLo, YHi) by
// [nn.SigmoidRange]. Its input is a [batch, 2] tensor of (user, item)
// codes.
type DotProduct struct {
	Users, Items *nn.Embedding
	YLo, YHi     float32
}

// NewDotProduct returns a DotProduct with the given numbers of users and
// items and factors per embedding. yLo >= yHi leaves predictions
// unbounded.
func NewDotProduct(src rand.Source, nUsers, nItems, factors int, yLo, yHi float32) *DotProduct {
	return &DotProduct{
		Users: nn.NewEmbedding(src, nUsers, factors),
		Items: nn.NewEmbedding(src, nItems, factors),
		YLo:   yLo, YHi: yHi,
	}
}

// Forward returns the predicted ratings, shape [batch].
func (m *DotProduct) Forward(x *nn.Tensor) *nn.Tensor {
	u := m.Users.Forward(nn.Column(x, 0))
	i := m.Items.Forward(nn.Column(x, 1))
	out := nn.SumRows(nn.Mul(u, i))
	if m.YLo < m.YHi {
		out = nn.SigmoidRange(out, m.YLo, m.YHi)
	}
	return out
}

// Parameters returns the user and item factors.
func (m *DotProduct) Parameters() []*nn.Tensor { return nn.Params(m.Users, m.Items) }

// SetTraining does nothing.
func (m *DotProduct) SetTraining(bool) {}

// DotProductBias adds a learned bias per user and per item to
// [DotProduct], so that a film everyone likes can score high whatever the
// user's factors. It computes the whole model in one fused op.
type DotProductBias struct {
	Users, Items       *nn.Embedding
	UserBias, ItemBias *nn.Embedding
	YLo, YHi           float32
}

// NewDotProductBias returns a DotProductBias. yLo >= yHi leaves
// predictions unbounded; the book uses (0, 5.5).
func NewDotProductBias(src rand.Source, nUsers, nItems, factors int, yLo, yHi float32) *DotProductBias {
	return &DotProductBias{
		Users:    nn.NewEmbedding(src, nUsers, factors),
		Items:    nn.NewEmbedding(src, nItems, factors),
		UserBias: nn.NewEmbedding(src, nUsers, 1),
		ItemBias: nn.NewEmbedding(src, nItems, 1),
		YLo:      yLo, YHi: yHi,
	}
}

// Parameters returns the user and item factors, then their biases.
func (m *DotProductBias) Parameters() []*nn.Tensor {
	return nn.Params(m.Users, m.Items, m.UserBias, m.ItemBias)
}

// SetTraining does nothing.
func (m *DotProductBias) SetTraining(bool) {}

// Forward returns the predicted ratings, shape [batch]:
// range(u·i + bias_u + bias_i).
func (m *DotProductBias) Forward(x *nn.Tensor) *nn.Tensor {
	if x.Rank() != 2 || x.Dim(1) != 2 {
		panic(fmt.Sprintf("collab: DotProductBias: input shape %v, want [batch, 2]", x.Shape()))
	}
	n, k := x.Dim(0), m.Users.Weight.Dim(1)
	uw, iw := m.Users.Weight, m.Items.Weight
	ub, ib := m.UserBias.Weight, m.ItemBias.Weight
	users, items := codes(x, 0, uw.Dim(0)), codes(x, 1, iw.Dim(0))
	bounded, r := m.YLo < m.YHi, m.YHi-m.YLo
	out := nn.Zeros(n)
	for j := 0; j < n; j++ {
		u, i := users[j], items[j]
		s := dot(uw.Data[u*k:(u+1)*k], iw.Data[i*k:(i+1)*k]) + ub.Data[u] + ib.Data[i]
		if bounded {
			s = m.YLo + r*sigmoid(s)
		}
		out.Data[j] = s
	}
	return nn.Record(out, func() {
		gu, gi, gub, gib := uw.GradBuf(), iw.GradBuf(), ub.GradBuf(), ib.GradBuf()
		for j, d := range out.Grad {
			if bounded {
				s := (out.Data[j] - m.YLo) / r
				d *= r * s * (1 - s)
			}
			u, i := users[j], items[j]
			axpy(d, iw.Data[i*k:(i+1)*k], gu[u*k:(u+1)*k])
			axpy(d, uw.Data[u*k:(u+1)*k], gi[i*k:(i+1)*k])
			gub[u] += d
			gib[i] += d
		}
	}, uw, iw, ub, ib)
}

// codes returns column c of x as integer codes below n. It panics on a
// code outside [0, n), which means the model is smaller than the data.
func codes(x *nn.Tensor, c, n int) []int {
	rows := x.Dim(0)
	out := make([]int, rows)
	for j := 0; j < rows; j++ {
		v := int(x.Data[2*j+c])
		if v < 0 || v >= n {
			panic(fmt.Sprintf("collab: code %d in column %d is outside the embedding's [0, %d)", v, c, n))
		}
		out[j] = v
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(alpha float32, x, y []float32) {
	for i := range x {
		y[i] += alpha * x[i]
	}
}

func sigmoid(v float32) float32 { return float32(1 / (1 + math.Exp(-float64(v)))) }
