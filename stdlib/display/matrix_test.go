package display

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestRenderMatrix(t *testing.T) {
	small := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6.5})
	d := Render(small)
	text, _ := d.Data[MIMEText].(string)
	if !strings.HasPrefix(text, "2x3\n") || !strings.Contains(text, "6.5") {
		t.Errorf("text/plain = %q, want the dimensions and the values", text)
	}
	html, _ := d.Data[MIMEHTML].(string)
	if strings.Count(html, "<tr>") != 2 || strings.Count(html, "<td") != 6 {
		t.Errorf("text/html = %q, want 2 rows of 3 cells", html)
	}

	large := Render(mat.NewDense(40, 2, nil))
	if _, ok := large.Data[MIMEHTML]; ok {
		t.Error("a 40x2 matrix was drawn as an HTML table, want text only")
	}
	vec := Render(mat.NewVecDense(3, []float64{7, 8, 9}))
	if text, _ := vec.Data[MIMEText].(string); !strings.HasPrefix(text, "3x1\n") {
		t.Errorf("vector text/plain = %q, want a 3x1 matrix", text)
	}
}
