package vision

import (
	"fmt"
	"path/filepath"
	"strconv"

	"fastgo/stdlib/datasets"
)

// MNIST file names inside the data folder, as published on Yann LeCun's page.
const (
	trainImagesFile = "train-images-idx3-ubyte.gz"
	trainLabelsFile = "train-labels-idx1-ubyte.gz"
	testImagesFile  = "t10k-images-idx3-ubyte.gz"
	testLabelsFile  = "t10k-labels-idx1-ubyte.gz"
)

// Dataset is a set of same-sized grayscale images with class labels.
type Dataset struct {
	// Rows and Cols are the height and width of every image.
	Rows, Cols int
	// Pix holds the images one after another, row by row, as raw 0–255 bytes.
	Pix []uint8
	// Labels holds one class index into Classes per image.
	Labels []uint8
	// Classes names the classes, such as "3" and "7".
	Classes []string
	// Source holds each image's index in the file it was read from.
	Source []int
}

// Len returns the number of images.
func (d *Dataset) Len() int { return len(d.Labels) }

// Image returns image i with raw 0–255 pixel values.
func (d *Dataset) Image(i int) *Gray {
	n := d.Rows * d.Cols
	g := NewGray(d.Rows, d.Cols)
	for j, p := range d.Pix[i*n : (i+1)*n] {
		g.Pix[j] = float32(p)
	}
	return g
}

// Float32 returns all images as one float32 slice in NCHW order with one
// channel, each pixel divided by 255 so values lie in [0, 1].
func (d *Dataset) Float32() []float32 {
	out := make([]float32, len(d.Pix))
	for i, p := range d.Pix {
		out[i] = float32(p) / 255
	}
	return out
}

// Targets returns the labels as ints, the form loss functions take.
func (d *Dataset) Targets() []int {
	out := make([]int, len(d.Labels))
	for i, l := range d.Labels {
		out[i] = int(l)
	}
	return out
}

// Count returns how many images each class has, in the order of Classes.
func (d *Dataset) Count() []int {
	out := make([]int, len(d.Classes))
	for _, l := range d.Labels {
		out[l]++
	}
	return out
}

// MNIST reads the full MNIST training set (60,000 images) and test set
// (10,000 images) from the folder that datasets.MNIST returns, which
// downloads the files first when they are missing.
func MNIST() (train, test *Dataset, err error) {
	dir, err := datasets.MNIST()
	if err != nil {
		return nil, nil, fmt.Errorf("vision: %w", err)
	}
	return MNISTFrom(dir)
}

// MNISTFrom reads the full MNIST training and test sets from the four
// gzip-compressed IDX files in dir.
func MNISTFrom(dir string) (train, test *Dataset, err error) {
	train, err = readSplit(dir, trainImagesFile, trainLabelsFile)
	if err != nil {
		return nil, nil, err
	}
	test, err = readSplit(dir, testImagesFile, testLabelsFile)
	if err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// MNISTSample returns fast.ai's MNIST_SAMPLE: the 3s and 7s of the MNIST
// training set (6,131 and 6,265) as train and of the test set (1,010 and
// 1,028) as valid. Label 0 is "3" and label 1 is "7". Source holds each
// image's index in the full MNIST file, which is the number fast.ai's
// sample uses as the PNG file name (train/3/12.png is Source 12).
func MNISTSample() (train, valid *Dataset, err error) {
	full, test, err := MNIST()
	if err != nil {
		return nil, nil, err
	}
	return full.Filter(3, 7), test.Filter(3, 7), nil
}

// Filter returns the images whose class is one of classes, relabelled
// 0, 1, ... in the order given. Classes are indexes into d.Classes.
func (d *Dataset) Filter(classes ...int) *Dataset {
	relabel := make(map[uint8]uint8, len(classes))
	out := &Dataset{Rows: d.Rows, Cols: d.Cols}
	for i, c := range classes {
		if c < 0 || c >= len(d.Classes) {
			panic(fmt.Sprintf("vision: class %d out of range [0, %d)", c, len(d.Classes)))
		}
		relabel[uint8(c)] = uint8(i)
		out.Classes = append(out.Classes, d.Classes[c])
	}
	n := d.Rows * d.Cols
	for i, l := range d.Labels {
		nl, ok := relabel[l]
		if !ok {
			continue
		}
		out.Pix = append(out.Pix, d.Pix[i*n:(i+1)*n]...)
		out.Labels = append(out.Labels, nl)
		out.Source = append(out.Source, d.Source[i])
	}
	return out
}

// Find returns the position of the image whose Source index is src, or -1.
func (d *Dataset) Find(src int) int {
	for i, s := range d.Source {
		if s == src {
			return i
		}
	}
	return -1
}

func readSplit(dir, imagesFile, labelsFile string) (*Dataset, error) {
	dims, pix, err := readIDX(filepath.Join(dir, imagesFile), idxImagesMagic)
	if err != nil {
		return nil, err
	}
	if len(dims) != 3 {
		return nil, fmt.Errorf("vision: %s has %d dimensions, expected 3", imagesFile, len(dims))
	}
	ldims, labels, err := readIDX(filepath.Join(dir, labelsFile), idxLabelsMagic)
	if err != nil {
		return nil, err
	}
	if ldims[0] != dims[0] {
		return nil, fmt.Errorf("vision: %s has %d labels but %s has %d images",
			labelsFile, ldims[0], imagesFile, dims[0])
	}
	d := &Dataset{Rows: dims[1], Cols: dims[2], Pix: pix, Labels: labels}
	for c := 0; c < 10; c++ {
		d.Classes = append(d.Classes, strconv.Itoa(c))
	}
	d.Source = make([]int, len(labels))
	for i := range d.Source {
		d.Source[i] = i
	}
	for i, l := range labels {
		if int(l) >= len(d.Classes) {
			return nil, fmt.Errorf("vision: %s: label %d of image %d is not a digit", labelsFile, l, i)
		}
	}
	return d, nil
}
