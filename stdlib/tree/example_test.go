package tree_test

import (
	"fmt"

	"fastgo/stdlib/tree"
	"gonum.org/v1/gonum/mat"
)

func ExampleRegressor() {
	// Price rises with size; a 2-leaf tree splits between 2 and 3.
	X := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	y := []float64{10, 11, 20, 21}
	m := &tree.Regressor{Options: tree.Options{MaxLeafNodes: 2}, FeatureNames: []string{"size"}}
	if err := m.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(m)
	fmt.Println(m.Predict(mat.NewDense(2, 1, []float64{0, 5})))
	// Output:
	// 0: size ≤ 2.5, mse = 25.25, samples = 4, value = 15.5
	//   1: mse = 0.25, samples = 2, value = 10.5
	//   2: mse = 0.25, samples = 2, value = 20.5
	// [10.5 20.5]
}

func ExampleClassifier() {
	X := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	y := []float64{0, 0, 1, 1}
	c := &tree.Classifier{}
	if err := c.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Classes, c.Predict(mat.NewDense(1, 1, []float64{3.5})))
	fmt.Println(mat.Formatted(c.PredictProba(mat.NewDense(1, 1, []float64{0}))))
	// Output:
	// [0 1] [1]
	// [1  0]
}
