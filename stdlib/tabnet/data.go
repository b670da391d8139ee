package tabnet

import (
	"fmt"

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
		return nil, fmt.Errorf("tabnet: no columns")
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
