// Package charts draws the lessons' charts with gonum.org/v1/plot. Cells
// import it as "fastgo/charts".
//
// Every function returns a *plot.Plot with a title, axis labels, light
// grid lines and Liberation Sans text at 10 to 14 points (bar labels
// shrink to fit). A cell that ends with
// one shows it inline as a 6×4-inch PNG, because display.Render renders
// plots, and the plot can still be changed with gonum's API first.
//
//	p := charts.Histogram(prices, 40, "Sale price", "log(price)")
//	p.Y.Label.Text = "sales"
//	p
//
// # Charts
//
//   - [Histogram]: counts of values in equal-width bins.
//   - [Bars]: horizontal bars in the order given, first at the top, such
//     as feature importances.
//   - [Line] and [Lines]: one line, or several named lines with a legend.
//   - [Scatter]: points, optionally labeled, such as movies placed by two
//     principal components of their factors.
//   - [Waterfall]: how contributions move a prediction from the bias to
//     its value, ending with a "net" bar.
//   - [Dendrogram]: the tree of a hierarchical clustering, from merges
//     numbered as in a scipy linkage matrix.
//
// # Size and SVG
//
// [Size] wraps a plot to draw it larger, as PNG. [SVG] wraps it to show it
// as an SVG document, which stays sharp when zoomed:
//
//	charts.Size(charts.Bars(names, importances, "Importance"), 6, 12)
//	charts.SVG(charts.Line(epochs, losses, "Loss", "epoch", "loss"))
//
// # Invalid input
//
// Passing slices of different lengths, no data, or NaN or infinite values
// is a programming error, so the functions panic with a message that names
// the function, the argument and the bad value, such as
// "charts: Line: len(xs) = 3, len(ys) = 4, want equal lengths". Drop
// missing values before charting them.
package charts
