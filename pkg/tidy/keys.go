package tidy

import (
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// keys remembers the figures' natural keys to find duplicates in a file.
// Strings are interned and keys packed into 16 bytes, so a million-row file
// costs tens of megabytes here, not hundreds.
type keys struct {
	names map[string]uint32
	first map[packedKey]int32 // key -> the row it was first seen on
}

type packedKey struct {
	indicator, dimension, group uint32
	year                        int32
}

func newKeys() keys {
	return keys{names: map[string]uint32{}, first: map[packedKey]int32{}}
}

// add records r's key and, when it was seen before, returns that row.
func (k keys) add(r Row) (first int, dup bool) {
	pk := k.pack(r.M)
	if f, ok := k.first[pk]; ok {
		return int(f), true
	}
	k.first[pk] = int32(r.Line)
	return 0, false
}

// pack returns m's key. The year must be within int32; a parsed one is.
func (k keys) pack(m domain.Measurement) packedKey {
	return packedKey{k.intern(m.Indicator), k.intern(m.Dimension), k.intern(m.Group), int32(m.Year)}
}

// intern numbers a string. It clones what it keeps: a CSV cell shares
// memory with its whole record.
func (k keys) intern(s string) uint32 {
	if id, ok := k.names[s]; ok {
		return id
	}
	id := uint32(len(k.names))
	k.names[strings.Clone(s)] = id
	return id
}
