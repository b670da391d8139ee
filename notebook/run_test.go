package notebook

import (
	"strings"
	"testing"
)

func TestCellErrorMatchesProgressLabel(t *testing.T) {
	tests := []struct {
		name string
		err  *CellError
		want string
	}{
		{"error output", &CellError{Index: 31, Number: 16, Total: 37, FirstLine: "x := f()", Name: "CompileError", Value: "undefined: f"},
			`notebook: cell 16/37 (index 31) "x := f()" failed: CompileError: undefined: f`},
		{"not finished", &CellError{Index: 0, Number: 1, Total: 2, FirstLine: "for {}", Err: ErrTimeout},
			`notebook: cell 1/2 (index 0) "for {}" did not finish: cell timed out`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			progress := cellLabel(tt.err.Number, tt.err.Total, tt.err.Index)
			if !strings.Contains(tt.err.Error(), progress) {
				t.Errorf("Error() = %q lacks the progress label %q", tt.err.Error(), progress)
			}
		})
	}
}
