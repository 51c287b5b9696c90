// Checks data as deep as JSON.parse gives against the validators of deep_shapes.yaml
// (test_typescript_deep_validators.py). argv: the compiled src/ folder, the same with
// DEEP raised so that nothing goes to the work list (the answer of plain recursion, run in a
// worker with a stack big enough for it), the depth. Prints one JSON line.
import { createHash } from "node:crypto";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const n = (bad) => (bad ? '"x"' : "1");
const SHAPES = {
  Chain: [(b) => `{"n":${n(b)},"next":`, "}", (b) => `{"n":${n(b)}}`,
    () => { const o = { n: 1 }; o.next = o; return o; }],
  Items: [(b) => `{"n":${n(b)},"kids":[{"n":1},`, "]}", (b) => `{"n":${n(b)}}`,
    () => { const o = { n: 1, kids: [] }; o.kids.push(o); return o; }],
  Table: [(b) => `{"n":${n(b)},"a":`, "}", (b) => `{"n":${n(b)}}`,
    () => { const o = { n: 1 }; o.a = o; return o; }],
  Both: [(b) => `{"n":${b ? -1 : 1},"inner":`, "}", (b) => `{"n":${b ? -1 : 1}}`,
    () => { const o = { n: 1 }; o.inner = o; return o; }],
  Maybe: [(b) => `{"n":${n(b)},"next":`, "}", (b) => `{"n":${n(b)},"next":null}`,
    () => { const o = { n: 1 }; o.next = o; return o; }],
  Opt: [(b) => `{"n":${n(b)},"next":`, "}", (b) => (b ? '{"n":"x","next":null}' : "null"),
    () => { const o = { n: 1 }; o.next = o; return o; }],
  Expr: [(b) => `{"op":${b ? '"mul"' : '"add"'},"args":[1,`, "]}", (b) => (b ? '"two"' : "2"),
    () => { const o = { op: "add", args: [] }; o.args.push(o); return o; }],
  Words: [(b) => (b ? "[5," : "["), "]", (b) => (b ? "5" : '"w"'),
    () => { const a = []; a.push(a); return a; }],
  Shape: [(b) => `{"kind":"group","n":${n(b)},"members":[{"kind":"leaf","size":1},`, "]}",
    (b) => `{"kind":"leaf","size":${n(b)}}`,
    () => { const o = { kind: "group", members: [] }; o.members.push(o); return o; }],
  Route: [(b) => `{"t":"go","n":${n(b)},"then":`, "}", (b) => `{"t":"stop","n":${n(b)}}`,
    () => { const o = { t: "go", n: 1 }; o.then = o; return o; }],
  Ping: [(b, i) => `{"n":${n(b)},"${i % 2 ? "ping" : "pong"}":`, "}", (b) => `{"n":${n(b)}}`,
    () => { const a = { n: 1 }; a.pong = { n: 2, ping: a }; return a; }],
};

/** `depth` levels of `shape`; bad (when `bad`) at levels 0, 1, depth/2, depth-1 and the leaf. */
function text([open, close, leaf], depth, bad) {
  const wrong = new Set(bad ? [0, 1, depth >> 1, depth - 1] : []);
  const parts = [];
  for (let i = 0; i < depth; i++) parts.push(open(wrong.has(i), i));
  return parts.join("") + leaf(bad) + close.repeat(depth);
}

/** What the validators say of `value`: yes/no, and every problem (a digest, a summary). */
function judge(v, name, value) {
  const problems = v[`validate${name}`](value);
  const full = JSON.stringify(problems.map((p) => [p.instancePath, p.keyword, p.schemaPath, p.message, p.code]));
  return {
    valid: v[`isValid${name}`](value),
    digest: createHash("sha256").update(full).digest("hex"),
    summary: problems.map((p) => [p.instancePath.length, p.keyword, p.schemaPath.split("#")[1]]),
  };
}

function judgeAll(v, depth) {
  const out = {};
  for (const [name, shape] of Object.entries(SHAPES)) {
    out[name] = [false, true].map((bad) => judge(v, name, JSON.parse(text(shape, depth, bad))));
  }
  return out;
}

const down = (k, f) => (k <= 0 ? f() : down(k - 1, f));

// `f(...args)` called `spare` frames short of the stack's end: recurse until the stack runs
// out, then call it on the way back (measured where it runs, whatever the compiler made of the
// frames). `f` must have run before: compiling a function needs more stack than running it.
function nearEnd(spare, f, ...args) {
  let countdown = -1;
  let result;
  let error;
  const r = () => {
    try { r(); } catch (e) { if (!(e instanceof RangeError) || countdown >= 0) throw e; countdown = spare; }
    if (countdown-- === 0) { try { result = f(...args); } catch (e) { error = e; } }
  };
  r();
  if (error !== undefined) throw error;
  return result;
}

function headroom() {
  let m = 0;
  const r = (k) => { m = k; r(k + 1); };
  try { r(0); } catch {}
  return m;
}

if (!isMainThread) {
  const v = await import(workerData.plain + "/validators.js");
  parentPort.postMessage(judgeAll(v, workerData.depth));
} else {
  const [src, plain, depthText] = process.argv.slice(2);
  const depth = Number(depthText);
  const v = await import(src + "/validators.js");
  const shallow = {};
  for (const [name, shape] of Object.entries(SHAPES)) {
    const t = text(shape, 6, true);
    shallow[name] = [t, v[`validate${name}`](JSON.parse(t))];
  }
  const deep = down(100, () => judgeAll(v, depth));
  headroom();
  const near = nearEnd(40, judgeAll, v, depth);  // every function it calls ran in `deep`
  const room = nearEnd(40, headroom);
  const rings = {};
  for (const [name, shape] of Object.entries(SHAPES)) {
    rings[name] = [`isValid${name}`, `validate${name}`].map((f) => {
      try { return `no error: ${JSON.stringify(v[f](shape[3]()))}`; } catch (e) { return String(e); }
    });
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { plain, depth }, resourceLimits: { stackSizeMb: 2000 },
  });
  const recursed = await new Promise((resolve, reject) => {
    worker.on("message", resolve);
    worker.on("error", reject);
  });
  console.log(JSON.stringify({ shallow, deep, near, room, rings, recursed }));
}
