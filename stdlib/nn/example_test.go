package nn_test

import (
	"fmt"

	"fastgo/stdlib/nn"
)

// The gradient of Σ(x·w) with respect to w is the column sums of x.
func ExampleTensor_Backward() {
	x := nn.New([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	w := nn.Param(nn.New([]float32{0.5, -1, 2}, 3, 1))
	nn.Sum(nn.MatMul(x, w)).Backward()
	fmt.Println(w.Grad)
	// Output: [5 7 9]
}

func ExampleNewOneCycle() {
	s := nn.NewOneCycle(0.01)
	for _, pos := range []float64{0, 0.25, 1} {
		lr, mom := s.At(pos)
		fmt.Printf("%.2f: lr %.2e, momentum %.2f\n", pos, lr, mom)
	}
	// Output:
	// 0.00: lr 4.00e-04, momentum 0.95
	// 0.25: lr 1.00e-02, momentum 0.85
	// 1.00: lr 1.00e-07, momentum 0.95
}
