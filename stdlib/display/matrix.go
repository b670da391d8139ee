package display

import (
	"fmt"
	"html"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// maxMatrixHTML is the largest number of rows or columns drawn as an HTML
// table. Larger matrices show as text, which mat.Formatted abbreviates.
const maxMatrixHTML = 30

// renderMatrix shows a gonum matrix as mat.Formatted prints it, with an
// HTML table beside the text when it is small enough to read.
func renderMatrix(m mat.Matrix) Data {
	r, c := m.Dims()
	text := fmt.Sprintf("%dx%d\n%v", r, c, mat.Formatted(m, mat.Squeeze(), mat.Excerpt(8)))
	if r > maxMatrixHTML || c > maxMatrixHTML {
		return Text(text)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<div><small>%d×%d</small><table>", r, c)
	for i := range r {
		b.WriteString("<tr>")
		for j := range c {
			fmt.Fprintf(&b, "<td style=\"text-align:right\">%s</td>", html.EscapeString(fmt.Sprintf("%.6g", m.At(i, j))))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table></div>")
	d := HTML(b.String())
	d.Data[MIMEText] = text
	return d
}
