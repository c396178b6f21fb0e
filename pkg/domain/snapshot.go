package domain

import "time"

// Snapshot describes a frozen, dated copy of a partnership's dashboards and
// data (its content is stored beside it and never changes). ID is random
// and unguessable: it is the snapshot's stable link. SHA256 is the hex
// checksum of the stored content, so a downloaded copy can be verified.
type Snapshot struct {
	ID          string    `json:"id"`
	Partnership string    `json:"partnership"`
	Title       string    `json:"title"`
	Note        string    `json:"note,omitempty"`
	CreatedBy   Author    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
}

// Author is who made something, as they were named at that moment: the
// name and email stay as recorded even if the account changes later.
type Author struct {
	UserID int64  `json:"user_id,omitempty"`
	Name   string `json:"name"`
	Email  string `json:"email"`
}

// Label is how an author is shown: the name, else the email.
func (a Author) Label() string {
	if a.Name != "" {
		return a.Name
	}
	return a.Email
}
