"""The format stage's machinery is language-neutral: a block stream and a command stream run a
formatter given as a parameter (here a toy one, for files of a made-up language), with its own
cut rule, joiner, parse-back and cache key."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.format import FormatFailure
from generator.format.blockstream import BlockStream, BlockStyle
from generator.format.cache import FormatCache
from generator.format.commandstream import CommandStream, CommandStyle
from generator.format.manifest import NOTHING, Reuse
from generator.progress import SILENT
from generator.write import FORMAT_MANIFEST

# the toy language: blocks start at "fn "; formatting upper-cases; "!" does not parse
TOY = '''\
import json
from pathlib import Path


def upper(text):
    return None if "!" in text else text.upper()


def chunk(source, target):
    pairs = json.loads(Path(source).read_text(encoding="utf-8"))
    Path(target).write_text(json.dumps([upper(b) for _, b in pairs]), encoding="utf-8")
    return {}


def check(text, name):
    return "not upper-cased" if text != text.upper() else None


if __name__ == "__main__":  # the command: upper-case each file in place
    import sys
    for path in sys.argv[1:]:
        p = Path(path)
        text = p.read_text(encoding="utf-8")
        if "!" in text:
            sys.exit(f"cannot parse {path}")
        p.write_text(text.upper(), encoding="utf-8")
'''
SOURCE = "header\nfn a\n  x\nfn b\n  y\n"


def _cut(text: str) -> list[str]:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n" and text[i + 1:i + 4] == "fn "]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


@pytest.fixture
def toy(tmp_path: Path) -> str:
    module = tmp_path / "toy.py"
    module.write_text(TOY, encoding="utf-8")
    return str(module)


def _block_style(toy: str) -> BlockStyle:
    def blocks(texts: list[str]) -> list[str | None]:
        return [None if "!" in t else t.upper() for t in texts]

    def whole(path: str, text: str) -> str:
        raise FormatFailure(path, text, "cannot parse")

    return BlockStyle(suffix=".toy", key="toy 1", cut=_cut, joiner="", blocks=blocks,
                      chunk=(toy, "chunk"), chunk_args=(), whole=whole, parallel_lines=1,
                      chunk_lines=1, run_blocks=1)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_block_stream_formats_blocks_through_the_cache(
    toy: str, tmp_path: Path, workers: int
) -> None:
    cache = FormatCache(tmp_path / "cache")
    for expected_added in (3, 0):  # the second run finds every block in the cache
        cache.added = 0
        with BlockStream(_block_style(toy), Reuse(cache=cache), SILENT, workers) as stream:
            stream.add("toy/m.toy", [SOURCE[:7], SOURCE[7:]])
            stream.add("toy/README", ["as is"])
            out = {p: c if isinstance(c, str) else c.read_text() for p, c in
                   stream.result().items()}
        assert out.pop(f"toy/{FORMAT_MANIFEST}").count('"toy 1"') == 1
        assert out == {"toy/m.toy": SOURCE.upper(), "toy/README": "as is"}
        assert cache.added == expected_added


def test_a_block_the_formatter_refuses_sends_the_module_whole(toy: str) -> None:
    with BlockStream(_block_style(toy), NOTHING, SILENT, 1) as stream, \
            pytest.raises(FormatFailure) as info:
        stream.add("toy/m.toy", [SOURCE + "fn c!\n"])
        stream.result()
    assert info.value.path == "toy/m.toy" and info.value.source == SOURCE + "fn c!\n"


def _command_style(toy: str) -> CommandStyle:
    return CommandStyle(name="toyfmt", key="toyfmt 1", suffix=".toy",
                        command=(sys.executable, toy), check=(toy, "check"), cut=_cut,
                        joiner="", piece_lines=1, run_blocks=1, batch_lines=1)


def test_a_command_stream_runs_the_command_on_pieces_and_parses_them_back(toy: str) -> None:
    with CommandStream(_command_style(toy), workers=2) as stream:
        stream.add("toy/m.toy", [SOURCE])
        stream.add("toy/n.toy", ["fn z\n"])
        out = {p: c if isinstance(c, str) else c.read_text() for p, c in
               stream.result().items()}
    assert out.pop(f"toy/{FORMAT_MANIFEST}").count('"toyfmt 1"') == 1
    assert out == {"toy/m.toy": SOURCE.upper(), "toy/n.toy": "FN Z\n"}


def test_a_module_the_command_refuses_is_a_format_failure(toy: str) -> None:
    with CommandStream(_command_style(toy), workers=1) as stream, \
            pytest.raises(FormatFailure) as info:
        stream.add("toy/m.toy", ["fn a!\n"])
        stream.result()
    assert info.value.path == "toy/m.toy" and "cannot parse" in str(info.value)
