package gosem

// displayPlan replaces the cell's trailing expression.
type displayPlan struct {
	item       int
	text       string
	importLine string
}

func (r *rewriter) planDisplay() {}
