package todosio_test

// Driven by tests/go/test_go_client.py: each test runs against the scripted loopback server
// whose URL is in BASE_URL; the Python side checks what the server received. The spec is
// tests/client/specs/todos_io.yaml, the one the Python client's media and parameter tests use.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/specgen/todosio"
)

func client(t *testing.T, opts ...todosio.Option) *todosio.Client {
	t.Helper()
	base := os.Getenv("BASE_URL")
	if base == "" {
		t.Fatal("BASE_URL is not set: run this through tests/go/test_go_client.py")
	}
	all := append([]todosio.Option{todosio.WithBaseURL(base)}, opts...)
	c, err := todosio.NewClient(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

func problems(err error) string {
	var invalid *todosio.ValidationError
	if !errors.As(err, &invalid) {
		return fmt.Sprintf("not a ValidationError: %v", err)
	}
	var out []string
	for _, p := range invalid.Problems {
		out = append(out, p.InstancePath+" "+p.Code)
	}
	return strings.Join(out, ", ")
}

func TestParametersCheckedBeforeSending(t *testing.T) {
	c, ctx := client(t), context.Background()
	_, err := c.ListTodos(ctx, &todosio.ListTodosParams{Limit: ptr(int64(500)), XTenant: ptr("ACME"), Session: ptr("s")})
	if got := problems(err); got != "/query/limit maximum, /header/X-Tenant pattern, /cookie/session minLength" {
		t.Fatal(got)
	}
	var invalid *todosio.ValidationError
	errors.As(err, &invalid)
	if got := invalid.Problems[0].SchemaPath; got != "todos_io.yaml#/paths/~1todos/get/parameters/0/schema/maximum" {
		t.Fatal(got)
	}
	if _, err := c.GetTodo(ctx, "x1"); problems(err) != "/path/todoId pattern" {
		t.Fatal(problems(err))
	}
	if got, err := c.ListTodos(ctx, &todosio.ListTodosParams{Limit: ptr(int64(100)), XTenant: ptr("acme")}); err != nil || len(got) != 0 {
		t.Fatalf("%v %v", got, err)
	}
	unchecked := client(t, todosio.WithValidation(false))
	if _, err := unchecked.ListTodos(ctx, &todosio.ListTodosParams{Limit: ptr(int64(500))}); err != nil {
		t.Fatal(err)
	}
}

func TestParameterAndBodyProblemsTogether(t *testing.T) {
	c, ctx := client(t), context.Background()
	_, err := c.CreateTodo(ctx, &todosio.CreateTodoParams{IdempotencyKey: ptr("short")}, todosio.NewTodo{Title: ""})
	if got := problems(err); got != "/header/Idempotency-Key minLength, /title minLength" {
		t.Fatal(got)
	}
	want := "createTodo: the request is invalid, nothing was sent: " +
		"/header/Idempotency-Key: must have at least 8 characters [minLength]; " +
		"/title: must have at least 1 characters [minLength]"
	if err.Error() != want {
		t.Fatalf("%q\nwant %q", err.Error(), want)
	}
	if _, err := c.CreateTodo(ctx, &todosio.CreateTodoParams{IdempotencyKey: ptr("k-123456")}, todosio.NewTodo{Title: "milk"}); err != nil {
		t.Fatal(err)
	}
}

func TestStreams(t *testing.T) {
	c, ctx := client(t), context.Background()
	todos, err := c.ExportTodos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer todos.Close()
	var ids []string
	for todos.Next() {
		ids = append(ids, *todos.Current().ID)
	}
	if todos.Err() != nil || strings.Join(ids, ",") != "t1,t2,t3" {
		t.Fatalf("%v %v", ids, todos.Err())
	}
	watched, err := c.WatchTodosWithResponse(ctx)
	if err != nil || watched.StatusCode != 200 {
		t.Fatal(err)
	}
	var events []string
	for watched.Data.Next() {
		e := watched.Data.Current()
		retry := "none"
		if e.Retry != nil {
			retry = fmt.Sprint(*e.Retry)
		}
		events = append(events, fmt.Sprintf("%s %s %s %s", e.Event, *e.Data.ID, e.Data.Title, e.ID)+" "+retry)
	}
	if err := watched.Data.Err(); err != nil || strings.Join(events, "|") != "created t1 milk 7 none|message t2 eggs 7 1500" {
		t.Fatalf("%q %v", events, err)
	}
	log, err := c.TailLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for log.Next() {
		texts = append(texts, log.Current().Event+":"+log.Current().Data+":"+log.Current().ID)
	}
	if log.Err() != nil || strings.Join(texts, "|") != "message:one\ntwo:|message:three:" {
		t.Fatalf("%q %v", texts, log.Err())
	}
}

func TestStreamClosedEarlyAndErrors(t *testing.T) {
	c, ctx := client(t), context.Background()
	todos, err := c.ExportTodos(ctx)
	if err != nil || !todos.Next() || *todos.Current().ID != "t1" {
		t.Fatalf("%v", err)
	}
	if err := todos.Close(); err != nil || todos.Next() {
		t.Fatal("a closed stream gives nothing more", err)
	}
	if _, err := c.ExportTodos(ctx); !errors.Is(err, todosio.ErrNotFound) {
		t.Fatal(err)
	}
	bad, err := c.ExportTodos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	var decodeErr *todosio.DecodeError
	if bad.Next() || !errors.As(bad.Err(), &decodeErr) || decodeErr.Operation != "exportTodos" || string(decodeErr.Body) != `{"id": 1}` {
		t.Fatalf("%v", bad.Err())
	}
}

// TestStreamHeadersTimeOut: the per-attempt timeout bounds the wait for a stream's headers.
func TestStreamHeadersTimeOut(t *testing.T) {
	c := client(t, todosio.WithTimeout(200*time.Millisecond), todosio.WithRetryPolicy(todosio.RetryPolicy{}))
	_, err := c.ExportTodos(context.Background())
	var connErr *todosio.ConnectionError
	if !errors.As(err, &connErr) || !connErr.Timeout || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
}

// oneByte is a transport whose response bodies arrive a byte at a time.
type oneByte struct{ body string }

func (o oneByte) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/event-stream"}},
		Body: io.NopCloser(&slowReader{data: []byte(o.body)}), Request: req}, nil
}

type slowReader struct{ data []byte }

func (s *slowReader) Read(p []byte) (int, error) {
	if len(s.data) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0], s.data = s.data[0], s.data[1:]
	return 1, nil
}

// TestSSEAcrossChunks: lines end at CRLF, LF or CR, even split between reads; a leading BOM
// is dropped; a field without a colon has an empty value; one space after the colon is
// dropped; an id with a NUL is ignored; an event not ended by a blank line is dropped.
func TestSSEAcrossChunks(t *testing.T) {
	body := "\ufeffdata:  two spaces\r\rdata\rdata: x\r\n\r\nid: a\x00b\ndata: y\n\ndata: unfinished"
	c, err := todosio.NewClient(todosio.WithBaseURL("http://127.0.0.1:9"), todosio.WithHTTPClient(&http.Client{Transport: oneByte{body}}))
	if err != nil {
		t.Fatal(err)
	}
	log, err := c.TailLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for log.Next() {
		got = append(got, fmt.Sprintf("%q %q", log.Current().Data, log.Current().ID))
	}
	if log.Err() != nil || strings.Join(got, "|") != `" two spaces" ""|"\nx" ""|"y" ""` {
		t.Fatalf("%s %v", got, log.Err())
	}
}

// TestPrism: against Prism mocking todos_io.yaml, parameters the client accepts Prism accepts,
// and a limit the client refuses before sending, Prism refuses too (validation off).
func TestPrism(t *testing.T) {
	c, ctx := client(t), context.Background()
	valid := &todosio.ListTodosParams{Limit: ptr(int64(100)), XTenant: ptr("acme"), Session: ptr("s1")}
	if _, err := c.ListTodos(ctx, valid); err != nil {
		t.Fatal(err)
	}
	invalid := &todosio.ListTodosParams{Limit: ptr(int64(500)), XTenant: ptr("ACME")}
	if _, err := c.ListTodos(ctx, invalid); problems(err) != "/query/limit maximum, /header/X-Tenant pattern" {
		t.Fatal(problems(err))
	}
	_, err := client(t, todosio.WithValidation(false)).ListTodos(ctx, invalid)
	var apiErr *todosio.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode/100 != 4 {
		t.Fatalf("%v", err)
	}
}
