// What the generated models promise, as code tsc must accept; every `@ts-expect-error` line
// must be an error (tsc fails on one that compiles). Compiled by
// tests/typescript/test_typescript_compiles.py against the packages of the feature cases.
import type { Account, AccountRequest } from "./readonly_writeonly/src/index.js";
import type { Shape } from "./oneof_discriminator/src/index.js";
import { Status, type Order, type OrderRequest } from "./enums/src/index.js";
import type { Profile } from "./nullable_31/src/index.js";
import type { Entry } from "./int64/src/index.js";

// readOnly is left out of requests, writeOnly out of responses (unknown keys cannot bring them back)
export const sent: AccountRequest = { email: "a@example.com", password: "secret" };
// @ts-expect-error a readOnly property is not sent
export const sentId: AccountRequest = { email: "a@example.com", id: "1" };
export const received: Account = { id: "1", email: "a@example.com", createdAt: "2024-01-01" };
// @ts-expect-error a writeOnly property is not received
export const receivedPassword: Account = { email: "a@example.com", password: "secret" };

// a discriminated union narrows on its tag, exhaustively
export function size(shape: Shape): number {
  switch (shape.kind) {
    case "circle":
      return shape.radius;
    case "square":
      return shape.side;
  }
}
// @ts-expect-error a tag the discriminator does not map
export const triangle: Shape = { kind: "triangle", radius: 1 };

// enums: `as const` objects, closed as a type and in a request, open in a response's field
export const shipped: Status = Status.shipped;
// @ts-expect-error not a Status
export const lost: Status = "lost";
export const unknownFromServer: Order = { id: "1", status: "lost-in-transit" };
export const closedToSend: OrderRequest = { id: "1", status: Status.pending, history: ["shipped"] };
// @ts-expect-error what is sent is closed: an unlisted value is refused
export const unknownSent: OrderRequest = { id: "1", status: "lost-in-transit" };

// absent (`?:`) and null (`| null`) stay apart
export const nulls: Profile = { id: "1", nickname: null, address: null };
// @ts-expect-error a required nullable property may be null, not absent
export const absent: Profile = { id: "1", address: null };
// @ts-expect-error an optional property is absent, not undefined (exactOptionalPropertyTypes)
export const undefinedScore: Profile = { id: "1", nickname: "n", address: null, score: undefined };

// int64: a number, a bigint, or (ProtoJSON) its decimal text; plain int64 has no text form
export const big: Entry = { id: 9223372036854775807n, amount: 9223372036854775807n };
export const text: Entry = { id: "9223372036854775807", amount: 1 };
// @ts-expect-error plain `format: int64` is not sent as text
export const amountText: Entry = { id: 1, amount: "1" };
