package metrics

import (
	"fmt"
	"math"
)

func checkLen(name string, pred, truth []float64) {
	if len(pred) != len(truth) {
		panic(fmt.Sprintf("metrics: %s: len(pred) = %d, len(truth) = %d", name, len(pred), len(truth)))
	}
	if len(pred) == 0 {
		panic(fmt.Sprintf("metrics: %s: no values", name))
	}
}

// RMSE returns the root mean squared error of pred against truth. On log
// prices it is the RMSLE that the bulldozers competition scores.
func RMSE(pred, truth []float64) float64 {
	checkLen("RMSE", pred, truth)
	s := 0.0
	for i, p := range pred {
		d := p - truth[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(pred)))
}

// MAE returns the mean absolute error of pred against truth.
func MAE(pred, truth []float64) float64 {
	checkLen("MAE", pred, truth)
	s := 0.0
	for i, p := range pred {
		s += math.Abs(p - truth[i])
	}
	return s / float64(len(pred))
}

// R2 returns the coefficient of determination 1 − SS_res/SS_tot, as
// scikit-learn's r2_score: 1 is perfect and predicting the mean gives 0.
func R2(pred, truth []float64) float64 {
	checkLen("R2", pred, truth)
	mean := 0.0
	for _, t := range truth {
		mean += t
	}
	mean /= float64(len(truth))
	var res, tot float64
	for i, p := range pred {
		res += (truth[i] - p) * (truth[i] - p)
		tot += (truth[i] - mean) * (truth[i] - mean)
	}
	return 1 - res/tot
}

// Accuracy returns the share of rows where pred equals truth exactly.
func Accuracy(pred, truth []float64) float64 {
	checkLen("Accuracy", pred, truth)
	right := 0
	for i, p := range pred {
		if p == truth[i] {
			right++
		}
	}
	return float64(right) / float64(len(pred))
}
