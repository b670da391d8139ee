package nn

import "fmt"

//go:noescape
func addKernelAVX2(dst, src *float32, n int)

//go:noescape
func scatterAddKernel(dst, src *float32, offsets *int32, n int)

//go:noescape
func scatterAddKernelAVX512(dst, src *float32, offsets *int32, n int)

//go:noescape
func scatterTileAVX512(dst, tile *float32, ld int, rowOff *int32, rows int, colOff *int32, cols int)

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

// scatterTile adds tile[r·ld + q] into dst[rowOff[r] + colOff[q]] for
// every r of rowOff and q of colOff. Both offset lists must be
// non-negative and increasing, so the last pair gives the largest index,
// which it checks against len(dst) before the unchecked loops.
func scatterTile(dst, tile []float32, ld int, rowOff, colOff []int32) {
	rows, cols := len(rowOff), len(colOff)
	if rows == 0 || cols == 0 {
		return
	}
	if !hasAVX512 {
		scatterTileGo(dst, tile, ld, rowOff, colOff)
		return
	}
	_ = tile[(rows-1)*ld+cols-1]
	if last := int(rowOff[rows-1]) + int(colOff[cols-1]); last >= len(dst) {
		panic(fmt.Sprintf("nn: scatter offset %d outside %d values", last, len(dst)))
	}
	scatterTileAVX512(&dst[0], &tile[0], ld, &rowOff[0], rows, &colOff[0], cols)
}
