package frame

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Display limits: a frame with more rows than maxRows shows its first and
// last edgeRows rows around an ellipsis row, and one with more columns
// than maxCols shows its first and last edgeCols columns around an
// ellipsis column.
const (
	maxRows  = 20
	edgeRows = 5
	maxCols  = 60
	edgeCols = 30

	// maxCellWidth is the width, in characters, past which String cuts a
	// cell with an ellipsis.
	maxCellWidth = 30
)

// view is the part of a frame that is displayed: row and column indexes,
// with -1 for the ellipsis.
type view struct {
	rows, cols []int
}

func (f *Frame) view() view {
	return view{rows: visible(f.rows, maxRows, edgeRows), cols: visible(len(f.cols), maxCols, edgeCols)}
}

func visible(n, limit, edge int) []int {
	if n <= limit {
		return rangeIndex(0, n)
	}
	idx := rangeIndex(0, edge)
	idx = append(idx, -1)
	return append(idx, rangeIndex(n-edge, n)...)
}

// cell formats one displayed value. Missing values are blank, except in
// categorical columns, which show [NA].
func (c *Column) cell(i int) string {
	if c.kind == Float {
		return displayFloat(c.floats[i])
	}
	return c.Value(i)
}

// displayFloat shows up to 6 significant digits, and whole numbers in
// full up to 1e15.
func displayFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case math.Abs(v) >= 1e6 && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

func (f *Frame) shape() string {
	return fmt.Sprintf("%d rows × %d columns", f.rows, len(f.cols))
}

// HTML renders the frame as a self-contained HTML table with the column
// kinds under the names and the shape below. Long tables show their head
// and tail around an ellipsis row. Notebooks call this to display a frame.
func (f *Frame) HTML() string {
	v := f.view()
	var b strings.Builder
	b.WriteString(`<div style="overflow-x:auto"><table class="fastgo-frame" style="border-collapse:collapse;font-size:12px">`)
	b.WriteString("<thead><tr><th></th>")
	for _, j := range v.cols {
		b.WriteString(`<th style="text-align:right;padding:2px 6px">`)
		if j >= 0 {
			b.WriteString(html.EscapeString(f.cols[j].name))
		} else {
			b.WriteString("…")
		}
		b.WriteString("</th>")
	}
	b.WriteString(`</tr><tr style="color:#888;font-size:10px"><th></th>`)
	for _, j := range v.cols {
		b.WriteString(`<th style="text-align:right;padding:0 6px;font-weight:normal">`)
		if j >= 0 {
			b.WriteString(f.cols[j].kind.String())
		}
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for _, i := range v.rows {
		f.htmlRow(&b, v, i)
	}
	b.WriteString("</tbody></table>")
	fmt.Fprintf(&b, `<p style="color:#888;font-size:11px">%s</p></div>`, f.shape())
	return b.String()
}

func (f *Frame) htmlRow(b *strings.Builder, v view, i int) {
	const td = `<td style="text-align:right;padding:2px 6px;border-top:1px solid #eee">`
	b.WriteString(`<tr><th style="text-align:right;padding:2px 6px;color:#888">`)
	if i < 0 {
		b.WriteString("…")
	} else {
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteString("</th>")
	for _, j := range v.cols {
		b.WriteString(td)
		if i < 0 || j < 0 {
			b.WriteString("…")
		} else {
			b.WriteString(html.EscapeString(f.cols[j].cell(i)))
		}
		b.WriteString("</td>")
	}
	b.WriteString("</tr>")
}

// String renders the frame as an aligned text table, with the same
// head-and-tail view as [Frame.HTML], for text-only front ends.
func (f *Frame) String() string {
	v := f.view()
	grid := [][]string{append([]string{""}, f.headerCells(v)...)}
	for _, i := range v.rows {
		row := []string{"…"}
		if i >= 0 {
			row[0] = strconv.Itoa(i)
		}
		for _, j := range v.cols {
			switch {
			case i < 0 || j < 0:
				row = append(row, "…")
			default:
				row = append(row, clip(f.cols[j].cell(i)))
			}
		}
		grid = append(grid, row)
	}
	return alignGrid(grid) + "[" + f.shape() + "]\n"
}

func (f *Frame) headerCells(v view) []string {
	var out []string
	for _, j := range v.cols {
		if j < 0 {
			out = append(out, "…")
		} else {
			out = append(out, clip(f.cols[j].name))
		}
	}
	return out
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxCellWidth {
		return s
	}
	r := []rune(s)
	return string(r[:maxCellWidth-1]) + "…"
}

// alignGrid pads every cell to its column's width, right-aligned.
func alignGrid(grid [][]string) string {
	widths := make([]int, len(grid[0]))
	for _, row := range grid {
		for j, s := range row {
			widths[j] = max(widths[j], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	for _, row := range grid {
		for j, s := range row {
			if j > 0 {
				b.WriteString("  ")
			}
			b.WriteString(strings.Repeat(" ", widths[j]-utf8.RuneCountInString(s)))
			b.WriteString(s)
		}
		b.WriteString("\n")
	}
	return b.String()
}
