package frame

import (
	"math"
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	f := New(
		NewInt("n", rangeIndex(0, 25)),
		NewString("s<b>", make([]string, 25)),
	)
	h := f.HTML()
	tests := []struct {
		name, want string
	}{
		{"escaped name", "s&lt;b&gt;"},
		{"kind row", ">int</th>"},
		{"shape", "25 rows × 2 columns"},
		{"head row", "<th style=\"text-align:right;padding:2px 6px;color:#888\">4</th>"},
		{"ellipsis row", "<th style=\"text-align:right;padding:2px 6px;color:#888\">…</th>"},
		{"tail row", ">24</td>"},
	}
	for _, tt := range tests {
		if !strings.Contains(h, tt.want) {
			t.Errorf("%s: HTML lacks %q", tt.name, tt.want)
		}
	}
	for _, absent := range []string{">5</td>", ">19</td>", "<script", "<link", "http"} {
		if strings.Contains(h, absent) {
			t.Errorf("HTML contains %q", absent)
		}
	}
}

func TestHTMLManyColumns(t *testing.T) {
	var cols []*Column
	for i := range 70 {
		cols = append(cols, NewInt("c"+strings.Repeat("x", i), []int{i}))
	}
	h := New(cols...).HTML()
	if strings.Count(h, "<td") != 61 {
		t.Errorf("HTML has %d cells, want 61 (30 + ellipsis + 30)", strings.Count(h, "<td"))
	}
}

func TestString(t *testing.T) {
	f := New(
		NewFloat("x", []float64{1.5, math.NaN(), 1.0 / 3, 1163635200, 2.5e7 + 0.25}),
		NewString("name", []string{"a", "", strings.Repeat("long", 10), "d", "e"}),
	)
	want := "" +
		"            x                            name\n" +
		"0         1.5                               a\n" +
		"1                                            \n" +
		"2    0.333333  longlonglonglonglonglonglongl…\n" +
		"3  1163635200                               d\n" +
		"4  25000000.2                               e\n" +
		"[5 rows × 2 columns]\n"
	if got := f.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}
