//go:build !amd64

package nn

func addInto(dst, src []float32) { addIntoGo(dst, src) }

func scatterAdd(dst, src []float32, offsets []int32) { scatterAddGo(dst, src, offsets) }

func scatterTile(dst, tile []float32, ld int, rowOff, colOff []int32) {
	scatterTileGo(dst, tile, ld, rowOff, colOff)
}
