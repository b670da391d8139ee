package nn

import "math"

// OneCycle is the 1cycle policy (Smith 2018) as fastai implements it. The
// learning rate rises from LRMax/Div to LRMax over the first PctStart of
// the steps and falls to LRMax/DivFinal over the rest, both along cosine
// curves. The momentum moves the opposite way between MomMax and MomMin.
type OneCycle struct {
	LRMax, PctStart, Div, DivFinal float64
	MomMax, MomMin                 float64
}

// NewOneCycle returns a OneCycle with fastai's defaults: PctStart 0.25,
// Div 25, DivFinal 1e5, momentum 0.95 → 0.85 → 0.95.
func NewOneCycle(lrMax float64) OneCycle {
	return OneCycle{LRMax: lrMax, PctStart: 0.25, Div: 25, DivFinal: 1e5, MomMax: 0.95, MomMin: 0.85}
}

// At returns the learning rate and momentum at fraction pos ∈ [0, 1] of
// training.
func (s OneCycle) At(pos float64) (lr, mom float64) {
	if pos < s.PctStart {
		p := pos / s.PctStart
		return cosineAnneal(s.LRMax/s.Div, s.LRMax, p), cosineAnneal(s.MomMax, s.MomMin, p)
	}
	p := (pos - s.PctStart) / (1 - s.PctStart)
	return cosineAnneal(s.LRMax, s.LRMax/s.DivFinal, p), cosineAnneal(s.MomMin, s.MomMax, p)
}

// cosineAnneal moves from start to end along half a cosine as pos goes
// from 0 to 1.
func cosineAnneal(start, end, pos float64) float64 {
	return start + (1-math.Cos(math.Pi*pos))*(end-start)/2
}
