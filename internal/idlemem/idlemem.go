// Package idlemem returns memory to the operating system when a fastgo
// process has nothing to do.
//
// Both the kernel and the worker call Release after a short idle spell.
// Release frees unused heap pages at once, and on Linux it also unmaps the
// read-only pages of the executable that the process has faulted in. The
// fastgo binary is large, about 44 MB, most of it symbol tables for the
// interpreter. Linux kernels with large page-cache folios map a whole
// folio on a single fault, so a process that ran a few functions can hold
// much of the binary resident. Unmapped pages stay in the page cache, so
// the next request maps the ones it needs again with minor faults, and
// nothing is read from disk.
package idlemem

import "runtime/debug"

// Release frees unused heap memory and unmaps the executable's clean
// read-only pages. It reports how many bytes of executable mappings it
// unmapped, which is 0 on systems other than Linux. Freeing the heap runs
// a full garbage collection, which can take a tenth of a second of CPU on
// a large heap.
func Release() (unmapped int64, err error) {
	debug.FreeOSMemory()
	return unmapExecutable()
}

// UnmapExecutable is Release without the garbage collection: it only
// unmaps the executable's clean read-only pages, which takes about a
// millisecond.
func UnmapExecutable() (unmapped int64, err error) {
	return unmapExecutable()
}
