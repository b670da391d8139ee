package tabnet

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"fastgo/stdlib/nn"
)

// Tensor returns the [rows, len(cats)+len(conts)] input of a [Model]:
// the code columns converted to float32, then the continuous columns.
// Every column must have the same length.
func Tensor(cats [][]int, conts [][]float64) (*nn.Tensor, error) {
	n := -1
	width := len(cats) + len(conts)
	check := func(kind string, i, l int) error {
		if n < 0 {
			n = l
		}
		if l != n {
			return fmt.Errorf("tabnet: %s column %d has %d rows, the first column %d: give columns of equal length", kind, i, l, n)
		}
		return nil
	}
	for i, c := range cats {
		if err := check("categorical", i, len(c)); err != nil {
			return nil, err
		}
	}
	for i, c := range conts {
		if err := check("continuous", i, len(c)); err != nil {
			return nil, err
		}
	}
	if n < 0 {
		return nil, fmt.Errorf("tabnet: no columns: give at least one categorical or continuous column")
	}
	x := nn.Zeros(n, width)
	for j, c := range cats {
		for i, v := range c {
			x.Data[i*width+j] = float32(v)
		}
	}
	for j, c := range conts {
		for i, v := range c {
			x.Data[i*width+len(cats)+j] = float32(v)
		}
	}
	return x, nil
}

// EmbedColumn returns the trained embedding rows of the codes of
// categorical column col: one row of the embedding's width per code.
func (m *Model) EmbedColumn(col int, codes []int) ([][]float64, error) {
	if col < 0 || col >= len(m.Embeddings) {
		return nil, fmt.Errorf("tabnet: column %d is not one of the %d categorical columns", col, len(m.Embeddings))
	}
	w := m.Embeddings[col].Weight
	n, dim := w.Dim(0), w.Dim(1)
	out := make([][]float64, len(codes))
	for i, c := range codes {
		if c < 0 || c >= n {
			return nil, fmt.Errorf("tabnet: code %d of row %d is outside the embedding's [0, %d)", c, i, n)
		}
		row := make([]float64, dim)
		for j := range row {
			row[j] = float64(w.Data[c*dim+j])
		}
		out[i] = row
	}
	return out, nil
}

// EmbedInputs returns x as a float64 matrix in which each categorical
// column listed in cols is replaced by the trained embedding of its code,
// as many columns as the embedding is wide. The other columns are copied.
// It feeds what the net learned to a model such as a random forest. A
// column listed twice is expanded once. x must have at least one row, and
// every code in an expanded column must be a row of its embedding.
func (m *Model) EmbedInputs(x *nn.Tensor, cols []int) (*mat.Dense, error) {
	expand := map[int]bool{}
	width := x.Dim(1)
	for _, c := range cols {
		if c < 0 || c >= len(m.Embeddings) {
			return nil, fmt.Errorf("tabnet: column %d is not one of the %d categorical columns", c, len(m.Embeddings))
		}
		if expand[c] {
			continue
		}
		expand[c] = true
		width += m.Embeddings[c].Weight.Dim(1) - 1
	}
	n, in := x.Dim(0), x.Dim(1)
	if n == 0 {
		return nil, fmt.Errorf("tabnet: x has shape %v: give at least one row", x.Shape())
	}
	out := mat.NewDense(n, width, nil)
	for i := 0; i < n; i++ {
		k := 0
		for j := 0; j < in; j++ {
			v := x.Data[i*in+j]
			if !expand[j] {
				out.Set(i, k, float64(v))
				k++
				continue
			}
			w := m.Embeddings[j].Weight
			levels, dim := w.Dim(0), w.Dim(1)
			code := int(v)
			if code < 0 || code >= levels || float32(code) != v {
				return nil, fmt.Errorf("tabnet: row %d column %d contains %v, which is not a code in [0, %d)", i, j, v, levels)
			}
			for _, e := range w.Data[code*dim : (code+1)*dim] {
				out.Set(i, k, float64(e))
				k++
			}
		}
	}
	return out, nil
}

// EmbeddingWeight returns the trained table of categorical column col,
// shape [levels, width]. Cells should call it rather than index
// Embeddings, because yaegi v0.16.1 panics when compiling an index into a
// slice of compiled pointers followed by a field selector.
func (m *Model) EmbeddingWeight(col int) *nn.Tensor {
	return m.Embeddings[col].Weight
}
