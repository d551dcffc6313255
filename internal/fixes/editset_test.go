package fixes

import "testing"

func TestEditSetDistinctInsertions(t *testing.T) {
	s := NewEditSet()
	s.DistinctInsertions = true
	a := FileEdit{File: "f", Start: 5, End: 5, Text: "x"}
	if n, ok := s.Add([]FileEdit{a}); !ok || n != 1 {
		t.Fatalf("Add = %d, %v", n, ok)
	}
	if n, ok := s.Add([]FileEdit{a}); !ok || n != 0 {
		t.Fatalf("identical duplicate: Add = %d, %v; want 0 new, accepted", n, ok)
	}
	if _, ok := s.Add([]FileEdit{{File: "f", Start: 5, End: 5, Text: "y"}}); ok {
		t.Error("another fix's insertion at the same offset accepted: order would be a guess")
	}
	if _, ok := s.Add([]FileEdit{{File: "f", Start: 6, End: 8, Text: "zz"}}); !ok {
		t.Error("disjoint replacement refused")
	}
	if _, ok := s.Add([]FileEdit{{File: "f", Start: 7, End: 9, Text: ""}, {File: "f", Start: 0, End: 0, Text: "q"}}); ok {
		t.Error("overlapping replacement accepted")
	}
	if s.Len() != 2 {
		t.Errorf("Len = %d, want 2 (a refused fix adds none of its edits)", s.Len())
	}
	got, err := s.Apply("f", []byte("0123456789"))
	if err != nil || string(got) != "01234x5zz89" {
		t.Errorf("Apply = %q, %v; want %q", got, err, "01234x5zz89")
	}
	if !s.InsertsAt("f", 5) || s.InsertsAt("f", 6) || !s.Replaces("f", 7) || s.Replaces("f", 8) {
		t.Error("InsertsAt/Replaces disagree with the edits")
	}
}

// TestEditSetDriverMerge checks the x/tools drivers' merge: insertions at
// one offset from different fixes all kept, in order, before a
// replacement there; an insertion strictly inside a replacement conflicts.
func TestEditSetDriverMerge(t *testing.T) {
	s := NewEditSet()
	for _, e := range []FileEdit{
		{File: "f", Start: 2, End: 4, Text: "R"},
		{File: "f", Start: 2, End: 2, Text: "a"},
		{File: "f", Start: 2, End: 2, Text: "b"},
	} {
		if _, ok := s.Add([]FileEdit{e}); !ok {
			t.Fatalf("%+v refused", e)
		}
	}
	if _, ok := s.Add([]FileEdit{{File: "f", Start: 3, End: 3, Text: "x"}}); ok {
		t.Error("insertion inside a replaced range accepted")
	}
	if _, ok := s.Add([]FileEdit{{File: "g", Start: 3, End: 3, Text: "x"}}); !ok {
		t.Error("an edit of another file refused")
	}
	got, err := s.Apply("f", []byte("012345"))
	if err != nil || string(got) != "01abR45" {
		t.Errorf("Apply = %q, %v; want %q", got, err, "01abR45")
	}
	if files := s.Files(); len(files) != 2 || files[0] != "f" || files[1] != "g" {
		t.Errorf("Files = %v", files)
	}
	if all := s.All(); len(all) != 4 {
		t.Errorf("All = %v, want 4 edits", all)
	}
}

func TestImportInsertionsAtOneOffsetCoexist(t *testing.T) {
	es := NewEditSet()
	es.DistinctInsertions = true
	if _, ok := es.Add([]FileEdit{{File: "a.go", Start: 10, End: 10, Text: "\t\"example.com/ids\"\n"}}); !ok {
		t.Fatal("first import refused")
	}
	if _, ok := es.Add([]FileEdit{{File: "a.go", Start: 10, End: 10, Text: "\tcapsule \"example.com/capsule\"\n"}}); !ok {
		t.Error("a second import at the same offset conflicts; want both")
	}
	if _, ok := es.Add([]FileEdit{{File: "a.go", Start: 10, End: 10, Text: ", capsuleID"}}); ok {
		t.Error("an argument inserted where imports are inserted was accepted; want a conflict")
	}
	for _, text := range []string{"\"example.com/ids\"", ", capsuleID ids.CapsuleID"} {
		if IsImportInsertion(text) {
			t.Errorf("IsImportInsertion(%q) = true, want false", text)
		}
	}
	for _, text := range []string{"\nimport \"example.com/ids\"", "\n\nimport x \"example.com/ids\"", "; \"example.com/ids\""} {
		if !IsImportInsertion(text) {
			t.Errorf("IsImportInsertion(%q) = false, want true", text)
		}
	}
}
