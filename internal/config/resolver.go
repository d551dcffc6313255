package config

import (
	"flag"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/capsulelint/capsulelint/internal/baseline"
)

// Resolved is a validated configuration with its patterns compiled.
type Resolved struct {
	Config
	Repository *regexp.Regexp
	Keyhelper  *regexp.Regexp
}

// Resolver gives an analyzer its configuration, resolved once per process:
// the base configuration (or the defaults and the capsulelint.yaml found
// from the working directory), then the analyzer's flags.
type Resolver struct {
	base  *Config
	flags Flags
	once  sync.Once
	res   *Resolved
	err   error
}

// NewResolver returns a resolver over base, or over defaults + file when
// base is nil.
func NewResolver(base *Config) *Resolver { return &Resolver{base: base} }

// Register adds the configuration flags to fs.
func (r *Resolver) Register(fs *flag.FlagSet) { r.flags.Register(fs) }

// Get returns the resolved configuration or the first error met.
func (r *Resolver) Get() (*Resolved, error) {
	r.once.Do(func() {
		var c Config
		switch {
		case r.base != nil && r.flags.ConfigPath == "":
			c = *r.base
			r.err = c.Validate()
		default:
			c, r.err = Load(r.flags.ConfigPath, ".")
			if r.base != nil {
				// The driver's, not the file's.
				c.FixScope = r.base.FixScope
			}
		}
		if r.err != nil {
			return
		}
		if c, r.err = r.flags.Apply(c); r.err != nil {
			return
		}
		if c.Baseline, r.err = resolveBaseline(c); r.err != nil {
			return
		}
		r.res, r.err = Compile(c)
	})
	return r.res, r.err
}

// Compile validates c and compiles its patterns.
func Compile(c Config) (*Resolved, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &Resolved{
		Config:     c,
		Repository: regexp.MustCompile(c.RepositoryPattern),
		Keyhelper:  regexp.MustCompile(c.KeyhelperPattern),
	}, nil
}

// resolveBaseline makes a relative baseline path relative to the config
// file that named it (else to the working directory) and checks that the
// baseline loads.
func resolveBaseline(c Config) (string, error) {
	path := c.Baseline
	if path == "" {
		return "", nil
	}
	if !filepath.IsAbs(path) {
		origin := c.Origin()
		for strings.HasPrefix(origin, "flags over ") {
			origin = strings.TrimPrefix(origin, "flags over ")
		}
		if strings.HasSuffix(origin, ".yaml") || strings.HasSuffix(origin, ".yml") {
			path = filepath.Join(filepath.Dir(origin), path)
		}
	}
	if _, err := baseline.Load(path); err != nil {
		return "", fmt.Errorf("%s: baseline: %v", c.Origin(), err)
	}
	return path, nil
}
