package nn

import "fmt"

//go:noescape
func gatherPanelAVX2(dst, src *float32, rowOff *int32, rows int, cols *int32)

// gatherPanel sets dst[p·sgemmNR + j] = src[rowOff[p] + cols[j]] for every
// p and the sgemmNR values of cols. Both offset lists must be
// non-negative and increasing, so the last pair gives the largest index,
// which it checks against len(src) before the unchecked AVX2 loads.
func gatherPanel(dst, src []float32, rowOff, cols []int32) {
	rows := len(rowOff)
	if !hasAVX2FMA || rows == 0 {
		gatherPanelGo(dst, src, rowOff, cols)
		return
	}
	_ = dst[rows*sgemmNR-1]
	if last := int(rowOff[rows-1]) + int(cols[sgemmNR-1]); last >= len(src) {
		panic(fmt.Sprintf("nn: gather offset %d outside %d values", last, len(src)))
	}
	gatherPanelAVX2(&dst[0], &src[0], &rowOff[0], rows, &cols[0])
}
