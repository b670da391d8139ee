package idlemem

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// mapping is one entry of /proc/self/smaps.
type mapping struct {
	start, end uintptr
	perms      string
	inode      uint64
	rss        int64 // bytes resident
	anonymous  int64 // bytes copied on write, which the file cannot restore
}

// unmapExecutable drops the resident pages of the executable's read-only
// private mappings. A mapping qualifies only when it has no anonymous
// pages: pages the process wrote to, as a dynamic loader does when it
// applies relocations, exist only in memory and must be kept.
func unmapExecutable() (int64, error) {
	exe, err := os.Stat("/proc/self/exe")
	if err != nil {
		return 0, err
	}
	st, ok := exe.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, nil
	}
	maps, err := readSmaps("/proc/self/smaps")
	if err != nil {
		return 0, err
	}
	var unmapped int64
	for _, m := range maps {
		if m.inode != st.Ino || len(m.perms) < 4 || m.perms[1] == 'w' || m.perms[3] != 'p' || m.anonymous != 0 || m.rss == 0 {
			continue
		}
		_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, m.start, m.end-m.start, syscall.MADV_DONTNEED)
		if errno != 0 {
			return unmapped, fmt.Errorf("madvise %#x-%#x: %w", m.start, m.end, errno)
		}
		unmapped += m.rss
	}
	return unmapped, nil
}

// readSmaps parses the mapping headers of an smaps file and the Rss and
// Anonymous sizes of each mapping.
func readSmaps(path string) ([]mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var maps []mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			m, err := parseHeader(fields)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			maps = append(maps, m)
			continue
		}
		if len(maps) == 0 || len(fields) < 2 {
			continue
		}
		kb, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			continue
		}
		switch fields[0] {
		case "Rss:":
			maps[len(maps)-1].rss = kb << 10
		case "Anonymous:":
			maps[len(maps)-1].anonymous = kb << 10
		}
	}
	return maps, sc.Err()
}

// parseHeader parses a line such as
// "00400000-00c85000 r-xp 00000000 fe:01 1234 /usr/bin/fastgo".
func parseHeader(fields []string) (mapping, error) {
	lo, hi, ok := strings.Cut(fields[0], "-")
	if !ok {
		return mapping{}, fmt.Errorf("invalid address range %q", fields[0])
	}
	start, err := strconv.ParseUint(lo, 16, 64)
	if err != nil {
		return mapping{}, fmt.Errorf("invalid address range %q", fields[0])
	}
	end, err := strconv.ParseUint(hi, 16, 64)
	if err != nil {
		return mapping{}, fmt.Errorf("invalid address range %q", fields[0])
	}
	inode, err := strconv.ParseUint(fields[4], 10, 64)
	if err != nil {
		return mapping{}, fmt.Errorf("invalid inode %q", fields[4])
	}
	return mapping{start: uintptr(start), end: uintptr(end), perms: fields[1], inode: inode}, nil
}
