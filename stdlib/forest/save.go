package forest

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
)

// Save writes the fitted forest to path with encoding/gob. It writes a
// temporary file in the same folder and renames it, so path never holds
// a partial forest.
func (r *Regressor) Save(path string) error {
	r.fitted()
	return saveGob(path, r)
}

// LoadRegressor reads a forest written by [Regressor.Save].
func LoadRegressor(path string) (*Regressor, error) {
	r := new(Regressor)
	if err := loadGob(path, r); err != nil {
		return nil, err
	}
	if len(r.Trees) == 0 {
		return nil, fmt.Errorf("forest: %s contains no trees: save a fitted Regressor", path)
	}
	return r, nil
}

// Save writes the fitted forest to path, as [Regressor.Save].
func (c *Classifier) Save(path string) error {
	c.fitted()
	return saveGob(path, c)
}

// LoadClassifier reads a forest written by [Classifier.Save].
func LoadClassifier(path string) (*Classifier, error) {
	c := new(Classifier)
	if err := loadGob(path, c); err != nil {
		return nil, err
	}
	if len(c.Trees) == 0 || len(c.Classes) == 0 {
		return nil, fmt.Errorf("forest: %s contains no classifier: save a fitted Classifier", path)
	}
	return c, nil
}

func saveGob(path string, v any) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("forest: saving %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = gob.NewEncoder(tmp).Encode(v); err != nil {
		return fmt.Errorf("forest: encoding %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("forest: saving %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("forest: saving %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("forest: saving %s: %w", path, err)
	}
	return nil
}

func loadGob(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("forest: %w", err)
	}
	defer f.Close()
	if err := gob.NewDecoder(f).Decode(v); err != nil {
		return fmt.Errorf("forest: decoding %s: %w", path, err)
	}
	return nil
}
