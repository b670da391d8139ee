package frame

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSaveLoad(t *testing.T) {
	f := sample()
	if err := f.SetLevels("size", []string{"Large", "Small"}, true); err != nil {
		t.Fatal(err)
	}
	f.Add(NewString("note", []string{"", "b", "c", "d"}))

	path := filepath.Join(t.TempDir(), "sample.frame")
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	g, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}

	if !slices.Equal(g.Names(), f.Names()) || !slices.Equal(g.Kinds(), f.Kinds()) || g.NRows() != f.NRows() {
		t.Fatalf("loaded %q %v × %d, saved %q %v × %d", g.Names(), g.Kinds(), g.NRows(), f.Names(), f.Kinds(), f.NRows())
	}
	for _, name := range f.Names() {
		if !slices.Equal(g.Col(name).Strings(), f.Col(name).Strings()) {
			t.Errorf("%s: loaded %q, saved %q", name, g.Col(name).Strings(), f.Col(name).Strings())
		}
	}
	if !g.Equal(f) {
		t.Error("Equal reports the loaded frame differs from the saved one")
	}
	if !math.IsNaN(g.Col("price").Float64s()[1]) {
		t.Error("NaN did not survive")
	}
	if s := g.Col("size"); !s.Ordered() || !slices.Equal(s.Levels(), []string{NA, "Large", "Small"}) {
		t.Errorf("size levels %q ordered %v", s.Levels(), s.Ordered())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the saved frame", len(entries))
	}
}

func TestSaveLoadEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.frame")
	f := New(NewInt("a", nil), NewString("b", nil))
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	g, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if g.NRows() != 0 || g.NCols() != 2 {
		t.Errorf("loaded %d×%d, want 0×2", g.NRows(), g.NCols())
	}
}

func TestLoadBadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.frame")
	if err := sample().Save(good); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		content []byte
	}{
		{"text file", []byte("SalesID,SalePrice\n1,2\n")},
		{"empty file", nil},
		{"truncated frame", data[:len(data)/2]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if !errors.Is(err, ErrNotFrame) {
				t.Fatalf("error = %v, want one wrapping ErrNotFrame", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestLoadInconsistentColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "short.frame")
	f := sample()
	f.cols[0].ints = f.cols[0].ints[:2] // corrupt the column behind the frame's back
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if !errors.Is(err, ErrNotFrame) || !strings.Contains(err.Error(), `column "id": 2 values for 4 rows`) {
		t.Errorf("error = %v, want ErrNotFrame naming column id", err)
	}
}

func TestSaveMissingFolder(t *testing.T) {
	err := sample().Save(filepath.Join(t.TempDir(), "absent", "x.frame"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error = %v, want one wrapping os.ErrNotExist", err)
	}
}
