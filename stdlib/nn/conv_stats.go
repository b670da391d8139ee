package nn

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
)

// Hooked is a module that runs Hook on the output of Module after every
// forward pass, like a PyTorch forward hook. Hooked layers still take part
// in training as usual.
type Hooked struct {
	Module   Module
	Hook     func(out *Tensor, training bool)
	training bool
}

// Forward returns Module's output after passing it to Hook.
func (h *Hooked) Forward(x *Tensor) *Tensor {
	out := h.Module.Forward(x)
	h.Hook(out, h.training)
	return out
}

// Parameters returns Module's parameters.
func (h *Hooked) Parameters() []*Tensor { return h.Module.Parameters() }

// SetTraining sets Module's mode and records it for Hook.
func (h *Hooked) SetTraining(training bool) {
	h.training = training
	h.Module.SetTraining(training)
}

// ActivationStats records the mean, the standard deviation and the share
// of near-zero values of the output of each layer of a [Sequential], for
// every training batch. It shows whether activations shrink towards zero,
// which leaves most of a net idle.
type ActivationStats struct {
	// Names describes each watched layer.
	Names []string
	// Mean, Std and NearZero hold one slice per layer with one value per
	// training batch.
	Mean, Std, NearZero [][]float64
	// NearZeroMax is the largest value counted as near zero, 0.05 by
	// default.
	NearZeroMax float32

	seq    *Sequential
	layers []Module
}

// WatchActivations wraps every layer of seq in a [Hooked] module that
// records its training-mode output statistics, and returns the record.
// [ActivationStats.Remove] restores the original layers.
func WatchActivations(seq *Sequential) *ActivationStats {
	s := &ActivationStats{NearZeroMax: 0.05, seq: seq, layers: append([]Module(nil), seq.Layers...)}
	s.Mean = make([][]float64, len(seq.Layers))
	s.Std = make([][]float64, len(seq.Layers))
	s.NearZero = make([][]float64, len(seq.Layers))
	for i, m := range seq.Layers {
		s.Names = append(s.Names, describe(m))
		seq.Layers[i] = &Hooked{Module: m, Hook: s.recorder(i), training: true}
	}
	return s
}

func (s *ActivationStats) recorder(layer int) func(out *Tensor, training bool) {
	return func(out *Tensor, training bool) {
		if !training {
			return
		}
		mean, std, near := activationStats(out.Data, s.NearZeroMax)
		s.Mean[layer] = append(s.Mean[layer], mean)
		s.Std[layer] = append(s.Std[layer], std)
		s.NearZero[layer] = append(s.NearZero[layer], near)
	}
}

// Remove puts the unwrapped layers back into the Sequential.
func (s *ActivationStats) Remove() { copy(s.seq.Layers, s.layers) }

// activationStats returns the mean, the sample standard deviation (as
// torch.std computes it) and the share of values ≤ nearMax.
func activationStats(v []float32, nearMax float32) (mean, std, near float64) {
	var sum, sumSq float64
	count := 0
	for _, x := range v {
		sum += float64(x)
		sumSq += float64(x) * float64(x)
		if x <= nearMax {
			count++
		}
	}
	n := float64(len(v))
	mean = sum / n
	if len(v) > 1 {
		std = math.Sqrt(math.Max(sumSq-n*mean*mean, 0) / (n - 1))
	}
	return mean, std, float64(count) / n
}

// Plot draws the mean, standard deviation and near-zero share of layer i
// against the training batch.
func (s *ActivationStats) Plot(i int) *plot.Plot {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("layer %d: %s", i, s.Names[i])
	p.X.Label.Text = "batch"
	lines := []any{}
	for _, series := range []struct {
		name string
		v    []float64
	}{{"mean", s.Mean[i]}, {"std", s.Std[i]}, {"near zero", s.NearZero[i]}} {
		pts := make(plotter.XYs, len(series.v))
		for j, v := range series.v {
			pts[j] = plotter.XY{X: float64(j), Y: v}
		}
		lines = append(lines, series.name, pts)
	}
	// AddLines fails only on invalid data types, which the loop never builds.
	_ = plotutil.AddLines(p, lines...)
	p.Legend.Top = true
	return p
}

// Summary returns a Markdown table of each layer's mean, standard
// deviation and near-zero share on the first and the last batch recorded.
func (s *ActivationStats) Summary() string {
	var b strings.Builder
	b.WriteString("| layer | mean first / last | std first / last | near zero first / last |\n|---|---|---|---|\n")
	for i, name := range s.Names {
		if len(s.Mean[i]) == 0 {
			continue
		}
		last := len(s.Mean[i]) - 1
		fmt.Fprintf(&b, "| %d %s | %.3f / %.3f | %.3f / %.3f | %.2f / %.2f |\n", i, name,
			s.Mean[i][0], s.Mean[i][last], s.Std[i][0], s.Std[i][last], s.NearZero[i][0], s.NearZero[i][last])
	}
	return b.String()
}

// describe returns a short description of a module for tables and plot
// titles, such as "Conv2d 1→8 5×5 stride 2, ReLU".
func describe(m Module) string {
	switch v := m.(type) {
	case *Conv2d:
		sh := v.W.shape
		return fmt.Sprintf("Conv2d %d→%d %d×%d stride %d", sh[1], sh[0], sh[2], sh[3], v.Stride)
	case *BatchNorm2d:
		return fmt.Sprintf("BatchNorm2d(%d)", len(v.RunMean))
	case Func:
		// A Func carries no name; in a conv block it is the activation.
		return "activation"
	case *Sequential:
		parts := make([]string, len(v.Layers))
		for i, l := range v.Layers {
			parts[i] = describe(l)
		}
		return strings.Join(parts, ", ")
	case *Hooked:
		return describe(v.Module)
	case fmt.Stringer:
		return v.String()
	}
	name := fmt.Sprintf("%T", m)
	return name[strings.LastIndex(name, ".")+1:]
}
