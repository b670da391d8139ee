// Package nn is a small deep-learning core on float32 tensors: reverse-mode
// automatic differentiation, layers, losses, optimizers, the one-cycle
// schedule, a learning-rate finder and a [Learner] that trains a model and
// shows its progress in the notebook. Cells import it as "fastgo/nn".
//
// All loops run in compiled code, so a cell that calls [Learner.FitOneCycle]
// trains at compiled speed even though the cell itself is interpreted.
//
// # Tensors and gradients
//
// A [Tensor] is a row-major []float32 with a shape. [Param] marks a leaf as
// trainable. Every op returns a new tensor and, when one of its inputs
// requires a gradient, records a backward function and links to its
// inputs. [Tensor.Backward] on a scalar loss runs those functions in
// reverse topological order and adds each gradient into the Grad slice of
// the tensors that require one. [NoGrad] turns recording off for
// inference.
//
//	w := nn.Param(nn.RandN(rand.NewSource(1), 0.1, 3, 1))
//	x := nn.New([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
//	loss := nn.MSE(nn.MatMul(x, w), nn.New([]float32{1, 0}, 2, 1))
//	loss.Backward() // w.Grad now holds dloss/dw
//
// # Writing an op
//
// An op computes its output eagerly, then calls [Record] with a closure
// that reads out.Grad and adds into the gradient of each input that
// requires one. Gradients are always added, never assigned, because an
// input may feed several ops. An op in another file of this package, such
// as a convolution, follows the same pattern:
//
//	// Square returns x*x elementwise.
//	func Square(x *Tensor) *Tensor {
//		out := Zeros(x.Shape()...)
//		for i, v := range x.Data {
//			out.Data[i] = v * v
//		}
//		return Record(out, func() {
//			if !x.RequiresGrad() {
//				return
//			}
//			g := x.GradBuf()
//			for i, v := range x.Data {
//				g[i] += 2 * v * out.Grad[i]
//			}
//		}, x)
//	}
//
// The backward closure runs only when out.Grad has been allocated, so it
// can read out.Grad without a nil check. The package tests check every op
// against central finite differences with checkGrad, which new ops should
// use too.
//
// # Modules
//
// A [Module] has Forward, Parameters and SetTraining. The package provides
// [Linear], [Embedding], [Sequential], [ReLU], [Dropout] and [BatchNorm1d].
// A cell can define its own module from these parts, as the fastai book
// does with DotProductBias, by writing a struct with the three methods.
// Compiled code such as [Learner] then calls the cell's methods. A cell
// cannot embed a compiled struct in its own type, because the interpreter
// then loses the promoted methods, so a cell's module holds its layers as
// fields instead.
//
// yaegi v0.16.1 finds the wrapper that lets an interpreted type satisfy
// [Module] under the package's full import path (fastgo/stdlib/nn). An
// interpreter that loads the symbol tables only under the short path
// fastgo/nn panics when a cell passes its own type as a Module. Wrapping
// the model as Func{F: m.Forward, Params: m.Parameters()} works in both
// cases, because only a function value crosses into compiled code.
//
// Embedding layers and models built on them read their integer inputs
// (category codes) as float32 values, which are exact up to 2^24.
//
// # Training
//
// [SGD] and [Adam] update parameters in place; Adam applies decoupled
// weight decay (AdamW, Loshchilov and Hutter 2019). [OneCycle] gives the
// learning rate and momentum of each step, with fastai's defaults. A
// [Learner] joins a model, [DataLoaders], a loss and an optimizer:
//
//	learn := nn.NewLearner(model, dls, nn.MSE)
//	learn.WD = 0.1
//	err := learn.FitOneCycle(5, 5e-3)
//
// It shows a progress bar and a table of train loss, valid loss and
// metrics that updates in place after every epoch, and stops with
// cell.ErrInterrupted when the user interrupts the cell.
//
// [Learner.LRFind] runs fastai's learning-rate finder and returns an
// [LRFinder] that plots loss against learning rate on a log scale.
// [Save] and [Load] write and read a model's parameters and batch-norm
// statistics with encoding/gob.
//
// # Speed
//
// Matrix products run on a packed kernel with AVX2, or AVX-512 where the
// CPU has it, split across GOMAXPROCS threads. Convolutions gather their
// im2col blocks from a padded copy of the input instead of storing the
// im2col matrix. ReLU, batch norm 2d and Adam's update (which also clears
// the gradient) run in AVX2 kernels. All fall back to Go loops on other
// CPUs. The threads of a parallel loop are goroutines that keep polling
// for the next loop for up to 1 ms, yielding to the OS every few hundred
// polls, so a core stays busy that long after a layer finishes.
// [Tensor.Backward] hands the gradients of op outputs back for reuse once
// used, so after it only leaf tensors such as parameters keep their Grad. Adam updates every value of every parameter at every step, as
// PyTorch's AdamW does, so large embedding tables cost time even when a
// batch touches few of their rows.
package nn
