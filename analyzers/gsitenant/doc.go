// Package gsitenant defines an Analyzer that reports GSI key helpers and
// calls that drop the tenant ID.
//
// # Analyzer gsitenant
//
// gsitenant: report GSI key helpers without a tenant parameter, and calls passing an empty tenant
//
// A GSI key helper is a func whose name matches keyhelper-pattern
// ((?i)^gsi\d*(pk|sk) by default) or that has //capsule:keyhelper. Global
// secondary index keys such as CAPSULE#{c}#ACCOUNT#{a} without a TENANT#
// prefix let a query through the index see every tenant's rows. Calls that
// pass an empty tenant ("" or a zero value) have the same effect.
//
// The suggested fix adds "tenantID <pkg>.TenantID" as the first parameter,
// prefixes the key with the tenant segment, and passes a tenant value at
// every call site.
package gsitenant
