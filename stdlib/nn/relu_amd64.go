package nn

//go:noescape
func reluKernelAVX2(dst, src *float32, n int)

//go:noescape
func reluGradKernelAVX2(grad, dout, out *float32, n int)

//go:noescape
func reluGradSetKernelAVX2(grad, dout, out *float32, n int)

// reluInto sets dst[i] = max(src[i], 0). It uses the AVX2 kernel when the
// CPU has it and finishes the tail in Go.
func reluInto(dst, src []float32) {
	n := len(src)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_ = dst[n-1]
		reluKernelAVX2(&dst[0], &src[0], n)
		done = n &^ 7
	}
	reluIntoGo(dst[done:], src[done:])
}

// reluGradAdd adds dout[i] into grad[i] wherever out[i] > 0.
func reluGradAdd(grad, dout, out []float32) {
	n := len(out)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_, _ = grad[n-1], dout[n-1]
		reluGradKernelAVX2(&grad[0], &dout[0], &out[0], n)
		done = n &^ 7
	}
	reluGradAddGo(grad[done:], dout[done:], out[done:])
}

// reluGradSet sets grad[i] to dout[i] where out[i] > 0 and to 0 elsewhere.
func reluGradSet(grad, dout, out []float32) {
	n := len(out)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_, _ = grad[n-1], dout[n-1]
		reluGradSetKernelAVX2(&grad[0], &dout[0], &out[0], n)
		done = n &^ 7
	}
	reluGradSetGo(grad[done:], dout[done:], out[done:])
}
