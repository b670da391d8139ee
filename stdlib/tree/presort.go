package tree

import (
	"math"
	"slices"
	"sync"
)

// presortBudget is the largest rows × columns for which a tree keeps one
// rank-sorted row list per column (8 bytes an entry, so 32 MiB). Larger
// data is split through histograms and per-node sorts instead.
const presortBudget = 1 << 22

// order returns, for every column, rank<<32 | row for all rows sorted by
// rank (ties by row). It is computed once per Data and shared by all
// trees fit on it.
func (d *Data) order() [][]uint64 {
	d.orderOnce.Do(func() {
		d.orders = make([][]uint64, d.cols)
		var wg sync.WaitGroup
		for j := range d.cols {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d.orders[j] = d.countingOrder(j)
			}()
		}
		wg.Wait()
	})
	return d.orders
}

// countingOrder returns rank<<32 | row for the rows of column j in rank
// order, ties by row, with a counting sort over the column's levels.
func (d *Data) countingOrder(j int) []uint64 {
	start := make([]int, len(d.uniq[j])+1)
	for i := 0; i < d.rows; i++ {
		start[d.rank(i, j)+1]++
	}
	for r := 1; r < len(start); r++ {
		start[r] += start[r-1]
	}
	o := make([]uint64, d.rows)
	for i := 0; i < d.rows; i++ {
		r := d.rank(i, j)
		o[start[r]] = uint64(r)<<32 | uint64(i)
		start[r]++
	}
	return o
}

// initPresort fills b.sorted[f] with rank<<32 | row for the tree's rows in
// rank order, when the data is small enough.
func (b *builder) initPresort() {
	if b.d.rows*b.d.cols > presortBudget {
		return
	}
	orders := b.d.order()
	b.sorted = make([][]uint64, b.d.cols)
	for f, o := range orders {
		if b.w == nil {
			b.sorted[f] = slices.Clone(o)
			continue
		}
		s := make([]uint64, len(o))
		n := 0
		for _, key := range o {
			s[n] = key
			if b.w[uint32(key)] > 0 {
				n++
			}
		}
		b.sorted[f] = s[:n:n]
	}
	b.left = make([]uint8, b.d.rows)
	if b.w == nil {
		b.ones = make([]float64, b.d.rows)
		for i := range b.ones {
			b.ones[i] = 1
		}
	}
	b.tmpKeys = make([]uint64, len(b.idx))
}

// presortScan visits the node's rows of feature f in rank order straight
// from the presorted list.
func (b *builder) presortScan(f, start, end int, st *nodeStats) scan {
	keys := b.sorted[f][start:end]
	sc := scan{proxy: math.Inf(-1)}
	if keys[0]>>32 == keys[len(keys)-1]>>32 {
		sc.groups = 1
		return sc
	}
	if b.p.classes == 0 {
		return b.presortScanRegression(keys, st)
	}
	s := b.newSide(st)
	prev := -1
	for _, key := range keys {
		r := int(key >> 32)
		if r != prev {
			sc.groups++
			if prev >= 0 {
				b.consider(&sc, &s, st, prev, r)
			}
		}
		b.addRow(&s, int32(uint32(key)), st)
		prev = r
	}
	return sc
}

// presortScanRegression is presortScan for squared error, with the sums
// kept in local variables because this loop dominates fitting time.
func (b *builder) presortScanRegression(keys []uint64, st *nodeStats) scan {
	sc := scan{proxy: math.Inf(-1)}
	y, w := b.y, b.ones
	if b.w != nil {
		w = b.w
	}
	minLeaf, n := b.p.minLeaf, st.n
	var nL int
	var wL, yL float64
	prev := int(keys[0] >> 32)
	for _, key := range keys {
		r := int(key >> 32)
		if r != prev {
			sc.groups++
			if nL >= minLeaf && n-nL >= minLeaf {
				yR := st.wy - yL
				if p := yL*yL/wL + yR*yR/(st.w-wL); p > sc.proxy {
					sc.proxy, sc.rank, sc.next = p, prev, r
				}
			}
			prev = r
		}
		row := uint32(key)
		nL++
		wL += w[row]
		yL += w[row] * y[row]
	}
	sc.groups++
	return sc
}

// partitionSorted stably partitions each presorted list of the node by
// the side its rows go to, skipping the first skip features of b.feats,
// which are constant in the node and never scanned below it. Nothing is
// done when neither child can be split further.
func (b *builder) partitionSorted(start, mid, end, depth, skip int) {
	if !b.mayGrow(mid-start, depth+1) && !b.mayGrow(end-mid, depth+1) {
		return
	}
	for _, row := range b.idx[start:mid] {
		b.left[row] = 1
	}
	for _, f := range b.feats[skip:] {
		keys := b.sorted[f][start:end]
		right := b.tmpKeys[:len(keys)]
		i, j := 0, 0
		// Branch-free: each key is written to both sides and the cursor
		// of the side it belongs to advances.
		for _, key := range keys {
			l := int(b.left[uint32(key)])
			keys[i] = key
			right[j] = key
			i += l
			j += 1 - l
		}
		copy(keys[i:], right[:j])
	}
	for _, row := range b.idx[start:mid] {
		b.left[row] = 0
	}
}

// mayGrow reports whether a node of n rows at the given depth could be
// split.
func (b *builder) mayGrow(n, depth int) bool {
	if b.p.maxDepth > 0 && depth >= b.p.maxDepth {
		return false
	}
	return n >= 2 && n >= 2*b.p.minLeaf
}
