package collab

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"fastgo/stdlib/nn"
)

// EmbeddingSize is the shape of an embedding table: its number of codes
// and its width.
type EmbeddingSize struct {
	Levels, Width int
}

// String formats s as fastai prints it, such as "(944, 74)".
func (s EmbeddingSize) String() string { return fmt.Sprintf("(%d, %d)", s.Levels, s.Width) }

// EmbeddingSizes returns fastai's rule-of-thumb shapes for the user and
// the item embeddings of d, as get_emb_sz does: the width is
// [nn.EmbeddingSize] of the vocabulary length, counting [NA].
func (d *Data) EmbeddingSizes() []EmbeddingSize {
	return []EmbeddingSize{
		{len(d.Users), nn.EmbeddingSize(len(d.Users))},
		{len(d.Items), nn.EmbeddingSize(len(d.Items))},
	}
}

// MostRated returns the codes of the n items with the most ratings in
// the training and validation sets together, most rated first. Ratings
// of items unknown to training (code 0) are not counted.
func (d *Data) MostRated(n int) []int {
	counts := make([]int, len(d.Items))
	for _, x := range []*nn.Tensor{d.TrainX, d.ValidX} {
		for i := 0; i < x.Dim(0); i++ {
			counts[int(x.Data[2*i+1])]++
		}
	}
	counts[0] = 0
	order := make([]int, len(counts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return counts[order[a]] > counts[order[b]] })
	return order[:min(n, len(order))]
}

// TopK returns the indexes of the k largest values (or the k smallest
// when largest is false), in order.
func TopK(values []float32, k int, largest bool) []int {
	order := make([]int, len(values))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		if largest {
			return values[order[a]] > values[order[b]]
		}
		return values[order[a]] < values[order[b]]
	})
	return order[:min(k, len(order))]
}

// MostSimilar returns the k rows of the [n, dim] table w with the highest
// cosine similarity to row, most similar first, leaving out row itself.
func MostSimilar(w *nn.Tensor, row, k int) []int {
	n, dim := w.Dim(0), w.Dim(1)
	if row < 0 || row >= n {
		panic(fmt.Sprintf("collab: MostSimilar: row %d outside [0, %d)", row, n))
	}
	target := w.Data[row*dim : (row+1)*dim]
	tn := norm(target)
	sims := make([]float32, n)
	for i := 0; i < n; i++ {
		v := w.Data[i*dim : (i+1)*dim]
		sims[i] = dot(v, target) / (norm(v)*tn + 1e-12)
	}
	sims[row] = float32(math.Inf(-1))
	return TopK(sims, k, true)
}

func norm(v []float32) float32 { return float32(math.Sqrt(float64(dot(v, v)))) }

// PCA returns the coordinates of the given rows of the [n, dim] table w on
// its first k principal components: the rows are centred and projected on
// the top right singular vectors of the centred matrix (gonum's SVD).
// The result has one row per selected row and k columns.
func PCA(w *nn.Tensor, rows []int, k int) (*mat.Dense, error) {
	dim := w.Dim(1)
	if k < 1 || k > dim || k > len(rows) {
		return nil, fmt.Errorf("collab: PCA: %d components of %d rows of width %d: choose k between 1 and both", k, len(rows), dim)
	}
	x := mat.NewDense(len(rows), dim, nil)
	for i, r := range rows {
		for j := 0; j < dim; j++ {
			x.Set(i, j, float64(w.Data[r*dim+j]))
		}
	}
	for j := 0; j < dim; j++ {
		col := mat.Col(nil, j, x)
		var mean float64
		for _, v := range col {
			mean += v
		}
		mean /= float64(len(col))
		for i := range col {
			x.Set(i, j, col[i]-mean)
		}
	}
	var svd mat.SVD
	if !svd.Factorize(x, mat.SVDThin) {
		return nil, fmt.Errorf("collab: PCA: SVD of the %d×%d factor matrix did not converge", len(rows), dim)
	}
	var v mat.Dense
	svd.VTo(&v)
	var out mat.Dense
	out.Mul(x, v.Slice(0, dim, 0, k))
	return &out, nil
}

// Scatter returns a scatter plot of (xs[i], ys[i]) with each point
// labelled labels[i], as the book draws the films on two principal
// components.
func Scatter(xs, ys []float64, labels []string, title, xLabel, yLabel string) (*plot.Plot, error) {
	if len(xs) != len(ys) || len(xs) != len(labels) {
		return nil, fmt.Errorf("collab: Scatter: %d xs, %d ys and %d labels: give one of each per point", len(xs), len(ys), len(labels))
	}
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, xLabel, yLabel
	xys := make(plotter.XYs, len(xs))
	for i := range xs {
		xys[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, fmt.Errorf("collab: Scatter: %w", err)
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("collab: Scatter: %w", err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font.Size = vg.Points(7)
	}
	p.Add(s, l)
	return p, nil
}
