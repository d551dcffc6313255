package dircgo

type InPlainFile struct{} // want `^type InPlainFile$`
