package nn

import (
	"fmt"
	"math"
)

// MSE returns the mean squared error between pred and target, which must
// hold the same number of values. Their shapes may differ, so a [n, 1]
// prediction can be compared with a [n] target.
func MSE(pred, target *Tensor) *Tensor {
	if len(pred.Data) != len(target.Data) {
		panic(fmt.Sprintf("nn: MSE: prediction shape %v and target shape %v differ in size", pred.shape, target.shape))
	}
	n := float32(len(pred.Data))
	var s float64
	for i, p := range pred.Data {
		d := float64(p - target.Data[i])
		s += d * d
	}
	out := New([]float32{float32(s / float64(n))}, 1)
	return Record(out, func() {
		k := 2 * out.Grad[0] / n
		if pred.requiresGrad {
			g := pred.GradBuf()
			for i, p := range pred.Data {
				g[i] += k * (p - target.Data[i])
			}
		}
		if target.requiresGrad {
			g := target.GradBuf()
			for i, p := range pred.Data {
				g[i] -= k * (p - target.Data[i])
			}
		}
	}, pred, target)
}

// LogSoftmax returns the log of the softmax over the last dimension of x,
// computed stably by subtracting each row's maximum first.
func LogSoftmax(x *Tensor) *Tensor {
	c := x.Dim(-1)
	n := len(x.Data) / c
	out := Zeros(x.shape...)
	for i := 0; i < n; i++ {
		logSoftmaxRow(out.Data[i*c:(i+1)*c], x.Data[i*c:(i+1)*c])
	}
	return Record(out, func() {
		g := x.GradBuf()
		for i := 0; i < n; i++ {
			// d x_j = d y_j - softmax_j · Σ_k d y_k.
			dy, y := out.Grad[i*c:(i+1)*c], out.Data[i*c:(i+1)*c]
			var s float32
			for _, d := range dy {
				s += d
			}
			for j := range dy {
				g[i*c+j] += dy[j] - float32(math.Exp(float64(y[j])))*s
			}
		}
	}, x)
}

func logSoftmaxRow(dst, src []float32) {
	m := src[0]
	for _, v := range src {
		if v > m {
			m = v
		}
	}
	var s float64
	for _, v := range src {
		s += math.Exp(float64(v - m))
	}
	lse := m + float32(math.Log(s))
	for j, v := range src {
		dst[j] = v - lse
	}
}

// CrossEntropy returns the mean negative log-likelihood of the classes in
// target (class indices stored as float32, shape [n]) under the logits
// (shape [n, classes]). It panics if a target is not a valid class index.
func CrossEntropy(logits, target *Tensor) *Tensor {
	if logits.Rank() != 2 || len(target.Data) != logits.shape[0] {
		panic(fmt.Sprintf("nn: CrossEntropy: logits shape %v and target shape %v do not match", logits.shape, target.shape))
	}
	n, c := logits.shape[0], logits.shape[1]
	logp := make([]float32, n*c)
	var s float64
	for i := 0; i < n; i++ {
		logSoftmaxRow(logp[i*c:(i+1)*c], logits.Data[i*c:(i+1)*c])
		s -= float64(logp[i*c+classIndex(target.Data[i], c)])
	}
	out := New([]float32{float32(s / float64(n))}, 1)
	return Record(out, func() {
		g := logits.GradBuf()
		k := out.Grad[0] / float32(n)
		for i := 0; i < n; i++ {
			y := classIndex(target.Data[i], c)
			for j := 0; j < c; j++ {
				p := float32(math.Exp(float64(logp[i*c+j])))
				if j == y {
					p--
				}
				g[i*c+j] += k * p
			}
		}
	}, logits)
}

func classIndex(v float32, classes int) int {
	y := int(v)
	if float32(y) != v || y < 0 || y >= classes {
		panic(fmt.Sprintf("nn: class index %v is not an integer in [0, %d)", v, classes))
	}
	return y
}

// Accuracy returns the share of rows whose largest logit is at the target
// class. It records no gradient.
func Accuracy(logits, target *Tensor) *Tensor {
	n, c := logits.shape[0], logits.Dim(-1)
	correct := 0
	for i := 0; i < n; i++ {
		row := logits.Data[i*c : (i+1)*c]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		if float32(best) == target.Data[i] {
			correct++
		}
	}
	return New([]float32{float32(correct) / float32(n)}, 1)
}

// RMSE returns the root mean squared error, a metric without gradient.
func RMSE(pred, target *Tensor) *Tensor {
	var m *Tensor
	NoGrad(func() { m = MSE(pred, target) })
	m.Data[0] = float32(math.Sqrt(float64(m.Data[0])))
	return m
}
