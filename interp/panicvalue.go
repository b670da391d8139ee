package interp

import "strings"

// goPanicValues maps panic messages of the reflect package to the runtime
// error that compiled Go raises for the same mistake. yaegi v0.16.1
// indexes, slices and dereferences through reflect.Value, so these are
// the messages cells see. Go's own messages also give the index and
// length, which yaegi's do not carry.
var goPanicValues = map[string]string{
	"reflect: slice index out of range":                     "runtime error: index out of range",
	"reflect: array index out of range":                     "runtime error: index out of range",
	"reflect: string index out of range":                    "runtime error: index out of range",
	"reflect.Value.Slice: slice index out of bounds":        "runtime error: slice bounds out of range",
	"reflect.Value.Slice3: slice index out of bounds":       "runtime error: slice bounds out of range",
	"reflect.Value.Slice: string slice index out of bounds": "runtime error: slice bounds out of range",
	"reflect: call of reflect.Value.Field on zero Value":    "runtime error: invalid memory address or nil pointer dereference",
	"reflect: call of reflect.Value.Set on zero Value":      "runtime error: invalid memory address or nil pointer dereference",
	"reflect: call of reflect.Value.Elem on zero Value":     "runtime error: invalid memory address or nil pointer dereference",
	"reflect: Method on nil interface value":                "runtime error: invalid memory address or nil pointer dereference",
	"reflect.Value.Call: call of nil function":              "runtime error: invalid memory address or nil pointer dereference",
	"reflect.MakeSlice: negative len":                       "runtime error: makeslice: len out of range",
	"reflect.MakeSlice: negative cap":                       "runtime error: makeslice: cap out of range",
	"reflect.MakeSlice: len > cap":                          "runtime error: makeslice: cap out of range",
}

// goPanicValue returns the Go runtime's message for yaegi's panic message
// value, and whether it differs from value.
func goPanicValue(value string) (string, bool) {
	if goValue, ok := goPanicValues[value]; ok {
		return goValue, true
	}
	return value, false
}

// goPanicLine rewrites a Go runtime crash line such as "panic: reflect:
// slice index out of range" into Go's message for the same mistake,
// keeping yaegi's message after it. Other lines are returned unchanged.
func goPanicLine(line string) string {
	value, ok := strings.CutPrefix(line, "panic: ")
	if !ok {
		return line
	}
	value, suffix, _ := strings.Cut(value, " [")
	goValue, translated := goPanicValue(value)
	if !translated {
		return line
	}
	if suffix != "" {
		suffix = " [" + suffix
	}
	return "panic: " + goValue + suffix + " (the interpreter's own message: " + value + ")"
}
