package vision

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// IDX magic numbers: unsigned bytes with one dimension (labels) or three
// (images), as defined on Yann LeCun's MNIST page.
const (
	idxLabelsMagic = 0x00000801
	idxImagesMagic = 0x00000803
)

// readIDX reads a gzip-compressed IDX file of unsigned bytes and returns
// its dimensions and data.
func readIDX(path string, wantMagic uint32) (dims []int, data []uint8, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("vision: %w", err)
	}
	defer f.Close()

	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, nil, fmt.Errorf("vision: reading %s: %w", path, err)
	}
	defer zr.Close()

	var magic uint32
	if err := binary.Read(zr, binary.BigEndian, &magic); err != nil {
		return nil, nil, fmt.Errorf("vision: reading header of %s: %w", path, err)
	}
	if magic != wantMagic {
		return nil, nil, fmt.Errorf("vision: %s has IDX magic %#x, expected %#x", path, magic, wantMagic)
	}
	size := 1
	dims = make([]int, magic&0xff)
	for i := range dims {
		var d uint32
		if err := binary.Read(zr, binary.BigEndian, &d); err != nil {
			return nil, nil, fmt.Errorf("vision: reading dimensions of %s: %w", path, err)
		}
		dims[i] = int(d)
		size *= int(d)
	}
	data = make([]uint8, size)
	if _, err := io.ReadFull(zr, data); err != nil {
		return nil, nil, fmt.Errorf("vision: %s is shorter than its header's %v: %w", path, dims, err)
	}
	return dims, data, nil
}
