package frame_test

import (
	"fmt"
	"strings"

	"fastgo/stdlib/frame"
)

func ExampleReadCSVFrom() {
	text := "196\t242\t3\n186\t302\t3\n22\t377\t1\n"
	ratings, err := frame.ReadCSVFrom(strings.NewReader(text), "u.data", frame.CSVOptions{
		Sep:      '\t',
		NoHeader: true,
		Names:    []string{"user", "movie", "rating"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Print(ratings)
	// Output:
	//    user  movie  rating
	// 0   196    242       3
	// 1   186    302       3
	// 2    22    377       1
	// [3 rows × 3 columns]
}

func ExampleFrame_AddDatePart() {
	f := frame.New(frame.NewString("saledate", []string{"11/16/2006 0:00"}))
	if err := f.AddDatePart("saledate", ""); err != nil {
		panic(err)
	}
	for _, name := range []string{"saleWeek", "saleDayofweek", "saleDayofyear", "saleElapsed"} {
		fmt.Println(name, f.Col(name).Value(0))
	}
	// Output:
	// saleWeek 46
	// saleDayofweek 3
	// saleDayofyear 320
	// saleElapsed 1163635200
}

func ExampleNewCategorify() {
	train := frame.New(frame.NewString("state", []string{"Texas", "Ohio", ""}))
	valid := frame.New(frame.NewString("state", []string{"Ohio", "Utah"}))
	cats := frame.NewCategorify(train, []string{"state"})
	for _, f := range []*frame.Frame{train, valid} {
		if err := cats.Apply(f); err != nil {
			panic(err)
		}
	}
	fmt.Println(train.Col("state").Levels())
	fmt.Println(train.Col("state").Codes(), valid.Col("state").Codes())
	// Output:
	// [#na# Ohio Texas]
	// [2 1 0] [1 0]
}

func ExampleFrame_Pivot() {
	ratings := frame.New(
		frame.NewInt("user", []int{1, 1, 2}),
		frame.NewString("movie", []string{"Alien", "Heat", "Heat"}),
		frame.NewInt("rating", []int{5, 3, 4}),
	)
	fmt.Print(ratings.Pivot("user", "movie", "rating"))
	// Output:
	//    user  Alien  Heat
	// 0     1      5     3
	// 1     2            4
	// [2 rows × 3 columns]
}
