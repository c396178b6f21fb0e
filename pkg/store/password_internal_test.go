package store

import "testing"

// TestDummyHashParams holds dummyHash to the parameters of new hashes, so
// that checking a password against it costs what a real check does.
func TestDummyHashParams(t *testing.T) {
	h, ok := parseHash(dummyHash)
	if !ok {
		t.Fatalf("dummyHash %q does not parse", dummyHash)
	}
	if h.memory != argonMemory || h.time != argonTime || h.threads != argonThreads || len(h.key) != argonKeyLen || len(h.salt) != argonSaltLen {
		t.Errorf("dummyHash has m=%d t=%d p=%d key %d salt %d bytes; want m=%d t=%d p=%d key %d salt %d",
			h.memory, h.time, h.threads, len(h.key), len(h.salt), argonMemory, argonTime, argonThreads, argonKeyLen, argonSaltLen)
	}
}
