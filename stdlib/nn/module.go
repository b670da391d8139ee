package nn

// Module is a layer or model: a function of a tensor with trainable
// parameters. Types defined in notebook cells can implement it and be
// passed to [Sequential], [Learner] and the optimizers, because the
// interpreter keeps the methods of interpreted types that implement a
// compiled interface.
type Module interface {
	// Forward returns the module's output for the batch x.
	Forward(x *Tensor) *Tensor
	// Parameters returns the trainable tensors, in a fixed order that
	// [Save] and [Load] rely on.
	Parameters() []*Tensor
	// SetTraining switches between training mode (dropout active, batch
	// norm using batch statistics) and evaluation mode.
	SetTraining(training bool)
}

// Params returns the parameters of all modules, in order.
func Params(modules ...Module) []*Tensor {
	var out []*Tensor
	for _, m := range modules {
		out = append(out, m.Parameters()...)
	}
	return out
}

// SetTraining sets the mode of all modules.
func SetTraining(training bool, modules ...Module) {
	for _, m := range modules {
		m.SetTraining(training)
	}
}

// NumParams returns the number of trainable values of m.
func NumParams(m Module) int {
	n := 0
	for _, p := range m.Parameters() {
		n += len(p.Data)
	}
	return n
}

// ZeroGrad zeros the gradients of params.
func ZeroGrad(params []*Tensor) {
	for _, p := range params {
		p.ZeroGrad()
	}
}

// Func is a module made of a function and the parameters it trains, such
// as [ReLU] inside a [Sequential] (no parameters), or a cell's model
// passed as Func{F: m.Forward, Params: m.Parameters()}. The second form
// works even where the interpreter cannot pass a cell's type as a
// [Module]; it has no training mode.
type Func struct {
	F      func(x *Tensor) *Tensor
	Params []*Tensor
}

// Forward returns F(x).
func (f Func) Forward(x *Tensor) *Tensor { return f.F(x) }

// Parameters returns Params.
func (f Func) Parameters() []*Tensor { return f.Params }

// SetTraining does nothing.
func (f Func) SetTraining(bool) {}
