package main

import (
	"context"
	"log/slog"
	"time"
)

// sessionSweepInterval is how often serve deletes expired sessions.
const sessionSweepInterval = time.Hour

// sessionStore is what the sweeper needs of the store.
type sessionStore interface {
	DeleteExpiredSessions(ctx context.Context) (int64, error)
}

// startSessionSweeper deletes expired sessions now and then every interval,
// in the background, until the returned stop is called; stop waits for a
// sweep under way, so the store can be closed after it. Sign-in already
// refuses expired sessions: this only keeps the table from growing.
func startSessionSweeper(ctx context.Context, db sessionStore, every time.Duration, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			if n, err := db.DeleteExpiredSessions(ctx); err != nil && ctx.Err() == nil {
				log.Error("delete expired sessions", slog.String("error", err.Error()))
			} else if n > 0 {
				log.Info("deleted expired sessions", slog.Int64("sessions", n))
			}
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
