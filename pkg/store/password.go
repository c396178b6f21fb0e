package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Password length rules, in characters. The upper bound keeps one sign-in
// from hashing megabytes.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 200
)

// argon2id parameters for new hashes (RFC 9106's second recommended
// option, with 64 MiB). Every hash records its own, so raising them later
// leaves old hashes checkable.
const (
	argonMemory  = 64 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// Bounds on parameters read from a stored hash, so that a tampered row
// cannot make a sign-in allocate gigabytes or spin for minutes.
const (
	maxArgonMemory  = 1024 * 1024 // KiB
	maxArgonTime    = 16
	maxArgonThreads = 16
)

// dummyHash is checked against when an email is unknown, so that answering
// "wrong email or password" costs the same time either way. Its parameters
// must equal the ones above (a test holds them together).
const dummyHash = "$argon2id$v=19$m=65536,t=2,p=1$/Xy2ecBZmCiOPvt0vkC/1Q$eIyRzP4B5LR/YC3vFHo1ePizdAOiFPVgUoNe6NlhkKU"

// CheckPasswordRules returns EINVALID when pw is too short or too long.
func CheckPasswordRules(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLength:
		return domain.Invalid("invalid password", []domain.FieldError{{Field: "password",
			Message: fmt.Sprintf("must be at least %d characters long (a few unrelated words make a good one)", MinPasswordLength)}})
	case n > MaxPasswordLength:
		return domain.Invalid("invalid password", []domain.FieldError{{Field: "password",
			Message: fmt.Sprintf("must be at most %d characters long", MaxPasswordLength)}})
	}
	return nil
}

// HashPassword returns the argon2id hash of pw as a PHC string
// "$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>" with a random 16-byte salt.
// It does not apply the length rules (CheckPasswordRules does).
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// b64 is the PHC string format's base64: standard alphabet, no padding.
var b64 = base64.RawStdEncoding

// CheckPassword reports whether pw matches hash, a string from
// HashPassword. A malformed hash matches nothing.
func CheckPassword(hash, pw string) bool {
	p, ok := parseHash(hash)
	if !ok {
		return false
	}
	key := argon2.IDKey([]byte(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parseHash(s string) (argonHash, bool) {
	var h argonHash
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return h, false
	}
	var threads uint32
	n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.memory, &h.time, &threads)
	if err != nil || n != 3 || fmt.Sprintf("m=%d,t=%d,p=%d", h.memory, h.time, threads) != parts[3] {
		return h, false
	}
	if h.time < 1 || h.time > maxArgonTime || threads < 1 || threads > maxArgonThreads ||
		h.memory < 8*threads || h.memory > maxArgonMemory {
		return h, false
	}
	h.threads = uint8(threads)
	if h.salt, err = b64.DecodeString(parts[4]); err != nil || len(h.salt) < 8 {
		return h, false
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil || len(h.key) < 16 || len(h.key) > 64 {
		return h, false
	}
	return h, true
}
