package symbols

//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols gonum.org/v1/gonum/mat gonum.org/v1/gonum/stat gonum.org/v1/gonum/floats gonum.org/v1/gonum/floats/scalar gonum.org/v1/gonum/stat/distuv gonum.org/v1/gonum/stat/combin gonum.org/v1/gonum/graph gonum.org/v1/gonum/graph/simple gonum.org/v1/gonum/graph/path gonum.org/v1/gonum/graph/topo gonum.org/v1/gonum/graph/traverse
