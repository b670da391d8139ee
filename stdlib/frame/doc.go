// Package frame provides column-oriented tables for the tabular lessons:
// reading CSV files, fastai-style preprocessing, joins and summaries, and
// conversion to gonum matrices for models. Cells import it as
// "fastgo/frame". The API is not generic, because yaegi cannot import
// generic code. Every loop over rows runs compiled, apart from the
// callbacks that a cell passes to the Filter and Map methods.
//
// # Columns
//
// A [Frame] holds named [Column] values of one [Kind] each: Float
// (float64, NaN is missing), Int, String ("" is missing), Bool, and
// Categorical (int32 codes into a list of levels, where code 0 is the
// missing level [NA], "#na#"). Columns never change after they are built,
// so frames share them freely. Methods that change a frame replace its
// columns.
//
// # Reading
//
// [ReadCSV] infers each column's kind; [CSVOptions] sets the separator,
// the names of a file without header, latin-1 decoding and forced kinds:
//
//	ratings, err := frame.ReadCSV(dir+"/u.data", frame.CSVOptions{
//		Sep: '\t', NoHeader: true,
//		Names: []string{"user", "movie", "rating", "timestamp"},
//	})
//
// # Preprocessing
//
// The steps of fastai's tabular pipeline are methods and fitted types.
// [Frame.SetLevels] orders a categorical column. [Frame.AddDatePart] and
// [Frame.AddDatePartYMD] expand dates into 13 parts. [Frame.ContCatSplit]
// splits continuous from categorical columns. [Categorify], [FillMissing]
// and [Normalize] learn from the training frame and are then applied to
// every frame:
//
//	cont, cat := train.ContCatSplit(1, "SalePrice")
//	cats := frame.NewCategorify(train, cat)
//	fill := frame.NewFillMissing(train, cont)
//	for _, f := range []*frame.Frame{train, valid} {
//		cats.Apply(f)
//		fill.Apply(f)
//	}
//	x := train.ToDense(append(cont, cat...))
//	y := train.Float64s("SalePrice")
//
// # Reshaping and summaries
//
// [Frame.Select], [Frame.Drop], [Frame.Take], [Frame.Where], the Filter
// methods, [Frame.SortBy], [Frame.RandomSplit], [Frame.InnerJoin],
// [Frame.LeftJoin] and [Concat] build new frames. [Frame.ValueCounts],
// [Frame.Describe], [Frame.GroupMean] and [Frame.Pivot] summarise one.
//
// # Display and files
//
// [Frame.HTML] renders a self-contained table with the column kinds and
// the shape, and shows only the head and tail of a long frame. Notebooks
// call it to display a frame. [Frame.String] is the text form. [Frame.Save] and
// [Load] keep a frame in a gob file, written atomically.
//
// # Limits
//
// Int and Bool columns cannot hold missing values, so the CSV reader, the
// left join and [Concat] turn them into Float and String columns when a
// value is missing. [ReadCSV] reads the whole file into memory and skips
// blank lines. Categorical levels are text, so an int column that is
// categorified has levels such as "1995", kept in numeric order.
package frame
