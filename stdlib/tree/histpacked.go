package tree

import "math"

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
		return rows < maxPackedWeight
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
	clear(h)
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
