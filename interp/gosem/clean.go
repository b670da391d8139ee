package gosem

import "regexp"

var hiddenSuffix = regexp.MustCompile(`ʹ[0-9]+`)

// Clean removes the version suffixes of hidden names from a message of
// the interpreter, so that it names types and functions as the user wrote
// them.
func Clean(msg string) string {
	return hiddenSuffix.ReplaceAllString(msg, "")
}
