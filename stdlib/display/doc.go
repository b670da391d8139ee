// Package display turns Go values into Jupyter MIME bundles and sends them to
// the notebook. Cells import it as "fastgo/display".
//
// # Rendering
//
// [Render] picks the richest form a value has, in this order: a [Data]
// bundle as it is, a value with an HTML, Markdown, SVG or PNG method, an
// [image.Image] (as PNG), a *plot.Plot from gonum.org/v1/plot (as PNG), and
// finally the value formatted with fmt. Every bundle also carries text/plain,
// because front ends that cannot show the rich form fall back to it.
//
//	display.Show(display.Markdown("# Results"))
//	display.Show(img) // an image.Image renders as PNG
//
// # Updating in place
//
// A [Handle] owns one output area. [Handle.Update] replaces what the area
// shows, which is how [Progress] redraws its bar without adding outputs.
//
// # Outside a notebook
//
// The kernel's worker installs a publisher with [SetPublisher]. Without one,
// as in a compiled program or a test, [Show] writes the text/plain form to
// standard output.
package display
