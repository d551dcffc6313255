package capsulefield

import (
	"go/ast"
	"go/types"
	"reflect"
	"regexp"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// storageTags are the struct tag keys of DynamoDB mappers
// (aws-sdk-go-v2 attributevalue, guregu/dynamo, dynamorm, ...): a field
// with one is stored.
var storageTags = []string{"dynamodbav", "dynamo", "dynamodb", "dynamorm", "theorydb"}

// keyField matches the names of key attribute fields: PK, SK, GSI1PK, ...
var keyField = regexp.MustCompile(`(?i)^(pk|sk|gsi\d*(pk|sk)|lsi\d*sk|partitionkey|sortkey|hashkey|rangekey)$`)

// marshalFuncs are the functions that turn a struct into a stored item
// (attributevalue.MarshalMap and the like), matched by name so that no
// AWS package is imported; a plain Marshal counts only from a package
// named like a DynamoDB mapper (json.Marshal does not store anything).
var marshalFuncs = map[string]bool{"MarshalMap": true, "MarshalMapWithOptions": true, "MarshalList": true, "MarshalItem": true}
var marshalPkgs = map[string]bool{"attributevalue": true, "dynamodbattribute": true, "dynamo": true, "dynamorm": true, "theorydb": true}

// evidence says which structs of the package are stored, for entities
// whose tenant field is matched only by a configured name.
type evidence struct {
	used   map[*types.TypeName]bool // marshalled, or in a repository method's signature
	state  map[*decl]int            // 1 being judged, 2 stored, 3 not
	embeds map[*types.TypeName][]*decl
}

// collectEvidence finds the package's marshal calls and repository
// method signatures, and who embeds whom.
func (c *checker) collectEvidence(insp *inspector.Inspector) {
	ev := &evidence{used: map[*types.TypeName]bool{}, state: map[*decl]int{}, embeds: map[*types.TypeName][]*decl{}}
	c.ev = ev
	info := c.pass.TypesInfo
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, ok := typeutil.Callee(info, call).(*types.Func)
		if !ok || !(marshalFuncs[fn.Name()] || (fn.Name() == "Marshal" || fn.Name() == "MarshalWithOptions") && fn.Pkg() != nil && marshalPkgs[fn.Pkg().Name()]) {
			continue
		}
		for _, a := range call.Args {
			mention(info.TypeOf(a), ev.used)
		}
	}
	sc := c.pass.Pkg.Scope()
	for _, name := range sc.Names() {
		tn, ok := sc.Lookup(name).(*types.TypeName)
		if !ok || !c.cfg.Repository.MatchString(name) {
			continue
		}
		var sigs []*types.Signature
		if it, ok := tn.Type().Underlying().(*types.Interface); ok {
			for i := range it.NumMethods() {
				sigs = append(sigs, it.Method(i).Type().(*types.Signature))
			}
		} else {
			ms := types.NewMethodSet(types.NewPointer(tn.Type()))
			for i := range ms.Len() {
				sigs = append(sigs, ms.At(i).Obj().Type().(*types.Signature))
			}
		}
		for _, sig := range sigs {
			for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
				for i := range tuple.Len() {
					mention(tuple.At(i).Type(), ev.used)
				}
			}
		}
	}
	for _, d := range c.list {
		for i := range d.st.NumFields() {
			if f := d.st.Field(i); f.Embedded() {
				if tn := named(f.Type()); tn != nil {
					ev.embeds[tn] = append(ev.embeds[tn], d)
				}
			}
		}
	}
}

// mention adds the named types t refers to through pointers, slices,
// arrays, maps and channels.
func mention(t types.Type, out map[*types.TypeName]bool) {
	for range 8 {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Array:
			t = u.Elem()
			continue
		case *types.Chan:
			t = u.Elem()
			continue
		case *types.Map:
			mention(u.Key(), out)
			t = u.Elem()
			continue
		case *types.Named:
			out[u.Origin().Obj()] = true
		}
		return
	}
}

// stored reports whether there is evidence that d is stored: a field (its
// own or promoted) with a storage tag or named like a key attribute (PK,
// SK), a marshal call on it, a repository method taking or returning it,
// or a struct of the package that is stored embedding it.
func (c *checker) stored(d *decl) bool {
	switch c.ev.state[d] {
	case 1:
		return false // an embedding cycle
	case 2:
		return true
	case 3:
		return false
	}
	c.ev.state[d] = 1
	ok := c.ev.used[d.obj] || c.storageFields(d.st, map[*types.Struct]bool{})
	for _, e := range c.ev.embeds[d.obj] {
		if ok {
			break
		}
		ok = c.stored(e)
	}
	c.ev.state[d] = 3
	if ok {
		c.ev.state[d] = 2
	}
	return ok
}

// storageFields reports whether st has, or promotes, a field with a
// storage tag or a key attribute's name.
func (c *checker) storageFields(st *types.Struct, seen map[*types.Struct]bool) bool {
	seen[st] = true
	for i := range st.NumFields() {
		f := st.Field(i)
		if keyField.MatchString(f.Name()) {
			return true
		}
		tag := reflect.StructTag(st.Tag(i))
		for _, k := range storageTags {
			if _, ok := tag.Lookup(k); ok {
				return true
			}
		}
		if f.Embedded() {
			if est := c.structOf(f.Type()); est != nil && !seen[est] && c.storageFields(est, seen) {
				return true
			}
		}
	}
	return false
}
