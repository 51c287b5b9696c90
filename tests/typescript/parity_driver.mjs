// Drives the generated TypeScript clients for tests/typescript/test_typescript_client_parity.py:
// `node parity_driver.mjs <scenario>` with TODOS, IO and PARAMS (the compiled packages'
// index.js), URL (the scripted loopback server, or Prism) and, for some scenarios, VECTORS (JSON:
// calls of the params package), READS (how many listTodos calls) or TEXTS (error body texts) in
// the environment. It prints one JSON line: what each call returned or threw.
const todos = await import(process.env.TODOS);
const io = await import(process.env.IO);
const params = await import(process.env.PARAMS);
const url = process.env.URL;

function problems(error) {
  if (error?.name !== "RequestValidationError") throw error;
  return error.problems.map((p) => [p.instancePath, p.code, p.message, p.schemaPath]);
}

async function outcome(call) {
  try {
    await call();
    return "sent";
  } catch (error) {
    return problems(error);
  }
}

// a typed header value as JSON can carry it: a bigint as `123n`, NaN and ±Infinity as text
function plain(v) {
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return v === undefined ? "undefined" : v;
}

function typed(response) {
  const { typedHeaders } = response;
  return typedHeaders === undefined ? null
    : Object.fromEntries(Object.entries(typedHeaders).map(([k, v]) => [k, plain(v)]));
}

const scenarios = {
  async vectors() {
    const client = params.createClient({ baseUrl: url, retry: false });
    const out = [];
    for (const { op, params: given, body } of JSON.parse(process.env.VECTORS)) {
      out.push(await outcome(() => (body === undefined ? params[op](client, given) : params[op](client, given, body))));
    }
    return out;
  },
  async prism() {
    const checked = params.createClient({ baseUrl: url, retry: false });
    const unchecked = params.createClient({ baseUrl: url, retry: false, validate: false });
    const out = [];
    for (const { op, params: given, body } of JSON.parse(process.env.VECTORS)) {
      const call = (client) => (body === undefined ? params[op](client, given) : params[op](client, given, body));
      let answer = "sent";  // what Prism says of the call sent unchecked: 2xx, or its status
      try {
        await call(unchecked);
      } catch (error) {
        if (typeof error?.status !== "number") throw error;
        answer = error.status;
      }
      out.push([await outcome(() => call(checked)), answer]);
    }
    return out;
  },
  async parameters() {
    const client = io.createClient({ baseUrl: url, retry: false });
    const unchecked = io.createClient({ baseUrl: url, retry: false, validate: false });
    return [
      await outcome(() => io.listTodos(client, { limit: 500, xTenant: "ACME", session: "s" })),
      await outcome(() => io.getTodo(client, { todoId: "x1" })),
      await outcome(() => io.createTodo(client, { idempotencyKey: "short" }, { title: "" })),
      await outcome(() => io.listTodos(client, { limit: 100, xTenant: "acme" })),
      await outcome(() => io.listTodos(unchecked, { limit: 500 })),
      await outcome(() => io.listTodos(client, { limit: 500 }, { validate: false })),
      await outcome(() => io.createTodo(client, { idempotencyKey: "k-123456" }, { title: "milk" })),
    ];
  },
  async textMessages() {
    const client = todos.createClient({ baseUrl: url, retry: false });
    const thrown = [];
    const count = Number(process.env.COUNT ?? 3);
    for (let i = 0; i < count; i++) thrown.push(await todos.listTodos(client).catch((e) => e.serverMessage));
    return { read: JSON.parse(process.env.TEXTS).map(todos.textMessage), thrown };
  },
  async headers() {
    const client = todos.createClient({ baseUrl: url, retry: false });
    const out = [];
    for (let i = 0; i < Number(process.env.READS ?? 3); i++) out.push(typed(await todos.listTodosWithResponse(client)));
    const made = await client.todos.createTodoWithResponse({ title: "milk" });
    const got = await todos.getTodoWithResponse(client, { todoId: 7 });
    return { listed: out, created: [made.status, typed(made)], got: [got.status, typed(got)] };
  },
};

try {
  const result = await scenarios[process.argv[2]]();
  console.log(JSON.stringify({ ok: true, result }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error), stack: error?.stack }));
}
