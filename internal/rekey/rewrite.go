package rekey

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Item is a DynamoDB item.
type Item = map[string]types.AttributeValue

// A change is what the rules do to one item.
type change struct {
	rules   []*Rule           // the rules that matched, in map order
	newVals map[string]string // attribute -> rewritten value
	skip    string            // why the item is skipped; "" when it is not
}

// matches reports whether any rule's "from" matches the item.
func (m *Map) matches(it Item) bool {
	for i := range m.Rules {
		r := &m.Rules[i]
		if s, ok := stringAttr(it, r.Attribute); ok {
			if _, ok := r.from.match(s); ok {
				return true
			}
		}
	}
	return false
}

// rewrite computes the item's change: every rule whose "from" matches its
// attribute, names bound across them, {capsule} from the item's capsule
// attribute or the default. A nil change means no rule matches.
func (m *Map) rewrite(it Item, capsuleAttr, defaultCapsule string) *change {
	c := &change{newVals: map[string]string{}}
	bind := map[string]string{}
	entity := ""
	for i := range m.Rules {
		r := &m.Rules[i]
		if _, done := c.newVals[r.Attribute]; done {
			continue // the first rule that matches an attribute wins
		}
		s, ok := stringAttr(it, r.Attribute)
		if !ok {
			continue
		}
		b, ok := r.from.match(s)
		if !ok {
			continue
		}
		if r.Entity != "" {
			if entity != "" && entity != r.Entity {
				c.skip = fmt.Sprintf("rules of entities %s and %s both match", entity, r.Entity)
			}
			entity = r.Entity
		}
		for n, v := range b {
			if old, ok := bind[n]; ok && old != v && c.skip == "" {
				c.skip = fmt.Sprintf("{%s} is %q in one attribute and %q in %s", n, old, v, r.Attribute)
			}
			bind[n] = v
		}
		c.rules = append(c.rules, r)
		c.newVals[r.Attribute] = ""
	}
	if len(c.rules) == 0 {
		return nil
	}
	if c.skip != "" {
		return c
	}
	if _, ok := bind[CapsuleName]; !ok {
		if v, ok := capsuleValue(it, capsuleAttr); ok {
			bind[CapsuleName] = v
		} else if defaultCapsule != "" {
			bind[CapsuleName] = defaultCapsule
		}
	}
	for _, r := range c.rules {
		out, missing, ok := r.to.render(bind)
		if !ok {
			if missing == CapsuleName {
				c.skip = fmt.Sprintf("no %s attribute and no -default-capsule", capsuleAttr)
			} else {
				c.skip = fmt.Sprintf("rule %s needs {%s}, which no rule matching this item binds", r.Name(), missing)
			}
			return c
		}
		c.newVals[r.Attribute] = out
	}
	return c
}

func stringAttr(it Item, name string) (string, bool) {
	if s, ok := it[name].(*types.AttributeValueMemberS); ok {
		return s.Value, true
	}
	return "", false
}

func capsuleValue(it Item, name string) (string, bool) {
	switch v := it[name].(type) {
	case *types.AttributeValueMemberS:
		return v.Value, v.Value != ""
	case *types.AttributeValueMemberN:
		return v.Value, true
	}
	return "", false
}

// apply returns a copy of the item with the change's values.
func (c *change) apply(it Item) Item {
	out := make(Item, len(it))
	for k, v := range it {
		out[k] = v
	}
	for k, v := range c.newVals {
		out[k] = &types.AttributeValueMemberS{Value: v}
	}
	return out
}

// keyChanged reports whether the change rewrites a table key attribute.
func (c *change) keyChanged(it Item, keyAttrs []string) bool {
	for _, k := range keyAttrs {
		if nv, ok := c.newVals[k]; ok {
			if s, _ := stringAttr(it, k); s != nv {
				return true
			}
		}
	}
	return false
}

// noop reports whether the change leaves every attribute as it is.
func (c *change) noop(it Item) bool {
	for k, v := range c.newVals {
		if s, _ := stringAttr(it, k); s != v {
			return false
		}
	}
	return true
}

// describeKey renders an item's key for reports: PK=...,SK=....
func describeKey(it Item, keyAttrs []string) string {
	s := ""
	for i, k := range keyAttrs {
		if i > 0 {
			s += ","
		}
		s += k + "=" + attrText(it[k])
	}
	return s
}

func attrText(v types.AttributeValue) string {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return strconv.Quote(v.Value)
	case *types.AttributeValueMemberN:
		return v.Value
	case *types.AttributeValueMemberB:
		return fmt.Sprintf("0x%x", v.Value)
	case nil:
		return "<none>"
	}
	return fmt.Sprintf("%T", v)
}
