package gosem

import (
	"os"
	"strings"
	"testing"
)

func TestDebugRewrite(t *testing.T) {
	path := os.Getenv("GOSEM_CASE")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	_, rest, _ := strings.Cut(string(data), "-- cell --\n")
	cells, _, _ := strings.Cut(rest, "-- output --\n")
	s := NewSession()
	for _, c := range strings.Split(cells, "-- cell --\n") {
		cell := s.Rewrite(c)
		t.Logf("---- notes %q err %q\n%s", cell.Notes, cell.Err, cell.Code)
		cell.Commit()
	}
}
