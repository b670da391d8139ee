package tabnet

import (
	"fmt"
	"math/rand"

	"fastgo/stdlib/nn"
)

// Config describes a tabular net.
type Config struct {
	// Cardinalities has the number of levels of each categorical column,
	// counting the missing-value level.
	Cardinalities []int
	// EmbeddingSizes overrides the width of each embedding. When nil the
	// widths follow fastai's rule, [nn.EmbeddingSize].
	EmbeddingSizes []int
	// NumCont is the number of continuous columns.
	NumCont int
	// Layers has the width of each hidden layer, such as [500, 250].
	Layers []int
	// Dropout has a dropout probability per hidden layer, or is nil.
	Dropout []float64
	// EmbeddingDropout is the dropout probability on the embeddings.
	EmbeddingDropout float64
	// Out is the number of outputs, 1 for regression.
	Out int
	// YLo and YHi bound the output with [nn.SigmoidRange] when YLo < YHi.
	YLo, YHi float32
}

// Model is fastai's TabularModel: one embedding per categorical column,
// batch norm on the continuous columns, then hidden blocks of
// Linear (no bias), ReLU and BatchNorm1d, a final Linear and an optional
// sigmoid range. Its input is a [batch, categorical+continuous] tensor
// holding the category codes (as float32) first, then the continuous
// values.
type Model struct {
	Embeddings []*nn.Embedding
	ContNorm   *nn.BatchNorm1d // nil without continuous columns
	EmbDrop    *nn.Dropout
	Body       *nn.Sequential
	Config     Config
}

// New returns a Model for c with weights drawn from src.
func New(src rand.Source, c Config) (*Model, error) {
	if c.EmbeddingSizes != nil && len(c.EmbeddingSizes) != len(c.Cardinalities) {
		return nil, fmt.Errorf("tabnet: %d embedding sizes for %d categorical columns: give one per column or none", len(c.EmbeddingSizes), len(c.Cardinalities))
	}
	if c.Dropout != nil && len(c.Dropout) != len(c.Layers) {
		return nil, fmt.Errorf("tabnet: %d dropout probabilities for %d layers: give one per layer or none", len(c.Dropout), len(c.Layers))
	}
	if c.Out == 0 {
		c.Out = 1
	}
	m := &Model{Config: c, EmbDrop: nn.NewDropout(src, c.EmbeddingDropout)}
	width := c.NumCont
	for i, card := range c.Cardinalities {
		size := nn.EmbeddingSize(card)
		if c.EmbeddingSizes != nil {
			size = c.EmbeddingSizes[i]
		}
		m.Embeddings = append(m.Embeddings, nn.NewEmbedding(src, card, size))
		width += size
	}
	if c.NumCont > 0 {
		m.ContNorm = nn.NewBatchNorm1d(c.NumCont)
	}
	var layers []nn.Module
	for i, n := range c.Layers {
		lin := nn.NewLinear(src, width, n)
		lin.B = nil
		layers = append(layers, lin, nn.ReLULayer(), nn.NewBatchNorm1d(n))
		if c.Dropout != nil && c.Dropout[i] > 0 {
			layers = append(layers, nn.NewDropout(src, c.Dropout[i]))
		}
		width = n
	}
	layers = append(layers, nn.NewLinear(src, width, c.Out))
	m.Body = nn.NewSequential(layers...)
	return m, nil
}

// Forward returns the model's output, shape [batch, Out].
func (m *Model) Forward(x *nn.Tensor) *nn.Tensor {
	nCat := len(m.Embeddings)
	if x.Rank() != 2 || x.Dim(1) != nCat+m.Config.NumCont {
		panic(fmt.Sprintf("tabnet: input shape %v, want [batch, %d]", x.Shape(), nCat+m.Config.NumCont))
	}
	var parts []*nn.Tensor
	for i, e := range m.Embeddings {
		parts = append(parts, e.Forward(nn.Column(x, i)))
	}
	h := m.EmbDrop.Forward(nn.Concat(parts...))
	if m.ContNorm != nil {
		conts := m.ContNorm.Forward(nn.Columns(x, nCat, x.Dim(1)))
		h = nn.Concat(h, conts)
	}
	out := m.Body.Forward(h)
	if m.Config.YLo < m.Config.YHi {
		out = nn.SigmoidRange(out, m.Config.YLo, m.Config.YHi)
	}
	return out
}

// Parameters returns the embeddings, the continuous batch norm and the
// body's parameters, in that order.
func (m *Model) Parameters() []*nn.Tensor {
	var out []*nn.Tensor
	for _, e := range m.Embeddings {
		out = append(out, e.Weight)
	}
	if m.ContNorm != nil {
		out = append(out, m.ContNorm.Parameters()...)
	}
	return append(out, m.Body.Parameters()...)
}

// Buffers returns the running statistics of the batch norms.
func (m *Model) Buffers() []*nn.Tensor {
	var out []*nn.Tensor
	if m.ContNorm != nil {
		out = append(out, m.ContNorm.Buffers()...)
	}
	return append(out, m.Body.Buffers()...)
}

// SetTraining sets the mode of the dropout and batch norm layers.
func (m *Model) SetTraining(training bool) {
	m.EmbDrop.SetTraining(training)
	if m.ContNorm != nil {
		m.ContNorm.SetTraining(training)
	}
	m.Body.SetTraining(training)
}
