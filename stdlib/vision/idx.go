package vision

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
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
		if d != 0 && size > math.MaxInt/int(d) {
			return nil, nil, fmt.Errorf("vision: %s has dimensions %v, too large to be an image file; download it again", path, dims[:i+1])
		}
		size *= int(d)
	}
	// Read rather than allocate size bytes up front, so that a corrupt
	// header cannot request more memory than the file holds.
	data, err = io.ReadAll(io.LimitReader(zr, int64(size)))
	if err != nil {
		return nil, nil, fmt.Errorf("vision: reading %s: %w", path, err)
	}
	if len(data) < size {
		return nil, nil, fmt.Errorf("vision: %s has %d data bytes, shorter than its header's %v (%d bytes); download it again",
			path, len(data), dims, size)
	}
	return dims, data, nil
}
