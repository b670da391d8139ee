package datasets

import "context"

// mnistURL is the folder of PyTorch's MNIST mirror, which torchvision
// downloads from. Each file is checked against the SHA-256 of the
// original IDX file from Yann LeCun's MNIST page.
const mnistURL = "https://ossci-datasets.s3.amazonaws.com/mnist/"

// mnistFiles are the four gzip-compressed IDX files of MNIST: 60,000
// training and 10,000 test images of 28×28 bytes, with their labels.
var mnistFiles = []file{
	{"train-images-idx3-ubyte.gz", 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"},
	{"train-labels-idx1-ubyte.gz", 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"},
	{"t10k-images-idx3-ubyte.gz", 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"},
	{"t10k-labels-idx1-ubyte.gz", 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"},
}

var mnist = dataset{
	name:   "MNIST",
	folder: "mnist",
	files:  mnistFiles,
	fetch:  fetchMNIST,
}

// MNIST returns the folder that contains the four MNIST files
// train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
// t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz. Missing files
// are downloaded first, about 11.6 MB in all.
func MNIST() (string, error) { return ensure(mnist) }

func fetchMNIST(ctx context.Context, dir string, missing []file) error {
	for _, f := range missing {
		url := sourceURL("mnist/"+f.name, mnistURL+f.name)
		if err := fetchFile(ctx, url, dir, f); err != nil {
			return err
		}
	}
	return nil
}
