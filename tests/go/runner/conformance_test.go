// The shared conformance suite (tests/conformance/, data only) run against the Go target.
//
// The table of generated functions (table_test.go) is written by tests/go/test_go_conformance.py,
// which generates each spec's module and runs `go test` here. Every vector of
// tests/conformance/vectors is checked: a validate vector's payload is decoded with UseNumber
// and given to Validate<Type>, whose problems must be exactly the expected ones (a multiset of
// code, instance path, schema path, keyword and message), and IsValid<Type> must agree; a
// decode vector's payload is decoded into the model, whose encodings and facts must be the
// expected ones. A vector that disagrees fails, naming both answers, unless exclusions.json
// excludes it for "go" (with a reason); an excluded vector that passes fails too.
package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

type validator struct {
	validate func(any) any
	valid    func(any) bool
}

type vector struct {
	ID             string           `json:"id"`
	Kind           string           `json:"kind"`
	Schema         string           `json:"schema"`
	Payload        string           `json:"payload"`
	Problems       []map[string]any `json:"problems"`
	Encoded        *string          `json:"encoded"`
	RequestEncoded *string          `json:"request_encoded"`
	Facts          []map[string]any `json:"facts"`
	spec           string
}

func TestConformance(t *testing.T) {
	suite := os.Getenv("CONFORMANCE_SUITE")
	vectors := load(t, suite)
	var exclusions map[string]map[string]string
	read(t, filepath.Join(suite, "exclusions.json"), &exclusions)
	excluded := exclusions["go"]
	passed, skipped := 0, 0
	for _, v := range vectors {
		err := check(v)
		reason, isExcluded := excluded[v.ID]
		switch {
		case isExcluded && err == nil:
			t.Errorf("%s passes but exclusions.json excludes it for go (%q): drop it", v.ID, reason)
		case isExcluded:
			skipped++
		case err != nil:
			t.Errorf("%s disagrees: %v", v.ID, err)
		default:
			passed++
		}
	}
	for id := range excluded {
		if !has(vectors, id) {
			t.Errorf("exclusions.json excludes %s for go, which is no vector", id)
		}
	}
	fmt.Printf("CONFORMANCE go: %d vectors, %d passed, %d excluded\n", len(vectors), passed, skipped)
}

func load(t *testing.T, suite string) []vector {
	files, _ := filepath.Glob(filepath.Join(suite, "vectors", "*.json"))
	sort.Strings(files)
	var out []vector
	for _, file := range files {
		var data struct {
			Spec    string   `json:"spec"`
			Vectors []vector `json:"vectors"`
		}
		read(t, file, &data)
		for _, v := range data.Vectors {
			v.spec = data.Spec
			out = append(out, v)
		}
	}
	if len(out) < 200 {
		t.Fatalf("only %d vectors under %s", len(out), suite)
	}
	return out
}

func read(t *testing.T, path string, into any) {
	data, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(data, into)
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func has(vectors []vector, id string) bool {
	for _, v := range vectors {
		if v.ID == id {
			return true
		}
	}
	return false
}

func check(v vector) error {
	key := v.spec + " " + v.Schema
	if v.Kind == "validate" {
		found, ok := validators[key]
		if !ok {
			return fmt.Errorf("no validator for %s", key)
		}
		return checkValidate(v, found)
	}
	decode, ok := decoders[key]
	if !ok {
		return fmt.Errorf("no model for %s", key)
	}
	return checkDecode(v, decode)
}

func checkValidate(v vector, f validator) error {
	value, err := decodeAny([]byte(v.Payload))
	if err != nil {
		return fmt.Errorf("payload: %v", err)
	}
	var found []map[string]any
	text, _ := json.Marshal(f.validate(value))
	if err := json.Unmarshal(text, &found); err != nil {
		return err
	}
	want, got := multiset(v.Problems), multiset(found)
	if !reflect.DeepEqual(want, got) {
		return fmt.Errorf("problems differ\n  expected: %s\n  go found: %s", list(want), list(got))
	}
	if f.valid(value) != (len(v.Problems) == 0) {
		return fmt.Errorf("IsValid says %v, expected problems: %d", f.valid(value), len(v.Problems))
	}
	return nil
}

func decodeAny(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return nil, err
	}
	return value, nil
}

func multiset(problems []map[string]any) []string {
	out := make([]string, 0, len(problems))
	for _, p := range problems {
		text, _ := json.Marshal(p)
		out = append(out, string(text))
	}
	sort.Strings(out)
	return out
}

func list(items []string) string {
	return "[" + strings.Join(items, ", ") + "]"
}

func checkDecode(v vector, decode func([]byte) (any, error)) error {
	model, err := decode([]byte(v.Payload))
	if err != nil {
		return fmt.Errorf("decode: %v", err)
	}
	encoded, err := json.Marshal(model)
	if err != nil {
		return fmt.Errorf("encode: %v", err)
	}
	if err := sameJSON(*v.Encoded, encoded); err != nil {
		return fmt.Errorf("encoded: %v", err)
	}
	if v.RequestEncoded != nil {
		sent := encoded
		if r, ok := model.(interface{ RequestJSON() ([]byte, error) }); ok {
			if sent, err = r.RequestJSON(); err != nil {
				return fmt.Errorf("request encode: %v", err)
			}
		}
		if err := sameJSON(*v.RequestEncoded, sent); err != nil {
			return fmt.Errorf("request_encoded: %v", err)
		}
	}
	again, err := decode(encoded)
	if err != nil || !reflect.DeepEqual(again, model) {
		return fmt.Errorf("decoding the encoding gives another model (%v)", err)
	}
	for _, fact := range v.Facts {
		if err := checkFact(model, fact, v.spec); err != nil {
			return fmt.Errorf("fact %v: %v", fact, err)
		}
	}
	return nil
}

// sameJSON compares JSON texts as values: key order ignored, integers exact, 1 is not 1.0.
func sameJSON(want string, got []byte) error {
	a, errA := decodeAny([]byte(want))
	b, errB := decodeAny(got)
	if errA != nil || errB != nil {
		return fmt.Errorf("not JSON: %v %v", errA, errB)
	}
	if canonical(a) != canonical(b) {
		return fmt.Errorf("\n  expected: %s\n  go wrote: %s", want, got)
	}
	return nil
}

func canonical(v any) string {
	switch x := v.(type) {
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			return "i" + strings.TrimPrefix(string(x), "+")
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return "f" + strconv.FormatFloat(f, 'g', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = canonical(item)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = strconv.Quote(k) + ":" + canonical(x[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	text, _ := json.Marshal(v)
	return string(text)
}

// checkFact checks one model fact at a JSON pointer of wire names.
func checkFact(model any, fact map[string]any, spec string) error {
	at, _ := fact["at"].(string)
	value, present := reflect.ValueOf(model), true
	for _, raw := range strings.Split(at, "/")[1:] {
		token := strings.ReplaceAll(strings.ReplaceAll(raw, "~1", "/"), "~0", "~")
		value, present = step(value, token)
		if !present {
			break
		}
	}
	null := present && isNull(value)
	if kind, ok := fact["is"]; ok {
		got := map[bool]string{true: "value", false: "absent"}[present]
		if null {
			got = "null"
		}
		if got != kind {
			return fmt.Errorf("is %s", got)
		}
	}
	inner := unwrap(value)
	if want, ok := fact["integer"]; ok {
		if !inner.IsValid() || !isInt(inner.Kind()) || strconv.FormatInt(inner.Int(), 10) != want {
			return fmt.Errorf("holds %v", describe(inner))
		}
	}
	if want, ok := fact["enum_member"]; ok {
		known := inner.IsValid() && inner.MethodByName("Known").IsValid() &&
			inner.MethodByName("Known").Call(nil)[0].Bool()
		if known != want {
			return fmt.Errorf("Known() is %v for %v", known, describe(inner))
		}
	}
	if want, ok := fact["variant"]; ok {
		got := variantOf(inner)
		expected := ""
		if name, ok := want.(string); ok {
			expected = goNames[spec+" "+name]
		}
		if got != expected {
			return fmt.Errorf("variant %q, expected %q", got, expected)
		}
	}
	return nil
}

func isInt(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Int64
}

func describe(v reflect.Value) string {
	if !v.IsValid() {
		return "nothing"
	}
	return fmt.Sprintf("%s %v", v.Type(), v.Interface())
}

// unwrap follows pointers and a Nullable's Value.
func unwrap(v reflect.Value) reflect.Value {
	for v.IsValid() {
		switch {
		case v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface:
			if v.IsNil() {
				return reflect.Value{}
			}
			v = v.Elem()
		case isNullable(v):
			if v.FieldByName("Null").Bool() {
				return reflect.Value{}
			}
			v = v.FieldByName("Value")
		default:
			return v
		}
	}
	return v
}

func isNullable(v reflect.Value) bool {
	return v.Kind() == reflect.Struct && strings.HasPrefix(v.Type().Name(), "Nullable[")
}

func isNull(v reflect.Value) bool {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	return isNullable(v) && v.FieldByName("Null").Bool()
}

func isUnion(v reflect.Value) bool {
	if v.Kind() != reflect.Struct {
		return false
	}
	raw, ok := v.Type().FieldByName("Raw")
	return ok && raw.Tag == ""
}

// variantOf is the Go type name of a union's variant that is set ("" when kept raw).
func variantOf(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	if !isUnion(v) {
		return v.Type().Name()
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer && !f.IsNil() {
			return f.Elem().Type().Name()
		}
	}
	return ""
}

// step goes from a value to its member at one wire token; present is false when it is absent.
func step(v reflect.Value, token string) (reflect.Value, bool) {
	v = unwrap(v)
	if !v.IsValid() {
		return v, false
	}
	if isUnion(v) {
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() {
				return step(f.Elem(), token)
			}
		}
		return reflect.Value{}, false
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			name := strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0]
			if name == token {
				f := v.Field(i)
				return f, !(f.Kind() == reflect.Pointer && f.IsNil())
			}
		}
		if extra := v.FieldByName("AdditionalProperties"); extra.IsValid() {
			item := extra.MapIndex(reflect.ValueOf(token))
			return item, item.IsValid()
		}
	case reflect.Slice:
		i, err := strconv.Atoi(token)
		if err == nil && i < v.Len() {
			return v.Index(i), true
		}
	case reflect.Map:
		item := v.MapIndex(reflect.ValueOf(token))
		return item, item.IsValid()
	}
	return reflect.Value{}, false
}
