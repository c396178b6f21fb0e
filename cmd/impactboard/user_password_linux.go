package main

import (
	"bytes"
	"fmt"

	"golang.org/x/sys/unix"
)

// readHidden reads one line from the terminal fd with echo turned off,
// restoring the terminal afterwards.
func readHidden(fd int) (string, error) {
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return "", errNoTerminal
	}
	quiet := *old
	quiet.Lflag &^= unix.ECHO
	quiet.Lflag |= unix.ICANON | unix.ISIG
	quiet.Iflag |= unix.ICRNL
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &quiet); err != nil {
		return "", fmt.Errorf("turn off echo: %w", err)
	}
	defer unix.IoctlSetTermios(fd, unix.TCSETS, old) // best effort: restore echo
	var line []byte
	buf := make([]byte, 1)
	for {
		n, err := unix.Read(fd, buf)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if n == 0 || buf[0] == '\n' {
			return string(bytes.TrimRight(line, "\r")), nil
		}
		line = append(line, buf[0])
	}
}
