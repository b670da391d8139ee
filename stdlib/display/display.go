package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"reflect"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/mat"
)

// MIME types that Jupyter front ends render.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMEJSON     = "application/json"
	MIMELaTeX    = "text/latex"
)

// Data is a MIME bundle: the same value in one or more representations,
// keyed by MIME type, with per-type metadata such as image width and height.
// Binary representations (PNG, JPEG) are base64 strings, as the Jupyter
// protocol sends them. JSON content is any value encoding/json accepts.
type Data struct {
	Data     map[string]any
	Metadata map[string]any
}

// HTMLer is implemented by values that render as an HTML fragment.
type HTMLer interface{ HTML() string }

// Markdowner is implemented by values that render as Markdown.
type Markdowner interface{ Markdown() string }

// SVGer is implemented by values that render as an SVG document.
type SVGer interface{ SVG() string }

// PNGer is implemented by values that render as PNG bytes.
type PNGer interface{ PNG() []byte }

// bundle returns a Data with one rich representation and its plain-text
// fallback.
func bundle(mime string, content any, text string) Data {
	return Data{
		Data:     map[string]any{mime: content, MIMEText: text},
		Metadata: map[string]any{},
	}
}

// Text returns a bundle with only text/plain.
func Text(s string) Data { return bundle(MIMEText, s, s) }

// HTML returns a bundle that shows the HTML fragment s.
func HTML(s string) Data { return bundle(MIMEHTML, s, "<HTML output>") }

// Markdown returns a bundle that shows the Markdown text s.
func Markdown(s string) Data { return bundle(MIMEMarkdown, s, s) }

// LaTeX returns a bundle that shows the LaTeX math s, such as "$x^2$".
func LaTeX(s string) Data { return bundle(MIMELaTeX, s, s) }

// SVG returns a bundle that shows the SVG document s.
func SVG(s string) Data { return bundle(MIMESVG, s, "<SVG image>") }

// JSON returns a bundle that shows v as a JSON tree. It panics if v cannot
// be encoded, because that is a programming error in the caller.
func JSON(v any) Data {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("display: JSON of %T: %v", v, err))
	}
	var tree any
	_ = json.Unmarshal(raw, &tree)
	pretty, _ := json.MarshalIndent(tree, "", "  ")
	return bundle(MIMEJSON, tree, string(pretty))
}

// PNG returns a bundle that shows the PNG-encoded image b, with its width
// and height as metadata when the header can be decoded.
func PNG(b []byte) Data { return imageBundle(MIMEPNG, b, png.DecodeConfig) }

// JPEG returns a bundle that shows the JPEG-encoded image b.
func JPEG(b []byte) Data { return imageBundle(MIMEJPEG, b, jpeg.DecodeConfig) }

func imageBundle(mime string, b []byte, decodeConfig func(r io.Reader) (image.Config, error)) Data {
	d := bundle(mime, base64.StdEncoding.EncodeToString(b), "<image>")
	if cfg, err := decodeConfig(bytes.NewReader(b)); err == nil {
		d.Metadata[mime] = map[string]any{"width": cfg.Width, "height": cfg.Height}
		d.Data[MIMEText] = fmt.Sprintf("<image %dx%d>", cfg.Width, cfg.Height)
	}
	return d
}

// Image returns a bundle that shows img as PNG.
func Image(img image.Image) Data {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Text(fmt.Sprintf("display: encoding image failed: %v", err))
	}
	return PNG(buf.Bytes())
}

// MIME returns a bundle from raw MIME data. A text/plain entry is added
// when data has none.
func MIME(data, metadata map[string]any) Data {
	d := Data{Data: map[string]any{}, Metadata: map[string]any{}}
	for k, v := range data {
		d.Data[k] = v
	}
	for k, v := range metadata {
		d.Metadata[k] = v
	}
	if _, ok := d.Data[MIMEText]; !ok {
		d.Data[MIMEText] = "<rich output>"
	}
	return d
}

// Render returns the richest bundle for v, as described in the package
// documentation. A nil pointer renders as the text <nil>, without calling
// its methods.
func Render(v any) Data {
	if isNilPointer(v) {
		return Text("<nil>")
	}
	switch x := v.(type) {
	case Data:
		return x
	case *Data:
		return *x
	case HTMLer:
		return withText(HTML(x.HTML()), v)
	case Markdowner:
		return withText(Markdown(x.Markdown()), v)
	case SVGer:
		return withText(SVG(x.SVG()), v)
	case PNGer:
		return withText(PNG(x.PNG()), v)
	case image.Image:
		return Image(x)
	case mat.Matrix:
		return renderMatrix(x)
	}
	if d, ok := renderPlot(v); ok {
		return d
	}
	return Text(FormatText(v))
}

// withText replaces the generic text/plain placeholder with v's own text
// form when v is a fmt.Stringer.
func withText(d Data, v any) Data {
	if s, ok := v.(fmt.Stringer); ok {
		d.Data[MIMEText] = s.String()
	}
	return d
}

// FormatText formats v for text/plain output: strings as they are, errors
// by their message, everything else with %v, and a nil pointer as <nil>.
func FormatText(v any) string {
	if v == nil || isNilPointer(v) {
		return "<nil>"
	}
	switch x := v.(type) {
	case string:
		return x
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprintf("%v", v)
}

// isNilPointer reports whether v is a typed nil pointer, whose methods
// usually panic when called.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// Publisher sends a bundle to the notebook. displayID is empty for a plain
// display; update is true when the output with that id is to be replaced.
type Publisher func(d Data, displayID string, update bool)

var (
	publisherMu sync.RWMutex
	publisher   Publisher
)

// SetPublisher installs p as the destination of [Show] and [Handle] output
// and returns the previous publisher. The kernel's worker calls it once.
func SetPublisher(p Publisher) Publisher {
	publisherMu.Lock()
	defer publisherMu.Unlock()
	old := publisher
	publisher = p
	return old
}

func publish(d Data, displayID string, update bool) {
	publisherMu.RLock()
	p := publisher
	publisherMu.RUnlock()
	if p == nil {
		if !update {
			fmt.Fprintln(os.Stdout, d.Data[MIMEText])
		}
		return
	}
	p(d, displayID, update)
}

// Show renders each value with [Render] and sends it to the notebook as a
// display_data output.
func Show(values ...any) {
	for _, v := range values {
		publish(Render(v), "", false)
	}
}

var handleCount atomic.Int64

// Handle is an output area that can be replaced in place.
type Handle struct {
	id string
}

// NewHandle returns a handle with a display id unique to this process.
func NewHandle() *Handle {
	return &Handle{id: fmt.Sprintf("fastgo-%d-%d", os.Getpid(), handleCount.Add(1))}
}

// ID returns the display id sent with the handle's outputs.
func (h *Handle) ID() string { return h.id }

// Show adds a new output area showing v.
func (h *Handle) Show(v any) { publish(Render(v), h.id, false) }

// Update replaces what the handle's output area shows with v.
func (h *Handle) Update(v any) { publish(Render(v), h.id, true) }
