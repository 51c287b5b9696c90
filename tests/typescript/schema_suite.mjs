// The JSON-Schema-Test-Suite through the generated TypeScript validators, compiled to
// JavaScript: `node schema_suite.mjs` with PLAN set to the plan that
// tests/typescript/test_typescript_schema_suite.py writes (each test with the compiled module of
// its case, the test's data as JSON text, and whether the suite says it is valid). The data is
// read by the package's own `parseJson` (integers beyond 2^53 kept exact as bigint). A test
// passes when `validateSchema` finds no problem exactly when the suite says valid and
// `isValidSchema` agrees; a crash is a failure. Prints one JSON array: per test, `why` (null
// when it passed, else why not) and `problems`, what `validateSchema` found, each as
// [instance path, keyword, schema path, message, code] (null when it crashed).
import { readFileSync } from "node:fs";

const plan = JSON.parse(readFileSync(process.env.PLAN, "utf8"));
const { parseJson } = await import(plan.json);
const modules = new Map();
const results = [];
for (const test of plan.tests) {
  try {
    if (!modules.has(test.module)) modules.set(test.module, await import(test.module));
    const { validateSchema, isValidSchema } = modules.get(test.module);
    const value = parseJson(test.data);
    const problems = validateSchema(value)
      .map((p) => [p.instancePath, p.keyword, p.schemaPath, p.message, p.code]);
    const fast = isValidSchema(value);
    let why = null;
    if (fast !== (problems.length === 0)) {
      why = `isValidSchema says ${fast}, validateSchema found ${JSON.stringify(problems)}`;
    } else if (fast !== test.valid) {
      why = `valid is ${test.valid}, TypeScript found ${JSON.stringify(problems)}`;
    }
    results.push({ why, problems });
  } catch (error) {
    results.push({ why: `crashed: ${error && error.stack ? error.stack : error}`, problems: null });
  }
}
process.stdout.write(JSON.stringify(results));
