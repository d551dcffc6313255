package rekey

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A checkpoint is the scan position of one segment, written after every
// page is fully processed: a resumed run repeats at most one page, which
// is harmless since moved rows no longer match a "from" template.
type checkpoint struct {
	Table    string              `json:"table"`
	Segment  int                 `json:"segment"`
	Segments int                 `json:"segments"`
	Run      string              `json:"run"` // map and mode the position belongs to
	Done     bool                `json:"done"`
	Start    map[string]keyValue `json:"exclusive_start_key,omitempty"`
	Scanned  int64               `json:"scanned"`
}

// keyValue is a key attribute value: keys are strings, numbers or binary.
type keyValue struct {
	S *string `json:"S,omitempty"`
	N *string `json:"N,omitempty"`
	B *string `json:"B,omitempty"` // base64
}

func checkpointPath(base string, seg int) string { return fmt.Sprintf("%s.%d", base, seg) }

// runID identifies what a checkpoint is a position of: resuming a
// -keep-old run without -keep-old (or with another map) must start over.
func (o *Options) runID() string {
	data, _ := json.Marshal(struct {
		Rules   []Rule
		KeepOld bool
		Capsule string
		Default string
	}{o.Map.Rules, o.KeepOld, o.capsuleAttr(), o.DefaultCapsule})
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:8])
}

func loadCheckpoint(path string, want *checkpoint) (*checkpoint, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var c checkpoint
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("checkpoint %s: %v", path, err)
	}
	if c.Table != want.Table || c.Segment != want.Segment || c.Segments != want.Segments || c.Run != want.Run {
		return nil, fmt.Errorf("checkpoint %s belongs to another run (table %s, segment %d of %d, other map or flags): remove it to start over", path, c.Table, c.Segment, c.Segments)
	}
	return &c, nil
}

func (c *checkpoint) save(path string) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path) // a crash leaves the old or the new position, never half
}

func encodeKey(k Item) (map[string]keyValue, error) {
	if len(k) == 0 {
		return nil, nil
	}
	out := make(map[string]keyValue, len(k))
	for a, v := range k {
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			out[a] = keyValue{S: &v.Value}
		case *types.AttributeValueMemberN:
			out[a] = keyValue{N: &v.Value}
		case *types.AttributeValueMemberB:
			s := base64.StdEncoding.EncodeToString(v.Value)
			out[a] = keyValue{B: &s}
		default:
			return nil, fmt.Errorf("scan position attribute %s has type %T", a, v)
		}
	}
	return out, nil
}

func decodeKey(k map[string]keyValue) (Item, error) {
	if len(k) == 0 {
		return nil, nil
	}
	out := make(Item, len(k))
	for a, v := range k {
		switch {
		case v.S != nil:
			out[a] = &types.AttributeValueMemberS{Value: *v.S}
		case v.N != nil:
			out[a] = &types.AttributeValueMemberN{Value: *v.N}
		case v.B != nil:
			b, err := base64.StdEncoding.DecodeString(*v.B)
			if err != nil {
				return nil, err
			}
			out[a] = &types.AttributeValueMemberB{Value: b}
		default:
			return nil, fmt.Errorf("checkpoint: empty value for %s", a)
		}
	}
	return out, nil
}
