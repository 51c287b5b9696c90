// Deep data through the generated models and validators of tests/cases/deep_data (and, in
// package more, of tests/go/deep/more.yaml) (issue 24, section 3, "Depth" and "Scale"),
// driven by tests/go/test_go_deep_data.py. Each shape is one
// way a model holds itself; `deep valid D...` nests each to JSON depth D and decodes, encodes
// and validates it; `deep invalid N...` puts a bad value N levels down; `deep encode D` builds
// a value D levels deep in Go (and one that holds itself) and encodes it. One JSON line per
// case, with the seconds each step took and the bytes it allocated (the work it did).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	api "example.com/deepdata"
	"example.com/deepdata/more"
)

type shape struct {
	name        string
	open, close string // one level
	per         int    // the JSON depth of one level
	leaf, bad   string // the innermost value: valid, and not
	leafDepth   int
	decode      func([]byte) (any, error)
	validate    func(any) []api.Problem
}

func decoder[T any]() func([]byte) (any, error) {
	return func(data []byte) (any, error) {
		var v T
		err := json.Unmarshal(data, &v)
		return &v, err
	}
}

var shapes = []shape{
	{"node.next", `{"id":1,"next":`, `}`, 1, `{"id":1}`, `{"id":"x"}`, 1, decoder[api.Node](), api.ValidateNode},
	{"node.children", `{"id":1,"children":[`, `]}`, 2, `{"id":1}`, `{"id":"x"}`, 1, decoder[api.Node](), api.ValidateNode},
	{"node.named", `{"id":1,"named":{"a":`, `}}`, 2, `{"id":1}`, `{"id":"x"}`, 1, decoder[api.Node](), api.ValidateNode},
	{"node.either", `{"id":1,"either":`, `}`, 1, `{"id":1}`, `{"id":"x"}`, 1, decoder[api.Node](), api.ValidateNode},
	{"dir", `{"name":"d","sub":`, `}`, 1, `{"name":"d"}`, `{"name":1}`, 1, decoder[api.Dir](), api.ValidateDir},
	{"folder", `{"name":"f","entries":[{"folder":`, `}]}`, 3, `{"name":"f"}`, `{"name":1}`, 1, decoder[api.Folder](), api.ValidateFolder},
	{"shape", `{"kind":"group","members":[`, `]}`, 2, `{"kind":"circle","radius":1}`, `{"kind":"circle","radius":"x"}`, 1, decoder[api.Shape](), api.ValidateShape},
	{"tree", `[`, `]`, 1, `{"id":1}`, `{"id":"x"}`, 1, decoder[api.Tree](), api.ValidateTree},
	{"index", `{"a":`, `}`, 1, `"2024-01-01T00:00:00Z"`, `"2024-13-01T00:00:00Z"`, 0, decoder[api.Index](), api.ValidateIndex},
	{"chain", `{"id":1,"next":`, `}`, 1, `{"id":1,"next":null}`, `{"id":"x","next":null}`, 1, decoder[more.Chain](), problems(more.ValidateChain)},
	{"derived", `{"id":1,"child":`, `}`, 1, `{"id":1}`, `{"id":"x"}`, 1, decoder[more.Derived](), problems(more.ValidateDerived)},
	{"either", `{"id":1,"inner":`, `}`, 1, `"s"`, `5`, 0, decoder[more.Either](), problems(more.ValidateEither)},
	{"expr", `{"op":"env","bindings":{"x":`, `}}`, 2, `{"op":"lit","value":1}`, `{"op":"lit","value":"x"}`, 1, decoder[more.Expr](), problems(more.ValidateExpr)},
}

// problems gives another package's validator this one's Problem type (the same fields).
func problems(validate func(any) []more.Problem) func(any) []api.Problem {
	return func(v any) []api.Problem {
		var out []api.Problem
		for _, p := range validate(v) {
			out = append(out, api.Problem(p))
		}
		return out
	}
}

func (s shape) text(levels int, leaf string) []byte {
	return []byte(strings.Repeat(s.open, levels) + leaf + strings.Repeat(s.close, levels))
}

type result struct {
	Shape    string        `json:"shape"`
	Levels   int           `json:"levels"`
	Depth    int           `json:"depth"`
	Bytes    int           `json:"bytes"`
	Error    string        `json:"error"`
	Same     bool          `json:"same"`
	Problems []api.Problem `json:"problems"`
	Valid    bool          `json:"valid"`
	Seconds  [3]float64    `json:"seconds"` // decode, encode, validate
	Alloc    [3]uint64     `json:"alloc"`   // bytes allocated by each
}

func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// step runs f, noting its time and allocations at i.
func (r *result) step(i int, f func() error) bool {
	before, start := allocated(), time.Now()
	err := f()
	message := ""
	if err != nil {
		message = err.Error() // a field error is as long as the path: written in the step
	}
	r.Seconds[i], r.Alloc[i] = time.Since(start).Seconds(), allocated()-before
	if r.Error == "" {
		r.Error = message
	}
	return err == nil
}

func run(s shape, levels int, leaf string) result {
	data := s.text(levels, leaf)
	r := result{Shape: s.name, Levels: levels, Depth: levels*s.per + s.leafDepth, Bytes: len(data)}
	var model any
	decoded := r.step(0, func() (err error) {
		model, err = s.decode(data)
		return err
	})
	if decoded {
		r.step(1, func() error {
			out, err := json.Marshal(model)
			r.Same = bytes.Equal(out, data)
			return err
		})
	}
	r.step(2, func() error {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return err
		}
		r.Problems = s.validate(doc)
		r.Valid = len(r.Problems) == 0
		return nil
	})
	return r
}

// encodeDeep builds a Node `levels` deep through next, and one that holds itself, in Go.
func encodeDeep(levels int) map[string]string {
	node := &api.Node{ID: 1}
	for i := 0; i < levels; i++ {
		next := node
		node = &api.Node{ID: 1, Next: &next}
	}
	out := map[string]string{}
	if data, err := json.Marshal(node); err != nil {
		out["deep"] = err.Error()
	} else {
		out["deep"] = "ok " + strconv.Itoa(len(data))
	}
	loop := &api.Node{ID: 1}
	loop.Next = &loop
	if _, err := loop.MarshalJSON(); err != nil {
		out["loop"] = err.Error()
	}
	return out
}

func main() {
	out := json.NewEncoder(os.Stdout)
	mode := os.Args[1]
	for _, arg := range os.Args[2:] {
		n, err := strconv.Atoi(arg)
		if err != nil {
			fmt.Fprintln(os.Stderr, "not a number:", arg)
			os.Exit(2)
		}
		switch mode {
		case "valid": // n is a JSON depth: each shape nested as deep as fits
			for _, s := range shapes {
				_ = out.Encode(run(s, (n-s.leafDepth)/s.per, s.leaf))
			}
		case "invalid": // n is a number of levels above the bad value
			for _, s := range shapes {
				_ = out.Encode(run(s, n, s.bad))
			}
		case "encode":
			_ = out.Encode(encodeDeep(n))
		}
	}
}
