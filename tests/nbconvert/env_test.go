package nbconvert

import (
	"testing"

	"fastgo/tests/jupyterenv"
)

// installFastgo builds the fastgo command and installs its kernelspec into
// the environment's private prefix with "fastgo install --prefix".
func installFastgo(t *testing.T, e *jupyterenv.Env) {
	t.Helper()
	if err := e.InstallFastgo(jupyterenv.BuildFastgo(t, e.Root)); err != nil {
		t.Fatal(err)
	}
}
