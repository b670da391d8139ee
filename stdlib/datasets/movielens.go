package datasets

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
)

// movieLensURL is the GroupLens address of the MovieLens 100K zip.
const movieLensURL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip"

// movieLensZipSize is the length of the progress bar when the server does
// not send the zip's size.
// NOTE: an estimate of the GroupLens zip's size, never checked here. The
// zip as a whole is not verified, but each extracted file is.
const movieLensZipSize = 4924029

// movieLensFiles are the files of MovieLens 100K that fastgo uses. The
// zip also holds the u1–u5 and ua/ub splits and scripts, which are not
// extracted.
var movieLensFiles = []file{
	{"README", 6750, "4883b8cf340ed0059971b33f56ad3adc88a40792108ebca3d24aafc4c82e8b52"},
	{"u.data", 1979173, "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490"},
	{"u.item", 236344, "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701"},
	{"u.user", 22628, "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c"},
	{"u.genre", 202, "9757e0d3e6b298159a80dd48eaf938114690e911e39af97a76949ef1663610bb"},
	{"u.info", 36, "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b"},
	{"u.occupation", 193, "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d"},
}

var movieLens = dataset{
	name:   "MovieLens 100K",
	folder: "movielens/ml-100k",
	files:  movieLensFiles,
	fetch:  fetchMovieLens,
}

// MovieLens100k returns the folder that contains the MovieLens 100K files
// README, u.data, u.item, u.user, u.genre, u.info and u.occupation.
// Missing files are extracted from the GroupLens zip, which is downloaded
// first (about 5 MB). The GroupLens license in README forbids
// redistributing the data.
func MovieLens100k() (string, error) { return ensure(movieLens) }

// fetchMovieLens downloads the zip into a temporary file in dir, because
// archive/zip needs random access, and extracts the missing files from it.
func fetchMovieLens(ctx context.Context, dir string, missing []file) error {
	url := sourceURL("movielens/ml-100k.zip", movieLensURL)
	zipPath, err := downloadTemp(ctx, url, dir, movieLensZipSize)
	if err != nil {
		return err
	}
	defer os.Remove(zipPath)

	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return fmt.Errorf("reading the zip from %s failed: %w", url, err)
	}
	defer zr.Close()
	for _, f := range missing {
		if err := extract(&zr.Reader, "ml-100k/"+f.name, dir, f); err != nil {
			return fmt.Errorf("zip from %s: %w", url, err)
		}
	}
	return nil
}

// extract installs the zip entry name as dir/f.name.
func extract(zr *zip.Reader, name, dir string, f file) error {
	rc, err := zr.Open(name)
	if err != nil {
		return fmt.Errorf("entry %s: %w", name, err)
	}
	defer rc.Close()
	return installFile(rc, dir, f)
}

// downloadTemp downloads url into a new temporary file in dir and returns
// its path. The caller removes the file.
func downloadTemp(ctx context.Context, url, dir string, sizeHint int64) (path string, err error) {
	b, err := get(ctx, url, sizeHint)
	if err != nil {
		return "", err
	}
	defer b.Close()
	tmp, err := os.CreateTemp(dir, ".download-*")
	if err != nil {
		return "", fmt.Errorf("cannot write to %s: %w", dir, err)
	}
	_, err = io.Copy(tmp, b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("download of %s failed: %w", url, stopped(ctx, err))
	}
	return tmp.Name(), nil
}
