package notebook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that no input panics the notebook reader, and that a
// notebook it accepts survives a write and a second read unchanged: the
// first write normalizes it, and writing what was read back is the same.
func FuzzRead(f *testing.F) {
	seeds := []string{
		``,
		`{}`,
		`[]`,
		`null`,
		`{"nbformat": 3, "cells": []}`,
		`{"nbformat": 4}`,
		`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}`,
		`{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": ["x := 1\n", "x"],` +
			` "metadata": {}, "execution_count": 3, "outputs": [` +
			`{"output_type": "stream", "name": "stdout", "text": "a\nb"},` +
			`{"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": ["1"]}, "metadata": {}},` +
			`{"output_type": "display_data", "data": {"image/png": "iVBORw0K", "application/json": {"a": [1]}}},` +
			`{"output_type": "error", "ename": "Panic", "evalue": "boom", "traceback": ["line 1"]}]}]}`,
		`{"nbformat": 4, "nbformat_minor": 4, "cells": [{"cell_type": "markdown", "source": "# T",` +
			` "attachments": {"a.png": {"image/png": "AA=="}}}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "code", "source": 7}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream",` +
			` "name": "stdin", "text": ""}]}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data",` +
			` "data": {"text/plain": [1, null, "x"]}}]}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "raw", "source": "\u0000\ud800"}]}`,
		`{"nbformat": 4, "cells": [null]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "execution_count": 1e400}]}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	addLessonSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := Read(data)
		if err != nil {
			return
		}
		first, err := Marshal(nb)
		if err != nil {
			t.Fatalf("a notebook that Read accepted does not encode: %v", err)
		}
		again, err := Read(first)
		if err != nil {
			t.Fatalf("Read rejects what Marshal wrote: %v\n%s", err, first)
		}
		second, err := Marshal(again)
		if err != nil {
			t.Fatalf("second encoding failed: %v", err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("notebook changed on a second read and write:\nfirst:\n%s\nsecond:\n%s", first, second)
		}
	})
}

// addLessonSeeds adds the lesson notebooks as seeds, so the fuzzer starts
// from the shapes of real notebooks.
func addLessonSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "lessons", "*.ipynb"))
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err == nil && len(raw) < 1<<20 {
			f.Add(raw)
		}
	}
}
