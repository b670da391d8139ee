package tabnet_test

import (
	"fmt"
	"math/rand"

	"fastgo/stdlib/tabnet"
)

// Two categorical columns and one continuous column, with fastai's
// embedding widths: 14 for 48 levels and 110 for 1,914.
func ExampleNew() {
	m, err := tabnet.New(rand.NewSource(1), tabnet.Config{
		Cardinalities: []int{48, 1914},
		NumCont:       1,
		Layers:        []int{500, 250},
		YLo:           8,
		YHi:           12,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(m.EmbeddingWeight(0).Shape(), m.EmbeddingWeight(1).Shape())
	x, _ := tabnet.Tensor([][]int{{3}, {100}}, [][]float64{{0.5}})
	m.SetTraining(false)
	fmt.Println(m.Forward(x).Shape())
	// Output:
	// [48 14] [1914 110]
	// [1 1]
}
