//go:build !amd64

package nn

func gatherPanel(dst, src []float32, rowOff, cols []int32) { gatherPanelGo(dst, src, rowOff, cols) }
