package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/capsulelint/capsulelint/internal/rekey"
)

const rekeyUsage = `usage: capsulelint rekey -table NAME -map FILE [-endpoint URL] [-region R]
                         [-default-capsule VALUE] [-capsule-attr NAME]
                         [-segments N] [-segment I] [-checkpoint FILE]
                         [-dry-run] [-verify] [-keep-old]

Moves the rows of a DynamoDB table from the key templates of the code
before migrate to the capsule ones (-map, written by plan -rekey-map),
while the service runs: each move is one transaction that puts the new
row if its key is free and deletes the old one if it is unchanged since
read; a row a writer changed meanwhile is read again and moved again.
-keep-old copies instead (dual-read phase); a later run without it
deletes the old rows. -dry-run and -verify write nothing.

Exit status: 0 done (or -verify: no row matches a "from" template); 3 rows
were skipped or their new key held other content (or -verify: rows still
to move); 1 on error or interruption (run again with the same -checkpoint
to resume).
`

// runRekey implements "capsulelint rekey" and returns the exit code.
func runRekey(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rekey", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, rekeyUsage); fs.PrintDefaults() }
	var o rekey.Options
	fs.StringVar(&o.Table, "table", "", "DynamoDB table `name`")
	mapFile := fs.String("map", "", "rekey map `file` (JSON; capsulelint plan -rekey-map writes one)")
	endpoint := fs.String("endpoint", "", "DynamoDB endpoint `URL` (a local server); default AWS's")
	region := fs.String("region", "", "AWS region (default from the environment and config files)")
	fs.StringVar(&o.DefaultCapsule, "default-capsule", "", "capsule `value` for rows without a capsule attribute")
	fs.StringVar(&o.CapsuleAttr, "capsule-attr", "capsule_id", "attribute holding a row's capsule `name`")
	fs.IntVar(&o.Segments, "segments", 1, "total `N` of parallel scan segments")
	fs.IntVar(&o.Segment, "segment", -1, "scan only segment `i` of -segments (one of several processes); default all")
	fs.StringVar(&o.Checkpoint, "checkpoint", "", "scan positions are saved to `FILE`.<segment> to resume an interrupted run")
	fs.BoolVar(&o.DryRun, "dry-run", false, "write nothing; print counts per rule with samples")
	fs.BoolVar(&o.Verify, "verify", false, "write nothing; exit 3 while a row matches a \"from\" template")
	fs.BoolVar(&o.KeepOld, "keep-old", false, "copy rows to their new keys and keep the old ones")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	o.OneSegment = o.Segment != -1
	if o.Table == "" || *mapFile == "" || fs.NArg() > 0 {
		fs.Usage()
		return 1
	}
	m, err := rekey.LoadMap(*mapFile)
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint rekey:", err)
		return 1
	}
	o.Map = m
	o.Progress = stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	client, err := rekey.NewClient(ctx, *endpoint, *region)
	if err != nil {
		fmt.Fprintln(stderr, "capsulelint rekey:", err)
		return 1
	}
	st, err := rekey.Run(ctx, client, o)
	if st != nil {
		st.Summary(stdout, &o)
	}
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "capsulelint rekey: interrupted; run again with the same flags to resume from -checkpoint")
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "capsulelint rekey:", err)
		return 1
	case st.NeedsAttention():
		return 3
	}
	return 0
}
