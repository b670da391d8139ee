package nn

// hasAVX2FMA reports whether the CPU and OS support AVX2 and FMA3, which
// the assembly micro-kernel needs.
var hasAVX2FMA = cpuHasAVX2FMA()

// cpuHasAVX2FMA checks CPUID and XGETBV for AVX2, FMA and OS-saved YMM state.
func cpuHasAVX2FMA() bool

// hasAVX512 reports whether the CPU and OS support AVX-512F as well, for
// the wider micro-kernel.
var hasAVX512 = hasAVX2FMA && cpuHasAVX512()

// cpuHasAVX512 checks CPUID and XGETBV for AVX-512F and OS-saved ZMM state.
func cpuHasAVX512() bool

// sgemmKernelAVX2 is the assembly form of [sgemmKernelGo]. c must hold
// sgemmMR rows of sgemmNR values at row stride ldc.
//
//go:noescape
func sgemmKernelAVX2(k int, a, b, c *float32, ldc int)

// sgemmKernelAVX512 is [sgemmKernelAVX2] with 16-wide registers.
//
//go:noescape
func sgemmKernelAVX512(k int, a, b, c *float32, ldc int)

func sgemmKernel(k int, a, b, c []float32, ldc int) {
	if !hasAVX2FMA {
		sgemmKernelGo(k, a, b, c, ldc)
		return
	}
	// Bounds the assembly relies on, checked once per block.
	_ = a[k*sgemmMR-1]
	_ = b[k*sgemmNR-1]
	_ = c[(sgemmMR-1)*ldc+sgemmNR-1]
	if hasAVX512 {
		sgemmKernelAVX512(k, &a[0], &b[0], &c[0], ldc)
		return
	}
	sgemmKernelAVX2(k, &a[0], &b[0], &c[0], ldc)
}
