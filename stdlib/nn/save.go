package nn

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
)

// Bufferer is implemented by modules with state that is saved with the
// weights but not trained, such as [BatchNorm1d]'s running statistics.
type Bufferer interface {
	Buffers() []*Tensor
}

// savedTensor is the gob form of one tensor.
type savedTensor struct {
	Shape []int
	Data  []float32
}

// state returns the tensors that Save writes: parameters, then buffers.
func state(m Module) []*Tensor {
	out := append([]*Tensor(nil), m.Parameters()...)
	if b, ok := m.(Bufferer); ok {
		out = append(out, b.Buffers()...)
	}
	return out
}

// Save writes m's parameters and buffers to path with encoding/gob. It
// writes a temporary file in the same folder and renames it, so a crash
// never leaves a half-written file at path.
func Save(path string, m Module) error {
	var saved []savedTensor
	for _, t := range state(m) {
		saved = append(saved, savedTensor{Shape: t.shape, Data: t.Data})
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("nn: saving weights: %w", err)
	}
	defer os.Remove(f.Name())
	if err := gob.NewEncoder(f).Encode(saved); err != nil {
		f.Close()
		return fmt.Errorf("nn: encoding weights for %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("nn: writing weights to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("nn: writing weights to %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("nn: saving weights: %w", err)
	}
	return nil
}

// Load reads weights written by [Save] into m, which must have the same
// architecture. Nothing is changed if the file does not match.
func Load(path string, m Module) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("nn: loading weights: %w", err)
	}
	defer f.Close()
	var saved []savedTensor
	if err := gob.NewDecoder(f).Decode(&saved); err != nil {
		return fmt.Errorf("nn: decoding weights in %s: %w", path, err)
	}
	dst := state(m)
	if len(saved) != len(dst) {
		return fmt.Errorf("nn: %s contains %d tensors, the model has %d: build the model with the architecture it was saved from", path, len(saved), len(dst))
	}
	for i, t := range dst {
		if !sameShape(saved[i].Shape, t.shape) {
			return fmt.Errorf("nn: tensor %d in %s has shape %v, the model's has %v", i, path, saved[i].Shape, t.shape)
		}
	}
	for i, t := range dst {
		copy(t.Data, saved[i].Data)
	}
	return nil
}

// snapshot copies the values of m's parameters and buffers.
func snapshot(m Module) [][]float32 {
	var out [][]float32
	for _, t := range state(m) {
		out = append(out, append([]float32(nil), t.Data...))
	}
	return out
}

// restore copies values taken by snapshot back into m.
func restore(m Module, saved [][]float32) {
	for i, t := range state(m) {
		copy(t.Data, saved[i])
	}
}

// Buffers returns the running mean and variance.
func (bn *BatchNorm1d) Buffers() []*Tensor {
	return []*Tensor{New(bn.RunMean, len(bn.RunMean)), New(bn.RunVar, len(bn.RunVar))}
}

// Buffers returns the buffers of the layers that have them.
func (s *Sequential) Buffers() []*Tensor {
	var out []*Tensor
	for _, l := range s.Layers {
		if b, ok := l.(Bufferer); ok {
			out = append(out, b.Buffers()...)
		}
	}
	return out
}
