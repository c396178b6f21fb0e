package main

import (
	"context"
	"log/slog"
	"time"
)

// sessionSweepInterval is how often serve deletes expired sessions and old
// failed sign-ins.
const sessionSweepInterval = time.Hour

// sessionStore is what the sweeper needs of the store.
type sessionStore interface {
	DeleteExpiredSessions(ctx context.Context) (int64, error)
	DeleteOldLoginFailures(ctx context.Context) (int64, error)
}

// startSessionSweeper deletes expired sessions and failed sign-ins older
// than the rate limits count, now and then every interval, in the
// background, until the returned stop is called; stop waits for a sweep
// under way, so the store can be closed after it. Sign-in already refuses
// expired sessions and ignores old failures: this only keeps the tables from
// growing.
func startSessionSweeper(ctx context.Context, db sessionStore, every time.Duration, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			sweep(ctx, log, "expired sessions", "sessions", db.DeleteExpiredSessions)
			sweep(ctx, log, "old login failures", "failures", db.DeleteOldLoginFailures)
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// sweep runs one deletion and logs what it did, or its error unless the
// sweeper is stopping.
func sweep(ctx context.Context, log *slog.Logger, what, unit string, del func(context.Context) (int64, error)) {
	if n, err := del(ctx); err != nil && ctx.Err() == nil {
		log.Error("delete "+what, slog.String("error", err.Error()))
	} else if n > 0 {
		log.Info("deleted "+what, slog.Int64(unit, n))
	}
}
