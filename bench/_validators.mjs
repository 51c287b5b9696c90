// Calls per second of the generated TypeScript validators and ajv 8 (Ajv2020, compiled once,
// with and without allErrors) on the credits requests, in this one node process.
// Run by bench/typescript.py: node _validators.mjs VALIDATORS_JS PAYLOADS_JSON SCHEMA_JSON ANCHORS
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [validatorsJs, payloadsJson, schemaJson, anchors] = process.argv.slice(2);
const ours = await import(pathToFileURL(validatorsJs).href);
const require = createRequire(`${anchors}/package.json`);
const Ajv2020 = require("ajv/dist/2020").default;
const payloads = JSON.parse(readFileSync(payloadsJson, "utf8"));
const schema = JSON.parse(readFileSync(schemaJson, "utf8"));
// strict: false lets the spec's own keywords through (x-error-codes, discriminator, example);
// no format plugin: ajv checks no int64/int32 range, the generated validators do
const ajv = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
const ajvAll = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);

let sink = 0;
const ROUNDS = Number(process.env.ROUNDS ?? 15);
/**
 * Seconds per call of each function: loops grown until one batch takes 20 ms, then ROUNDS
 * rounds that time one batch of every function in turn (interleaved, so a busy moment of a
 * shared machine hits all of them); the best batch of each.
 */
function secondsPerCall(fns) {
  const loops = {};
  const best = {};
  for (const [name, fn] of Object.entries(fns)) {
    let n = 1;
    while (batch(fn, n) < 0.02) n *= 2;
    loops[name] = n;
    best[name] = Infinity;
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(fns)) {
      best[name] = Math.min(best[name], batch(fn, loops[name]) / loops[name]);
    }
  }
  return best;
}
function batch(fn, loops) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < loops; i++) sink ^= fn() ? 1 : 0;
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const rows = {};
for (const [label, data] of Object.entries(payloads)) {
  const problems = ours.validateCreditsRequest(data);
  ajvAll(data);
  rows[label] = {
    valid: ours.isValidCreditsRequest(data),
    problems: problems.length,
    coded: problems.filter((p) => typeof p.code === "string" && p.code !== "").length,
    codes: [...new Set(problems.map((p) => p.code))],
    ajv_all_errors: ajvAll.errors ? ajvAll.errors.length : 0,
    ajv_agrees: ajv(data) === ours.isValidCreditsRequest(data),
    seconds: secondsPerCall({
      "specgen isValid": () => ours.isValidCreditsRequest(data),
      "specgen validate": () => ours.validateCreditsRequest(data).length === 0,
      ajv: () => ajv(data),
      "ajv allErrors": () => ajvAll(data),
    }),
  };
}
process.stdout.write(JSON.stringify({ node: process.version, sink, rows }) + "\n");
