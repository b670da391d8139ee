package tree

import (
	"container/heap"
	"math"
	"math/rand/v2"
)

// params are the resolved growth limits of one tree.
type params struct {
	maxDepth  int // 0: unlimited
	minLeaf   int
	maxLeaves int // 0: unlimited, grown depth-first
	mtry      int
	classes   int // 0 for regression
}

// builder grows one tree. Its idx holds the tree's rows; each node owns
// the range idx[start:end], which is partitioned in place on a split.
type builder struct {
	d    *Data
	y    []float64
	code []int32
	w    []float64
	p    params
	rng  *rand.Rand
	t    *Tree

	idx    []int32
	feats  []int
	hcnt   []int32
	hw, hy []float64
	keys   []uint64
	tmp    []int32
	// nodeW, nodeY (w·y) and nodeCode hold the current node's rows in
	// order, filled by gather.
	nodeW, nodeY []float64
	nodeCode     []int32
	// nodeKey holds 1<<32 | weight per row of the node and hpacked the
	// histogram of histScanPacked; both are nil unless the weights are
	// integers (see integerWeights).
	nodeKey    []uint64
	hpacked    []uint64
	countsLeft []float64
	// exact selects histScanPacked8 for 8-bit ranks. seen marks the
	// levels present in a node, and leftInt and totalInt hold the
	// integer class weights of its scan.
	exact             bool
	seen              [256]uint8
	leftInt, totalInt []int64
	exact8State
	// sorted, left and tmpKeys serve the presorted split search.
	sorted  [][]uint64
	left    []uint8
	ones    []float64 // weights when the caller gave none
	tmpKeys []uint64
	// logRows[n] is the cost factor of sorting n rows relative to a
	// histogram pass, used to pick the cheaper scan.
	logRows []int
}

// impurityEpsilon is the impurity below which a node is not split;
// scikit-learn uses the float64 machine epsilon.
const impurityEpsilon = 0x1p-52

// histCostRatio scales the n·log₂n cost of sorting a node's ranks against
// the rows + levels cost of a histogram; tuned on the bulldozers subset.
const histCostRatio = 2.0

func newBuilder(d *Data, y []float64, code []int32, w []float64, p params, seed uint64) *builder {
	b := &builder{d: d, y: y, code: code, w: w, p: p,
		rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
	for i := 0; i < d.rows; i++ {
		if w == nil || w[i] > 0 {
			b.idx = append(b.idx, int32(i))
		}
	}
	b.feats = make([]int, d.cols)
	for j := range b.feats {
		b.feats[j] = j
	}
	maxLevels := 0
	for _, u := range d.uniq {
		maxLevels = max(maxLevels, len(u))
	}
	width := 1
	if p.classes > 0 {
		width = p.classes
		b.countsLeft = make([]float64, p.classes)
	}
	b.t = &Tree{Width: width, NFeatures: d.cols}
	b.tmp = make([]int32, len(b.idx))
	integer := p.classes > 0 && integerWeights(w, d.rows)
	if integer {
		b.hpacked = make([]uint64, maxLevels*width)
		b.exact = totalWeight(w, d.rows) <= maxExactWeight
		b.leftInt = make([]int64, width)
		b.totalInt = make([]int64, width)
	}
	if b.exact8Applies() {
		// The exact8 path needs none of the buffers below.
		b.initExact8()
		return b
	}

	b.hcnt = make([]int32, maxLevels)
	b.hw = make([]float64, maxLevels)
	b.hy = make([]float64, maxLevels*width)
	b.keys = make([]uint64, len(b.idx))
	b.nodeW = make([]float64, len(b.idx))
	if p.classes > 0 {
		b.nodeCode = make([]int32, len(b.idx))
		if integer {
			b.nodeKey = make([]uint64, len(b.idx))
		}
	} else {
		b.nodeY = make([]float64, len(b.idx))
	}
	b.logRows = make([]int, len(b.idx)+1)
	for n := range b.logRows {
		b.logRows[n] = int(histCostRatio * math.Log2(float64(n)+1))
	}
	b.initPresort()
	return b
}

// stats sums the weights and targets of the rows idx[start:end].
func (b *builder) stats(start, end int) nodeStats {
	if b.exact8 {
		return b.statsExact8(start, end)
	}
	st := nodeStats{n: end - start}
	if b.p.classes > 0 {
		st.counts = make([]float64, b.p.classes)
	}
	for _, row := range b.idx[start:end] {
		w := 1.0
		if b.w != nil {
			w = b.w[row]
		}
		st.w += w
		if st.counts != nil {
			st.counts[b.code[row]] += w
			continue
		}
		y := b.y[row]
		st.wy += w * y
		st.wy2 += w * y * y
	}
	return st
}

// addNode appends the node for idx[start:end], links it to its parent
// and returns its index and stats.
func (b *builder) addNode(start, end, depth, parent int, left bool) (int, nodeStats) {
	st := b.stats(start, end)
	k := len(b.t.Nodes)
	b.t.Nodes = append(b.t.Nodes, Node{Feature: Leaf, Left: -1, Right: -1,
		Impurity: st.impurity(), Samples: st.n, Weight: st.w, Depth: depth})
	if st.counts == nil {
		b.t.Values = append(b.t.Values, st.wy/st.w)
	} else {
		for _, c := range st.counts {
			b.t.Values = append(b.t.Values, c/st.w)
		}
	}
	if parent >= 0 {
		if left {
			b.t.Nodes[parent].Left = k
		} else {
			b.t.Nodes[parent].Right = k
		}
	}
	return k, st
}

// splittable reports whether the limits allow splitting a node.
func (b *builder) splittable(n *Node) bool {
	switch {
	case n.Samples < 2 || n.Samples < 2*b.p.minLeaf:
		return false
	case b.p.maxDepth > 0 && n.Depth >= b.p.maxDepth:
		return false
	}
	return n.Impurity > impurityEpsilon
}

// partition moves the rows of idx[start:end] that go left to the front
// and returns the first index of the right child. It is stable, so each
// node's rows stay in ascending order and column reads stay local.
func (b *builder) partition(start, end int, sp split, depth, skip int) int {
	if b.exact8 {
		return b.partitionExact8(start, end, sp)
	}
	rows := b.idx[start:end]
	right := b.tmp[:0]
	i := 0
	for _, row := range rows {
		if b.d.rank(int(row), sp.feature) <= sp.rank {
			rows[i] = row
			i++
		} else {
			right = append(right, row)
		}
	}
	copy(rows[i:], right)
	if b.sorted != nil {
		b.partitionSorted(start, start+i, end, depth, skip)
	}
	return start + i
}

func (b *builder) setSplit(k int, sp split) {
	n := &b.t.Nodes[k]
	n.Feature = sp.feature
	n.Threshold = sp.threshold
}

// growDepthFirst grows the tree in pre-order, as scikit-learn does when
// max_leaf_nodes is unset.
func (b *builder) growDepthFirst() {
	type rec struct {
		start, end, depth, parent int
		left                      bool
		consts                    int // known constant features
	}
	stack := []rec{{0, len(b.idx), 0, -1, false, 0}}
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k, st := b.addNode(r.start, r.end, r.depth, r.parent, r.left)
		if !b.splittable(&b.t.Nodes[k]) {
			continue
		}
		sp, ok, consts := b.findSplit(r.start, r.end, &st, r.consts)
		if !ok {
			continue
		}
		b.setSplit(k, sp)
		mid := b.partition(r.start, r.end, sp, r.depth, consts)
		stack = append(stack, rec{mid, r.end, r.depth + 1, k, false, consts},
			rec{r.start, mid, r.depth + 1, k, true, consts})
	}
}

// frontierNode is a leaf that may still be split, with its best split.
type frontierNode struct {
	k, start, end int
	sp            split
	improvement   float64
}

type frontier []frontierNode

func (f frontier) Len() int { return len(f) }
func (f frontier) Less(i, j int) bool {
	if f[i].improvement != f[j].improvement {
		return f[i].improvement > f[j].improvement
	}
	return f[i].k < f[j].k
}
func (f frontier) Swap(i, j int) { f[i], f[j] = f[j], f[i] }
func (f *frontier) Push(x any)   { *f = append(*f, x.(frontierNode)) }
func (f *frontier) Pop() any {
	old := *f
	x := old[len(old)-1]
	*f = old[:len(old)-1]
	return x
}

// growBestFirst repeatedly splits the leaf whose best split most reduces
// the total weighted impurity, until maxLeaves leaves exist, as
// scikit-learn does when max_leaf_nodes is set.
func (b *builder) growBestFirst() {
	var f frontier
	b.pushCandidate(&f, 0, len(b.idx), 0, -1, false)
	leaves := 1
	for f.Len() > 0 && leaves < b.p.maxLeaves {
		c := heap.Pop(&f).(frontierNode)
		b.setSplit(c.k, c.sp)
		depth := b.t.Nodes[c.k].Depth + 1
		mid := b.partition(c.start, c.end, c.sp, depth-1, 0)
		b.pushCandidate(&f, c.start, mid, depth, c.k, true)
		b.pushCandidate(&f, mid, c.end, depth, c.k, false)
		leaves++
	}
}

func (b *builder) pushCandidate(f *frontier, start, end, depth, parent int, left bool) {
	k, st := b.addNode(start, end, depth, parent, left)
	if !b.splittable(&b.t.Nodes[k]) {
		return
	}
	// Known constants are not passed down here, because frontier nodes
	// are split out of order and would disturb each other's prefix.
	sp, ok, _ := b.findSplit(start, end, &st, 0)
	if !ok {
		return
	}
	heap.Push(f, frontierNode{k: k, start: start, end: end, sp: sp, improvement: b.improvement(start, end, depth, &st, sp)})
}

// improvement returns the decrease of total impurity, weighted by the
// node's share of the tree's weight, that splitting the node would give.
func (b *builder) improvement(start, end, depth int, st *nodeStats, sp split) float64 {
	total := b.t.Nodes[0].Weight
	var l, r nodeStats
	mid := b.partition(start, end, sp, depth, 0)
	l, r = b.stats(start, mid), b.stats(mid, end)
	dec := st.w*st.impurity() - l.w*l.impurity() - r.w*r.impurity()
	if total == 0 || math.IsNaN(dec) {
		return 0
	}
	return dec / total
}

// grow builds the tree and returns it.
func (b *builder) grow() *Tree {
	if b.p.maxLeaves > 0 {
		b.growBestFirst()
	} else {
		b.growDepthFirst()
	}
	return b.t
}
