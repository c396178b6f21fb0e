package snapshot

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Encode returns the document's canonical bytes: the same document always
// encodes to the same bytes (fixed struct field order, sorted map keys, no
// indentation), which is what the checksum is taken of.
func Encode(d *Document) ([]byte, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return b, nil
}

// Decode reads stored content back. Unknown fields are refused rather than
// dropped: a document from a newer program must not be rendered as if it
// were complete.
func Decode(content []byte) (*Document, error) {
	dec := json.NewDecoder(bytes.NewReader(content))
	dec.DisallowUnknownFields()
	var d Document
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	if d.Format != Format || d.Version != Version {
		return nil, domain.Errorf(domain.EINVALID, "not a version %d %s document (format %q, version %d)", Version, Format, d.Format, d.Version)
	}
	return &d, nil
}

// Checksum is the SHA-256 of content in hex.
func Checksum(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// Verify reports an internal error when content does not match the
// checksum recorded for it: a snapshot is never served altered.
func Verify(content []byte, sha string) error {
	if subtle.ConstantTimeCompare([]byte(Checksum(content)), []byte(sha)) != 1 {
		return fmt.Errorf("snapshot content does not match its SHA-256 %s: the stored copy was altered", sha)
	}
	return nil
}
