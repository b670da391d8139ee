package metrics_test

import (
	"fmt"

	"fastgo/stdlib/metrics"
	"gonum.org/v1/gonum/mat"
)

func ExampleRMSE() {
	fmt.Printf("%.3f\n", metrics.RMSE([]float64{10, 11}, []float64{10.3, 10.6}))
	// Output:
	// 0.354
}

func ExampleSpearman() {
	// Column 1 is a monotone function of column 0, column 2 reverses it.
	X := mat.NewDense(4, 3, []float64{1, 1, 9, 2, 8, 7, 3, 27, 4, 4, 64, 1})
	fmt.Println(mat.Formatted(metrics.Spearman(X)))
	// Output:
	// ⎡ 1   1  -1⎤
	// ⎢ 1   1  -1⎥
	// ⎣-1  -1   1⎦
}
