package nn

// adamKernelAVX2 updates the first n/8·8 values; see adam_amd64.s.
//
//go:noescape
func adamKernelAVX2(p, grad, m, v *float32, n int, c *adamKernelCoef)

// adamUpdate applies one Adam step to slices of equal length and zeros g.
// It uses the AVX2 kernel when the CPU has it and finishes the tail in Go.
func adamUpdate(c *adamKernelCoef, p, g, m, v []float32) {
	n := len(p)
	_, _, _ = g[n-1], m[n-1], v[n-1]
	done := 0
	if hasAVX2FMA && n >= 8 {
		adamKernelAVX2(&p[0], &g[0], &m[0], &v[0], n, c)
		done = n &^ 7
	}
	adamUpdateGo(c, p[done:], g[done:], m[done:], v[done:])
}
