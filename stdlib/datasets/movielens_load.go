package datasets

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Ratings are the ratings of MovieLens 100K u.data, in file order. The
// four slices have one entry per rating.
type Ratings struct {
	Users  []int     // user ids, 1 to 943
	Movies []int     // movie ids, 1 to 1682
	Stars  []float64 // ratings, whole numbers of stars from 1 to 5
	Times  []int64   // rating times in Unix seconds
}

// Len returns the number of ratings.
func (r *Ratings) Len() int { return len(r.Users) }

// MovieLensRatings reads u.data from [MovieLens100k]'s folder, fetching
// the data set first when it is missing.
func MovieLensRatings() (*Ratings, error) {
	dir, err := MovieLens100k()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "u.data")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	defer f.Close()

	r := &Ratings{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if err := r.parseLine(sc.Text()); err != nil {
			return nil, fmt.Errorf("datasets: %s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("datasets: reading %s failed: %w", path, err)
	}
	return r, nil
}

// parseLine appends one tab-separated "user movie rating time" line.
func (r *Ratings) parseLine(s string) error {
	fields := strings.Split(s, "\t")
	if len(fields) != 4 {
		return fmt.Errorf("got %d tab-separated fields in %q, want 4", len(fields), s)
	}
	var n [4]int64
	for i, field := range fields {
		v, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return fmt.Errorf("invalid number in %q: %w", s, err)
		}
		n[i] = v
	}
	r.Users = append(r.Users, int(n[0]))
	r.Movies = append(r.Movies, int(n[1]))
	r.Stars = append(r.Stars, float64(n[2]))
	r.Times = append(r.Times, n[3])
	return nil
}

// MovieLensTitles reads the titles of u.item from [MovieLens100k]'s folder
// and returns them by movie id, such as 1: "Toy Story (1995)". u.item is
// Latin-1, and the titles are decoded to UTF-8: movie 543 is
// "Misérables, Les (1995)".
func MovieLensTitles() (map[int]string, error) {
	dir, err := MovieLens100k()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "u.item")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	titles := make(map[int]string)
	lines := strings.Split(strings.TrimRight(latin1(b), "\n"), "\n")
	for i, line := range lines {
		fields := strings.SplitN(line, "|", 3)
		if len(fields) < 3 {
			return nil, fmt.Errorf("datasets: %s:%d: got %q, want fields separated by |", path, i+1, line)
		}
		id, err := strconv.Atoi(fields[0])
		if err != nil {
			return nil, fmt.Errorf("datasets: %s:%d: invalid movie id: %w", path, i+1, err)
		}
		titles[id] = fields[1]
	}
	return titles, nil
}

// latin1 decodes ISO 8859-1 bytes, whose values are the Unicode code
// points U+0000 to U+00FF.
func latin1(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}
