//go:build !amd64

package nn

func reluInto(dst, src []float32) { reluIntoGo(dst, src) }

func reluGradAdd(grad, dout, out []float32) { reluGradAddGo(grad, dout, out) }

func reluGradSet(grad, dout, out []float32) { reluGradSetGo(grad, dout, out) }
