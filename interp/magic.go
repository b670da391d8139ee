package interp

import "strings"

// magics are the cell's magic commands, read from its first lines.
type magics struct {
	help  bool
	reset bool
	time  bool
	code  string // the cell without the magic lines, which become blank
}

// parseMagics reads %help, %reset and %time from the start of a cell.
// Magic lines are replaced by empty lines, so that positions in the rest
// of the cell keep their line numbers.
func parseMagics(code string) magics {
	var m magics
	lines := strings.Split(code, "\n")
	for i, line := range lines {
		switch strings.TrimSpace(line) {
		case "%help":
			m.help = true
		case "%reset":
			m.reset = true
		case "%time":
			m.time = true
		case "":
			continue
		default:
			if rest, ok := strings.CutPrefix(line, "%time "); ok {
				// A line magic, as in IPython: time the code on its line.
				m.time = true
				lines[i] = strings.Repeat(" ", len("%time ")) + rest
			}
			m.code = strings.Join(lines[i:], "\n")
			m.code = strings.Repeat("\n", i) + m.code
			return m
		}
		lines[i] = ""
	}
	return m
}

const helpText = `fastgo cells are Go: imports, declarations and statements in any order.
The value of a trailing expression is shown, with every value of a
multi-value call. Variables, functions and types persist across cells.

Magic commands, on the first lines of a cell:
  %help    Show this help.
  %help X  Show the signature and doc comment of X (alone in its cell).
  %who     List the names cells defined, with their types (alone in its cell).
  %reset   Remove every variable, function, type and import.
  %time    Run the rest of the cell and print its wall time.

Documentation: press Shift+Tab on a name (such as strings.Fields or
mat.NewDense) for its signature and doc comment, and Tab to complete.
Cells can import the Go standard library, gonum.org/v1/gonum (mat, stat,
floats, stat/distuv, stat/combin, graph), gonum.org/v1/plot (plot,
plotter, vg, vg/draw, plotutil) and fastgo's packages, such as
"fastgo/display". Interrupt a long cell with the stop button (I, I).
`

// unknownMagic returns the first line of code when it is a magic command
// that fastgo does not have. %who and "%help NAME" are run later, by the
// names magic.
func unknownMagic(code string) (string, bool) {
	for _, line := range strings.Split(code, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "%") || line == "%who" || strings.HasPrefix(line, "%help ") {
			return "", false
		}
		return line, true
	}
	return "", false
}
