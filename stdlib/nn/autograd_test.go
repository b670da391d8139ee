package nn

import "testing"

// TestBackwardReleasesOpGradients checks that Backward leaves the
// gradient of a leaf in place and releases those of the tensors that ops
// produced, and that a second step reusing released buffers starts from
// zero.
func TestBackwardReleasesOpGradients(t *testing.T) {
	w := Param(New([]float32{1, -2, 3}, 3))
	for step := 0; step < 2; step++ {
		w.ZeroGrad()
		hidden := Scale(w, 2)
		loss := Sum(ReLU(hidden))
		loss.Backward()
		if hidden.Grad != nil {
			t.Errorf("step %d: gradient of an op's output kept: %v", step, hidden.Grad)
		}
		want := []float32{2, 0, 2}
		for i, g := range w.Grad {
			if g != want[i] {
				t.Errorf("step %d: weight gradient %d = %g, want %g", step, i, g, want[i])
			}
		}
	}
}
