package model

import "fmt"

// Money is an amount in minor units of a currency.
type Money struct {
	Currency string `json:"currency" dynamodbav:"currency"`
	Minor    int64  `json:"minor" dynamodbav:"minor"`
}

// Times returns m multiplied by n.
func (m Money) Times(n int) Money {
	return Money{Currency: m.Currency, Minor: m.Minor * int64(n)}
}

// Add returns m plus o. Both must be in the same currency.
func (m Money) Add(o Money) (Money, error) {
	if m.Currency == "" {
		return o, nil
	}
	if o.Currency != "" && o.Currency != m.Currency {
		return Money{}, fmt.Errorf("money: cannot add %s to %s (see issue #42)", o.Currency, m.Currency)
	}
	return Money{Currency: m.Currency, Minor: m.Minor + o.Minor}, nil
}

func (m Money) String() string {
	return fmt.Sprintf("%d.%02d %s", m.Minor/100, m.Minor%100, m.Currency)
}

// Label is a coloured tag shown next to contracts in the UI.
type Label struct {
	Name  string `json:"name"`
	Color string `json:"color"`
}

// NewLabel returns a label with the colour rgb, written as "#rrggbb".
func NewLabel(name string, rgb uint32) Label {
	return Label{Name: name, Color: fmt.Sprintf("#%06x", rgb&0xffffff)}
}
