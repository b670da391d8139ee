package notebook

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
)

// describeDecodeError rewrites a JSON type error from decoding a notebook
// part in nbformat terms, such as `"cells" must be a list, not a number`,
// so the message names the notebook field instead of Go types. whole
// names the part itself ("the notebook", "a cell") for errors about its
// top level. Other errors are returned as their text.
func describeDecodeError(err error, whole string) string {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err.Error()
	}
	subject := whole
	if te.Field != "" {
		subject = `"` + te.Field + `"`
	}
	got := te.Value
	if got == "array" {
		got = "list"
	}
	return subject + " must be " + jsonKind(te.Type) + ", not " + withArticle(got)
}

// jsonKind returns the JSON type that a value decoded into t must have.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	default:
		return "a different JSON type"
	}
}

// withArticle prefixes a JSON type name from encoding/json ("object",
// "number 4.5") with "a" or "an".
func withArticle(name string) string {
	if strings.HasPrefix(name, "object") || strings.HasPrefix(name, "array") {
		return "an " + name
	}
	return "a " + name
}
