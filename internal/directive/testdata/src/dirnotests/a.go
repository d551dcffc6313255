package dirnotests

type Plain struct{} // want "type Plain"
