package nn

import (
	"fmt"
	"html"
	"strings"
	"time"

	"fastgo/stdlib/display"
)

// Table is the per-epoch training table of a [Learner]. It renders as
// HTML in the notebook and as aligned text elsewhere.
type Table struct {
	Metrics []string
	Rows    []EpochStats
}

// Table returns the learner's history as a [Table].
func (l *Learner) Table() Table {
	names := make([]string, len(l.Metrics))
	for i, m := range l.Metrics {
		names[i] = m.Name
	}
	return Table{Metrics: names, Rows: l.History}
}

// showTable shows the table on the first call and updates it in place
// afterwards.
func (l *Learner) showTable() {
	if l.Quiet {
		return
	}
	if l.table == nil {
		l.table = display.NewHandle()
		l.table.Show(l.Table())
		return
	}
	l.table.Update(l.Table())
}

func (t Table) header() []string {
	h := append([]string{"epoch", "train_loss", "valid_loss"}, t.Metrics...)
	return append(h, "time")
}

func (t Table) cells(r EpochStats) []string {
	c := []string{fmt.Sprint(r.Epoch), fmt.Sprintf("%.6f", r.TrainLoss), fmt.Sprintf("%.6f", r.ValidLoss)}
	for _, m := range r.Metrics {
		c = append(c, fmt.Sprintf("%.6f", m))
	}
	return append(c, r.Time.Round(10*time.Millisecond).String())
}

// HTML renders the table as an HTML table, as fastai shows it.
func (t Table) HTML() string {
	var b strings.Builder
	b.WriteString(`<table border="1" class="dataframe"><thead><tr style="text-align: left;">`)
	for _, h := range t.header() {
		fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(h))
	}
	b.WriteString("</tr></thead><tbody>")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for _, c := range t.cells(r) {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(c))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}

// String renders the table as text with aligned columns.
func (t Table) String() string {
	rows := [][]string{t.header()}
	for _, r := range t.Rows {
		rows = append(rows, t.cells(r))
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for j, c := range r {
			widths[j] = max(widths[j], len(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for j, c := range r {
			fmt.Fprintf(&b, "%-*s  ", widths[j], c)
		}
		b.WriteString("\n")
	}
	return b.String()
}
