package datasets

import (
	"fmt"
	"path/filepath"
	"strings"
)

// bulldozerSources maps each bulldozers file to where a user can get it.
var bulldozerSources = map[string]string{
	"train_tmp_subset14180.csv": "train_tmp.csv (rename it) from " +
		"https://github.com/code08-ind/Bulldozer-Price-Prediction-Project at commit 1e01f7c, " +
		"the first 14,180 rows of Kaggle's TrainAndValid.csv with the sale date split into columns",
	"Valid.csv":         "Valid.csv (or Valid.zip, unzipped) from " + kaggleBulldozersURL,
	"ValidSolution.csv": "ValidSolution.csv from " + kaggleBulldozersURL,
	"Test.csv":          "Test.csv from " + kaggleBulldozersURL,
}

// kaggleBulldozersURL is the data page of the Kaggle competition "Blue
// Book for Bulldozers". Downloading needs a signed-in Kaggle account that
// has accepted the competition rules.
const kaggleBulldozersURL = "https://www.kaggle.com/c/bluebook-for-bulldozers/data"

// bulldozerFiles lists the bulldozers files that [Bulldozers] requires.
var bulldozerFiles = []string{"train_tmp_subset14180.csv", "Valid.csv", "ValidSolution.csv", "Test.csv"}

// Bulldozers returns the folder that contains the Blue Book for
// Bulldozers files train_tmp_subset14180.csv, Valid.csv, ValidSolution.csv
// and Test.csv. They are Kaggle competition data that need an account to
// download, so fastgo never downloads them. When some are missing, the
// error names each file, the folder to put it in and where to get it.
func Bulldozers() (string, error) {
	dir := filepath.Join(Dir(), "bulldozers")
	var files []file
	for _, name := range bulldozerFiles {
		files = append(files, file{name: name})
	}
	missing := missingFiles(dir, files)
	if len(missing) == 0 {
		return dir, nil
	}

	var help strings.Builder
	for _, name := range missing {
		fmt.Fprintf(&help, "\n  %s: %s", filepath.Join(dir, name), bulldozerSources[name])
	}
	return "", fmt.Errorf("datasets: bulldozers: %w: %s not in %s. "+
		"Kaggle's terms require an account to download them, so put each file there by hand "+
		"(or set %s to a folder that contains bulldozers/):%s",
		ErrMissing, strings.Join(missing, ", "), dir, DataEnv, help.String())
}
