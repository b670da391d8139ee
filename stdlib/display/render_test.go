package display

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"testing"
)

// pageHTML dereferences its receiver, as most HTML methods do, so calling
// it on a nil pointer panics.
type pageHTML struct{ body string }

func (p *pageHTML) HTML() string { return "<p>" + p.body + "</p>" }

// pageError dereferences its receiver in Error.
type pageError struct{ code int }

func (e *pageError) Error() string { return fmt.Sprintf("page error %d", e.code) }

func TestRenderForms(t *testing.T) {
	var nilPage *pageHTML
	var nilErr *pageError
	var nilData *Data
	gray := image.NewGray(image.Rect(0, 0, 3, 2))
	gray.Set(1, 1, color.Gray{Y: 200})
	tests := []struct {
		name     string
		value    any
		wantMIME string // the rich MIME type expected besides text/plain
		wantText string
	}{
		{"string", "hello", "", "hello"},
		{"int", 42, "", "42"},
		{"untyped nil", nil, "", "<nil>"},
		{"error", errors.New("boom"), "", "boom"},
		{"html value", &pageHTML{body: "x"}, MIMEHTML, "<HTML output>"},
		{"nil html pointer", nilPage, "", "<nil>"},
		{"nil error pointer", nilErr, "", "<nil>"},
		{"nil data pointer", nilData, "", "<nil>"},
		{"markdown bundle", Markdown("# T"), MIMEMarkdown, "# T"},
		{"image", gray, MIMEPNG, "<image 3x2>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Render(tt.value)
			if got := d.Data[MIMEText]; got != tt.wantText {
				t.Errorf("text/plain = %q, expected %q", got, tt.wantText)
			}
			wantLen := 1
			if tt.wantMIME != "" {
				wantLen = 2
				if _, ok := d.Data[tt.wantMIME]; !ok {
					t.Errorf("bundle has no %s entry: %v", tt.wantMIME, d.Data)
				}
			}
			if len(d.Data) != wantLen {
				t.Errorf("bundle has %d entries, expected %d: %v", len(d.Data), wantLen, d.Data)
			}
		})
	}
}
