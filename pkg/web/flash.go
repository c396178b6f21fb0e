package web

import (
	"net/url"

	"github.com/labstack/echo/v4"
)

const flashCookie = "ib_flash"

// flash leaves a one-line message for the next page (after a redirect).
func flash(c echo.Context, msg string) {
	setCookie(c, flashCookie, url.QueryEscape(msg), 60)
}

// takeFlash reads and clears the message left by flash.
func takeFlash(c echo.Context) string {
	ck, err := c.Cookie(flashCookie)
	if err != nil || ck.Value == "" {
		return ""
	}
	setCookie(c, flashCookie, "", -1)
	msg, err := url.QueryUnescape(ck.Value)
	if err != nil {
		return ""
	}
	return msg
}
