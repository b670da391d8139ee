package nn_test

import (
	"math"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"fastgo/stdlib/symbols"
)

// cellModule is a notebook cell that defines its own module from nn's
// parts, as the book's DotProductBias does, and trains it with the
// compiled Learner. The data follow y = 2·x0 − x1 exactly, so the
// interpreted model must reach a near-zero loss.
const cellModule = `
import (
	"math/rand"

	"fastgo/nn"
)

type TwoLayer struct {
	Hidden, Out *nn.Linear
	calls       int
}

func (m *TwoLayer) Forward(x *nn.Tensor) *nn.Tensor {
	m.calls++
	return m.Out.Forward(nn.Tanh(m.Hidden.Forward(x)))
}

func (m *TwoLayer) Parameters() []*nn.Tensor { return nn.Params(m.Hidden, m.Out) }

func (m *TwoLayer) SetTraining(bool) {}

func run() (float64, int) {
	src := rand.NewSource(1)
	r := rand.New(src)
	x, y := nn.Zeros(512, 2), nn.Zeros(512, 1)
	for i := 0; i < 512; i++ {
		a, b := r.Float32()*2-1, r.Float32()*2-1
		x.Data[2*i], x.Data[2*i+1] = a, b
		y.Data[i] = 2*a - b
	}
	m := &TwoLayer{Hidden: nn.NewLinear(src, 2, 8), Out: nn.NewLinear(src, 8, 1)}
	l := nn.NewLearner(m, nn.NewDataLoaders(x, y, x, y, 32, 1), nn.MSE)
	l.Quiet = true
	if err := l.FitOneCycle(10, 0.05); err != nil {
		panic(err)
	}
	return l.History[9].ValidLoss, m.calls
}
`

func TestCellDefinedModuleTrains(t *testing.T) {
	// The targets vary with variance about 1.7, so a loss below 0.01
	// means the model learned the function.
	const maxLoss = 0.01
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(symbols.ShortPaths()); err != nil {
		t.Fatal(err)
	}
	// yaegi finds the wrapper that lets an interpreted type satisfy
	// nn.Module under the interface's real package path, so the long
	// paths must be loaded too. Without them, passing the cell's model
	// to NewLearner panics inside yaegi.
	if err := i.Use(symbols.Symbols); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(cellModule); err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval("run")
	if err != nil {
		t.Fatal(err)
	}
	out := v.Call(nil)
	loss, calls := out[0].Float(), out[1].Int()
	if math.IsNaN(loss) || loss > maxLoss {
		t.Errorf("valid loss %v after 10 epochs, want below %v", loss, maxLoss)
	}
	// 10 epochs of 16 batches, plus one validation pass of 16 batches per
	// epoch, all through the cell's Forward.
	if want := int64(10 * (16 + 16)); calls != want {
		t.Errorf("cell's Forward ran %d times, want %d", calls, want)
	}
}
