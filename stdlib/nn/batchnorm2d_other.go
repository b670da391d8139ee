//go:build !amd64

package nn

func affineInto(dst, src []float32, a, b float32) { affineIntoGo(dst, src, a, b) }

func sumSquares(x []float32) (sum, sumSq float32) { return sumSquaresGo(x) }

func dotCentred(dy, x []float32, mean float32) (sum, dot float32) { return dotCentredGo(dy, x, mean) }

func bnGradAdd(g, dy, x []float32, a, b, d float32) { bnGradAddGo(g, dy, x, a, b, d) }

func bnGradSet(g, dy, x []float32, a, b, d float32) { bnGradSetGo(g, dy, x, a, b, d) }
