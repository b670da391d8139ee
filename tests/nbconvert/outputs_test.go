package nbconvert

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // registers the JPEG decoder for image.DecodeConfig
	"image/png"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// notebook is the part of an nbformat 4 file that the checks read.
type notebook struct {
	Metadata struct {
		Kernelspec struct {
			Name string `json:"name"`
		} `json:"kernelspec"`
	} `json:"metadata"`
	Cells []struct {
		CellType string   `json:"cell_type"`
		Outputs  []output `json:"outputs"`
	} `json:"cells"`
}

// output is one cell output. Data values are a string or, in files, a list
// of strings that join to one.
type output struct {
	OutputType string                     `json:"output_type"`
	Data       map[string]json.RawMessage `json:"data"`
	Metadata   map[string]json.RawMessage `json:"metadata"`
	Ename      string                     `json:"ename"`
	Evalue     string                     `json:"evalue"`
}

// mimeText returns the data of one MIME type as a string, joining the list
// form that nbformat writes for multi-line text.
func (o output) mimeText(mime string) (string, error) {
	raw, ok := o.Data[mime]
	if !ok {
		return "", fmt.Errorf("no %s data", mime)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", fmt.Errorf("%s data is neither a string nor a list of strings: %w", mime, err)
	}
	return strings.Join(lines, ""), nil
}

// imageSize returns the width and height in the output's metadata for mime.
func (o output) imageSize(mime string) (width, height float64, err error) {
	raw, ok := o.Metadata[mime]
	if !ok {
		return 0, 0, fmt.Errorf("no %s entry in the output metadata", mime)
	}
	var size struct {
		Width  *float64 `json:"width"`
		Height *float64 `json:"height"`
	}
	if err := json.Unmarshal(raw, &size); err != nil {
		return 0, 0, fmt.Errorf("%s metadata is not an object: %w", mime, err)
	}
	if size.Width == nil || size.Height == nil {
		return 0, 0, fmt.Errorf("%s metadata %s lacks width or height", mime, raw)
	}
	return *size.Width, *size.Height, nil
}

// Patterns of HTML that loads something from outside the output, which a
// notebook viewed offline or exported to HTML cannot show.
var externalHTML = []struct {
	description string
	pattern     *regexp.Regexp
}{
	{"<link> element", regexp.MustCompile(`(?i)<link\b`)},
	{"<script src=...>", regexp.MustCompile(`(?i)<script\b[^>]*\bsrc\s*=`)},
	{"CSS @import", regexp.MustCompile(`(?i)@import\b`)},
	{"<img> with a non-data src", regexp.MustCompile(`(?i)<img\b[^>]*\bsrc\s*=\s*["']?(https?:|//|/)`)},
}

// svgRoot matches the opening tag of an <svg> element, and svgWidth and
// svgHeight the size attributes inside it.
var (
	svgRoot   = regexp.MustCompile(`(?is)<svg\b[^>]*>`)
	svgWidth  = regexp.MustCompile(`(?i)\swidth\s*=`)
	svgHeight = regexp.MustCompile(`(?i)\sheight\s*=`)
)

// outputProblems returns one message for each way the notebook's outputs
// differ from what Jupyter front ends expect: error outputs, rich outputs
// without text/plain, images without width and height, and HTML that loads
// external resources.
func outputProblems(nb notebook) []string {
	var problems []string
	for i, cell := range nb.Cells {
		for j, out := range cell.Outputs {
			where := fmt.Sprintf("cell %d output %d (%s)", i, j, out.OutputType)
			for _, p := range problemsOf(out) {
				problems = append(problems, where+": "+p)
			}
		}
	}
	return problems
}

func problemsOf(out output) []string {
	switch out.OutputType {
	case "error":
		return []string{fmt.Sprintf("error %s: %s", out.Ename, out.Evalue)}
	case "display_data", "execute_result":
	default:
		return nil
	}
	var problems []string
	if _, ok := out.Data["text/plain"]; !ok {
		problems = append(problems, fmt.Sprintf("no text/plain beside %s", mimeKeys(out)))
	}
	for mime := range out.Data {
		var err error
		switch mime {
		case "image/png", "image/jpeg":
			err = checkRaster(out, mime)
		case "image/svg+xml":
			err = checkSVG(out)
		case "text/html":
			err = checkHTML(out)
		}
		if err != nil {
			problems = append(problems, err.Error())
		}
	}
	return problems
}

func mimeKeys(out output) []string {
	keys := make([]string, 0, len(out.Data))
	for k := range out.Data {
		keys = append(keys, k)
	}
	return keys
}

// checkRaster checks that a PNG or JPEG output decodes and carries positive
// width and height metadata, which front ends use to size the image.
func checkRaster(out output, mime string) error {
	text, err := out.mimeText(mime)
	if err != nil {
		return err
	}
	raw, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(text, "\n", ""))
	if err != nil {
		return fmt.Errorf("%s data is not valid base64: %w", mime, err)
	}
	if _, _, err := image.DecodeConfig(bytes.NewReader(raw)); err != nil {
		return fmt.Errorf("%s data does not decode: %w", mime, err)
	}
	width, height, err := out.imageSize(mime)
	if err != nil {
		return err
	}
	if width <= 0 || height <= 0 {
		return fmt.Errorf("%s metadata size %gx%g is not positive", mime, width, height)
	}
	return nil
}

// checkSVG checks that an SVG output is an <svg> document with a size, in
// its root element's attributes or in the output metadata.
func checkSVG(out output) error {
	text, err := out.mimeText("image/svg+xml")
	if err != nil {
		return err
	}
	root := svgRoot.FindString(text)
	if root == "" {
		return fmt.Errorf("image/svg+xml data has no <svg> element")
	}
	if svgWidth.MatchString(root) && svgHeight.MatchString(root) {
		return nil
	}
	if _, _, err := out.imageSize("image/svg+xml"); err != nil {
		return fmt.Errorf("SVG root %.80q has no width and height attributes, and %w", root, err)
	}
	return nil
}

// checkHTML checks that an HTML output is self-contained.
func checkHTML(out output) error {
	text, err := out.mimeText("text/html")
	if err != nil {
		return err
	}
	for _, ext := range externalHTML {
		if loc := ext.pattern.FindStringIndex(text); loc != nil {
			end := min(loc[0]+80, len(text))
			return fmt.Errorf("text/html loads an external resource with a %s: %q", ext.description, text[loc[0]:end])
		}
	}
	return nil
}

// imageOutputs counts the image outputs of each kind in the notebook.
func imageOutputs(nb notebook) (raster, svg int) {
	for _, cell := range nb.Cells {
		for _, out := range cell.Outputs {
			if _, ok := out.Data["image/png"]; ok {
				raster++
			} else if _, ok := out.Data["image/jpeg"]; ok {
				raster++
			} else if _, ok := out.Data["image/svg+xml"]; ok {
				svg++
			}
		}
	}
	return raster, svg
}

// mimeCounts returns how many display_data and execute_result outputs
// carry each MIME type, as "image/png 1, text/html 7, text/plain 8".
func mimeCounts(nb notebook) string {
	counts := map[string]int{}
	for _, cell := range nb.Cells {
		for _, out := range cell.Outputs {
			for mime := range out.Data {
				counts[mime]++
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}

// inlineRaster matches an <img> whose source is an inline PNG or JPEG.
var inlineRaster = regexp.MustCompile(`(?i)<img\b[^>]*\bsrc\s*=\s*["']data:image/(png|jpeg);base64,`)

// htmlImages counts the inline raster images and <svg> elements in an HTML
// export.
func htmlImages(html string) (raster, svg int) {
	return len(inlineRaster.FindAllStringIndex(html, -1)), len(svgRoot.FindAllStringIndex(html, -1))
}

// tinyPNG is a 1x1 gray PNG in base64, for the check tests.
var tinyPNG = func() string {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}()

// TestOutputProblems checks that each output rule reports what it should,
// so a lesson run that passes them has been checked for something.
func TestOutputProblems(t *testing.T) {
	tests := []struct {
		name   string
		output string // one output in nbformat JSON
		want   string // substring of the only problem; empty for none
	}{
		{"png with size", `{"output_type":"display_data","data":{"image/png":"` + tinyPNG + `","text/plain":"<image>"},"metadata":{"image/png":{"width":1,"height":1}}}`, ""},
		{"png without size", `{"output_type":"display_data","data":{"image/png":"` + tinyPNG + `","text/plain":"<image>"},"metadata":{}}`, "no image/png entry"},
		{"png with zero size", `{"output_type":"display_data","data":{"image/png":"` + tinyPNG + `","text/plain":"<image>"},"metadata":{"image/png":{"width":0,"height":1}}}`, "not positive"},
		{"png not decodable", `{"output_type":"display_data","data":{"image/png":"aGVsbG8=","text/plain":"<image>"},"metadata":{"image/png":{"width":1,"height":1}}}`, "does not decode"},
		{"png without text", `{"output_type":"execute_result","data":{"image/png":"` + tinyPNG + `"},"metadata":{"image/png":{"width":1,"height":1}}}`, "no text/plain"},
		{"svg with attributes", `{"output_type":"display_data","data":{"image/svg+xml":["<svg width=\"4\"\n"," height=\"3\"></svg>"],"text/plain":"<SVG>"},"metadata":{}}`, ""},
		{"svg without size", `{"output_type":"display_data","data":{"image/svg+xml":"<svg viewBox=\"0 0 4 3\"></svg>","text/plain":"<SVG>"},"metadata":{}}`, "no width and height"},
		{"html table", `{"output_type":"display_data","data":{"text/html":"<table><tr><td>1</td></tr></table>","text/plain":"<table>"},"metadata":{}}`, ""},
		{"html with link", `{"output_type":"display_data","data":{"text/html":"<link rel=stylesheet href=x.css><table></table>","text/plain":"t"},"metadata":{}}`, "<link> element"},
		{"html with script src", `{"output_type":"display_data","data":{"text/html":"<script type=\"module\" src=\"https://cdn/x.js\"></script>","text/plain":"t"},"metadata":{}}`, "<script src=...>"},
		{"html with inline script", `{"output_type":"display_data","data":{"text/html":"<script>var x = 1;</script>","text/plain":"t"},"metadata":{}}`, ""},
		{"error output", `{"output_type":"error","ename":"panic","evalue":"index out of range","traceback":[]}`, "error panic: index out of range"},
		{"stream", `{"output_type":"stream","name":"stdout","text":"hi\n"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out output
			if err := json.Unmarshal([]byte(tt.output), &out); err != nil {
				t.Fatalf("test output is invalid JSON: %v", err)
			}
			problems := problemsOf(out)
			if tt.want == "" {
				if len(problems) != 0 {
					t.Errorf("problems = %q, want none", problems)
				}
				return
			}
			if len(problems) != 1 {
				t.Fatalf("problems = %q, want exactly one containing %q", problems, tt.want)
			}
			if !strings.Contains(problems[0], tt.want) {
				t.Errorf("problem = %q, want it to contain %q", problems[0], tt.want)
			}
		})
	}
}

func TestHTMLImages(t *testing.T) {
	html := `<img src="data:image/png;base64,iVBOR"> <IMG alt=x src='data:image/jpeg;base64,/9j/'>` +
		`<img src="plot.png"> <div><svg width="1" height="1"></svg></div>`
	raster, svg := htmlImages(html)
	if raster != 2 {
		t.Errorf("inline raster images = %d, want 2 (the file-backed <img> does not count)", raster)
	}
	if svg != 1 {
		t.Errorf("inline svg elements = %d, want 1", svg)
	}
}

func TestSizedImagePattern(t *testing.T) {
	tests := []struct {
		name string
		html string
		want bool
	}{
		{"unquoted attributes", "<img src=\"data:image/png;base64,iVBO\"\nwidth=40\nheight=30\n>", true},
		{"quoted, height first", `<img src="data:image/png;base64,iVBO" height="30" width="40">`, true},
		{"no size", `<img src="data:image/png;base64,iVBO">`, false},
		{"other size", `<img src="data:image/png;base64,iVBO" width=400 height=30>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sizedImage.MatchString(tt.html); got != tt.want {
				t.Errorf("sizedImage.MatchString(%q) = %v, want %v", tt.html, got, tt.want)
			}
		})
	}
}
