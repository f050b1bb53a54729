"""The import graph, read with ``ast`` from the sources: the rooms import only what
docs/ARCHITECTURE.md's table allows, only ``app/`` (and the tests and benchmarks) import
Kivy, and no module imports itself back at import time (a cycle)."""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("levels", "adapters", "hardware", "accessibility", "app")
# what each room may import besides the standard library and itself (docs/ARCHITECTURE.md)
ALLOWED: dict[str, set[str]] = {
    "levels": {"yaml"},
    "adapters": {"yaml", "platformdirs", "evdev", "serial", "speech_recognition",
                 "pocketsphinx", "pyaudio", "numpy"},
    "hardware": {"adapters", "levels", "yaml", "serial", "evdev", "usb4a", "usbserial4a"},
    "accessibility": {"levels", "adapters", "yaml", "i18n", "pyttsx3", "jnius"},
    "app": {"levels", "adapters", "hardware", "accessibility", "kivy", "yaml", "platformdirs"},
}
# a room's command-line tool (``python -m levels``, ``python -m adapters``) sits above the
# rooms: it may use any of them, but not Kivy
TOOLS = {"levels", "adapters", "hardware", "accessibility"}
FIRMWARE = ROOT / "hardware" / "firmware"  # MicroPython and Arduino code for the devices


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted (absolute)
    line: int
    eager: bool  # at import time: module level, not under ``if TYPE_CHECKING``


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path) -> list[Import]:
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, eager: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, False)
            elif isinstance(child, ast.If) and _is_type_checking(child):
                visit(child, False)
            elif isinstance(child, ast.Import):
                found.extend(Import(name, a.name, child.lineno, eager) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[:len(package.split(".")) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # ``from a.b import c``: c may be a module; the graph trims it if not
                found.extend(Import(name, f"{base}.{a.name}" if base else a.name, child.lineno,
                                    eager) for a in child.names)
            else:
                visit(child, eager)

    visit(ast.parse(path.read_text(encoding="utf-8")), True)
    return found


def sources(*rooms: str) -> list[Path]:
    return [p for room in rooms for p in sorted((ROOT / room).rglob("*.py"))
            if FIRMWARE not in p.parents]


def top(module: str) -> str:
    return module.split(".")[0]


def test_rooms_import_only_what_the_table_allows() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    def allowed(room: str, path: Path) -> set[str]:
        tool = path.name == "__main__.py" and path.parent == ROOT / room
        return stdlib | {room} | ALLOWED[room] | (TOOLS | ALLOWED["accessibility"] if tool else set())

    wrong = [f"{i.module}:{i.line} imports {i.target}"
             for room in PRODUCT for path in sources(room) for i in imports_of(path)
             if top(i.target) not in allowed(room, path)]
    assert not wrong, "\n".join(wrong)


def test_only_the_app_imports_kivy() -> None:
    wrong = [f"{i.module}:{i.line}" for path in sources(*PRODUCT) for i in imports_of(path)
             if top(i.target) == "kivy" and top(i.module) != "app"]
    assert not wrong, wrong


def test_no_module_imports_itself_back_at_import_time() -> None:
    modules = {module_name(p): p for p in sources(*PRODUCT)}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for i in imports_of(path):
            target = i.target
            while target and target not in modules:  # a name in a module, or a package's
                target = target.rpartition(".")[0]
            if i.eager and target and not (name + ".").startswith(target + "."):
                graph[name].add(target)  # not its own package, which it is being loaded by
    cycles = _cycles(graph)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_checker_sees_a_cycle_and_a_lazy_import() -> None:
    """The checks can fail: a two-module cycle is found, and an import inside a function
    or under TYPE_CHECKING does not count as one made at import time."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    flow = [i for i in imports_of(ROOT / "app" / "voice_training_flow.py")
            if i.target.startswith("adapters.speech.training")]
    assert flow and not any(i.eager for i in flow)


# modules still over the limit, each being split on its own branch; the list only shrinks
OVER_LIMIT: set[str] = set()  # none left; a module that grows past 400 lines is split


def test_no_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in sources(*PRODUCT, "benchmarks")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert set(long) <= OVER_LIMIT, long
