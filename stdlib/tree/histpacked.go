package tree

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// maxPackedWeight bounds the total weight of a tree for packed
// histograms: each bin entry keeps its row count in the high 32 bits and
// its weight in the low 32 bits, so the weight must not carry over.
const maxPackedWeight = 1 << 32

// integerWeights reports whether every weight is a non-negative integer
// and their sum is below maxPackedWeight. Bootstrap counts and unit
// weights qualify. Sums of such weights are exact in float64 whatever
// the order of addition, so a packed histogram gives the same splits as
// the float64 one.
func integerWeights(w []float64, rows int) bool {
	if w == nil {
		return int64(rows) < maxPackedWeight
	}
	total := 0.0
	for _, v := range w {
		if v < 0 || v != math.Trunc(v) {
			return false
		}
		total += v
	}
	return total < maxPackedWeight
}

// histScanPacked is histScanClasses for integer weights. One uint64 per
// level and class holds row count << 32 | weight, so each row costs a
// single integer add where the float64 histogram needs three.
func histScanPacked[R rankType](b *builder, rank []R, rows []int32, levels int, st *nodeStats) scan {
	C := b.p.classes
	h := b.hpacked[:levels*C]
	// Clear at the end, because histScanPacked8 expects a zero histogram.
	defer clear(h)
	keys, codes := b.nodeKey[:len(rows)], b.nodeCode[:len(rows)]
	for k, row := range rows {
		h[int(rank[row])*C+int(codes[k])] += keys[k]
	}
	sc := scan{proxy: math.Inf(-1)}
	s := b.newSide(st)
	prev := -1
	for r := 0; r < levels; r++ {
		bin := h[r*C : (r+1)*C]
		var sum uint64
		for _, v := range bin {
			sum += v
		}
		if sum == 0 {
			continue
		}
		sc.groups++
		if prev >= 0 {
			b.consider(&sc, &s, st, prev, r)
		}
		s.n += int(sum >> 32)
		s.w += float64(uint32(sum))
		for c, v := range bin {
			d := float64(uint32(v))
			if d == 0 {
				continue
			}
			l := s.countsLeft[c]
			rt := st.counts[c] - l
			s.sqL += 2*l*d + d*d
			s.sqR += -2*rt*d + d*d
			s.countsLeft[c] = l + d
		}
		prev = r
	}
	return sc
}

// maxExactWeight bounds the total weight of a tree for histScanPacked8.
// Its Gini sums of squares reach the square of the total weight, which
// must stay below 2⁵³ for the float64 scans to compute the same exact
// integers.
const maxExactWeight = 1 << 26

// histScanPacked8 is histScanPacked for columns of at most 256 levels.
// It marks the levels present in the node and visits only those, so a
// node costs O(rows + present levels × classes) rather than O(levels ×
// classes), and it keeps the Gini sums in int64. The sums are exact
// integers below 2⁵³ (see maxExactWeight), so the proxies equal those of
// the float64 scans bit for bit. keys and codes hold the packed weight
// and class code of each row of the node.
func histScanPacked8(b *builder, rank []uint8, rows []int32, keys []uint64, codes []int32, st *nodeStats) scan {
	// A feature that is constant in the node needs no histogram.
	first := rank[rows[0]]
	k := 1
	for k < len(rows) && rank[rows[k]] == first {
		k++
	}
	if k == len(rows) {
		return scan{groups: 1, proxy: math.Inf(-1)}
	}
	C := b.p.classes
	h := b.hpacked
	seen := &b.seen
	keys, codes = keys[:len(rows)], codes[:len(rows)]
	for k, row := range rows {
		r := rank[row]
		seen[r] = 1
		h[int(r)*C+int(codes[k])] += keys[k]
	}
	return b.scanPresentLevels(st, false)
}

// scanPresentLevels visits the levels marked in b.seen in rank order,
// reading their bins in b.hpacked, and returns the best boundary. With
// masked, it reads only the bins of the classes marked in b.classMasks,
// which saves most of the levels × classes bins in a small node. It
// clears what it reads, so that b.seen, b.classMasks and b.hpacked are
// zero again for the next feature.
func (b *builder) scanPresentLevels(st *nodeStats, masked bool) scan {
	sc := scan{proxy: math.Inf(-1)}
	C := b.p.classes
	h := b.hpacked
	seen, masks := &b.seen, &b.classMasks
	left, total := b.leftInt[:C], b.totalInt[:C]
	var sqR int64
	for c, v := range st.counts {
		t := int64(v)
		total[c] = t
		sqR += t * t
		left[c] = 0
	}

	var nL, wL, sqL int64
	nAll, wAll, minLeaf := int64(st.n), int64(st.w), int64(b.p.minLeaf)
	prev := -1
	for base := 0; base < len(seen); base += 8 {
		word := binary.LittleEndian.Uint64(seen[base:])
		if word == 0 {
			continue
		}
		binary.LittleEndian.PutUint64(seen[base:], 0)
		for ; word != 0; word &= word - 1 {
			r := base + bits.TrailingZeros64(word)>>3
			sc.groups++
			if prev >= 0 && nL >= minLeaf && nAll-nL >= minLeaf {
				p := float64(sqL)/float64(wL) + float64(sqR)/float64(wAll-wL)
				if p > sc.proxy {
					sc.proxy, sc.rank, sc.next = p, prev, r
				}
			}
			bin := h[r*C : r*C+C]
			var sum uint64
			if masked {
				m := masks[r]
				masks[r] = 0
				for ; m != 0; m &= m - 1 {
					c := bits.TrailingZeros64(m)
					v := bin[c]
					bin[c] = 0
					d := int64(uint32(v))
					l := left[c]
					sqL += d * (2*l + d)
					sqR += d * (d - 2*(total[c]-l))
					left[c] = l + d
					sum += v
				}
			} else {
				for c, v := range bin {
					d := int64(uint32(v))
					l := left[c]
					sqL += d * (2*l + d)
					sqR += d * (d - 2*(total[c]-l))
					left[c] = l + d
					sum += v
					bin[c] = 0
				}
			}
			nL += int64(sum >> 32)
			wL += int64(uint32(sum))
			prev = r
		}
	}
	return sc
}

// totalWeight returns the sum of w, or rows when w is nil.
func totalWeight(w []float64, rows int) float64 {
	if w == nil {
		return float64(rows)
	}
	total := 0.0
	for _, v := range w {
		total += v
	}
	return total
}
