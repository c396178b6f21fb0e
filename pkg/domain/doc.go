// Package domain holds impactboard's entities, their validation rules and the
// error type every layer speaks. It imports only the standard library: storage,
// web and chart adapters depend on it, never the other way round.
package domain
