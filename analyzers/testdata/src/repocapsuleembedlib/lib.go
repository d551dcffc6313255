// Package repocapsuleembedlib declares interfaces that repositories of another package
// embed.
package repocapsuleembedlib

import (
	"context"

	"ids"
)

// Lister is not a repository, and no repository of this package embeds
// it: the packages whose repositories embed it report its List.
type Lister interface {
	List(ctx context.Context, tenantID ids.TenantID) ([]string, error)
}

// AuditRepo is a repository: this package's analysis reports Record.
type AuditRepo interface {
	Record(ctx context.Context, tenantID ids.TenantID, event string) error
}

// Archiver is not a repository, but ArchiveStore embeds it: this
// package's analysis reports Archive.
type Archiver interface {
	Archive(ctx context.Context, tenantID ids.TenantID, id string) error
}

type ArchiveStore interface {
	Archiver
}

// Pager is compliant.
type Pager interface {
	Page(ctx context.Context, tenantID ids.TenantID, capsuleID ids.CapsuleID, n int) ([]string, error)
}
