//go:build !amd64

package nn

// adamUpdate applies one Adam step to slices of equal length and zeros g.
func adamUpdate(c *adamKernelCoef, p, g, m, v []float32) {
	adamUpdateGo(c, p, g, m, v)
}
