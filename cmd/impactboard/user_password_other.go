//go:build !linux

package main

// readHidden has no echo-free terminal reading outside Linux (no new
// dependency for it): the password comes from IMPACTBOARD_PASSWORD or
// --password-stdin there.
func readHidden(int) (string, error) { return "", errNoTerminal }
