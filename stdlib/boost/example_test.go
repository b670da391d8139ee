package boost_test

import (
	"fmt"

	"fastgo/stdlib/boost"
	"gonum.org/v1/gonum/mat"
)

func ExampleRegressor() {
	// y = x² on 0..19; 50 rounds of 4-leaf trees fit it closely.
	X := mat.NewDense(20, 1, nil)
	y := make([]float64, 20)
	for i := range y {
		X.Set(i, 0, float64(i))
		y[i] = float64(i * i)
	}
	m := &boost.Regressor{Rounds: 50, MaxLeafNodes: 4, Quiet: true}
	if err := m.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("train RMSE: round 1 %.1f, round 50 %.1f\n", m.TrainRMSE[0], m.TrainRMSE[49])
	// Output:
	// train RMSE: round 1 102.7, round 50 1.0
}
