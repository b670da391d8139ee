//go:build !amd64

package nn

func sgemmKernel(k int, a, b, c []float32, ldc int) { sgemmKernelGo(k, a, b, c, ldc) }
