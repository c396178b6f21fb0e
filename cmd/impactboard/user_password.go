package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// stdin is where --password-stdin reads; tests replace it.
var stdin io.Reader = os.Stdin

// errNoTerminal: standard input is not a terminal we can turn echo off on.
var errNoTerminal = errors.New("standard input is not a terminal")

// readPassword takes the password from IMPACTBOARD_PASSWORD, else the first
// line of standard input (--password-stdin), else asks twice on the
// terminal without echo. It never has a default.
func readPassword(fromStdin bool, stderr io.Writer) (string, error) {
	if pw, ok := os.LookupEnv("IMPACTBOARD_PASSWORD"); ok && pw != "" {
		return pw, nil
	}
	if fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	return promptPassword(stderr)
}

func promptPassword(stderr io.Writer) (string, error) {
	noWay := domain.Errorf(domain.EINVALID,
		"no password given: set IMPACTBOARD_PASSWORD, pass --password-stdin and write it on standard input, or run in a terminal")
	if stdin != os.Stdin {
		return "", noWay
	}
	fmt.Fprint(stderr, "Password (at least 12 characters, not shown): ")
	pw, err := readHidden(int(os.Stdin.Fd()))
	fmt.Fprintln(stderr)
	if errors.Is(err, errNoTerminal) {
		return "", noWay
	} else if err != nil {
		return "", err
	}
	fmt.Fprint(stderr, "Again: ")
	again, err := readHidden(int(os.Stdin.Fd()))
	fmt.Fprintln(stderr)
	if err != nil {
		return "", err
	}
	if again != pw {
		return "", domain.Errorf(domain.EINVALID, "the two passwords differ")
	}
	return pw, nil
}
