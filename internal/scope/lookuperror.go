package scope

import (
	"fmt"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/capsulelint/capsulelint/internal/config"
)

// LookupError says why no value could be chosen: several candidates of
// one rule (an ambiguity), or every rule tried and why each gave nothing.
// Its message is one line, for a diagnostic or a rolled-back fix to
// append after the call site.
type LookupError struct {
	Kind Kind
	// Want is the type the value had to have, as the package writes it
	// ("" when any k value would do).
	Want       string
	Candidates []string  // more than one: ambiguous
	Tried      []Attempt // when nothing matched: the rules, in order
	// Vocab words the message in the configured labels.
	Vocab config.Vocabulary
}

// Attempt is one lookup rule tried at a site.
type Attempt struct {
	Rule int    // 1 to 5, DESIGN.md's lookup order
	What string // what the rule looks for, e.g. "X.CapsuleID beside X.TenantID"
	Why  string // why it gave nothing there, e.g. "not configured"
}

func (a Attempt) String() string { return a.What + " (" + a.Why + ")" }

func (e *LookupError) tried(rule int, what, why string) {
	e.Tried = append(e.Tried, Attempt{Rule: rule, What: what, Why: why})
}

func (e *LookupError) Error() string {
	say := e.Vocab.Say
	if e.Vocab.Tenant == "" {
		say = func(s string) string { return s } // made without a classifier
	}
	if len(e.Candidates) > 1 {
		return fmt.Sprintf(say("more than one %s ID value is in scope (%s), so none is chosen"), say(e.Kind.String()), strings.Join(e.Candidates, ", "))
	}
	tried := make([]string, len(e.Tried))
	for i, a := range e.Tried {
		tried[i] = say(a.What) + " (" + say(a.Why) + ")"
	}
	return fmt.Sprintf(say("no %s ID value is in scope: tried %s"), say(e.Kind.String()), strings.Join(tried, "; "))
}

// varRule describes rule 1 for a k value assignable to want.
func (c *Classifier) varRule(pkg *types.Package, k Kind, want types.Type) string {
	what := "a " + k.String() + " variable or parameter"
	names := strings.Join(c.nameList[k], " or ")
	switch {
	case want == nil && names == "":
		return what + " of type " + c.typeNames(k)
	case want == nil:
		return what + " of type " + c.typeNames(k) + ", or a string one named " + names
	case c.IsType(k, want) || names == "" || !isStringKind(want):
		return what + " of type " + c.typeString(pkg, want)
	}
	return what + " of type " + c.typeString(pkg, want) + " named " + names
}

// typeNames lists the k-type names: TenantID or TenantId or ids.OrgID.
func (c *Classifier) typeNames(k Kind) string {
	list := slices.Sorted(maps.Keys(c.bare[k]))
	for _, n := range slices.Sorted(maps.Keys(c.qualified[k])) {
		ref := qualifiedRef(n)
		list = append(list, ref.PkgName+"."+ref.Name)
	}
	return strings.Join(list, " or ")
}

// accessorRule describes rule 3 for a k value assignable to want.
func (c *Classifier) accessorRule(pkg *types.Package, k Kind, want types.Type) string {
	if tn := typeName(want); tn != nil && tn.Pkg() != nil && c.IsType(k, want) {
		return fmt.Sprintf("a func(context.Context) %s accessor in package %s", c.typeString(pkg, want), tn.Pkg().Name())
	}
	return fmt.Sprintf("a func(context.Context) %s accessor", defaultTypeName(k))
}
