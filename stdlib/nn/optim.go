package nn

import (
	"math"
	"runtime"
	"sync"
)

// Optimizer updates parameters from their gradients. [Learner] sets the
// learning rate and momentum before every step, as a schedule such as
// [OneCycle] gives them.
type Optimizer interface {
	// Step updates every parameter from its gradient.
	Step()
	// ZeroGrad zeros every parameter's gradient.
	ZeroGrad()
	// SetLR sets the learning rate of the next steps.
	SetLR(lr float64)
	// SetMomentum sets the momentum (Adam's beta1) of the next steps.
	SetMomentum(mom float64)
}

// SGD is stochastic gradient descent with momentum and decoupled weight
// decay: p ← p·(1−LR·WD) − LR·v, where v ← Momentum·v + grad.
type SGD struct {
	Params       []*Tensor
	LR, Momentum float64
	WD           float64
	velocity     [][]float32
}

// NewSGD returns an SGD optimizer over params.
func NewSGD(params []*Tensor, lr, momentum, wd float64) *SGD {
	return &SGD{Params: params, LR: lr, Momentum: momentum, WD: wd}
}

// Step updates the parameters.
func (o *SGD) Step() {
	if o.velocity == nil {
		o.velocity = make([][]float32, len(o.Params))
	}
	lr, mom, decay := float32(o.LR), float32(o.Momentum), float32(1-o.LR*o.WD)
	for k, p := range o.Params {
		if p.Grad == nil {
			continue
		}
		if o.velocity[k] == nil {
			o.velocity[k] = make([]float32, len(p.Data))
		}
		v := o.velocity[k]
		for i, g := range p.Grad {
			v[i] = mom*v[i] + g
			p.Data[i] = p.Data[i]*decay - lr*v[i]
		}
	}
}

// ZeroGrad zeros the gradients.
func (o *SGD) ZeroGrad() { ZeroGrad(o.Params) }

// SetLR sets the learning rate.
func (o *SGD) SetLR(lr float64) { o.LR = lr }

// SetMomentum sets the momentum.
func (o *SGD) SetMomentum(mom float64) { o.Momentum = mom }

// Adam is the Adam optimizer (Kingma and Ba 2015) with decoupled weight
// decay (AdamW, Loshchilov and Hutter 2019) and fastai's defaults:
// Beta1 0.9, Beta2 0.99, Eps 1e-5. Each step computes
//
//	p ← p·(1 − LR·WD)
//	m ← Beta1·m + (1−Beta1)·g,  v ← Beta2·v + (1−Beta2)·g²
//	p ← p − LR/(1−Beta1^t) · m / (√(v/(1−Beta2^t)) + Eps)
type Adam struct {
	Params           []*Tensor
	LR, Beta1, Beta2 float64
	Eps, WD          float64

	step        int
	avg, sqrAvg [][]float32
}

// NewAdam returns an Adam optimizer over params with learning rate lr and
// weight decay wd.
func NewAdam(params []*Tensor, lr, wd float64) *Adam {
	return &Adam{Params: params, LR: lr, Beta1: 0.9, Beta2: 0.99, Eps: 1e-5, WD: wd}
}

// adamKernelCoef holds the per-step scalars of an Adam update, in the
// order adam_amd64.s reads them. Dividing m̂ by √v̂ + Eps is rewritten as
// k·m/(√v + eps) with k = LR·√(1−Beta2^t)/(1−Beta1^t) and eps =
// Eps·√(1−Beta2^t), which is the same value.
type adamKernelCoef struct {
	decay, b1, oneMinusB1, b2, oneMinusB2, k, eps float32
}

// Step updates the parameters that have a gradient and zeros their
// gradients, so a following ZeroGrad finds nothing to do. When they hold
// at least parallelMin values in all, each of GOMAXPROCS goroutines
// updates a share of every parameter.
func (o *Adam) Step() {
	if o.avg == nil {
		o.avg = make([][]float32, len(o.Params))
		o.sqrAvg = make([][]float32, len(o.Params))
	}
	o.step++
	t := float64(o.step)
	debias2Sqrt := math.Sqrt(1 - math.Pow(o.Beta2, t))
	c := &adamKernelCoef{
		decay:      float32(1 - o.LR*o.WD),
		b1:         float32(o.Beta1),
		oneMinusB1: float32(1 - o.Beta1),
		b2:         float32(o.Beta2),
		oneMinusB2: float32(1 - o.Beta2),
		k:          float32(o.LR * debias2Sqrt / (1 - math.Pow(o.Beta1, t))),
		eps:        float32(o.Eps * debias2Sqrt),
	}
	for i, p := range o.Params {
		if p.Grad != nil && o.avg[i] == nil {
			o.avg[i] = make([]float32, len(p.Data))
			o.sqrAvg[i] = make([]float32, len(p.Data))
		}
	}
	// Every worker takes the same share of each parameter, so one
	// goroutine start per worker covers the whole step.
	parallelShares(o.numValues(), func(share, shares int) {
		for i, p := range o.Params {
			if p.Grad == nil {
				continue
			}
			lo, hi := len(p.Data)*share/shares, len(p.Data)*(share+1)/shares
			if lo < hi {
				adamUpdate(c, p.Data[lo:hi], p.Grad[lo:hi], o.avg[i][lo:hi], o.sqrAvg[i][lo:hi])
			}
		}
	})
}

// numValues returns the number of parameter values that have a gradient.
func (o *Adam) numValues() int {
	n := 0
	for _, p := range o.Params {
		if p.Grad != nil {
			n += len(p.Data)
		}
	}
	return n
}

// adamUpdateGo is the portable form of adamUpdate.
func adamUpdateGo(c *adamKernelCoef, p, g, m, v []float32) {
	n := len(p)
	g, m, v = g[:n], m[:n], v[:n]
	for i := range p {
		gi := g[i]
		mi := c.b1*m[i] + c.oneMinusB1*gi
		vi := c.b2*v[i] + c.oneMinusB2*gi*gi
		m[i], v[i], g[i] = mi, vi, 0
		p[i] = p[i]*c.decay - c.k*mi/(float32(math.Sqrt(float64(vi)))+c.eps)
	}
}

// ZeroGrad zeros the gradients.
func (o *Adam) ZeroGrad() { ZeroGrad(o.Params) }

// SetLR sets the learning rate.
func (o *Adam) SetLR(lr float64) { o.LR = lr }

// SetMomentum sets Beta1.
func (o *Adam) SetMomentum(mom float64) { o.Beta1 = mom }

// parallelMin is the smallest slice length worth splitting across
// goroutines; below it the goroutine start costs more than it saves.
const parallelMin = 1 << 15

// parallelShares calls f(share, shares) for share = 0 … shares−1, where
// shares is GOMAXPROCS when work (the number of values to process) is at
// least parallelMin and 1 otherwise. The caller's goroutine runs share 0.
func parallelShares(work int, f func(share, shares int)) {
	shares := runtime.GOMAXPROCS(0)
	if work < parallelMin || shares == 1 {
		f(0, 1)
		return
	}
	var wg sync.WaitGroup
	for s := 1; s < shares; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(s, shares)
		}()
	}
	f(0, shares)
	wg.Wait()
}
