package nn

import (
	"fmt"
	"sync/atomic"
)

// noGradDepth counts the active [NoGrad] calls. Ops record no graph while
// it is above zero.
var noGradDepth atomic.Int32

// NoGrad runs f with gradient recording off, as for inference: ops inside
// f return plain tensors with no link to their inputs.
func NoGrad(f func()) {
	noGradDepth.Add(1)
	defer noGradDepth.Add(-1)
	f()
}

// GradEnabled reports whether ops record the graph for the backward pass.
func GradEnabled() bool { return noGradDepth.Load() == 0 }

// Record links out to the op that produced it from parents and returns
// out. backward must add the gradient of the loss with respect to each
// parent that requires a gradient into that parent's [Tensor.GradBuf],
// reading out.Grad. When recording is off ([NoGrad]) or no parent requires
// a gradient, Record leaves out as a plain tensor and backward is dropped.
func Record(out *Tensor, backward func(), parents ...*Tensor) *Tensor {
	if !GradEnabled() {
		return out
	}
	for _, p := range parents {
		if p.requiresGrad {
			out.requiresGrad = true
			out.parents = parents
			out.backward = backward
			return out
		}
	}
	return out
}

// Backward computes the gradient of the one-value tensor t (a loss) with
// respect to every leaf tensor in its graph that requires a gradient, such
// as a parameter, adding it into their Grad. Leaves accumulate across
// calls, so optimizers zero them between steps. Like PyTorch without
// retain_grad, Backward releases the Grad of each tensor that an op
// produced once its op has used it, leaving it nil. It panics if t holds
// more than one value.
func (t *Tensor) Backward() {
	if len(t.Data) != 1 {
		panic(fmt.Sprintf("nn: Backward: tensor of shape %v is not a scalar", t.shape))
	}
	if !t.requiresGrad {
		panic("nn: Backward: the tensor does not depend on any parameter that requires a gradient")
	}
	if t.backpropagated {
		panic("nn: Backward: an earlier Backward already released this tensor's graph. " +
			"Compute the loss again from the model's output, then call Backward on the new loss.")
	}
	order := topoOrder(t)
	t.GradBuf()[0] = 1
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		if n.backward != nil && n.Grad != nil {
			n.backward()
			putBuf(n.Grad)
			n.Grad = nil
		}
	}
	// Free the graph so intermediate tensors can be collected.
	for _, n := range order {
		if n.backward != nil {
			n.backpropagated = true
		}
		n.parents = nil
		n.backward = nil
	}
}

// topoOrder returns the tensors reachable from root that require a
// gradient, every tensor placed after all of its parents.
func topoOrder(root *Tensor) []*Tensor {
	type frame struct {
		t    *Tensor
		next int
	}
	var order []*Tensor
	visited := map[*Tensor]bool{root: true}
	stack := []frame{{t: root}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(top.t.parents) {
			p := top.t.parents[top.next]
			top.next++
			if p.requiresGrad && !visited[p] {
				visited[p] = true
				stack = append(stack, frame{t: p})
			}
			continue
		}
		order = append(order, top.t)
		stack = stack[:len(stack)-1]
	}
	return order
}
