package datasets

import (
	"testing"
)

func TestMovieLensRatings(t *testing.T) {
	t.Setenv(DataEnv, sharedData(t))
	t.Setenv(URLEnv, closedURL())
	r, err := MovieLensRatings()
	if err != nil {
		t.Fatal(err)
	}

	// Expected values come from awk over u.data: NR, the mean of column 3,
	// the maximum ids, and the first and last lines.
	const tol = 1e-9
	if r.Len() != 100000 {
		t.Fatalf("Len() = %d, want 100000", r.Len())
	}
	sum, maxUser, maxMovie := 0.0, 0, 0
	for i := range r.Stars {
		sum += r.Stars[i]
		maxUser = max(maxUser, r.Users[i])
		maxMovie = max(maxMovie, r.Movies[i])
	}
	if mean := sum / float64(r.Len()); mean < 3.52986-tol || mean > 3.52986+tol {
		t.Errorf("mean rating = %.9f, want 3.52986", mean)
	}
	if maxUser != 943 {
		t.Errorf("max user id = %d, want 943", maxUser)
	}
	if maxMovie != 1682 {
		t.Errorf("max movie id = %d, want 1682", maxMovie)
	}
	tests := []struct {
		name  string
		index int
		user  int
		movie int
		stars float64
		time  int64
	}{
		{"first line", 0, 196, 242, 3, 881250949},
		{"last line", 99999, 12, 203, 3, 879959583},
	}
	for _, tt := range tests {
		i := tt.index
		if r.Users[i] != tt.user || r.Movies[i] != tt.movie || r.Stars[i] != tt.stars || r.Times[i] != tt.time {
			t.Errorf("%s = %d %d %g %d, want %d %d %g %d", tt.name,
				r.Users[i], r.Movies[i], r.Stars[i], r.Times[i], tt.user, tt.movie, tt.stars, tt.time)
		}
	}
}

func TestMovieLensTitles(t *testing.T) {
	t.Setenv(DataEnv, sharedData(t))
	t.Setenv(URLEnv, closedURL())
	titles, err := MovieLensTitles()
	if err != nil {
		t.Fatal(err)
	}
	if len(titles) != 1682 {
		t.Errorf("len(titles) = %d, want 1682", len(titles))
	}
	// Expected titles are u.item's lines 1, 543 (byte 0xE9 is Latin-1 é)
	// and 1682.
	tests := []struct {
		id   int
		want string
	}{
		{1, "Toy Story (1995)"},
		{543, "Misérables, Les (1995)"},
		{1682, "Scream of Stone (Schrei aus Stein) (1991)"},
	}
	for _, tt := range tests {
		if got := titles[tt.id]; got != tt.want {
			t.Errorf("titles[%d] = %q, want %q", tt.id, got, tt.want)
		}
	}
}
