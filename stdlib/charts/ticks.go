package charts

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// maxTickDecimals bounds the decimals of a tick label.
const maxTickDecimals = 10

// readableTicks places ticks as plot.DefaultTicks does, and relabels each
// major tick with the fewest decimals that still show its value exactly.
// DefaultTicks can label every tick of a narrow range, such as 10.00 to
// 10.12, as "10".
type readableTicks struct{}

// Ticks implements plot.Ticker.
func (readableTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	// Labels may round away less than a millionth of the axis range.
	tol := 1e-6 * (max - min)
	for i, t := range ticks {
		if !t.IsMinor() {
			ticks[i].Label = shortestLabel(t.Value, tol)
		}
	}
	return ticks
}

// shortestLabel returns v with the fewest decimals, up to maxTickDecimals,
// that format it within tol.
func shortestLabel(v, tol float64) string {
	for decimals := 0; decimals < maxTickDecimals; decimals++ {
		label := relabel(v, decimals)
		if parsed, err := strconv.ParseFloat(label, 64); err == nil && math.Abs(parsed-v) <= tol {
			return label
		}
	}
	return relabel(v, maxTickDecimals)
}

// relabel formats v with the given decimals, in plain notation for
// moderate magnitudes and exponent notation for very large ones.
func relabel(v float64, decimals int) string {
	if math.Abs(v) >= 1e7 {
		return strconv.FormatFloat(v, 'g', decimals+1, 64)
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
