// Package datasets finds the lesson data sets in a cache folder and
// downloads the ones that are missing. Cells import it as
// "fastgo/datasets".
//
//	dir, err := datasets.MNIST() // downloads about 11.6 MB on first use
//	images := filepath.Join(dir, "train-images-idx3-ubyte.gz")
//
// # Cache folder
//
// [Dir] is $FASTGO_DATA when it is set, otherwise fastgo/data under the
// user cache folder (~/.cache/fastgo/data on Linux). Each data set has its
// own subfolder:
//
//	bulldozers/          train_tmp_subset14180.csv, Valid.csv, ValidSolution.csv, Test.csv
//	movielens/ml-100k/   README, u.data, u.item, u.user, u.genre, u.info, u.occupation
//	mnist/               train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
//	                     t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz
//
// A folder that already has the files, such as a shared copy, is used as
// it is and never touched.
//
// # Downloads
//
// [MNIST] and [MovieLens100k] download missing files from their official
// addresses: MNIST from PyTorch's mirror of the original IDX files, and
// MovieLens from the GroupLens zip. A progress bar in bytes shows in the
// cell. Every file is checked against the size and SHA-256 of the official
// copy, written to a temporary file in the same folder and renamed into
// place only when it matches. An interrupted or rejected download
// therefore never leaves a partial data file. Interrupting the cell stops
// the download with [cell.ErrInterrupted].
//
// Setting $FASTGO_DATA_URL to a base URL replaces the official addresses.
// The files are then fetched by their paths in the cache layout, with
// MovieLens as one zip whose entries are under ml-100k/:
//
//	$FASTGO_DATA_URL/mnist/train-images-idx3-ubyte.gz
//	$FASTGO_DATA_URL/movielens/ml-100k.zip
//
// NOTE: a process killed during a download leaves a hidden temporary file
// (".u.data.tmp-123", ".download-123") in the folder. It is never taken
// for data, and can be deleted.
//
// # Bulldozers
//
// The Blue Book for Bulldozers files are Kaggle competition data, which
// need a Kaggle account to download. [Bulldozers] never downloads them:
// when some are missing, its error names each file, the folder to put it
// in and where to get it.
//
// # Loaders
//
// [MovieLensRatings] and [MovieLensTitles] read u.data and u.item into
// slices and a map, decoding u.item's Latin-1 titles. Readers for tables
// and images live in the packages that use them.
//
// # Errors
//
// A data set that is missing and cannot be fetched gives an error that
// wraps [ErrMissing] and names the files, the folder and the way to fix
// it.
package datasets
