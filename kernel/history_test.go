package kernel

import (
	"reflect"
	"testing"
)

func TestHistoryQuery(t *testing.T) {
	h := newHistory()
	for i, code := range []string{"x := 1", "fmt.Println(x)", "x := 1", "y := x * 2\ny", "[a]"} {
		h.add(i+1, code, "")
	}
	tests := []struct {
		name string
		req  historyRequest
		want []int // line numbers
	}{
		{"tail 2", historyRequest{HistAccessType: "tail", N: 2}, []int{4, 5}},
		{"tail all", historyRequest{HistAccessType: "tail"}, []int{1, 2, 3, 4, 5}},
		{"tail unique", historyRequest{HistAccessType: "tail", N: 10, Unique: true}, []int{2, 3, 4, 5}},
		{"range 2 to 4", historyRequest{HistAccessType: "range", Start: 2, Stop: 4}, []int{2, 3}},
		{"range open end", historyRequest{HistAccessType: "range", Session: 1, Start: 4}, []int{4, 5}},
		{"range earlier session", historyRequest{HistAccessType: "range", Session: 2, Start: 1}, nil},
		{"search prefix", historyRequest{HistAccessType: "search", Pattern: "x*"}, []int{1, 3}},
		{"search unique", historyRequest{HistAccessType: "search", Pattern: "x*", Unique: true}, []int{3}},
		{"search star spans lines", historyRequest{HistAccessType: "search", Pattern: "*\ny"}, []int{4}},
		{"search question mark", historyRequest{HistAccessType: "search", Pattern: "? := 1"}, []int{1, 3}},
		{"search class", historyRequest{HistAccessType: "search", Pattern: "[xy] :=*"}, []int{1, 3, 4}},
		{"search negated class", historyRequest{HistAccessType: "search", Pattern: "[^x]*"}, []int{2, 4, 5}},
		{"search literal bracket", historyRequest{HistAccessType: "search", Pattern: "[[]a]"}, []int{5}},
		{"search last n", historyRequest{HistAccessType: "search", Pattern: "*", N: 1}, []int{5}},
		{"search no match", historyRequest{HistAccessType: "search", Pattern: "z*"}, nil},
		{"unknown access type", historyRequest{HistAccessType: "bogus"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, e := range h.query(tt.req) {
				got = append(got, e.line)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines = %v, want %v", got, tt.want)
			}
		})
	}
}
