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
	step             int
	avg, sqrAvg      [][]float32
}

// NewAdam returns an Adam optimizer over params with learning rate lr and
// weight decay wd.
func NewAdam(params []*Tensor, lr, wd float64) *Adam {
	return &Adam{Params: params, LR: lr, Beta1: 0.9, Beta2: 0.99, Eps: 1e-5, WD: wd}
}

// adamCoef holds the per-step scalars of an Adam update.
type adamCoef struct {
	decay, b1, b2, stepSize, debias2Sqrt, eps float32
}

// Step updates the parameters. Large parameters are split across
// GOMAXPROCS goroutines.
func (o *Adam) Step() {
	if o.avg == nil {
		o.avg = make([][]float32, len(o.Params))
		o.sqrAvg = make([][]float32, len(o.Params))
	}
	o.step++
	t := float64(o.step)
	c := adamCoef{
		decay:       float32(1 - o.LR*o.WD),
		b1:          float32(o.Beta1),
		b2:          float32(o.Beta2),
		stepSize:    float32(o.LR / (1 - math.Pow(o.Beta1, t))),
		debias2Sqrt: float32(math.Sqrt(1 - math.Pow(o.Beta2, t))),
		eps:         float32(o.Eps),
	}
	for k, p := range o.Params {
		if p.Grad == nil {
			continue
		}
		if o.avg[k] == nil {
			o.avg[k] = make([]float32, len(p.Data))
			o.sqrAvg[k] = make([]float32, len(p.Data))
		}
		parallelRange(len(p.Data), func(lo, hi int) {
			adamUpdate(c, p.Data[lo:hi], p.Grad[lo:hi], o.avg[k][lo:hi], o.sqrAvg[k][lo:hi])
		})
	}
}

// adamUpdate applies one Adam step to a slice of a parameter. Dividing by
// √v/√(1−Beta2^t) is rewritten as multiplying by √(1−Beta2^t)/√v, with Eps
// scaled to match.
func adamUpdate(c adamCoef, p, g, m, v []float32) {
	eps := c.eps * c.debias2Sqrt
	k := c.stepSize * c.debias2Sqrt
	for i := range p {
		gi := g[i]
		mi := c.b1*m[i] + (1-c.b1)*gi
		vi := c.b2*v[i] + (1-c.b2)*gi*gi
		m[i], v[i] = mi, vi
		p[i] = p[i]*c.decay - k*mi/(float32(math.Sqrt(float64(vi)))+eps)
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

// parallelRange calls f on consecutive chunks of [0, n), in parallel on up
// to GOMAXPROCS goroutines when n is large.
func parallelRange(n int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < parallelMin || workers == 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}
