package store_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

const goodPassword = "correct horse battery staple"

func TestHashPassword(t *testing.T) {
	h1, err := store.HashPassword(goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := store.HashPassword(goodPassword)
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=65536,t=2,p=1$") {
		t.Errorf("hash %q, want a PHC argon2id string with m=65536,t=2,p=1", h1)
	}
	if h1 == h2 {
		t.Errorf("two hashes of one password are equal (%q): the salt is not random", h1)
	}
	if !store.CheckPassword(h1, goodPassword) || !store.CheckPassword(h2, goodPassword) {
		t.Errorf("CheckPassword refuses the right password")
	}
}

func TestCheckPasswordRefuses(t *testing.T) {
	h, err := store.HashPassword(goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(h, "$") // "", argon2id, v=19, params, salt, hash
	tamper := func(i int, s string) string {
		p := append([]string(nil), parts...)
		p[i] = s
		return strings.Join(p, "$")
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		t.Fatal(err)
	}
	key[0] ^= 1
	flipped := base64.RawStdEncoding.EncodeToString(key)
	tests := []struct{ name, hash, pw string }{
		{"wrong password", h, "correct horse battery stapler"},
		{"empty password", h, ""},
		{"hash tampered", tamper(5, flipped), goodPassword},
		{"salt tampered", tamper(4, "AAAAAAAAAAAAAAAAAAAAAA"), goodPassword},
		{"fewer passes", tamper(3, "m=65536,t=1,p=1"), goodPassword},
		{"huge memory", tamper(3, "m=4194304,t=2,p=1"), goodPassword},
		{"other algorithm", tamper(1, "argon2i"), goodPassword},
		{"other version", tamper(2, "v=16"), goodPassword},
		{"not base64", tamper(5, "!!!"), goodPassword},
		{"truncated", strings.Join(parts[:5], "$"), goodPassword},
		{"empty hash", "", goodPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if store.CheckPassword(tt.hash, tt.pw) {
				t.Errorf("CheckPassword(%q, %q) = true, want false", tt.hash, tt.pw)
			}
		})
	}
}

func TestCheckPasswordRules(t *testing.T) {
	tests := []struct {
		pw   string
		want string // "" for no error
	}{
		{"short", "at least 12 characters"},
		{"elevenchars", "at least 12 characters"},
		{"twelve chars", ""},
		{"ñññññññññññ", "at least 12 characters"}, // 11 characters, 22 bytes
		{strings.Repeat("x", 200), ""},
		{strings.Repeat("x", 201), "at most 200 characters"},
	}
	for _, tt := range tests {
		err := store.CheckPasswordRules(tt.pw)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%d characters: %v, want no error", len([]rune(tt.pw)), err)
		case tt.want != "" && (domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%d characters: %v, want EINVALID about %q", len([]rune(tt.pw)), err, tt.want)
		}
	}
}
