"""TypeScript's decode and encode on data as deep as ``JSON.parse`` gives (issue 24, section 3).

``JSON.parse`` in Node has no depth limit of its own (it parses 2,000,000 levels), so
``decodeX``/``encodeX`` recurse 256 levels and go on from a work list (``codec.ts``): the ``deep_data``
golden's ``Node`` (through an array, a field, a map and a union) decodes and encodes 200,000
levels from 100 frames down and from 40 frames short of the stack's end (the walk starts
again with fewer direct levels there), every level's int64 decoded; an object that holds itself
is a ``TypeError``. The data is read by ``parseJson`` (the client's lossless parser: a stack of
its own) and written back by ``stringifyJson`` (recursion, then a stack of its own beyond 256
levels) byte for byte, from both places too. The validators are tested in
``test_typescript_deep_validators.py``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from golden_cases import materialise
from typescript_support import compile_packages

_SCRIPT = r"""
const c = await import(process.argv[2] + "/codecs.js");
const j = await import(process.argv[2] + "/json.js");
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
const small = () => { let m = 0; const r = (k) => { m = k; r(k + 1); }; try { r(0); } catch {} return m; };
small();
const headroom = nearEnd(40, small);  // small frames that still fit where the walks run
const levels = (v, step) => { let n = 0; for (let b = step(v); b !== undefined; b = step(v)) { v = b; n++; } return [n, v]; };
const n = 200000;
const shapes = {
  array: ['{"id":1,"size":"5","children":[', ']}', (o) => o.children?.[0], "decodeNode", "encodeNode"],
  field: ['{"id":1,"size":"5","next":', '}', (o) => o.next, "decodeNode", "encodeNode"],
  map: ['{"id":1,"size":"5","named":{"a":', '}}', (o) => o.named?.a, "decodeNode", "encodeNode"],
  union: ['{"id":1,"size":"5","either":', '}', (o) => o.either, "decodeNode", "encodeNode"],
};
const leaf = '{"id":0,"size":"9007199254740993"}';
const out = {};
for (const [name, [open, close, step, dec, enc]] of Object.entries(shapes)) {
  const text = open.repeat(n) + leaf + close.repeat(n);
  const data = down(100, () => j.parseJson(text));  // what the client reads a response with
  const same = nearEnd(40, j.parseJson, text);
  const json = [down(100, () => j.stringifyJson(data)) === text, nearEnd(40, j.stringifyJson, same) === text];
  const decoded = down(100, () => c[dec](data));
  const [depth, bottom] = levels(decoded, step);
  const sizes = [decoded.size, bottom.size];
  const encoded = down(100, () => c[enc](decoded));
  const [again] = levels(encoded, step);
  const nearDecoded = nearEnd(40, c[dec], data);
  const [nearDepth, nearBottom] = levels(nearDecoded, step);
  const [nearAgain] = levels(nearEnd(40, c[enc], nearDecoded), step);
  const near = nearDepth === depth && nearAgain === again && nearBottom.size === bottom.size;
  out[name] = [depth, typeof sizes[0], typeof sizes[1], again, near, ...json];
}
const ring = { id: 1, size: 5 };
ring.next = ring;  // an object built in code holding itself: a clear error, not a hang
try { c.encodeNode(ring); out.ring = "no error"; } catch (e) { out.ring = String(e); }
try { j.stringifyJson(ring); out.text = "no error"; } catch (e) { out.text = String(e); }
console.log(JSON.stringify(out));
console.log(headroom);
"""


def test_decode_and_encode_take_any_depth_json_parse_gives(tmp_path: Path) -> None:
    materialise("deep_data", tmp_path / "case")
    built = compile_packages([tmp_path / "case" / "typescript" / "deep_data_api"],
                             tmp_path / "build", emit=True)
    assert built.returncode == 0, built.stdout + built.stderr
    src = tmp_path / "build" / "dist" / "case" / "typescript" / "deep_data_api" / "src"
    script = tmp_path / "build" / "dist" / "deep.mjs"
    script.write_text(_SCRIPT, encoding="utf-8")
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    done = subprocess.run([node, str(script), str(src)], capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    n = 200_000
    result, headroom = done.stdout.splitlines()
    assert int(headroom) < 400  # 256 levels of recursion would not fit: the walks start again
    assert result == (
        f'{{"array":[{n},"number","bigint",{n},true,true,true],'
        f'"field":[{n},"number","bigint",{n},true,true,true],'
        f'"map":[{n},"number","bigint",{n},true,true,true],'
        f'"union":[{n},"number","bigint",{n},true,true,true],'
        '"ring":"TypeError: circular reference, or data nested too deep for the work list",'
        '"text":"TypeError: circular structure: a value that contains itself"}')
