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

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const BATCH = 0.1; // CPU seconds
/**
 * CPU seconds per call of each function (the process's user + system time: on a loaded shared
 * machine the wall clock counts the time others run): loops grown until one batch takes
 * BATCH CPU seconds, then ROUNDS rounds that time one batch of every function in turn; the
 * best batch of each.
 */
function secondsPerCall(fns) {
  const loops = {};
  const best = {};
  const batches = {};
  for (const [name, fn] of Object.entries(fns)) {
    const batch = batchOf(fn);
    let n = 1;
    while (batch(n) < BATCH) n *= 2;
    batches[name] = batch;
    loops[name] = n;
    best[name] = Infinity;
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(fns)) {
      best[name] = Math.min(best[name], batches[name](loops[name]) / loops[name]);
    }
  }
  return best;
}

/** A timing loop of its own for `fn` (a fresh function: its call site sees `fn` alone, so what
 * the JIT learns from one library's function does not slow another's). */
function batchOf(fn) {
  const loop = new Function("fn", "cpu", `return function (loops) {
    let sink = 0;
    const start = cpu();
    for (let i = 0; i < loops; i++) sink ^= fn() ? 1 : 0;
    const used = cpu(start);
    const seconds = (used.user + used.system) / 1e6;
    return sink === 2 ? -1 : seconds;
  };`);
  return loop(fn, process.cpuUsage);
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
process.stdout.write(JSON.stringify({ node: process.version, rows }) + "\n");
