package pets_test

// Driven by tests/go/test_go_client.py: each test runs against the scripted loopback server
// whose URL is in BASE_URL; the Python side checks what the server received.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/specgen/pets"
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

func client(t *testing.T, opts ...pets.Option) *pets.Client {
	t.Helper()
	base := os.Getenv("BASE_URL")
	if base == "" {
		t.Fatal("BASE_URL is not set: run this through tests/go/test_go_client.py")
	}
	all := append([]pets.Option{pets.WithBaseURL(base + "/api/v2"), pets.WithAPIKeyQuery("QKEY-SECRET")}, opts...)
	c, err := pets.NewClient(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

func TestQueryHeaderAndCookieStyles(t *testing.T) {
	got, err := client(t).ListPets(context.Background(), &pets.ListPetsParams{
		Tags: ptr([]string{"a", "b"}), Ids: ptr([]int64{1, 2}), Names: ptr([]string{"x", "y"}),
		Filter: &pets.Filter{Color: ptr("red"), Size: ptr(int64(2))}, XTrace: ptr("t-1"),
		Session: ptr("s 1"), Kind: ptr(pets.KindCat),
	})
	if err != nil || len(got) != 0 {
		t.Fatalf("%v %v", got, err)
	}
}

func TestCookieAPIKey(t *testing.T) {
	c, err := pets.NewClient(pets.WithBaseURL(os.Getenv("BASE_URL")+"/api/v2"), pets.WithAPIKeyCookie("CK"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListPets(context.Background(), &pets.ListPetsParams{Session: ptr("s")}); err != nil {
		t.Fatal(err)
	}
}

func TestPathStyles(t *testing.T) {
	c, ctx := client(t), context.Background()
	if pet, err := c.GetPet(ctx, "../a b/?#x"); err != nil || pet.Name != "Rex" {
		t.Fatalf("%+v %v", pet, err)
	}
	if _, err := c.GetPet(ctx, ".."); err != nil {
		t.Fatal(err)
	}
	label, err := c.PetLabel(ctx, []string{"a", "b"}, pets.Filter{Color: ptr("red"), Size: ptr(int64(2))})
	if err != nil || label != "lbl" {
		t.Fatalf("%q %v", label, err)
	}
}

func TestQueryInThePath(t *testing.T) {
	c, ctx := client(t), context.Background()
	if _, err := c.PetLabelBeta(ctx, "a b", &pets.PetLabelBetaParams{Lang: ptr("nb")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PetLabelBeta(ctx, "c", nil); err != nil {
		t.Fatal(err)
	}
}

func TestSeveralSuccessStatuses(t *testing.T) {
	c, ctx := client(t), context.Background()
	r, err := c.GetPetWithResponse(ctx, "1")
	if err != nil || r.StatusCode != 204 || r.Data.Name != "" {
		t.Fatalf("%+v %v", r, err)
	}
	r, err = c.GetPetWithResponse(ctx, "2")
	if err != nil || r.StatusCode != 200 || r.Data.Name != "Tom" || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%+v %v", r, err)
	}
	if err := c.DeletePet(ctx, "3"); err != nil {
		t.Fatal(err)
	}
}

func TestFormAndMultipartBodies(t *testing.T) {
	c, ctx := client(t), context.Background()
	if _, err := c.SearchPets(ctx, pets.SearchPetsBody{Q: "a b", Limit: ptr(int64(3))}); err != nil {
		t.Fatal(err)
	}
	if err := c.UploadPhoto(ctx, 7, pets.UploadPhotoBody{Caption: "hi", Weight: ptr(1.5)}); err != nil {
		t.Fatal(err)
	}
}

func TestNonIdempotentPostIsNotRetried(t *testing.T) {
	clock := &fakeClock{}
	_, err := client(t, pets.WithClock(clock)).CreatePet(context.Background(), pets.NewPet{Name: "Rex"})
	var apiErr *pets.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || !errors.Is(err, pets.ErrServer) || len(clock.sleeps) != 0 {
		t.Fatalf("%v %v", err, clock.sleeps)
	}
}

func TestGetIsRetried(t *testing.T) {
	clock := &fakeClock{}
	pet, err := client(t, pets.WithClock(clock)).GetPet(context.Background(), "1")
	if err != nil || pet.Name != "Rex" {
		t.Fatalf("%+v %v", pet, err)
	}
	// 0.5 s, less a quarter of it times the jitter source's 0.5
	if fmt.Sprint(clock.sleeps) != "[437.5ms]" {
		t.Fatalf("waited %v", clock.sleeps)
	}
}

func TestPostIsRetriedWhenNothingWasSent(t *testing.T) {
	clock := &fakeClock{}
	c, err := pets.NewClient(pets.WithBaseURL(os.Getenv("BASE_URL")), pets.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreatePet(context.Background(), pets.NewPet{Name: "Rex"})
	var connErr *pets.ConnectionError
	if !errors.As(err, &connErr) || connErr.Timeout || len(clock.sleeps) != 2 {
		t.Fatalf("%v %v", err, clock.sleeps)
	}
}

func TestDocumentedErrorModel(t *testing.T) {
	_, err := client(t).CreatePet(context.Background(), pets.NewPet{Name: "Rex"})
	var apiErr *pets.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, pets.ErrNotFound) {
		t.Fatalf("%v", err)
	}
	model, ok := apiErr.Model.(*pets.Problem2)
	if !ok || *model.Title != "no such owner" || apiErr.Message != "no such owner" || apiErr.RPC != nil {
		t.Fatalf("%#v", apiErr)
	}
	want := "createPet: HTTP 404 from POST " + os.Getenv("BASE_URL") + "/api/v2/pets?api_key=REDACTED: no such owner (request id req-404)"
	if err.Error() != want {
		t.Fatalf("%q, want %q", err.Error(), want)
	}
}

func TestValidationBeforeSending(t *testing.T) {
	_, err := client(t).CreatePet(context.Background(), pets.NewPet{Name: "Rex", Kind: ptr(pets.Kind("bird"))})
	var invalid *pets.ValidationError
	if !errors.As(err, &invalid) || len(invalid.Problems) != 1 || invalid.Problems[0].InstancePath != "/kind" {
		t.Fatalf("%v", err)
	}
	if _, err := client(t, pets.WithValidation(false)).CreatePet(context.Background(), pets.NewPet{Name: "Rex", Kind: ptr(pets.Kind("bird"))}); err != nil {
		t.Fatal(err)
	}
}

func TestServerVariables(t *testing.T) {
	c, err := pets.NewClient(pets.WithServerVariable("region", "us"))
	if err != nil || c.BaseURL() != "https://us.pets.example/api/v2" {
		t.Fatalf("%v %v", c, err)
	}
	if _, err := pets.NewClient(pets.WithServerVariable("region", "mars")); err == nil || !strings.Contains(err.Error(), "mars") {
		t.Fatalf("%v", err)
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := client(t, pets.WithClock(&fakeClock{}), pets.WithLogger(logger), pets.WithHTTPClient(&http.Client{}))
	_, err := c.ListPets(context.Background(), nil)
	if err == nil {
		t.Fatal("the script answers 500")
	}
	secret := pets.Secret("QKEY-SECRET")
	for _, text := range []string{err.Error(), fmt.Sprintf("%v %+v %#v %s %q", err, err, err, secret, secret),
		fmt.Sprintf("%v %+v %#v", c, c, c), logs.String()} {
		if strings.Contains(text, "QKEY") {
			t.Fatalf("a secret leaked: %s", text)
		}
	}
	if !strings.Contains(logs.String(), "api_key=REDACTED") || !strings.Contains(err.Error(), "api_key=REDACTED") {
		t.Fatalf("%s / %v", logs.String(), err)
	}
}
