package cell

import (
	"context"
	"testing"
)

func TestInterruptedFollowsCurrentCell(t *testing.T) {
	if Interrupted() {
		t.Fatal("Interrupted() = true before any cell began, expected false")
	}

	first, stopFirst := Begin()
	if Context() != first {
		t.Error("Context() is not the context Begin returned")
	}
	if Interrupted() {
		t.Error("Interrupted() = true for a running cell, expected false")
	}
	stopFirst()
	if !Interrupted() {
		t.Error("Interrupted() = false after the cell's stop function, expected true")
	}
	if err := Context().Err(); err != context.Canceled {
		t.Errorf("Context().Err() = %v after stop, expected %v", err, context.Canceled)
	}

	_, stopSecond := Begin()
	defer stopSecond()
	if Interrupted() {
		t.Error("Interrupted() = true for the next cell, expected false")
	}
}
