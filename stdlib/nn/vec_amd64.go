package nn

import "fmt"

//go:noescape
func addKernelAVX2(dst, src *float32, n int)

//go:noescape
func scatterAddKernel(dst, src *float32, offsets *int32, n int)

//go:noescape
func scatterAddKernelAVX512(dst, src *float32, offsets *int32, n int)

// addInto adds src into dst elementwise. dst must be at least as long.
func addInto(dst, src []float32) {
	n := len(src)
	done := 0
	if hasAVX2FMA && n >= 8 {
		_ = dst[n-1]
		addKernelAVX2(&dst[0], &src[0], n)
		done = n &^ 7
	}
	addIntoGo(dst[done:], src[done:])
}

// scatterAdd adds src[i] into dst[offsets[i]]. The offsets must be
// non-negative and increasing, so the last one is the largest, which it
// checks against len(dst) before the unchecked loops.
func scatterAdd(dst, src []float32, offsets []int32) {
	n := len(offsets)
	if n == 0 {
		return
	}
	_ = src[n-1]
	if last := offsets[n-1]; int(last) >= len(dst) {
		panic(fmt.Sprintf("nn: scatter offset %d outside %d values", last, len(dst)))
	}
	done := 0
	if hasAVX512 && n >= 16 {
		scatterAddKernelAVX512(&dst[0], &src[0], &offsets[0], n)
		done = n &^ 15
	}
	if done < n {
		scatterAddKernel(&dst[0], &src[done], &offsets[done], n-done)
	}
}
