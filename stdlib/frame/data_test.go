package frame

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// dataDir returns the lesson data folder: ../shared/data beside the module
// root, else $FASTGO_DATA. The test is skipped when neither has the file.
func dataDir(t testing.TB, file string) string {
	t.Helper()
	var dirs []string
	if root, err := moduleRoot(); err == nil {
		dirs = append(dirs, filepath.Join(root, "..", "shared", "data"))
	}
	if d := os.Getenv("FASTGO_DATA"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, file)); err == nil {
			return d
		}
	}
	t.Skipf("data file %s not found in %v; set FASTGO_DATA", file, dirs)
	return ""
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

func readBulldozers(t testing.TB, name string) *Frame {
	t.Helper()
	dir := dataDir(t, filepath.Join("bulldozers", name))
	f, err := ReadCSV(filepath.Join(dir, "bulldozers", name), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The counts in these tests come from the data folder's README, which
// checked every file with pandas 1.5 and awk.

func TestBulldozersShape(t *testing.T) {
	tests := []struct {
		file       string
		rows, cols int
	}{
		{"train_tmp_subset14180.csv", 14180, 57},
		{"Valid.csv", 11573, 52},
		{"ValidSolution.csv", 11573, 3},
		{"Test.csv", 12457, 52},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := readBulldozers(t, tt.file)
			if f.NRows() != tt.rows {
				t.Errorf("rows = %d, want %d", f.NRows(), tt.rows)
			}
			if f.NCols() != tt.cols {
				t.Errorf("columns = %d, want %d", f.NCols(), tt.cols)
			}
		})
	}
}

func TestBulldozersKinds(t *testing.T) {
	train := readBulldozers(t, "train_tmp_subset14180.csv")
	valid := readBulldozers(t, "Valid.csv")
	solution := readBulldozers(t, "ValidSolution.csv")
	tests := []struct {
		name string
		f    *Frame
		col  string
		kind Kind
	}{
		{"train id", train, "SalesID", Int},
		{"train price", train, "SalePrice", Int},
		{"train year", train, "YearMade", Int},
		{"train hours without gaps", train, "MachineHoursCurrentMeter", Int},
		{"valid hours with gaps", valid, "MachineHoursCurrentMeter", Float},
		{"train text", train, "ProductSize", String},
		{"quoted text", train, "fiProductClassDesc", String},
		{"valid date", valid, "saledate", String},
		{"price with decimals", solution, "SalePrice", Float},
	}
	for _, tt := range tests {
		if got := tt.f.Col(tt.col).Kind(); got != tt.kind {
			t.Errorf("%s: %s kind = %v, want %v", tt.name, tt.col, got, tt.kind)
		}
	}
	// 6,834 of the 11,573 Valid rows have no meter reading (counted with
	// awk on the empty seventh field).
	if got := valid.Col("MachineHoursCurrentMeter").NACount(); got != 6834 {
		t.Errorf("valid hours missing = %d, want 6834", got)
	}
	// The first quoted field of the subset, with a comma inside.
	want := "Hydraulic Excavator, Track - 12.0 to 14.0 Metric Tons"
	if got := train.Col("fiProductClassDesc").Value(0); got != want {
		t.Errorf("row 0 class = %q, want %q", got, want)
	}
}

func TestBulldozersProductSize(t *testing.T) {
	f := readBulldozers(t, "train_tmp_subset14180.csv")
	order := []string{"Large", "Large / Medium", "Medium", "Small", "Mini", "Compact"}
	// The book lists the raw values NaN, Medium, Small, Large / Medium,
	// Mini, Large and Compact; the subset has each of them.
	unique := f.Col("ProductSize").Unique()
	slices.Sort(unique)
	want := append([]string{""}, order...)
	slices.Sort(want)
	if !slices.Equal(unique, want) {
		t.Errorf("raw values = %q, want %q", unique, want)
	}

	if err := f.SetLevels("ProductSize", order, true); err != nil {
		t.Fatal(err)
	}
	c := f.Col("ProductSize")
	levels := append([]string{NA}, order...)
	if got := c.Levels(); !slices.Equal(got, levels) {
		t.Errorf("levels = %q, want %q", got, levels)
	}
	if !c.Ordered() {
		t.Error("ProductSize is not ordered")
	}
	// Row 0 of the subset is a Small excavator (first data line of the CSV).
	if got := c.Codes()[0]; got != 4 {
		t.Errorf("row 0 code = %d, want 4 (Small)", got)
	}
}

func TestBulldozersValidJoin(t *testing.T) {
	valid := readBulldozers(t, "Valid.csv")
	solution := readBulldozers(t, "ValidSolution.csv")
	joined := valid.InnerJoin(solution, "SalesID")
	if joined.NRows() != 11573 {
		t.Fatalf("joined rows = %d, want 11573", joined.NRows())
	}
	price := joined.Col("SalePrice")
	if n := price.NACount(); n != 0 {
		t.Errorf("%d rows lack a price, want 0", n)
	}
	lo, hi := minMax(price.Float64s())
	if lo != 4750 || hi != 140000 {
		t.Errorf("price range = %v..%v, want 4750..140000", lo, hi)
	}
	if got := median(price.Float64s()); got != 27000 {
		t.Errorf("median price = %v, want 27000", got)
	}
}

func TestBulldozersDatePart(t *testing.T) {
	// Row 0 of Kaggle's TrainAndValid is SalesID 1139246, sold 2006-11-16.
	// The book lists its date parts: week 46, day of week 3, day of year
	// 320, Elapsed 1163635200.
	f := readBulldozers(t, "train_tmp_subset14180.csv")
	f = f.FilterInt("SalesID", func(id int) bool { return id == 1139246 })
	if f.NRows() != 1 {
		t.Fatalf("rows with SalesID 1139246 = %d, want 1", f.NRows())
	}
	if err := f.AddDatePartYMD("saleYear", "saleMonth", "saleDay", "sale"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"saleYear": "2006", "saleMonth": "11", "saleWeek": "46", "saleDay": "16",
		"saleDayofweek": "3", "saleDayofyear": "320", "saleIs_month_end": "false",
		"saleIs_year_start": "false", "saleElapsed": "1163635200",
	}
	for col, v := range want {
		if got := f.Col(col).Value(0); got != v {
			t.Errorf("%s = %s, want %s", col, got, v)
		}
	}
}

// The subset's saleDayOfWeek and saleDayOfYear columns were computed by
// pandas (dt.dayofweek, Monday = 0, and dt.dayofyear), so the date parts
// built from saleYear, saleMonth and saleDay must agree on every row.
func TestBulldozersDatePartsMatchPandas(t *testing.T) {
	f := readBulldozers(t, "train_tmp_subset14180.csv")
	if err := f.AddDatePartYMD("saleYear", "saleMonth", "saleDay", "sale"); err != nil {
		t.Fatal(err)
	}
	pairs := [][2]string{{"saleDayOfWeek", "saleDayofweek"}, {"saleDayOfYear", "saleDayofyear"}}
	for _, p := range pairs {
		want, got := f.Col(p[0]).Ints(), f.Col(p[1]).Ints()
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("row %d: %s = %d, but pandas' %s = %d", i, p[1], got[i], p[0], want[i])
				break
			}
		}
	}
}

// TestBulldozersValidDateSums compares column sums of the 13 date parts
// of Valid.csv with the same parts computed by pandas 1.5.3
// (read_csv with parse_dates, then the dt accessors that fastai's
// add_datepart uses, isocalendar().week, and int64 // 10**9).
func TestBulldozersValidDateSums(t *testing.T) {
	f := readBulldozers(t, "Valid.csv")
	if err := f.AddDatePart("saledate", "sale"); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"Year": 23284876, "Month": 30086, "Week": 113686, "Day": 203982, "Dayofweek": 27362,
		"Dayofyear": 764935, "Is_month_end": 70, "Is_month_start": 172, "Is_quarter_end": 12,
		"Is_quarter_start": 1, "Is_year_end": 0, "Is_year_start": 1, "Elapsed": 15403666924800,
	}
	for part, sum := range want {
		var got float64
		for _, v := range f.Col("sale" + part).Float64s() {
			got += v
		}
		if got != sum {
			t.Errorf("sum of sale%s = %v, pandas gives %v", part, got, sum)
		}
	}
}

func TestBulldozersValidDates(t *testing.T) {
	f := readBulldozers(t, "Valid.csv")
	if err := f.AddDatePart("saledate", ""); err != nil {
		t.Fatal(err)
	}
	if f.Has("saledate") {
		t.Error("saledate was not dropped")
	}
	// The README gives Valid's date range as 2012-01-01 .. 2012-04-28.
	years := f.Col("saleYear").Float64s()
	lo, hi := minMax(years)
	if lo != 2012 || hi != 2012 {
		t.Errorf("sale years %v..%v, want 2012..2012", lo, hi)
	}
	months := f.Col("saleMonth").Float64s()
	if lo, hi := minMax(months); lo != 1 || hi != 4 {
		t.Errorf("sale months %v..%v, want 1..4", lo, hi)
	}
	if f.NCols() != 52-1+13 {
		t.Errorf("columns = %d, want %d", f.NCols(), 52-1+13)
	}
}

func TestBulldozersContCatSplit(t *testing.T) {
	f := readBulldozers(t, "train_tmp_subset14180.csv")
	cont, cat := f.ContCatSplit(1, "SalePrice")
	if len(cont)+len(cat) != 56 {
		t.Fatalf("split covers %d columns, want 56", len(cont)+len(cat))
	}
	for _, name := range []string{"SalesID", "MachineHoursCurrentMeter", "YearMade", "saleYear"} {
		if !slices.Contains(cont, name) {
			t.Errorf("%s is not continuous", name)
		}
	}
	// The subset has a single datasource (121), so with maxCard 1 it is
	// categorical.
	for _, name := range []string{"datasource", "ProductSize", "state"} {
		if !slices.Contains(cat, name) {
			t.Errorf("%s is not categorical", name)
		}
	}
}

func TestBulldozersProcess(t *testing.T) {
	train := readBulldozers(t, "train_tmp_subset14180.csv")
	valid := readBulldozers(t, "Valid.csv").InnerJoin(readBulldozers(t, "ValidSolution.csv"), "SalesID")
	if err := valid.AddDatePart("saledate", "sale"); err != nil {
		t.Fatal(err)
	}
	if err := train.AddDatePartYMD("saleYear", "saleMonth", "saleDay", "sale"); err != nil {
		t.Fatal(err)
	}
	train = train.Drop("saleDayOfWeek", "saleDayOfYear")
	valid = valid.Drop("Usage")

	cont, cat := train.ContCatSplit(1, "SalePrice")
	cats := NewCategorify(train, cat)
	fill := NewFillMissing(train, cont)
	for _, f := range []*Frame{train, valid} {
		if err := cats.Apply(f); err != nil {
			t.Fatal(err)
		}
		if err := fill.Apply(f); err != nil {
			t.Fatal(err)
		}
	}

	valid = valid.Select(train.Names()...)
	// The subset has no missing number, so no _na flag is added, and
	// Valid's missing meter readings take the training median.
	if len(fill.Flagged) != 0 {
		t.Errorf("flagged columns = %q, want none", fill.Flagged)
	}
	if n := valid.Col("MachineHoursCurrentMeter").NACount(); n != 0 {
		t.Errorf("valid hours still missing = %d, want 0", n)
	}
	// Valid's 2012 dates all lie after the subset's, so a categorified
	// saleElapsed would have only unseen codes; continuous it stays.
	if !slices.Contains(cont, "saleElapsed") {
		t.Error("saleElapsed is not continuous")
	}
	x := valid.ToDense(append(cont, cat...))
	r, c := x.Dims()
	if r != 11573 || c != len(cont)+len(cat) {
		t.Errorf("dense dims = %d×%d, want 11573×%d", r, c, len(cont)+len(cat))
	}
	for i := range r {
		for j := range c {
			if math.IsNaN(x.At(i, j)) {
				t.Fatalf("x[%d,%d] is NaN after FillMissing", i, j)
			}
		}
	}
}

func readMovieLens(t testing.TB) (ratings, movies *Frame) {
	t.Helper()
	dir := filepath.Join(dataDir(t, "movielens/ml-100k/u.data"), "movielens", "ml-100k")
	ratings, err := ReadCSV(filepath.Join(dir, "u.data"), CSVOptions{
		Sep: '\t', NoHeader: true, Names: []string{"user", "movie", "rating", "timestamp"},
	})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"movie", "title", "release", "video", "url"}
	for i := range 19 {
		names = append(names, "g"+string(rune('a'+i)))
	}
	movies, err = ReadCSV(filepath.Join(dir, "u.item"), CSVOptions{Sep: '|', NoHeader: true, Names: names, Latin1: true})
	if err != nil {
		t.Fatal(err)
	}
	return ratings, movies
}

func TestMovieLensRatings(t *testing.T) {
	ratings, movies := readMovieLens(t)
	// Counts from the MovieLens README and u.info: 943 users, 1682 items,
	// 100000 ratings; the first line of u.data is 196 242 3 881250949.
	if ratings.NRows() != 100000 {
		t.Errorf("ratings = %d, want 100000", ratings.NRows())
	}
	if got := ratings.Col("user").NUnique(); got != 943 {
		t.Errorf("users = %d, want 943", got)
	}
	if got := ratings.Col("movie").NUnique(); got != 1682 {
		t.Errorf("movies = %d, want 1682", got)
	}
	want := []int{196, 242, 3, 881250949}
	for j, name := range ratings.Names() {
		if got := ratings.Col(name).Ints()[0]; got != want[j] {
			t.Errorf("row 0 %s = %d, want %d", name, got, want[j])
		}
	}
	if movies.NRows() != 1682 {
		t.Errorf("movies = %d, want 1682", movies.NRows())
	}
	if got := movies.Col("title").Value(0); got != "Toy Story (1995)" {
		t.Errorf("movie 1 = %q, want Toy Story (1995)", got)
	}
}

func TestMovieLensLatin1(t *testing.T) {
	_, movies := readMovieLens(t)
	// u.item row 1633 is "Á köldum klaka (Cold Fever) (1994)", stored in
	// latin-1 as the byte 0xC1 followed by " k\xf6ldum".
	title := movies.FilterInt("movie", func(id int) bool { return id == 1633 }).Col("title").Value(0)
	if title != "Á köldum klaka (Cold Fever) (1994)" {
		t.Errorf("movie 1633 = %q, want Á köldum klaka (Cold Fever) (1994)", title)
	}
}

func TestMovieLensJoinAndPivot(t *testing.T) {
	ratings, movies := readMovieLens(t)
	joined := ratings.InnerJoin(movies.Select("movie", "title"), "movie")
	if joined.NRows() != 100000 {
		t.Fatalf("joined rows = %d, want 100000", joined.NRows())
	}
	top := ratings.ValueCounts("user").Head(15).Col("user").Strings()
	sub := joined.FilterIn("user", top)
	topMovies := sub.ValueCounts("title").Head(15).Col("title").Strings()
	cross := sub.FilterIn("title", topMovies).Pivot("user", "title", "rating")
	if cross.NRows() != 15 || cross.NCols() != 16 {
		t.Fatalf("crosstab is %d×%d, want 15×16", cross.NRows(), cross.NCols())
	}

	// pandas 1.5.3 on the same rows: value_counts for the top users,
	// movie counts sorted by count then title (ties at 14 ratings make
	// the order matter), and crosstab with aggfunc="mean".
	users := []int{7, 13, 181, 234, 276, 279, 303, 393, 405, 416, 429, 450, 537, 655, 846}
	if got := cross.Col("user").Ints(); !slices.Equal(got, users) {
		t.Errorf("users = %v, want %v", got, users)
	}
	blanks, sum := 0, 0.0
	for _, name := range cross.Names()[1:] {
		for _, v := range cross.Col(name).Float64s() {
			if math.IsNaN(v) {
				blanks++
			} else {
				sum += v
			}
		}
	}
	if blanks != 18 {
		t.Errorf("blank cells = %d, want 18", blanks)
	}
	if sum != 790 {
		t.Errorf("sum of the ratings shown = %v, want 790", sum)
	}
}

// TestMovieLensSummaries checks Describe, ValueCounts and GroupMean
// against pandas 1.5.3 on u.data: rating mean and sample std, the count
// of each rating, and movie 50 (Star Wars) with 583 ratings.
func TestMovieLensSummaries(t *testing.T) {
	const tol = 1e-9
	ratings, _ := readMovieLens(t)
	d := ratings.Describe().FilterIn("column", []string{"rating"})
	if got := d.Col("mean").Float64s()[0]; math.Abs(got-3.52986) > tol {
		t.Errorf("rating mean = %v, want 3.52986", got)
	}
	if got := d.Col("std").Float64s()[0]; math.Abs(got-1.125673599144316) > tol {
		t.Errorf("rating std = %v, want 1.125673599144316", got)
	}

	counts := ratings.ValueCounts("rating")
	if got := counts.Col("rating").Ints(); !slices.Equal(got, []int{4, 3, 5, 2, 1}) {
		t.Errorf("ratings by frequency = %v, want [4 3 5 2 1]", got)
	}
	if got := counts.Col("count").Ints(); !slices.Equal(got, []int{34174, 27145, 21201, 11370, 6110}) {
		t.Errorf("counts = %v, want [34174 27145 21201 11370 6110]", got)
	}

	starWars := ratings.GroupMean("movie", "rating").FilterIn("movie", []string{"50"})
	if got := starWars.Col("count").Ints()[0]; got != 583 {
		t.Errorf("movie 50 ratings = %d, want 583", got)
	}
	if got := starWars.Col("mean").Float64s()[0]; math.Abs(got-4.3584905660377355) > tol {
		t.Errorf("movie 50 mean = %v, want 4.3584905660377355", got)
	}
}
