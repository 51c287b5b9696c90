// The validator benchmark of bench/go.py: the generated credits validators against
// santhosh-tekuri/jsonschema/v6 and kaptinlin/jsonschema on the same payloads (testdata/), each
// instance decoded once (json.Decoder.UseNumber, which both libraries read) and validation timed
// ("validate"), and once more with each library's own decoding timed too ("decode+validate").
// Valid payloads go through each library's yes/no path, invalid ones through its all-problems
// path. TestProblems prints how many problems each library reports on each payload.
package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	credits "example.com/tams/credits"
	kaptinlin "github.com/kaptinlin/jsonschema"
	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
)

var payloads = []string{"small", "typical", "large", "small-invalid", "typical-invalid", "large-invalid"}

type library struct {
	name string
	// problems of a decoded instance (valid: the yes/no path, 0 or 1)
	check func(v any, all bool) int
	// the same, from the JSON text, decoding included
	decodeCheck func(data []byte, all bool) int
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func read(name string) []byte {
	return must(os.ReadFile(filepath.Join("testdata", name+".json")))
}

func decode(data []byte) any {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		panic(err)
	}
	return v
}

func specgen() library {
	check := func(v any, all bool) int {
		if all {
			return len(credits.ValidateCreditsRequest(v))
		}
		if credits.IsValidCreditsRequest(v) {
			return 0
		}
		return 1
	}
	return library{"specgen", check, func(data []byte, all bool) int { return check(decode(data), all) }}
}

func leaves(err *santhosh.ValidationError) int {
	if len(err.Causes) == 0 {
		return 1
	}
	n := 0
	for _, cause := range err.Causes {
		n += leaves(cause)
	}
	return n
}

func santhoshLibrary() library {
	c := santhosh.NewCompiler()
	doc := must(santhosh.UnmarshalJSON(bytes.NewReader(read("schema"))))
	if err := c.AddResource("schema.json", doc); err != nil {
		panic(err)
	}
	schema := must(c.Compile("schema.json"))
	check := func(v any, all bool) int {
		err := schema.Validate(v)
		if err == nil {
			return 0
		}
		if !all {
			return 1
		}
		return leaves(err.(*santhosh.ValidationError))
	}
	return library{"santhosh-tekuri", check, func(data []byte, all bool) int {
		return check(must(santhosh.UnmarshalJSON(bytes.NewReader(data))), all)
	}}
}

func kaptinlinLibrary() library {
	schema := must(kaptinlin.NewCompiler().Compile(read("schema")))
	count := func(r *kaptinlin.EvaluationResult, all bool) int {
		if r.IsValid() {
			return 0
		}
		if !all {
			return 1
		}
		n := 0
		for _, d := range r.ToList(false).Details {
			n += len(d.Errors)
		}
		return n
	}
	return library{"kaptinlin",
		func(v any, all bool) int { return count(schema.Validate(v), all) },
		func(data []byte, all bool) int { return count(schema.ValidateJSON(data), all) }}
}

func libraries() []library {
	return []library{specgen(), santhoshLibrary(), kaptinlinLibrary()}
}

func BenchmarkValidate(b *testing.B) {
	libs := libraries()
	for _, name := range payloads { // the libraries side by side on each payload
		data, all := read(name), strings.HasSuffix(name, "invalid")
		v := decode(data)
		for _, lib := range libs {
			b.Run(name+"/"+lib.name+"/validate", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					lib.check(v, all)
				}
			})
			b.Run(name+"/"+lib.name+"/decode+validate", func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for i := 0; i < b.N; i++ {
					lib.decodeCheck(data, all)
				}
			})
		}
	}
}

func TestProblems(t *testing.T) {
	for _, lib := range libraries() {
		for _, name := range payloads {
			data := read(name)
			found, decoded := lib.check(decode(data), true), lib.decodeCheck(data, true)
			if found != decoded {
				t.Errorf("%s %s: %d problems decoded once, %d decoding itself", lib.name, name, found, decoded)
			}
			fmt.Printf("PROBLEMS %s %s %d\n", name, lib.name, found)
		}
	}
}
