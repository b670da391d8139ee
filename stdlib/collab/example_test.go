package collab_test

import (
	"fmt"
	"math/rand"

	"fastgo/stdlib/collab"
	"fastgo/stdlib/nn"
)

// The book's model for MovieLens: 50 factors and a bias per user and per
// title, predictions bounded to (0, 5.5).
func ExampleNewDotProductBias() {
	m := collab.NewDotProductBias(rand.NewSource(42), 944, 1635, 50, 0, 5.5)
	fmt.Println(nn.NumParams(m))
	x := nn.New([]float32{196, 242}, 1, 2) // (user code, title code)
	pred := m.Forward(x).Item()
	fmt.Println(pred > 2.7 && pred < 2.8) // σ(≈0)·5.5 with tiny initial weights
	// Output:
	// 131529
	// true
}
