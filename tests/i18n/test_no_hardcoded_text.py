"""No user-visible text is written in Python or KV code: it comes from i18n keys.

The check reads the code (it runs nothing): string literals given to the places where text
reaches a child or a teacher (widget ``text``/``title``/``hint_text``, ``.text =``, the
narrator's ``say``, KV ``text:`` rules), and every literal shaped like an i18n key must exist.
Command-line tools for developers (``__main__.py``) may print English.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.i18n.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("app", "accessibility", "adapters", "levels")
TEXT_KEYWORDS = {"text", "title", "hint_text", "caption", "placeholder"}
SPEAKING_CALLS = {"say", "speak", "caption", "show_message"}
WORDS = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_%{}]+)+$")


def _python_files() -> list[Path]:
    return [
        path
        for room in ROOMS
        for path in sorted((ROOT / room).rglob("*.py"))
        if path.name != "__main__.py" and "firmware" not in path.parts
    ]


def _looks_like_text(value: str) -> bool:
    """Prose a person would read: words, not an id, a key, a path or a format code."""
    if not WORDS.search(value) or KEY_SHAPE.match(value):
        return False
    if re.fullmatch(r"[\w./:\-\[\]#%{}]+", value) and " " not in value:
        return False  # ids, paths, markup, colours
    return True


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant)) or None
    return None


def _violations_in(path: Path) -> list[str]:
    found: list[str] = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(ROOT)
    for node in ast.walk(tree):
        candidates: list[ast.AST] = []
        if isinstance(node, ast.Call):
            candidates += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in SPEAKING_CALLS and node.args:
                candidates.append(node.args[0])
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Attribute) and t.attr in TEXT_KEYWORDS for t in node.targets):
                candidates.append(node.value)
        for candidate in candidates:
            value = _string(candidate)
            if value is not None and _looks_like_text(value):
                found.append(f"{rel}:{candidate.lineno}: {value!r}")
    return found


def test_no_user_visible_literals_in_python() -> None:
    violations = [v for path in _python_files() for v in _violations_in(path)]
    assert not violations, "user-visible text must come from i18n keys:\n" + "\n".join(violations)


def test_no_user_visible_literals_in_kv() -> None:
    violations = []
    rule = re.compile(r"^\s*(text|title|hint_text)\s*:\s*(['\"])(.*)\2\s*$")
    for path in sorted((ROOT / "app").rglob("*.kv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = rule.match(line)
            if match and _looks_like_text(match.group(3)):
                violations.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not violations, "KV text must come from i18n keys:\n" + "\n".join(violations)


def test_every_key_literal_in_code_exists_in_english() -> None:
    catalogue = load_catalogue()
    namespaces = set(catalogue.entries)
    missing = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            value = node.value if isinstance(node, ast.Constant) else None
            if not isinstance(value, str) or not KEY_SHAPE.match(value) or "%" in value:
                continue
            namespace, _, rest = value.partition(".")
            if namespace not in namespaces:
                continue
            english = catalogue.entries[namespace].get("en", {})
            if rest not in english and not any(k.startswith(rest + ".") for k in english):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {value}")
    assert not missing, "keys used in code but missing from i18n/*.en.yml:\n" + "\n".join(missing)


def test_the_check_catches_a_hardcoded_label(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("Label(text='Press the big button')\nnarrator.say('Well done!')\n"
                      "Label(text=tr.t('ui.ok'))\nw.text = 'blocks.move.label'\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = _violations_in(sample)
    finally:
        ROOT = saved
    assert [f.split(": ", 1)[1] for f in found] == ["'Press the big button'", "'Well done!'"]
