package kerneltests

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

func TestRunHelpExitsZero(t *testing.T) {
	for _, flag := range []string{"--help", "-h"} {
		t.Run(flag, func(t *testing.T) {
			cmd := exec.Command(fastgoBinary(t), "run", flag)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("fastgo run %s: %v, want exit 0; stderr:\n%s", flag, err, stderr.String())
			}
			for _, want := range []string{"overwrites NOTEBOOK.ipynb", "-o OUT.ipynb", "--timeout SECONDS", "seconds", "default 0"} {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("help on stdout lacks %q:\n%s", want, stdout.String())
				}
			}
			if strings.Contains(stderr.String(), "help requested") {
				t.Errorf("stderr reports an error for %s:\n%s", flag, stderr.String())
			}
		})
	}
}
