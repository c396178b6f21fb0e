package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countingSweeps counts the sweeper's calls; failFailures makes deleting
// old login failures fail.
type countingSweeps struct {
	sessions, failures atomic.Int64
	failFailures       bool
}

func (c *countingSweeps) DeleteExpiredSessions(context.Context) (int64, error) {
	c.sessions.Add(1)
	return 1, nil
}

func (c *countingSweeps) DeleteOldLoginFailures(context.Context) (int64, error) {
	c.failures.Add(1)
	if c.failFailures {
		return 0, errors.New("disk full")
	}
	return 1, nil
}

func TestSessionSweeper(t *testing.T) {
	db := &countingSweeps{}
	stop := startSessionSweeper(t.Context(), db, time.Millisecond, slog.New(slog.DiscardHandler))
	deadline := time.Now().Add(10 * time.Second)
	for db.sessions.Load() < 3 || db.failures.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("%d session sweeps and %d login-failure sweeps in 10s, want a sweep of both at start and every interval",
				db.sessions.Load(), db.failures.Load())
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	sessions, failures := db.sessions.Load(), db.failures.Load()
	time.Sleep(20 * time.Millisecond)
	if got := db.sessions.Load(); got != sessions {
		t.Errorf("%d session sweeps after stop returned, want none", got-sessions)
	}
	if got := db.failures.Load(); got != failures {
		t.Errorf("%d login-failure sweeps after stop returned, want none", got-failures)
	}
}

// TestSessionSweeperLogsFailure: an error pruning login failures is logged
// and does not stop the sessions being swept.
func TestSessionSweeperLogsFailure(t *testing.T) {
	db := &countingSweeps{failFailures: true}
	var logged strings.Builder
	log := slog.New(slog.NewTextHandler(&logged, nil))
	stop := startSessionSweeper(t.Context(), db, time.Millisecond, log)
	deadline := time.Now().Add(10 * time.Second)
	for db.sessions.Load() < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d session sweeps in 10s, want them to go on after a failed login-failure sweep", db.sessions.Load())
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	if out := logged.String(); !strings.Contains(out, "delete old login failures") || !strings.Contains(out, "disk full") {
		t.Errorf("log = %q, want the failed login-failure sweep and its error", out)
	}
}
