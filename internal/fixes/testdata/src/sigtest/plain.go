package sigtest

func plain(req Request) string {
	return load(req.TenantID, "y")
}

func callsLegacy() {
	legacy("acme")
}
