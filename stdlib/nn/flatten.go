package nn

// Flatten is a layer that reshapes a batch [N, ...] to [N, rest], as at
// the end of a CNN whose last convolution leaves N×C×1×1 values.
type Flatten struct{}

// Forward returns x reshaped to [N, rest].
func (Flatten) Forward(x *Tensor) *Tensor { return Reshape(x, x.Dim(0), -1) }

// Parameters returns nil.
func (Flatten) Parameters() []*Tensor { return nil }

// SetTraining does nothing.
func (Flatten) SetTraining(bool) {}

// String describes the layer in PyTorch's style.
func (Flatten) String() string { return "Flatten()" }
