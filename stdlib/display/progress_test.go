package display

import (
	"strings"
	"testing"
)

// published is one call of a Publisher.
type published struct {
	text      string
	displayID string
	update    bool
}

// capture installs a publisher that records every call until the test
// ends.
func capture(t *testing.T) *[]published {
	t.Helper()
	var calls []published
	old := SetPublisher(func(d Data, displayID string, update bool) {
		text, _ := d.Data[MIMEText].(string)
		calls = append(calls, published{text, displayID, update})
	})
	t.Cleanup(func() { SetPublisher(old) })
	return &calls
}

func TestProgressRedrawsInPlace(t *testing.T) {
	calls := capture(t)
	bar := NewProgress("fit", 3)
	bar.Add(3) // full, so it redraws whatever the time since the last draw
	bar.Finish()

	if len(*calls) != 3 {
		t.Fatalf("publisher called %d times, expected 3: %+v", len(*calls), *calls)
	}
	first, full, finished := (*calls)[0], (*calls)[1], (*calls)[2]
	if first.update {
		t.Error("first draw is an update, expected a new output")
	}
	if first.displayID == "" {
		t.Error("first draw has no display id")
	}
	for i, c := range (*calls)[1:] {
		if !c.update || c.displayID != first.displayID {
			t.Errorf("draw %d: update %v with id %q, expected an update of %q", i+1, c.update, c.displayID, first.displayID)
		}
	}
	if !strings.HasPrefix(first.text, "fit 0/3") {
		t.Errorf("first draw text = %q, expected it to start with %q", first.text, "fit 0/3")
	}
	if !strings.HasPrefix(full.text, "fit 3/3") {
		t.Errorf("full draw text = %q, expected it to start with %q", full.text, "fit 3/3")
	}
	if !strings.Contains(finished.text, "done in") {
		t.Errorf("finished draw text = %q, expected it to contain %q", finished.text, "done in")
	}
	if got := bar.Done(); got != 3 {
		t.Errorf("Done() = %d, expected 3", got)
	}
}

func TestHandleShowThenUpdate(t *testing.T) {
	calls := capture(t)
	h := NewHandle()
	h.Show("one")
	h.Update("two")
	Show("plain")

	want := []published{{"one", h.ID(), false}, {"two", h.ID(), true}, {"plain", "", false}}
	if len(*calls) != len(want) {
		t.Fatalf("publisher called %d times, expected %d: %+v", len(*calls), len(want), *calls)
	}
	for i, w := range want {
		if (*calls)[i] != w {
			t.Errorf("call %d = %+v, expected %+v", i, (*calls)[i], w)
		}
	}
	if other := NewHandle(); other.ID() == h.ID() {
		t.Errorf("two handles share the display id %q", h.ID())
	}
}
