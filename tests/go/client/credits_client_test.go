package credits_test

// Driven by tests/go/test_go_client.py: each test runs against the scripted loopback server
// (or Prism) whose URL is in BASE_URL; the Python side checks what the server received.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/specgen/credits"
)

type fakeClock struct {
	mu     sync.Mutex
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time { return time.Unix(1_700_000_000, 0) }

func (c *fakeClock) Random() float64 { return 0.5 }

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	return nil
}

func client(t *testing.T, opts ...credits.Option) *credits.Client {
	t.Helper()
	base := os.Getenv("BASE_URL")
	if base == "" {
		t.Fatal("BASE_URL is not set: run this through tests/go/test_go_client.py")
	}
	all := append([]credits.Option{credits.WithBaseURL(base), credits.WithToken("tok-SECRET-123")}, opts...)
	c, err := credits.NewClient(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func request() credits.CreditsRequest {
	return credits.CreditsRequest{Stages: []credits.Stage{{Type: credits.StageTypeInputInitialize}}}
}

func expectCredits(t *testing.T, got *credits.CreditsResponse, err error) {
	t.Helper()
	if err != nil || got == nil || got.Credits == nil || *got.Credits != 4.8 {
		t.Fatalf("%+v %v", got, err)
	}
}

// TestCredentialsFromTheEnvironment: the scenario of every language (client_support.py's
// ENV_AUTHORIZATIONS); TAMS_CREDITS_BASE_URL, _TOKEN and _API_KEY are set by the Python side.
func TestCredentialsFromTheEnvironment(t *testing.T) {
	served := os.Getenv("TAMS_CREDITS_BASE_URL")
	call := func(opts ...credits.Option) {
		t.Helper()
		c, err := credits.NewClient(append(opts, credits.WithRetryPolicy(credits.RetryPolicy{}))...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CalcCreditsJob(context.Background(), request()); err != nil {
			t.Fatal(err)
		}
	}
	call() // the base URL and the token from the environment
	t.Setenv("TAMS_CREDITS_BASE_URL", "http://127.0.0.1:9")
	call(credits.WithBaseURL(served), credits.WithToken("from-the-option")) // options win
	call(credits.WithBaseURL(served), credits.WithToken("")) // no token: the API key from the environment
}

func TestRetryAfterSeconds(t *testing.T) {
	clock := &fakeClock{}
	got, err := client(t, credits.WithClock(clock)).Jobs.CalcCreditsJob(context.Background(), request())
	expectCredits(t, got, err)
	if fmt.Sprint(clock.sleeps) != "[3s]" {
		t.Fatalf("waited %v", clock.sleeps)
	}
}

func TestRetryAfterDate(t *testing.T) {
	clock := &fakeClock{}
	got, err := client(t, credits.WithClock(clock)).CalcCreditsJob(context.Background(), request())
	expectCredits(t, got, err)
	if fmt.Sprint(clock.sleeps) != "[7s]" {
		t.Fatalf("waited %v", clock.sleeps)
	}
}

func TestRetryAfterBeyondTheCap(t *testing.T) {
	clock := &fakeClock{}
	_, err := client(t, credits.WithClock(clock)).CalcCreditsJob(context.Background(), request())
	if !errors.Is(err, credits.ErrRateLimit) || len(clock.sleeps) != 0 {
		t.Fatalf("%v %v", err, clock.sleeps)
	}
}

func TestBackoffThenSuccess(t *testing.T) {
	clock := &fakeClock{}
	r, err := client(t, credits.WithClock(clock)).CalcCreditsJobWithResponse(context.Background(), request())
	if err != nil || r.StatusCode != 200 || *r.Data.Credits != 4.8 || r.Header.Get("X-Request-Id") != "req-ok" || r.HTTPResponse == nil {
		t.Fatalf("%+v %v", r, err)
	}
	if fmt.Sprint(clock.sleeps) != "[437.5ms]" {
		t.Fatalf("waited %v", clock.sleeps)
	}
}

func TestRetriesExhausted(t *testing.T) {
	clock := &fakeClock{}
	_, err := client(t, credits.WithClock(clock)).CalcCreditsJob(context.Background(), request())
	var apiErr *credits.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || !errors.Is(err, credits.ErrServer) {
		t.Fatalf("%v", err)
	}
	if fmt.Sprint(clock.sleeps) != "[437.5ms 875ms]" {
		t.Fatalf("waited %v", clock.sleeps)
	}
}

func TestRetryPolicyIsConfigurable(t *testing.T) {
	clock := &fakeClock{}
	policy := credits.DefaultRetryPolicy()
	policy.MaxRetries = 4
	_, err := client(t, credits.WithClock(clock), credits.WithRetryPolicy(policy)).CalcCreditsJob(context.Background(), request())
	if !errors.Is(err, credits.ErrServer) || len(clock.sleeps) != 4 {
		t.Fatalf("%v %v", err, clock.sleeps)
	}
}

func TestConnectionResetIsRetried(t *testing.T) {
	clock := &fakeClock{}
	got, err := client(t, credits.WithClock(clock)).CalcCreditsJob(context.Background(), request())
	expectCredits(t, got, err)
	if len(clock.sleeps) != 1 {
		t.Fatalf("waited %v", clock.sleeps)
	}
}

func TestConnectionResetEveryTime(t *testing.T) {
	clock := &fakeClock{}
	_, err := client(t, credits.WithClock(clock)).CalcCreditsJob(context.Background(), request())
	var connErr *credits.ConnectionError
	if !errors.As(err, &connErr) || connErr.Timeout || connErr.Operation != "calcCreditsJob" || len(clock.sleeps) != 2 {
		t.Fatalf("%v %v", err, clock.sleeps)
	}
}

func TestTimeout(t *testing.T) {
	c := client(t, credits.WithTimeout(200*time.Millisecond), credits.WithRetryPolicy(credits.RetryPolicy{}))
	_, err := c.CalcCreditsJob(context.Background(), request())
	var connErr *credits.ConnectionError
	if !errors.As(err, &connErr) || !connErr.Timeout || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
}

func TestContextDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := client(t).CalcCreditsJob(ctx, request())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
}

func TestNonJSONServerError(t *testing.T) {
	_, err := client(t, credits.WithRetryPolicy(credits.RetryPolicy{})).CalcCreditsJob(context.Background(), request())
	var apiErr *credits.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || apiErr.Model != nil || apiErr.Message != "<html>Bad gateway</html>" {
		t.Fatalf("%#v", err)
	}
}

func TestRPCStatus400(t *testing.T) {
	_, err := client(t).CalcCreditsJob(context.Background(), request())
	var apiErr *credits.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, credits.ErrBadRequest) {
		t.Fatalf("%v", err)
	}
	status, ok := apiErr.Model.(*credits.Status)
	if !ok || *status.Message != "invalid parameters" || apiErr.RPC == nil || apiErr.RPC.Code != 3 || apiErr.RPC.Reason != "invalid_samples" || len(apiErr.RPC.Details) != 1 {
		t.Fatalf("%#v %#v", apiErr, apiErr.RPC)
	}
	want := "calcCreditsJob: HTTP 400 from POST " + os.Getenv("BASE_URL") + "/v1/jobs/credits: invalid parameters (request id req-400)"
	if err.Error() != want || strings.Contains(fmt.Sprintf("%#v", apiErr), "SECRET") {
		t.Fatalf("%q", err.Error())
	}
}

func TestUndocumentedStatus(t *testing.T) {
	_, err := client(t).CalcCreditsJob(context.Background(), request())
	var apiErr *credits.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 418 || apiErr.Message != "teapot" {
		t.Fatalf("%v", err)
	}
	if _, ok := apiErr.Model.(*credits.Status); !ok { // the default response's model
		t.Fatalf("%#v", apiErr.Model)
	}
}

func TestSuccessThatIsNotJSON(t *testing.T) {
	_, err := client(t).CalcCreditsJob(context.Background(), request())
	var decodeErr *credits.DecodeError
	if !errors.As(err, &decodeErr) || decodeErr.StatusCode != 200 || string(decodeErr.Body) != "not json" {
		t.Fatalf("%v", err)
	}
}

func TestInvalidBodyIsNotSent(t *testing.T) {
	body := credits.CreditsRequest{Stages: []credits.Stage{{Type: credits.StageType("NOT_A_STAGE")}}}
	_, err := client(t).CalcCreditsJob(context.Background(), body)
	var invalid *credits.ValidationError
	if !errors.As(err, &invalid) || len(invalid.Problems) == 0 {
		t.Fatalf("%v", err)
	}
}

// TestPrism sends every request of tests/fixtures/requests to Prism (FIXTURES is that folder),
// then one Prism must refuse.
func TestPrism(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(os.Getenv("FIXTURES"), "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	c := client(t)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var body credits.CreditsRequest
		if err := json.Unmarshal(data, &body); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		got, err := c.Jobs.CalcCreditsJob(context.Background(), body)
		expectCredits(t, got, err)
	}
	bad := credits.CreditsRequest{Stages: []credits.Stage{{Type: credits.StageType("NOT_A_STAGE")}}}
	_, err = client(t, credits.WithValidation(false)).CalcCreditsJob(context.Background(), bad)
	var apiErr *credits.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, credits.ErrBadRequest) || apiErr.Header.Get("sl-violations") == "" {
		t.Fatalf("%v", err)
	}
	if _, ok := apiErr.Model.(*credits.Status); !ok {
		t.Fatalf("%#v", apiErr.Model)
	}
}
