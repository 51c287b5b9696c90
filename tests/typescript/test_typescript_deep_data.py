"""TypeScript's decode and encode on data as deep as ``JSON.parse`` gives (issue 24, section 3).

``JSON.parse`` in Node has no depth limit of its own (it parses 2,000,000 levels), so
``decodeX``/``encodeX`` recurse 256 levels and go on from a work list (``codec.ts``): the ``deep_data``
golden's ``Node`` (through an array, a field, a map and a union) decodes and encodes 200,000
levels from 100 frames down, every level's int64 decoded, and what the validators and the lossless parser cannot take is measured by the
Python-side report, not here (they still recurse: see the README's "Hostile and huge specs")."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from golden_cases import materialise
from typescript_support import compile_packages

_SCRIPT = r"""
const c = await import(process.argv[2] + "/codecs.js");
const down = (k, f) => (k <= 0 ? f() : down(k - 1, f));
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
  const data = JSON.parse(open.repeat(n) + leaf + close.repeat(n));
  const decoded = down(100, () => c[dec](data));
  const [depth, bottom] = levels(decoded, step);
  const sizes = [decoded.size, bottom.size];
  const encoded = down(100, () => c[enc](decoded));
  const [again] = levels(encoded, step);
  out[name] = [depth, typeof sizes[0], typeof sizes[1], again];
}
const ring = { id: 1, size: 5 };
ring.next = ring;  // an object built in code holding itself: a clear error, not a hang
try { c.encodeNode(ring); out.ring = "no error"; } catch (e) { out.ring = String(e); }
console.log(JSON.stringify(out));
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
    assert done.stdout.strip() == (
        f'{{"array":[{n},"number","bigint",{n}],"field":[{n},"number","bigint",{n}],'
        f'"map":[{n},"number","bigint",{n}],"union":[{n},"number","bigint",{n}],'
        '"ring":"TypeError: circular reference, or data nested too deep for the work list"}')
