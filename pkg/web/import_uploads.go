package web

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/tidy"
)

// uploadTTL is how long an uploaded file waits for its confirmation.
const uploadTTL = 30 * time.Minute

// uploads keeps import files on disk between their preview and their
// confirmation, so that what is applied is the file that was previewed and
// not something the browser sends back. Each upload is two files in dir:
// ID.data (the bytes) and ID.json (whose it is). An upload belongs to one
// user and one partnership and expires uploadTTL after it was written.
//
// Replicas behind one address need dir on a shared volume (or sticky
// sessions); otherwise a confirmation that reaches another replica asks for
// the file again.
type uploads struct {
	dir string
}

// upload describes a kept file.
type upload struct {
	ID          string `json:"-"`
	UserID      int64  `json:"user_id"`
	Partnership string `json:"partnership"`
	Name        string `json:"name"` // as uploaded, for the format and the page
	Size        int64  `json:"size"`
	// Fingerprint is the previewed plan's (tidy.Plan.Fingerprint): the
	// confirmation applies only while the stored figures still match it.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// tooLargeError is an upload over the import limit: a 413, not a 400.
type tooLargeError struct{ msg string }

func (e *tooLargeError) Error() string { return e.msg }

// tooLarge says so with the size when it is known (size > limit).
func tooLarge(size, limit int64) error {
	if err := tidy.CheckSize(size, tidy.Options{MaxBytes: limit}); err != nil {
		return &tooLargeError{msg: domain.ErrorMessage(err)}
	}
	return &tooLargeError{msg: fmt.Sprintf("the file is larger than the import limit of %s; split it into smaller files", tidy.FormatBytes(limit))}
}

var uploadID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// save writes r (at most limit bytes) as a new upload described by u.
func (us uploads) save(r io.Reader, limit int64, u upload) (upload, error) {
	if err := os.MkdirAll(us.dir, 0o700); err != nil {
		return u, err
	}
	us.sweep()
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return u, err
	}
	u.ID = hex.EncodeToString(id[:])
	f, err := os.OpenFile(us.path(u.ID, ".data"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return u, err
	}
	u.Size, err = io.Copy(f, io.LimitReader(r, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe) || err == nil && u.Size > limit:
		err = tooLarge(0, limit)
	case err == nil:
		err = us.writeMeta(u)
	}
	if err != nil {
		us.remove(u.ID)
	}
	return u, err
}

func (us uploads) writeMeta(u upload) error {
	b, err := json.Marshal(u)
	if err != nil {
		return err
	}
	return os.WriteFile(us.path(u.ID, ".json"), b, 0o600)
}

// open returns the upload id of user in partnership, or a not-found error
// when it is not theirs, not for this partnership, or expired.
func (us uploads) open(id string, userID int64, partnership string) (upload, *os.File, error) {
	gone := domain.Errorf(domain.ENOTFOUND, "This upload is no longer kept: it was imported already, or it expired (uploads are kept for %d minutes). To import the file, upload it again.", int(uploadTTL.Minutes()))
	if !uploadID.MatchString(id) {
		return upload{}, nil, gone
	}
	var u upload
	b, err := os.ReadFile(us.path(id, ".json"))
	if err != nil || json.Unmarshal(b, &u) != nil || u.UserID != userID || u.Partnership != partnership {
		return u, nil, gone
	}
	f, err := os.Open(us.path(id, ".data"))
	if err != nil {
		return u, nil, gone
	}
	if st, err := f.Stat(); err != nil || expired(st) {
		f.Close()
		us.remove(id)
		return u, nil, gone
	}
	u.ID = id
	return u, f, nil
}

func (us uploads) remove(id string) {
	os.Remove(us.path(id, ".data"))
	os.Remove(us.path(id, ".json"))
}

// sweep removes expired uploads; abandoned previews cost disk only until
// the next upload.
func (us uploads) sweep() {
	entries, err := os.ReadDir(us.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if st, err := e.Info(); err == nil && expired(st) {
			os.Remove(filepath.Join(us.dir, e.Name()))
		}
	}
}

func expired(st os.FileInfo) bool { return time.Since(st.ModTime()) > uploadTTL }

func (us uploads) path(id, ext string) string { return filepath.Join(us.dir, id+ext) }
