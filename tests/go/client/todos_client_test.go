package todos_test

// Driven by tests/go/test_go_client.py: each test runs against the scripted loopback server
// whose URL is in BASE_URL (or, for the environment tests, in TODO_API_BASE_URL); the Python side
// checks what the server received. The spec is tests/client/specs/todos.yaml, the one the
// Python client's contract tests use.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"example.com/specgen/todos"
)

func client(t *testing.T, opts ...todos.Option) *todos.Client {
	t.Helper()
	base := os.Getenv("BASE_URL")
	if base == "" {
		t.Fatal("BASE_URL is not set: run this through tests/go/test_go_client.py")
	}
	c, err := todos.NewClient(append([]todos.Option{todos.WithBaseURL(base)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func show[T any](v todos.HeaderValue[T]) string {
	return fmt.Sprintf("%v %q %v %v", v.Present, v.Text, v.Value, v.Parsed)
}

func TestTypedResponseHeaders(t *testing.T) {
	c, ctx := client(t, todos.WithToken("tok")), context.Background()
	r, err := c.ListTodosWithResponse(ctx, &todos.ListTodosParams{Limit: new(int64)})
	if err == nil {
		t.Fatal("limit 0 is below the minimum: nothing is sent")
	}
	one := int64(1)
	r, err = c.Todos.ListTodosWithResponse(ctx, &todos.ListTodosParams{Limit: &one})
	if err != nil || r.StatusCode != 200 || len(r.Data) != 1 || r.Data[0].Title != "milk" || r.Header.Get("X-Live") != "true" {
		t.Fatalf("%+v %v", r, err)
	}
	h := r.TypedHeaders
	got := []string{show(h.XRateLimitRemaining), show(h.XRequestCost), show(h.XFlags), show(h.XLive)}
	want := []string{`true "41" 41 true`, `true "cheap" 0 false`, `true "1, 2,3" [1 2 3] true`, `true "true" true true`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%q\nwant %q", got, want)
	}
	// a value that does not parse keeps its text; an absent header is not Present
	r, err = c.ListTodosWithResponse(ctx, nil)
	h = r.TypedHeaders
	got = []string{show(h.XRateLimitRemaining), show(h.XRequestCost), show(h.XFlags), show(h.XLive)}
	want = []string{`true "many" 0 false`, `true "2.5" 2.5 true`, `true "1,x" [] false`, `true "maybe" false false`}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%q %v\nwant %q", got, err, want)
	}
	r, err = c.ListTodosWithResponse(ctx, nil)
	if err != nil || fmt.Sprintf("%+v", r.TypedHeaders) != fmt.Sprintf("%+v", todos.ListTodosResponseHeaders{}) {
		t.Fatalf("%+v %v", r.TypedHeaders, err)
	}
	made, err := c.CreateTodoWithResponse(ctx, todos.NewTodo{Title: "milk"})
	if err != nil || made.StatusCode != 201 || made.Data.Title != "milk" || made.TypedHeaders.Location.Text != "/todos/7" {
		t.Fatalf("%+v %v", made, err)
	}
	var got2 *todos.Response[todos.Todo] // getTodo declares no header: a plain Response
	got2, err = c.GetTodoWithResponse(ctx, 7, nil)
	if err != nil || got2.Data.ID == nil || *got2.Data.ID != 7 {
		t.Fatalf("%+v %v", got2, err)
	}
}

// TestTitlePrefix: TODO_API_BASE_URL and TODO_API_TOKEN (the spec's title, not the Go
// package's name) are set by the Python side; no option gives them.
func TestTitlePrefix(t *testing.T) {
	c, err := todos.NewClient()
	if err != nil || c.BaseURL() != os.Getenv("TODO_API_BASE_URL") {
		t.Fatalf("%v %v", c, err)
	}
	if _, err := c.GetTodo(context.Background(), 7, nil); err != nil {
		t.Fatal(err)
	}
}

// TestABadBaseURLKeepsItsPassword: a base URL that is not http(s), from the environment, is an
// error that names the variable and leaves its userinfo out.
func TestABadBaseURLKeepsItsPassword(t *testing.T) {
	_, err := todos.NewClient()
	if err == nil {
		t.Fatal("no error")
	}
	want := `the base URL "ftp://files.example/x" (from $TODO_API_BASE_URL) is not an absolute http(s) URL`
	if !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "s3cret") {
		t.Fatal(err.Error())
	}
}

func TestSignerFailureIsNotAConnectionError(t *testing.T) {
	broken := errors.New("no key")
	c := client(t, todos.WithSigner(todos.SignerFunc(func(*http.Request, []byte) error { return broken })))
	_, err := c.GetTodo(context.Background(), 7, nil)
	var signerErr *todos.SignerError
	var connErr *todos.ConnectionError
	if !errors.As(err, &signerErr) || errors.As(err, &connErr) || !errors.Is(err, broken) || signerErr.Operation != "getTodo" {
		t.Fatalf("%v", err)
	}
	if err.Error() != "getTodo: the request was not sent, the signer failed: no key" {
		t.Fatal(err.Error())
	}
}

// TestPrism: against Prism mocking todos.yaml, the Location header Prism sends for a created
// todo is typed. (listTodos is not asked: Prism 5 crashes reading its absent array header.)
func TestPrism(t *testing.T) {
	c := client(t, todos.WithToken("tok"))
	made, err := c.CreateTodoWithResponse(context.Background(), todos.NewTodo{Title: "milk"})
	if err != nil || made.StatusCode != 201 {
		t.Fatalf("%+v %v", made, err)
	}
	if h := made.TypedHeaders.Location; !h.Present || !h.Parsed || h.Value == "" {
		t.Fatalf("%+v", h)
	}
}

// TestTextMessages: each of TEXT_COUNT error replies is text; the message of each is printed
// as one JSON list after "MESSAGES: ", for the Python side to compare with the shared rule
// (generator/analysis/errors.py, text_message).
func TestTextMessages(t *testing.T) {
	c := client(t)
	n, err := strconv.Atoi(os.Getenv("TEXT_COUNT"))
	if err != nil {
		t.Fatal(err)
	}
	messages := make([]string, 0, n)
	for i := 0; i < n; i++ {
		_, err := c.GetTodo(context.Background(), 7, nil)
		var apiErr *todos.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("reply %d: %v", i, err)
		}
		messages = append(messages, apiErr.Message)
	}
	out, err := json.Marshal(messages)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("MESSAGES: " + string(out))
}
