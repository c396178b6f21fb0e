package web

import "context"

// maxPasswordChecks bounds the sign-ins checking a password at once: each
// argon2id check takes 64 MiB (see store/password.go), so a burst of
// sign-ins could otherwise exhaust the server's memory.
const maxPasswordChecks = 4

// limiter is a counting semaphore.
type limiter chan struct{}

func newLimiter(n int) limiter { return make(limiter, n) }

// acquire takes a slot, waiting while all are taken until ctx ends (the
// client gave up, or the request timed out).
func (l limiter) acquire(ctx context.Context) error {
	select {
	case l <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l limiter) release() { <-l }
