// The shared conformance suite (tests/conformance/) run against the generated TypeScript
// validators, compiled to JavaScript: `node --test conformance.test.mjs` with PLAN set to the
// plan tests/typescript/test_conformance_typescript.py writes (each vector with the compiled
// module and the functions of its schema). A payload is read by the package's own `parseJson`
// (JSON.parse, with integers beyond 2^53 kept exact as bigint). Every problem must agree
// (compared as a multiset, as the suite's README says) and `isValidX` must agree with it; an
// excluded vector must still fail, so the exclusions cannot go stale. Every payload of the suite
// also goes through parseJson and stringifyJson without losing a digit. A decode vector's payload
// is decoded by the generated decodeX; stringifyJson of the model and of encodeX(model) must be
// the expected texts (as JSON values: key order ignored, 1 is not 1.0, integers exact), decoding
// the encoding again gives an equal model, and every fact holds (see the Python side's
// docstring for how a fact reads in TypeScript).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";

const plan = JSON.parse(readFileSync(process.env.PLAN, "utf8"));
const modules = new Map();

async function load(path) {
  if (!modules.has(path)) modules.set(path, await import(path));
  return modules.get(path);
}

function key(p) {
  return JSON.stringify([p.instance_path, p.keyword, p.schema_path, p.message, p.code]);
}

function wire(p) {
  return {
    instance_path: p.instancePath, keyword: p.keyword, schema_path: p.schemaPath,
    message: p.message, code: p.code,
  };
}

async function answer(vector) {
  const validators = await load(vector.validators);
  const { parseJson } = await load(vector.json);
  const value = parseJson(vector.payload);
  const found = validators[vector.validate](value).map(wire);
  const valid = validators[vector.isValid](value);
  return { found, valid };
}

function disagreement(vector, { found, valid }) {
  const want = vector.problems.map(key).sort();
  const got = found.map(key).sort();
  if (JSON.stringify(want) !== JSON.stringify(got)) {
    return `${vector.id}: TypeScript reports ${JSON.stringify(found, null, 1)}\n`
      + `Python (the vector) expects ${JSON.stringify(vector.problems, null, 1)}`;
  }
  if (valid !== (vector.problems.length === 0)) {
    return `${vector.id}: ${vector.isValid} says ${valid}, the vector has ${want.length} problem(s)`;
  }
  return null;
}

// JSON equality that tells nothing apart that JSON does not: 1 == 1n, -0 == 0
function same(a, b) {
  if ((typeof a === "number" || typeof a === "bigint")
      && (typeof b === "number" || typeof b === "bigint")) return a == b;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length
      && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return a === b;
}

function finite(v) {
  if (typeof v === "number") return Number.isFinite(v);
  if (v === null || typeof v !== "object") return true;
  return Object.values(v).every(finite);
}

// every payload of the suite (decode vectors too): parseJson then stringifyJson loses nothing,
// and an integer beyond 2^53 is written with all its digits
for (const entry of plan.payloads) {
  test(`round trip ${entry.id}`, async () => {
    const { parseJson, stringifyJson } = await load(entry.json);
    const value = parseJson(entry.payload);
    if (!finite(value)) {
      // a number beyond the double range reads as Infinity: refused, never written as null
      assert.throws(() => stringifyJson(value), RangeError);
      return;
    }
    const text = stringifyJson(value);
    assert.ok(same(value, parseJson(text)), `${entry.id}: ${entry.payload} -> ${text}`);
    for (const digits of entry.payload.match(/(?<![0-9.eE+-])-?[0-9]{16,}(?![0-9.eE])/g) ?? []) {
      if (!Number.isSafeInteger(Number(digits)) && !entry.payload.includes(`"${digits}"`)) {
        assert.ok(text.includes(digits.replace(/^(-?)0+(?=[0-9])/, "$1")), `${entry.id}: ${digits} -> ${text}`);
      }
    }
  });
}

// A JSON text as a value that keeps what JSON tells apart: a number's kind (integer or not) and
// exact integer value, key order ignored
function canonical(text) {
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/g,
    (token, fraction, exponent) => {
      if (token.startsWith('"')) return token;
      const kind = fraction === undefined && exponent === undefined
        ? `i${BigInt(token)}` : `f${Number(token)}`;
      return JSON.stringify(`\u0000${kind}`);
    });
  return sorted(JSON.parse(marked));
}

function sorted(v) {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]));
}

function walk(value, pointer) {
  let parent = null;
  let token = null;
  let present = true;
  for (const raw of pointer.split("/").slice(1)) {
    token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    parent = value;
    present = parent !== null && typeof parent === "object" && Object.hasOwn(parent, token);
    value = present ? parent[token] : undefined;
  }
  return { value, present };
}

async function factProblem(vector, fact, model) {
  const { value, present } = walk(model, fact.at);
  if ("is" in fact) {
    const got = !present || value === undefined ? "absent" : value === null ? "null" : "value";
    if (got !== fact.is) return `is ${got}`;
  }
  if ("integer" in fact) {
    const integer = typeof value === "bigint" || Number.isInteger(value);
    if (!integer || BigInt(value) !== BigInt(fact.integer)) return `holds ${String(value)} (${typeof value})`;
  }
  if ("enum_member" in fact) {
    const listed = Object.values((await load(vector.models))[fact.enum]).includes(value);
    if (listed !== fact.enum_member) return `${String(value)} listed by ${fact.enum}: ${listed}`;
  }
  if ("variant" in fact) {
    if (fact.variant === null) {
      const raw = walk(parseJsonOf(vector), fact.at).value;
      if (!same(value, raw)) return "an unknown variant is not kept raw";
    } else if (!(await load(vector.validators))[`isValid${fact.variant}`](value)) {
      return `not a valid ${fact.variant}`;
    }
  }
  return null;
}

const parsed = new Map();
function parseJsonOf(vector) {
  return parsed.get(vector.id);
}

async function decodeProblem(vector) {
  const { parseJson, stringifyJson } = await load(vector.json);
  const codecs = await load(vector.codecs);
  parsed.set(vector.id, parseJson(vector.payload));
  const model = codecs[vector.decode](parseJson(vector.payload));
  const encoded = stringifyJson(model);
  if (!isDeepStrictEqual(canonical(encoded), canonical(vector.encoded))) {
    return `${vector.id}: encoded as ${encoded}, expected ${vector.encoded}`;
  }
  if (vector.request_encoded !== null) {
    const sent = stringifyJson(codecs[vector.encode](model));
    if (!isDeepStrictEqual(canonical(sent), canonical(vector.request_encoded))) {
      return `${vector.id}: sent as ${sent}, expected ${vector.request_encoded}`;
    }
  }
  if (!isDeepStrictEqual(codecs[vector.decode](parseJson(encoded)), model)) {
    return `${vector.id}: decoding the encoding gives another model`;
  }
  for (const fact of vector.facts) {
    const problem = await factProblem(vector, fact, model);
    if (problem !== null) return `${vector.id}: fact ${JSON.stringify(fact)}: ${problem}`;
  }
  return null;
}

for (const vector of plan.vectors) {
  test(vector.id, async () => {
    const problem = vector.kind === "decode" ? await decodeProblem(vector)
      : disagreement(vector, await answer(vector));
    if (vector.excluded === null) {
      assert.equal(problem, null, problem ?? "");
    } else {
      assert.notEqual(problem, null, `${vector.id} is excluded (${vector.excluded}) but passes:`
        + " remove it from tests/conformance/exclusions.json");
    }
  });
}
