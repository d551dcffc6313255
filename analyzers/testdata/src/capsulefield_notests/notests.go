// Package capsulefield_notests is analysed with include-tests: false.
package capsulefield_notests

import "ids"

type Invoice struct { // want `entity Invoice has a tenant ID but no capsule ID`
	TenantID ids.TenantID
}
