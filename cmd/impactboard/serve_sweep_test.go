package main

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

type countingSessions struct{ calls atomic.Int64 }

func (c *countingSessions) DeleteExpiredSessions(context.Context) (int64, error) {
	c.calls.Add(1)
	return 1, nil
}

func TestSessionSweeper(t *testing.T) {
	db := &countingSessions{}
	stop := startSessionSweeper(t.Context(), db, time.Millisecond, slog.New(slog.DiscardHandler))
	deadline := time.Now().Add(10 * time.Second)
	for db.calls.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("%d sweeps in 10s, want a sweep at start and every interval", db.calls.Load())
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	after := db.calls.Load()
	time.Sleep(20 * time.Millisecond)
	if got := db.calls.Load(); got != after {
		t.Errorf("%d sweeps after stop returned, want none", got-after)
	}
}
