// Drives the generated TypeScript client (compiled to JavaScript) for
// tests/typescript/test_typescript_client.py: `node client_driver.mjs <scenario>` with CREDITS
// and PETS (the compiled packages' index.js) and URL (the scripted loopback server, or Prism)
// in the environment. It prints one JSON line: what the call returned or threw, and every wait
// the retry policy asked for (recorded, never slept). The Python side starts the server, reads
// what it received, and asserts on both.
import { inspect } from "node:util";

const credits = await import(process.env.CREDITS);
const pets = process.env.PETS ? await import(process.env.PETS) : null;
const media = process.env.MEDIA ? await import(process.env.MEDIA) : null;
const url = process.env.URL;
const sleeps = [];
const retry = { initialDelayMs: 100, maxDelayMs: 1000, sleep: async (ms) => { sleeps.push(ms); } };
const body = {
  stages: [
    { type: "INPUT_INITIALIZE", inputInitialize: { seed: 4294967295n, count: 1 } },
    { type: "DIFFUSION", diffusion: { width: 512, height: "768", prompts: [{ text: "a cat" }], steps: 20 } },
  ],
};

function described(error) {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const out = { name: error.name, message: error.message, string: String(error), inspected: inspect(error) };
  for (const key of ["status", "method", "url", "serverMessage", "code", "reason", "requestId", "operation"]) {
    if (error[key] !== undefined) out[key] = error[key];
  }
  if (error.body instanceof Uint8Array) out.body = new TextDecoder().decode(error.body);
  if (error.model !== undefined) out.model = JSON.parse(credits.stringifyJson(error.model));
  if (error.problems !== undefined) out.problems = error.problems;
  out.classes = [];
  for (let c = Object.getPrototypeOf(error); c && c !== Error.prototype; c = Object.getPrototypeOf(c)) {
    out.classes.push(c.constructor.name);
  }
  return out;
}

const scenarios = {
  async credits() {
    const client = credits.createClient({ baseUrl: url, token: "TOKEN-SECRET", retry });
    const { data, status, headers } = await credits.calcCreditsJobWithResponse(client, body);
    const grouped = await client.jobs.calcCreditsJob(body);
    return { data, status, contentType: headers.get("content-type"), grouped,
             shown: [String(client), inspect(client), JSON.stringify(client)] };
  },
  async standalone() {
    const client = credits.createCoreClient({ baseUrl: url, apiKey: "KEY-SECRET" });
    return credits.calcCreditsJob(client, body);
  },
  async retryAfter() {
    return credits.calcCreditsJob(credits.createClient({ baseUrl: url, token: "TOKEN-SECRET", retry }), body);
  },
  async statusError() {
    return credits.calcCreditsJob(credits.createClient({ baseUrl: url, token: "TOKEN-SECRET", retry: false }), body);
  },
  async timeout() {
    const client = credits.createClient({ baseUrl: url, token: "TOKEN-SECRET", timeoutMs: 300, retry });
    return credits.calcCreditsJob(client, body);
  },
  async invalid() {
    const client = credits.createClient({ baseUrl: url, token: "TOKEN-SECRET" });
    return credits.calcCreditsJob(client, { stages: [{ type: "DIFFUSION", diffusion: { width: 500, height: 64, prompts: [] } }] });
  },
  async unchecked() {
    const client = credits.createClient({ baseUrl: url, token: "TOKEN-SECRET", validate: false, retry: false });
    return credits.calcCreditsJob(client, { stages: [{ type: "DIFFUSION", diffusion: { width: 500, height: 64, prompts: [] } }] });
  },
  async environment() {
    // TAMS_CREDITS_BASE_URL, _TOKEN and _API_KEY are set by the Python side (ENV_AUTHORIZATIONS)
    const served = process.env.TAMS_CREDITS_BASE_URL;
    const first = credits.createClient({ retry: false });
    await first.jobs.calcCreditsJob(body);
    process.env.TAMS_CREDITS_BASE_URL = "http://127.0.0.1:9";
    const given = credits.createCoreClient({ baseUrl: served, token: "from-the-option", retry: false });
    await credits.calcCreditsJob(given, body);
    const last = credits.createClient({ baseUrl: served, token: "", retry: false });
    await last.calcCreditsJob(body);
    return { shown: [String(first), String(given), String(last), inspect(first), JSON.stringify(first)] };
  },
  async withoutProcess() {
    // a browser has no `process`; Deno without --allow-env throws when the environment is read
    const saved = globalThis.process;
    const shown = [];
    try {
      globalThis.process = undefined;
      shown.push(String(credits.createClient()));
      globalThis.process = { get env() { throw new Error("NotCapable: --allow-env"); } };
      shown.push(String(credits.createClient({ apiKey: "given" })));
    } finally {
      globalThis.process = saved;
    }
    return { shown };
  },
  async redact() {
    return { redacted: credits.redactUrl("https://u:p@h.example/x?token=1&a=2&my_sig=3&api_key=4&q=5", ["q"]) };
  },
  async query() {
    const client = pets.createClient({ baseUrl: `${url}/api/v2`, apiKeyQuery: "QKEY-SECRET" });
    return pets.listPets(client, {
      tags: ["a", "b"], ids: [1, 2], names: ["x", "y"], filter: { color: "red", size: 2 },
      xTrace: "t-1", session: "s 1", kind: "cat",
    });
  },
  async paths() {
    const client = pets.createClient({ baseUrl: `${url}/api/v2`, apiKeyQuery: "QKEY-SECRET" });
    return [
      await pets.getPet(client, { petId: "../a b/?#x" }),
      await pets.petLabel(client, { petId: ["a", "b"], coords: { color: "red", size: 2 } }),
      await pets.petLabelBeta(client, { petId: "a b", lang: "nb" }),
    ];
  },
  async dots() {
    const client = pets.createClient({ baseUrl: `${url}/api/v2` });
    return pets.getPet(client, { petId: ".." });
  },
  async problem() {
    const client = pets.createClient({ baseUrl: `${url}/api/v2`, apiKeyQuery: "QKEY-SECRET", retry });
    return pets.createPet(client, { name: "Rex" });
  },
  async serverVariables() {
    const client = pets.createClient({ serverVariables: { region: "us" } });
    return { baseUrl: client.baseUrl, fallback: pets.createClient().baseUrl };
  },
  async streams() {
    const client = media.createClient({ baseUrl: url });
    const lines = [];
    for await (const item of await client.events.listEvents()) lines.push(item);
    const events = [];
    for await (const event of await client.watchEvents()) events.push(event);
    const stored = await media.putNote(client, "a note");
    return { lines, events, stored: [...stored] };
  },
  async deepObject() {
    const client = media.createClient({ baseUrl: url });
    return media.listCharges(client, {
      created: { gte: 1, range: { lt: 9007199254740993n }, ids: ["a", "b c"] }, expand: ["x", "y"],
    });
  },
  async getRetried() {
    const client = pets.createClient({ baseUrl: `${url}/api/v2`, apiKeyQuery: "QKEY-SECRET", retry });
    return pets.getPet(client, { petId: "1" });
  },
};

// stringifyJson: a bigint is printed with every digit (Python's json reads it exactly)
try {
  const result = await scenarios[process.argv[2]]();
  console.log(credits.stringifyJson({ ok: true, result: result ?? null, sleeps }));
} catch (error) {
  console.log(credits.stringifyJson({ ok: false, error: described(error), sleeps }));
}
