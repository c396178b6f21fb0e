package export

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// sortedZip is the zip writer XLSX gives excelize. excelize writes the
// parts of stream-written sheets in the random order of a Go map, so two
// exports of one snapshot differed in bytes (and in checksum). sortedZip
// spools every part into one temporary file as excelize writes it, and
// Close writes them into a real zip in name order: the same workbook gives
// the same bytes, and memory holds no part whole.
type sortedZip struct {
	out   io.Writer
	tmp   *os.File
	size  int64 // bytes spooled so far
	parts []zipPart
	err   error // the first failure to create the temporary file
}

type zipPart struct {
	name      string
	off, size int64
}

func newSortedZip(out io.Writer) *sortedZip {
	z := &sortedZip{out: out}
	z.tmp, z.err = os.CreateTemp("", "impactboard-xlsx-*")
	return z
}

// Create starts a part; it ends where the next one starts.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if z.err != nil {
		return nil, z.err
	}
	z.parts = append(z.parts, zipPart{name: name, off: z.size})
	return z, nil
}

// Write appends to the current part.
func (z *sortedZip) Write(p []byte) (int, error) {
	n, err := z.tmp.Write(p)
	z.size += int64(n)
	z.parts[len(z.parts)-1].size += int64(n)
	return n, err
}

// AddFS adds every file of fsys, as zip.Writer.AddFS does.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		w, err := z.Create(name)
		if err != nil {
			return err
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	})
}

// Close writes the zip, parts in name order, and removes the spool.
func (z *sortedZip) Close() error {
	if z.err != nil {
		return z.err
	}
	err := z.writeSorted()
	return errors.Join(err, z.tmp.Close(), os.Remove(z.tmp.Name()))
}

func (z *sortedZip) writeSorted() error {
	slices.SortStableFunc(z.parts, func(a, b zipPart) int { return strings.Compare(a.name, b.name) })
	zw := zip.NewWriter(z.out)
	for _, p := range z.parts {
		w, err := zw.Create(p.name)
		if err != nil {
			return fmt.Errorf("zip part %s: %w", p.name, err)
		}
		if _, err := io.Copy(w, io.NewSectionReader(z.tmp, p.off, p.size)); err != nil {
			return fmt.Errorf("zip part %s: %w", p.name, err)
		}
	}
	return zw.Close()
}
