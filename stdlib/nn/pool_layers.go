package nn

import "fmt"

// MaxPool2d is a layer that applies [MaxPool]. A Stride of 0 means the
// kernel size, as in PyTorch.
type MaxPool2d struct{ KS, Stride, Pad int }

// NewMaxPool2d returns a MaxPool2d with stride ks and no padding, so a
// 2×2 pool halves each side.
func NewMaxPool2d(ks int) *MaxPool2d { return &MaxPool2d{KS: ks} }

// Forward returns the pooled x.
func (m *MaxPool2d) Forward(x *Tensor) *Tensor {
	return MaxPool(x, m.KS, poolStride(m.KS, m.Stride), m.Pad)
}

// Parameters returns nil.
func (m *MaxPool2d) Parameters() []*Tensor { return nil }

// SetTraining does nothing.
func (m *MaxPool2d) SetTraining(bool) {}

// String describes the layer in PyTorch's style.
func (m *MaxPool2d) String() string {
	return fmt.Sprintf("MaxPool2d(kernel_size=%d, stride=%d, padding=%d)", m.KS, poolStride(m.KS, m.Stride), m.Pad)
}

// AvgPool2d is a layer that applies [AvgPool]. A Stride of 0 means the
// kernel size, as in PyTorch.
type AvgPool2d struct{ KS, Stride, Pad int }

// NewAvgPool2d returns an AvgPool2d with stride ks and no padding.
func NewAvgPool2d(ks int) *AvgPool2d { return &AvgPool2d{KS: ks} }

// Forward returns the pooled x.
func (m *AvgPool2d) Forward(x *Tensor) *Tensor {
	return AvgPool(x, m.KS, poolStride(m.KS, m.Stride), m.Pad)
}

// Parameters returns nil.
func (m *AvgPool2d) Parameters() []*Tensor { return nil }

// SetTraining does nothing.
func (m *AvgPool2d) SetTraining(bool) {}

// String describes the layer in PyTorch's style.
func (m *AvgPool2d) String() string {
	return fmt.Sprintf("AvgPool2d(kernel_size=%d, stride=%d, padding=%d)", m.KS, poolStride(m.KS, m.Stride), m.Pad)
}

func poolStride(ks, stride int) int {
	if stride == 0 {
		return ks
	}
	return stride
}

// AdaptiveAvgPool2d is a layer that applies [AdaptiveAvgPool] with an
// OutH×OutW output.
type AdaptiveAvgPool2d struct{ OutH, OutW int }

// NewAdaptiveAvgPool2d returns an AdaptiveAvgPool2d with a size×size output.
func NewAdaptiveAvgPool2d(size int) *AdaptiveAvgPool2d {
	return &AdaptiveAvgPool2d{OutH: size, OutW: size}
}

// Forward returns the pooled x.
func (m *AdaptiveAvgPool2d) Forward(x *Tensor) *Tensor { return AdaptiveAvgPool(x, m.OutH, m.OutW) }

// Parameters returns nil.
func (m *AdaptiveAvgPool2d) Parameters() []*Tensor { return nil }

// SetTraining does nothing.
func (m *AdaptiveAvgPool2d) SetTraining(bool) {}

// String describes the layer in PyTorch's style.
func (m *AdaptiveAvgPool2d) String() string {
	return fmt.Sprintf("AdaptiveAvgPool2d(output_size=(%d, %d))", m.OutH, m.OutW)
}

// AdaptiveConcatPool2d is a layer that applies [AdaptiveConcatPool],
// doubling the channels.
type AdaptiveConcatPool2d struct{ OutH, OutW int }

// NewAdaptiveConcatPool2d returns an AdaptiveConcatPool2d with a size×size output.
func NewAdaptiveConcatPool2d(size int) *AdaptiveConcatPool2d {
	return &AdaptiveConcatPool2d{OutH: size, OutW: size}
}

// Forward returns the pooled x.
func (m *AdaptiveConcatPool2d) Forward(x *Tensor) *Tensor {
	return AdaptiveConcatPool(x, m.OutH, m.OutW)
}

// Parameters returns nil.
func (m *AdaptiveConcatPool2d) Parameters() []*Tensor { return nil }

// SetTraining does nothing.
func (m *AdaptiveConcatPool2d) SetTraining(bool) {}

// String describes the layer.
func (m *AdaptiveConcatPool2d) String() string {
	return fmt.Sprintf("AdaptiveConcatPool2d(output_size=(%d, %d))", m.OutH, m.OutW)
}
