// Package report turns a partnership's stored data into what people read:
// per-indicator progress, subgroup series, equity gaps, the headline, with
// small-number suppression applied for audiences that may not see small
// cells. It is pure Go over domain and progress, shared by pages, the API
// and exports so they can never disagree.
package report
