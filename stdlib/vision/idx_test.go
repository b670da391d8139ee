package vision

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeIDX writes a gzip-compressed IDX file with the given magic,
// dimensions and data bytes, which need not match the dimensions.
func writeIDX(t *testing.T, magic uint32, dims []uint32, data []byte) string {
	t.Helper()
	var raw bytes.Buffer
	binary.Write(&raw, binary.BigEndian, magic)
	for _, d := range dims {
		binary.Write(&raw, binary.BigEndian, d)
	}
	raw.Write(data)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(raw.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "file.gz")
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadIDXHeaders(t *testing.T) {
	tests := []struct {
		name     string
		dims     []uint32
		data     []byte
		wantErr  string // empty when the read succeeds
		wantDims []int
	}{
		{"valid", []uint32{2, 1, 2}, []byte{1, 2, 3, 4}, "", []int{2, 1, 2}},
		{"short data", []uint32{2, 1, 2}, []byte{1, 2, 3}, "shorter than its header", nil},
		{"dimensions overflow int", []uint32{1 << 31, 1 << 31, 1 << 31}, []byte{1}, "too large", nil},
		{"huge dimensions, little data", []uint32{1 << 20, 1 << 20, 1}, []byte{1, 2}, "shorter than its header", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeIDX(t, idxImagesMagic, tt.dims, tt.data)
			dims, data, err := readIDX(path, idxImagesMagic)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %v, expected one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(dims) != len(tt.wantDims) {
				t.Fatalf("dims = %v, expected %v", dims, tt.wantDims)
			}
			for i := range dims {
				if dims[i] != tt.wantDims[i] {
					t.Errorf("dims = %v, expected %v", dims, tt.wantDims)
					break
				}
			}
			if !bytes.Equal(data, tt.data) {
				t.Errorf("data = %v, expected %v", data, tt.data)
			}
		})
	}
}
