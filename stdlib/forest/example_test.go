package forest_test

import (
	"fmt"
	"math"

	"fastgo/stdlib/forest"
	"gonum.org/v1/gonum/mat"
)

func ExampleRegressor() {
	// y = 2·x0 on 50 rows; x1 is noise.
	X := mat.NewDense(50, 2, nil)
	y := make([]float64, 50)
	for i := 0; i < 50; i++ {
		X.Set(i, 0, float64(i))
		X.Set(i, 1, float64((i*17)%5))
		y[i] = 2 * float64(i)
	}
	rf := &forest.Regressor{Options: forest.Options{NTrees: 20, Seed: 1, OOB: true, Quiet: true}}
	if err := rf.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	p := rf.Predict(mat.NewDense(1, 2, []float64{25, 0}))
	imp := rf.Importances()
	fmt.Printf("|f(25) − 50| < 2: %v, OOB R² > 0.95: %v, x0 importance > 0.95: %v\n",
		math.Abs(p[0]-50) < 2, rf.OOBScore > 0.95, imp[0] > 0.95)
	// Output:
	// |f(25) − 50| < 2: true, OOB R² > 0.95: true, x0 importance > 0.95: true
}

func ExampleClassifier() {
	X := mat.NewDense(8, 1, []float64{1, 2, 3, 4, 10, 11, 12, 13})
	y := []float64{0, 0, 0, 0, 1, 1, 1, 1}
	c := &forest.Classifier{Options: forest.Options{NTrees: 10, Seed: 2, Quiet: true}}
	if err := c.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Predict(mat.NewDense(2, 1, []float64{0, 20})))
	// Output:
	// [0 1]
}

func ExampleRegressor_Contributions() {
	X := mat.NewDense(6, 2, []float64{1, 0, 2, 1, 3, 0, 4, 1, 5, 0, 6, 1})
	y := []float64{1, 2, 3, 10, 11, 12}
	rf := &forest.Regressor{Options: forest.Options{NTrees: 1, NoBootstrap: true, MaxLeafNodes: 2, Quiet: true}}
	if err := rf.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	pred, bias, contrib := rf.Contributions(mat.NewDense(1, 2, []float64{6, 1}))
	fmt.Printf("prediction %.1f = bias %.1f + x0 %.1f + x1 %.1f\n", pred[0], bias, contrib.At(0, 0), contrib.At(0, 1))
	// Output:
	// prediction 11.0 = bias 6.5 + x0 4.5 + x1 0.0
}
