package idlemem

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// executableResident returns the bytes of the test binary's read-only
// mappings that are resident now.
func executableResident(t *testing.T) int64 {
	t.Helper()
	exe, err := os.Stat("/proc/self/exe")
	if err != nil {
		t.Fatal(err)
	}
	ino := exe.Sys().(*syscall.Stat_t).Ino
	maps, err := readSmaps("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	var rss int64
	for _, m := range maps {
		if m.inode == ino && m.perms[1] != 'w' {
			rss += m.rss
		}
	}
	return rss
}

func TestReleaseUnmapsExecutable(t *testing.T) {
	before := executableResident(t)
	if before == 0 {
		t.Fatal("the test binary has no resident read-only pages before Release")
	}
	unmapped, err := Release()
	if err != nil {
		t.Fatalf("Release: %v", err)
	}
	if unmapped <= 0 {
		t.Errorf("Release unmapped %d bytes, want more than 0", unmapped)
	}
	after := executableResident(t)
	if after >= before {
		t.Errorf("resident read-only pages of the executable: %d bytes after Release, %d before", after, before)
	}
	// Code and data of the binary still work: the pages fault back in.
	if got := filepath.Base("/a/b"); got != "b" {
		t.Errorf("filepath.Base after Release = %q, want \"b\"", got)
	}
}

func TestReadSmapsFields(t *testing.T) {
	const text = `00400000-00c85000 r-xp 00000000 fe:01 1234 /usr/bin/fastgo
Size:              13844 kB
Rss:                6356 kB
Anonymous:             0 kB
VmFlags: rd ex mr mw me
00c85000-0152b000 r--p 00885000 fe:01 1234 /usr/bin/fastgo
Rss:                4824 kB
Anonymous:             8 kB
7f000000-7f021000 rw-p 00000000 00:00 0
Rss:                 132 kB
Anonymous:           132 kB
`
	path := filepath.Join(t.TempDir(), "smaps")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	maps, err := readSmaps(path)
	if err != nil {
		t.Fatalf("readSmaps: %v", err)
	}
	if len(maps) != 3 {
		t.Fatalf("readSmaps found %d mappings, want 3", len(maps))
	}
	want := []mapping{
		{start: 0x400000, end: 0xc85000, perms: "r-xp", inode: 1234, rss: 6356 << 10},
		{start: 0xc85000, end: 0x152b000, perms: "r--p", inode: 1234, rss: 4824 << 10, anonymous: 8 << 10},
		{start: 0x7f000000, end: 0x7f021000, perms: "rw-p", inode: 0, rss: 132 << 10, anonymous: 132 << 10},
	}
	for i := range want {
		if maps[i] != want[i] {
			t.Errorf("mapping %d = %+v, want %+v", i, maps[i], want[i])
		}
	}
}

func TestReadSmapsInvalidHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "smaps")
	if err := os.WriteFile(path, []byte("zz-00c85000 r-xp 00000000 fe:01 1234 /x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readSmaps(path); err == nil {
		t.Error("readSmaps accepted an address range that is not hexadecimal")
	}
}
