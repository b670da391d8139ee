package symbols

//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols gonum.org/v1/plot gonum.org/v1/plot/plotter gonum.org/v1/plot/vg gonum.org/v1/plot/vg/draw gonum.org/v1/plot/plotutil gonum.org/v1/plot/vg/vgimg gonum.org/v1/plot/vg/vgsvg gonum.org/v1/plot/palette gonum.org/v1/plot/palette/moreland gonum.org/v1/plot/font
