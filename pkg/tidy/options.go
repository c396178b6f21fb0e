package tidy

import (
	"fmt"
	"strconv"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Default limits. 50 MB of CSV is about a million figures; a larger upload
// is more likely a mistake or an attack than a partnership's data.
const (
	DefaultMaxBytes       = 50 << 20
	DefaultMaxRows        = 2_000_000
	DefaultMaxUnzipBytes  = 256 << 20
	DefaultProgressPeriod = 10_000
)

// Options limit what a parse accepts. Zero values take the defaults.
type Options struct {
	// MaxBytes is the largest file accepted (default 50 MB).
	MaxBytes int64
	// MaxRows is the most data rows accepted (default 2,000,000).
	MaxRows int
	// MaxUnzipBytes bounds what an XLSX file may unpack to (default 256 MB),
	// so a zip bomb is refused before it is unpacked.
	MaxUnzipBytes int64
	// Progress, if set, is called every DefaultProgressPeriod rows with the
	// rows read so far and, for CSV, the bytes read (-1 for XLSX).
	Progress func(rows int, bytes int64)
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxUnzipBytes <= 0 {
		o.MaxUnzipBytes = DefaultMaxUnzipBytes
	}
	return o
}

// CheckSize refuses a file larger than opts allows. Callers that know the
// size check it before reading a byte, so an oversized upload costs nothing.
func CheckSize(size int64, opts Options) error {
	opts = opts.withDefaults()
	if size > opts.MaxBytes {
		return tooLarge(opts.MaxBytes, size)
	}
	return nil
}

// tooLarge is the size limit's message; size is 0 when a stream ran past
// the limit before its size was known.
func tooLarge(limit, size int64) error {
	is := "is larger"
	if size > 0 {
		is = "is " + FormatBytes(size) + ", larger"
	}
	return domain.Errorf(domain.EINVALID, "the file %s than the import limit of %s; split it into smaller files", is, FormatBytes(limit))
}

func tooManyRows(limit int) error {
	return domain.Errorf(domain.EINVALID, "the file has more than %s data rows, the import limit; split it into smaller files", formatCount(limit))
}

// formatCount writes n with thousands separators: "2,000,000".
func formatCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// FormatBytes renders a size the way messages show it: "50 MB", "1.5 KB".
func FormatBytes(n int64) string {
	units := []string{"bytes", "KB", "MB", "GB", "TB"}
	v, i := float64(n), 0
	for v >= 1024 && i < len(units)-1 {
		v, i = v/1024, i+1
	}
	if i == 0 || v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[i])
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}
