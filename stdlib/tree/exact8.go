package tree

import (
	"math"
	"runtime"
	"sync"
)

// blockRows is the number of rows at or below which a node's subtree
// reads its ranks from a row-major block, copied once for the whole
// subtree. A block of 1024 MNIST rows takes 784 KiB, which fits in a
// typical L2 cache. On MNIST with a 2-core Xeon, 1024, 2048 and 4096
// rows gave the same fit time.
const blockRows = 1024

// rowMajorBudget is the largest rows × cols for which [Data.rowMajor8]
// builds its row-major copy of the ranks (one byte an entry, so 256 MiB),
// because the copy doubles the memory of the ranks. Larger data is read
// from the columns only.
const rowMajorBudget = 1 << 28

// exact8State is the state of the exact8 path: classification with
// exact integer weights (see maxExactWeight) on data whose columns all
// have 8-bit ranks, without presorted lists. The packed weight and class code of each row are kept next to
// b.idx and partitioned with it, so that a node's rows are read in order
// without a gather.
//
// Deep nodes have few rows scattered over the columns, so each rank they
// read costs a cache miss. When depth-first growth reaches a node of at
// most blockRows rows, prepareBlock copies the whole rows of the node
// from [Data.rowMajor8] into block, and every node of its subtree reads
// ranks from there. pos holds each row's index in the block.
type exact8State struct {
	exact8           bool
	rowKey, tmpKey   []uint64
	rowCode, tmpCode []int32
	countInt         []int64

	// classMasks marks the classes present at each level of a block
	// node's histogram, for at most 64 classes.
	classMasks [256]uint64

	rowMajor             []uint8
	block                []uint8
	pos, tmpPos          []int32
	blockStart, blockEnd int
}

// exact8Applies reports whether the tree qualifies for the exact8 path.
// It must agree with initPresort, which keeps presorted lists only up to
// presortBudget.
func (b *builder) exact8Applies() bool {
	if !b.exact || b.d.rows*b.d.cols <= presortBudget {
		return false
	}
	for _, r := range b.d.rank8 {
		if r == nil {
			return false
		}
	}
	return true
}

// initExact8 sets up the exact8 path.
func (b *builder) initExact8() {
	b.exact8 = true
	n := len(b.idx)
	b.rowKey, b.tmpKey = make([]uint64, n), make([]uint64, n)
	b.rowCode, b.tmpCode = make([]int32, n), make([]int32, n)
	for k, row := range b.idx {
		w := uint64(1)
		if b.w != nil {
			w = uint64(b.w[row])
		}
		b.rowKey[k] = 1<<32 | w
		b.rowCode[k] = b.code[row]
	}
	b.countInt = make([]int64, b.p.classes)
	if b.p.maxLeaves == 0 && b.d.rows*b.d.cols <= rowMajorBudget {
		// Best-first growth splits nodes out of order, so a block would
		// be rebuilt for almost every node; only depth-first uses them.
		b.rowMajor = b.d.rowMajor8()
		b.block = make([]uint8, min(blockRows, n)*b.d.cols)
		b.pos, b.tmpPos = make([]int32, n), make([]int32, n)
	}
}

// statsExact8 is stats for the exact8 path. It sums the integer weights
// exactly, so it returns the same values as stats.
func (b *builder) statsExact8(start, end int) nodeStats {
	counts := b.countInt
	clear(counts)
	keys, codes := b.rowKey[start:end], b.rowCode[start:end]
	codes = codes[:len(keys)]
	for k, key := range keys {
		counts[codes[k]] += int64(uint32(key))
	}
	st := nodeStats{n: end - start, counts: make([]float64, len(counts))}
	var w int64
	for c, v := range counts {
		st.counts[c] = float64(v)
		w += v
	}
	st.w = float64(w)
	return st
}

// inBlock reports whether the rows idx[start:end] are in the current
// block.
func (b *builder) inBlock(start, end int) bool {
	return b.block != nil && start >= b.blockStart && end <= b.blockEnd
}

// prepareBlock copies the rows of a node of at most blockRows rows into
// the block, unless they are there already. Depth-first growth finishes
// a node's subtree before any node outside it, so one block at a time
// suffices.
func (b *builder) prepareBlock(start, end int) {
	if b.block == nil || end-start > blockRows || b.inBlock(start, end) {
		return
	}
	cols := b.d.cols
	for k, row := range b.idx[start:end] {
		src := int(row) * cols
		copy(b.block[k*cols:(k+1)*cols], b.rowMajor[src:src+cols])
		b.pos[start+k] = int32(k)
	}
	b.blockStart, b.blockEnd = start, end
}

// scanExact8 returns the scan of feature f for the rows idx[start:end].
func (b *builder) scanExact8(f, start, end int, st *nodeStats) scan {
	if b.inBlock(start, end) {
		return b.histScanBlock8(f, start, end, st)
	}
	return histScanPacked8(b, b.d.rank8[f], b.idx[start:end], b.rowKey[start:end], b.rowCode[start:end], st)
}

// histScanBlock8 is histScanPacked8 reading the ranks from the block.
func (b *builder) histScanBlock8(f, start, end int, st *nodeStats) scan {
	cols := b.d.cols
	column := b.block[f:]
	pos := b.pos[start:end]

	// A feature that is constant in the node needs no histogram.
	first := column[int(pos[0])*cols]
	k := 1
	for k < len(pos) && column[int(pos[k])*cols] == first {
		k++
	}
	if k == len(pos) {
		return scan{groups: 1, proxy: math.Inf(-1)}
	}

	C := b.p.classes
	h := b.hpacked
	seen := &b.seen
	keys, codes := b.rowKey[start:end], b.rowCode[start:end]
	keys, codes = keys[:len(pos)], codes[:len(pos)]
	if C > 64 {
		for k, p := range pos {
			r := column[int(p)*cols]
			seen[r] = 1
			h[int(r)*C+int(codes[k])] += keys[k]
		}
		return b.scanPresentLevels(st, false)
	}

	masks := &b.classMasks
	for k, p := range pos {
		r := column[int(p)*cols]
		c := codes[k]
		seen[r] = 1
		masks[r] |= 1 << c
		h[int(r)*C+int(c)] += keys[k]
	}
	return b.scanPresentLevels(st, true)
}

// partitionExact8 is partition for the exact8 path: it moves the packed
// weights, class codes and block positions of the rows with them.
func (b *builder) partitionExact8(start, end int, sp split) int {
	rows, keys, codes := b.idx[start:end], b.rowKey[start:end], b.rowCode[start:end]
	keys, codes = keys[:len(rows)], codes[:len(rows)]
	rightRows, rightKeys, rightCodes := b.tmp[:0], b.tmpKey[:0], b.tmpCode[:0]
	i := 0
	if b.inBlock(start, end) {
		cols := b.d.cols
		column := b.block[sp.feature:]
		pos := b.pos[start:end]
		pos = pos[:len(rows)]
		rightPos := b.tmpPos[:0]
		for k, row := range rows {
			p := pos[k]
			if int(column[int(p)*cols]) <= sp.rank {
				rows[i], keys[i], codes[i], pos[i] = row, keys[k], codes[k], p
				i++
			} else {
				rightRows = append(rightRows, row)
				rightKeys = append(rightKeys, keys[k])
				rightCodes = append(rightCodes, codes[k])
				rightPos = append(rightPos, p)
			}
		}
		copy(pos[i:], rightPos)
	} else {
		rank := b.d.rank8[sp.feature]
		for k, row := range rows {
			if int(rank[row]) <= sp.rank {
				rows[i], keys[i], codes[i] = row, keys[k], codes[k]
				i++
			} else {
				rightRows = append(rightRows, row)
				rightKeys = append(rightKeys, keys[k])
				rightCodes = append(rightCodes, codes[k])
			}
		}
	}
	copy(rows[i:], rightRows)
	copy(keys[i:], rightKeys)
	copy(codes[i:], rightCodes)
	return start + i
}

// rowMajor8 returns the ranks as a row-major rows × cols matrix, or nil
// unless every column has 8-bit ranks. It is computed once per Data and
// shared by all trees fit on it.
func (d *Data) rowMajor8() []uint8 {
	d.rowMajorOnce.Do(func() {
		for _, r := range d.rank8 {
			if r == nil {
				return
			}
		}
		m := make([]uint8, d.rows*d.cols)
		// Each worker transposes tiles of 64 rows, which stay in cache
		// while every column writes its 64 bytes into them.
		const tile = 64
		tiles := (d.rows + tile - 1) / tile
		workers := min(runtime.GOMAXPROCS(0), tiles)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for t := w; t < tiles; t += workers {
					lo, hi := t*tile, min((t+1)*tile, d.rows)
					for j, col := range d.rank8 {
						for i, r := range col[lo:hi] {
							m[(lo+i)*d.cols+j] = r
						}
					}
				}
			}()
		}
		wg.Wait()
		d.rowMajor = m
	})
	return d.rowMajor
}
