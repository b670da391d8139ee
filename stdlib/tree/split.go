package tree

import (
	"math"
	"slices"
)

// split is the best split found for a node: rows whose rank in feature
// is at most rank go left.
type split struct {
	feature   int
	rank      int
	threshold float64
	proxy     float64 // criterion that orders candidate splits; larger is better
}

// nodeStats are the weighted sums that give a node's value and impurity.
type nodeStats struct {
	n      int
	w      float64
	wy     float64   // regression: Σ w·y
	wy2    float64   // regression: Σ w·y²
	counts []float64 // classification: Σ w per class
}

func (s *nodeStats) impurity() float64 {
	if s.counts == nil {
		m := s.wy / s.w
		return max(s.wy2/s.w-m*m, 0)
	}
	sq := 0.0
	for _, c := range s.counts {
		sq += c * c
	}
	return 1 - sq/(s.w*s.w)
}

// findSplit draws features in random order and returns the best split,
// as scikit-learn's best splitter does: it draws mtry features, counting
// constant ones, and draws more only while every feature drawn so far was
// constant in the node. ok is false when no drawn feature has a split
// leaving minLeaf rows on each side.
//
// b.feats is kept as [known constants | constants found here | drawn |
// not drawn]. The first known entries are features constant in an
// ancestor, which are never scanned, only counted when drawn. consts
// returns the constant prefix for the node's children.
func (b *builder) findSplit(start, end int, st *nodeStats, known int) (best split, ok bool, consts int) {
	best.proxy = math.Inf(-1)
	switch {
	case b.exact8:
		b.prepareBlock(start, end)
	case b.sorted == nil:
		b.gather(start, end)
	}
	cols := len(b.feats)
	consts, drawn := known, known
	drawnKnown, visited, constant := 0, 0, 0
	for {
		undrawnKnown := known - drawnKnown
		undrawn := undrawnKnown + cols - drawn
		if undrawn == 0 || (visited >= b.p.mtry && visited > constant) {
			break
		}
		visited++
		u := b.rng.IntN(undrawn)
		if u < undrawnKnown {
			// Which known constant was drawn does not matter, and the
			// prefix must keep its order for the node's siblings.
			drawnKnown++
			constant++
			continue
		}
		j := drawn + u - undrawnKnown
		b.feats[drawn], b.feats[j] = b.feats[j], b.feats[drawn]
		f := b.feats[drawn]
		drawn++
		sp, isConstant := b.scanFeature(f, start, end, st)
		if isConstant {
			b.feats[drawn-1], b.feats[consts] = b.feats[consts], b.feats[drawn-1]
			consts++
			constant++
			continue
		}
		if sp.proxy > best.proxy {
			best, ok = sp, true
		}
	}
	return best, ok, consts
}

// scanFeature returns the best split on feature f, with proxy −Inf when
// no boundary leaves minLeaf rows on both sides, and whether f is
// constant in the node.
func (b *builder) scanFeature(f, start, end int, st *nodeStats) (split, bool) {
	rows := b.idx[start:end]
	n := len(rows)
	levels := len(b.d.uniq[f])
	if levels == 1 {
		// The column is constant in the whole data.
		return split{}, true
	}
	var sc scan
	if b.exact8 {
		sc = b.scanExact8(f, start, end, st)
		return b.splitOf(f, sc)
	}
	cost := levels * max(b.p.classes, 1)
	// A histogram over all levels costs O(rows + levels); sorting the
	// node's ranks costs O(rows · log rows).
	hist := cost <= n*b.logRows[min(n, len(b.logRows)-1)]
	switch {
	case b.sorted != nil:
		sc = b.presortScan(f, start, end, st)
	case b.d.rank8[f] != nil && b.exact:
		sc = histScanPacked8(b, b.d.rank8[f], rows, b.nodeKey, b.nodeCode, st)
	case b.d.rank8[f] != nil && hist:
		sc = histScan(b, b.d.rank8[f], rows, levels, st)
	case b.d.rank8[f] != nil:
		sc = sortScan(b, b.d.rank8[f], rows, st)
	case b.d.rank16[f] != nil && hist:
		sc = histScan(b, b.d.rank16[f], rows, levels, st)
	case b.d.rank16[f] != nil:
		sc = sortScan(b, b.d.rank16[f], rows, st)
	case hist:
		sc = histScan(b, b.d.rank32[f], rows, levels, st)
	default:
		sc = sortScan(b, b.d.rank32[f], rows, st)
	}
	return b.splitOf(f, sc)
}

// splitOf returns the split of feature f that sc found and whether f is
// constant in the node.
func (b *builder) splitOf(f int, sc scan) (split, bool) {
	if sc.groups <= 1 {
		return split{}, true
	}
	sp := split{feature: f, rank: sc.rank, proxy: sc.proxy}
	if sc.proxy > math.Inf(-1) {
		u := b.d.uniq[f]
		sp.threshold = midpoint(u[sc.rank], u[sc.next])
	}
	return sp, false
}

// midpoint returns the threshold between two adjacent values as
// scikit-learn computes it, falling back to lo when rounding reaches hi.
func midpoint(lo, hi float64) float64 {
	t := lo/2 + hi/2
	if t == hi || math.IsInf(t, 0) {
		t = lo
	}
	return t
}

// scan is the outcome of visiting a node's rows in rank order: the number
// of distinct ranks seen and the best boundary, between rank and next.
type scan struct {
	groups     int
	rank, next int
	proxy      float64
}

// side accumulates the rows moved to the left of a boundary. For
// classification sq is Σ_c count_c², kept for both sides so that a Gini
// proxy costs O(1) per boundary.
type side struct {
	n          int
	w, wy      float64
	sqL, sqR   float64
	countsLeft []float64
}

type rankType interface{ ~uint8 | ~uint16 | ~uint32 }

func (b *builder) newSide(st *nodeStats) side {
	s := side{}
	if b.p.classes > 0 {
		s.countsLeft = b.countsLeft
		clear(s.countsLeft)
		for _, c := range st.counts {
			s.sqR += c * c
		}
	}
	return s
}

// proxy returns the criterion of the split with s on the left: for
// squared error Σ_L²/W_L + Σ_R²/W_R, for Gini Σ_c L_c²/W_L + Σ_c R_c²/W_R.
// Both order splits as the impurity decrease does.
func (b *builder) proxy(s *side, st *nodeStats) float64 {
	wR := st.w - s.w
	if b.p.classes > 0 {
		return s.sqL/s.w + s.sqR/wR
	}
	yR := st.wy - s.wy
	return s.wy*s.wy/s.w + yR*yR/wR
}

func (b *builder) addRow(s *side, row int32, st *nodeStats) {
	w := 1.0
	if b.w != nil {
		w = b.w[row]
	}
	s.n++
	s.w += w
	if b.p.classes == 0 {
		s.wy += w * b.y[row]
		return
	}
	c := b.code[row]
	l := s.countsLeft[c]
	r := st.counts[c] - l
	s.sqL += 2*l*w + w*w
	s.sqR += -2*r*w + w*w
	s.countsLeft[c] = l + w
}

// consider scores the boundary after rank r, the next rank present being
// next.
func (b *builder) consider(sc *scan, s *side, st *nodeStats, r, next int) {
	if s.n < b.p.minLeaf || st.n-s.n < b.p.minLeaf {
		return
	}
	if p := b.proxy(s, st); p > sc.proxy {
		sc.proxy, sc.rank, sc.next = p, r, next
	}
}

// histScan visits the node's rows grouped by rank through a histogram
// over all the column's levels, which costs O(rows + levels).
func histScan[R rankType](b *builder, rank []R, rows []int32, levels int, st *nodeStats) scan {
	if b.nodeKey != nil {
		return histScanPacked(b, rank, rows, levels, st)
	}
	if b.p.classes > 0 {
		return histScanClasses(b, rank, rows, levels, st)
	}
	cnt, hw, hy := b.hcnt[:levels], b.hw[:levels], b.hy[:levels]
	clear(cnt)
	clear(hw)
	clear(hy)
	nodeW, nodeY := b.nodeW[:len(rows)], b.nodeY[:len(rows)]
	for k, row := range rows {
		r := rank[row]
		cnt[r]++
		hw[r] += nodeW[k]
		hy[r] += nodeY[k]
	}
	sc := scan{proxy: math.Inf(-1)}
	var s side
	prev := -1
	for r := 0; r < levels; r++ {
		if cnt[r] == 0 {
			continue
		}
		sc.groups++
		if prev >= 0 {
			b.consider(&sc, &s, st, prev, r)
		}
		s.n += int(cnt[r])
		s.w += hw[r]
		s.wy += hy[r]
		prev = r
	}
	return sc
}

// histScanClasses is histScan for classification: the histogram holds
// the weight of each class per level.
func histScanClasses[R rankType](b *builder, rank []R, rows []int32, levels int, st *nodeStats) scan {
	C := b.p.classes
	cnt, hw, hc := b.hcnt[:levels], b.hw[:levels], b.hy[:levels*C]
	clear(cnt)
	clear(hw)
	clear(hc)
	nodeW, nodeCode := b.nodeW[:len(rows)], b.nodeCode[:len(rows)]
	for k, row := range rows {
		r := int(rank[row])
		w := nodeW[k]
		cnt[r]++
		hw[r] += w
		hc[r*C+int(nodeCode[k])] += w
	}
	sc := scan{proxy: math.Inf(-1)}
	s := b.newSide(st)
	prev := -1
	for r := 0; r < levels; r++ {
		if cnt[r] == 0 {
			continue
		}
		sc.groups++
		if prev >= 0 {
			b.consider(&sc, &s, st, prev, r)
		}
		s.n += int(cnt[r])
		s.w += hw[r]
		for c, d := range hc[r*C : (r+1)*C] {
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

// sortScan visits the node's rows in rank order by sorting them, which
// costs O(rows · log rows) and wins when the column has many more levels
// than the node has rows.
func sortScan[R rankType](b *builder, rank []R, rows []int32, st *nodeStats) scan {
	keys := b.keys[:len(rows)]
	for k, row := range rows {
		keys[k] = uint64(rank[row])<<32 | uint64(k)
	}
	slices.Sort(keys)
	sc := scan{proxy: math.Inf(-1)}
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
		b.addLocal(&s, int(uint32(key)), st)
		prev = r
	}
	return sc
}

// gather copies the weights and targets of the node's rows into
// contiguous arrays indexed by position in the node, so that scanning
// each feature loads them sequentially.
func (b *builder) gather(start, end int) {
	for k, row := range b.idx[start:end] {
		w := 1.0
		if b.w != nil {
			w = b.w[row]
		}
		b.nodeW[k] = w
		if b.p.classes > 0 {
			b.nodeCode[k] = b.code[row]
			if b.nodeKey != nil {
				b.nodeKey[k] = 1<<32 | uint64(w)
			}
		} else {
			b.nodeY[k] = w * b.y[row]
		}
	}
}

// addLocal is addRow for the row at position k of the node, reading the
// gathered arrays.
func (b *builder) addLocal(s *side, k int, st *nodeStats) {
	w := b.nodeW[k]
	s.n++
	s.w += w
	if b.p.classes == 0 {
		s.wy += b.nodeY[k]
		return
	}
	c := b.nodeCode[k]
	l := s.countsLeft[c]
	r := st.counts[c] - l
	s.sqL += 2*l*w + w*w
	s.sqR += -2*r*w + w*w
	s.countsLeft[c] = l + w
}
