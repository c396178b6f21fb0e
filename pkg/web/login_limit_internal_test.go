package web

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	l := newLimiter(maxPasswordChecks)
	for i := range maxPasswordChecks {
		if err := l.acquire(t.Context()); err != nil {
			t.Fatalf("acquire %d of %d: %v", i+1, maxPasswordChecks, err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := l.acquire(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("acquire beyond the limit = %v, want it to wait until the context ends", err)
	}
	got := make(chan error, 1)
	go func() { got <- l.acquire(t.Context()) }()
	select {
	case err := <-got:
		t.Fatalf("acquire while full returned %v before a release", err)
	case <-time.After(20 * time.Millisecond):
	}
	l.release()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("acquire after a release: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("acquire still waiting after a release")
	}
}
