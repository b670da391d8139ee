package interp

import "testing"

func TestGoPanicLine(t *testing.T) {
	cases := []struct{ line, want string }{
		{"panic: reflect: slice index out of range",
			"panic: runtime error: index out of range (the interpreter's own message: reflect: slice index out of range)"},
		{"panic: reflect: call of reflect.Value.Field on zero Value [recovered]",
			"panic: runtime error: invalid memory address or nil pointer dereference [recovered] (the interpreter's own message: reflect: call of reflect.Value.Field on zero Value)"},
		{"panic: boom", "panic: boom"},
		{"fatal error: stack overflow", "fatal error: stack overflow"},
	}
	for _, c := range cases {
		if got := goPanicLine(c.line); got != c.want {
			t.Errorf("goPanicLine(%q) = %q, want %q", c.line, got, c.want)
		}
	}
}
