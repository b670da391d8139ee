package nn

//go:noescape
func affineKernelAVX2(dst, src *float32, n int, a, b float32)

//go:noescape
func sumSquaresKernelAVX2(x *float32, n int) (sum, sumSq float32)

//go:noescape
func dotCentredKernelAVX2(dy, x *float32, n int, mean float32) (sum, dot float32)

//go:noescape
func bnGradKernelAVX2(grad, dy, x *float32, n int, a, b, d float32)

//go:noescape
func bnGradSetKernelAVX2(grad, dy, x *float32, n int, a, b, d float32)

// affineInto sets dst[i] = src[i]·a + b.
func affineInto(dst, src []float32, a, b float32) {
	n := len(src)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_ = dst[n-1]
		affineKernelAVX2(&dst[0], &src[0], n, a, b)
		done = n &^ 7
	}
	affineIntoGo(dst[done:], src[done:], a, b)
}

// sumSquares returns Σ x[i] and Σ x[i]².
func sumSquares(x []float32) (sum, sumSq float32) {
	n := len(x)
	done := 0
	if hasAVX2FMA && n >= 8 {
		sum, sumSq = sumSquaresKernelAVX2(&x[0], n)
		done = n &^ 7
	}
	s, ss := sumSquaresGo(x[done:])
	return sum + s, sumSq + ss
}

// dotCentred returns Σ dy[i] and Σ dy[i]·(x[i] − mean).
func dotCentred(dy, x []float32, mean float32) (sum, dot float32) {
	n := len(dy)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_ = x[n-1]
		sum, dot = dotCentredKernelAVX2(&dy[0], &x[0], n, mean)
		done = n &^ 7
	}
	s, d := dotCentredGo(dy[done:], x[done:], mean)
	return sum + s, dot + d
}

// bnGradAdd adds a·dy[i] + b·x[i] + d into g[i].
func bnGradAdd(g, dy, x []float32, a, b, d float32) {
	n := len(dy)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_, _ = g[n-1], x[n-1]
		bnGradKernelAVX2(&g[0], &dy[0], &x[0], n, a, b, d)
		done = n &^ 7
	}
	bnGradAddGo(g[done:], dy[done:], x[done:], a, b, d)
}

// bnGradSet sets g[i] to a·dy[i] + b·x[i] + d.
func bnGradSet(g, dy, x []float32, a, b, d float32) {
	n := len(dy)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_, _ = g[n-1], x[n-1]
		bnGradSetKernelAVX2(&g[0], &dy[0], &x[0], n, a, b, d)
		done = n &^ 7
	}
	bnGradSetGo(g[done:], dy[done:], x[done:], a, b, d)
}
