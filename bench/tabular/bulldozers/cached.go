package bulldozers

import "sync"

var (
	cacheOnce sync.Once
	cached    *Set
	cacheErr  error
)

// Cached returns the set from [Dir] and [Load], reading and preparing it
// only on the first call of the process. Tests of several models share it.
func Cached() (*Set, error) {
	cacheOnce.Do(func() {
		dir, err := Dir()
		if err != nil {
			cacheErr = err
			return
		}
		cached, cacheErr = Load(dir)
	})
	return cached, cacheErr
}
