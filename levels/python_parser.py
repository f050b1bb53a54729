"""Python typed by a learner, read with ``ast`` into blocks against a whitelist.

Only the game's subset is accepted: the block commands (``move_forward()``, ``paint("red")``,
...), ``for i in range(N):`` with N from 2 to 10, ``while not at_goal():``,
``if path_ahead():`` / ``path_left()`` / ``path_right()`` with ``else``/``elif``, ``def``
of a function (top level, no arguments, a name from the game's list) and its calls,
``pass`` and comments. Anything else is reported with its line and column and an i18n
key (namespace ``python``). The text is never executed: nothing here calls ``exec`` or
``eval``, and no name in it is looked up in Python.
"""
from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field

from levels.blocks import COLOURS, COUNTS, FUNCTION_NAMES
from levels.program import MAX_DEPTH, Block

SIMPLE_COMMANDS = {"move_forward", "turn_left", "turn_right", "collect", "drop"}
CONDITIONS = {"path_ahead": "ahead", "path_left": "left", "path_right": "right"}
KEYWORDS = {
    ast.Return: "return", ast.Break: "break", ast.Continue: "continue",
    ast.ClassDef: "class", ast.With: "with", ast.Try: "try", ast.Raise: "raise",
    ast.Global: "global", ast.Nonlocal: "nonlocal", ast.Delete: "del", ast.Assert: "assert",
    ast.AsyncFunctionDef: "async", ast.AsyncFor: "async", ast.AsyncWith: "async",
    ast.Lambda: "lambda", ast.Match: "match",
}
MAX_TEXT = 20_000
# Caps checked on the tokens before ``ast`` sees the text: ``ast`` itself overflows on a
# 6 KB chain of ``+`` or 20,000 ``-`` (RecursionError, MemoryError), and a chain of 200
# ``elif`` makes a tree too deep to copy. No program of the game comes near these.
MAX_LINE_TOKENS = 200
MAX_BRACKETS = 10


@dataclass(frozen=True)
class PythonProblem:
    """One thing wrong in the text: where (1-based line and column) and what (i18n key)."""

    key: str
    line: int
    column: int
    params: dict[str, object] = field(default_factory=dict)


class PythonError(ValueError):
    """The text is not the game's Python; ``problems`` lists everything found, in order."""

    def __init__(self, problems: list[PythonProblem]) -> None:
        super().__init__("; ".join(f"{p.line}:{p.column} {p.key} {p.params}" for p in problems))
        self.problems = problems


def parse_python(text: str) -> list[Block]:
    """The blocks ``text`` stands for, or ``PythonError`` saying what to change."""
    if len(text) > MAX_TEXT:
        raise PythonError([PythonProblem("python.error.too_long", 1, 1)])
    if "\x00" in text:  # a pasted file's NUL: ast refuses it with a ValueError
        before = text[:text.index("\x00")]
        raise PythonError([PythonProblem("python.error.hidden_character", before.count("\n") + 1,
                                         len(before) - (before.rfind("\n") + 1) + 1)])
    shape = _shape_problem(text)
    if shape is not None:
        raise PythonError([shape])
    try:
        tree = ast.parse(text, mode="exec")
    except SyntaxError as error:
        raise PythonError([_syntax_problem(error)]) from None
    except (RecursionError, MemoryError):  # a last guard: the caps above should prevent it
        raise PythonError([PythonProblem("python.error.too_deep", 1, 1,
                                         {"max": MAX_DEPTH})]) from None
    reader = _Reader(tree)
    blocks = reader.statements(tree.body, top=True)
    if reader.problems:
        raise PythonError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    return blocks


def _shape_problem(text: str) -> PythonProblem | None:
    """Why ``text`` is too long a line or too deeply nested to hand to ``ast``, or ``None``.

    Nesting counts indented blocks and ``elif`` chains (each ``elif`` is one more level in
    the tree); tokenizing is iterative, so it cannot overflow itself.
    """
    indent, brackets, line_tokens, at_start = 0, 0, 0, True
    elifs: dict[int, int] = {}  # indent level -> ``elif``s so far in its current chain
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            line, column = token.start[0], token.start[1] + 1
            if token.type == tokenize.INDENT:
                indent += 1
            elif token.type == tokenize.DEDENT:
                indent -= 1
                elifs = {level: n for level, n in elifs.items() if level <= indent}
            elif token.type == tokenize.NEWLINE:
                line_tokens, at_start = 0, True
                continue
            elif token.type not in (tokenize.NL, tokenize.COMMENT):
                line_tokens += 1
                if at_start and token.type == tokenize.NAME:
                    if token.string == "elif":
                        elifs[indent] = elifs.get(indent, 0) + 1
                    elif token.string != "else":
                        elifs[indent] = 0
                at_start = False
                if token.string in ("(", "[", "{"):
                    brackets += 1
                elif token.string in (")", "]", "}"):
                    brackets -= 1
            if line_tokens > MAX_LINE_TOKENS:
                return PythonProblem("python.error.line_too_long", line, column,
                                     {"max": MAX_LINE_TOKENS})
            if brackets > MAX_BRACKETS:
                return PythonProblem("python.error.too_many_brackets", line, column,
                                     {"max": MAX_BRACKETS})
            if indent + sum(elifs.values()) > MAX_DEPTH:
                return PythonProblem("python.error.too_deep", line, column,
                                     {"max": MAX_DEPTH})
    except (tokenize.TokenError, SyntaxError):
        return None  # everything before the error was within the caps; ``ast`` says what
    return None


def _syntax_problem(error: SyntaxError) -> PythonProblem:
    message = (error.msg or "").lower()
    if "indent" in message:
        key = "python.error.indentation"
    elif "expected ':'" in message:
        key = "python.error.colon"
    elif "never closed" in message or "unmatched" in message or "does not match" in message:
        key = "python.error.brackets"
    else:
        key = "python.error.syntax"
    return PythonProblem(key, error.lineno or 1, error.offset or 1)


class _Reader:
    def __init__(self, tree: ast.Module) -> None:
        self.problems: list[PythonProblem] = []
        self.functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        self._defined: set[str] = set()

    def problem(self, key: str, node: ast.AST, **params: object) -> None:
        self.problems.append(PythonProblem(key, getattr(node, "lineno", 1),
                                           getattr(node, "col_offset", 0) + 1, params))

    def statements(self, body: list[ast.stmt], top: bool = False) -> list[Block]:
        blocks: list[Block] = []
        for node in body:
            blocks.extend(self.statement(node, top))
        return blocks

    def statement(self, node: ast.stmt, top: bool) -> list[Block]:
        if isinstance(node, ast.Pass):
            return []
        if isinstance(node, ast.Expr):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return []  # a string on its own line reads as a note
            if isinstance(node.value, ast.Call):
                block = self.call(node.value)
                return [block] if block is not None else []
            self.problem("python.error.not_a_command", node)
            return []
        if isinstance(node, ast.For):
            return self.for_loop(node)
        if isinstance(node, ast.While):
            return self.while_loop(node)
        if isinstance(node, ast.If):
            return self.if_block(node)
        if isinstance(node, ast.FunctionDef):
            return self.definition(node, top)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self.problem("python.error.import", node)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            self.problem("python.error.assignment", node)
        else:
            word = next((w for t, w in KEYWORDS.items() if isinstance(node, t)), None)
            if word is not None:
                self.problem("python.error.keyword", node, word=word)
            else:
                self.problem("python.error.not_a_command", node)
        return []

    def call(self, node: ast.Call) -> Block | None:
        func = node.func
        if isinstance(func, ast.Attribute):
            self.problem("python.error.attribute", node)
            return None
        if not isinstance(func, ast.Name):
            self.problem("python.error.not_a_command", node)
            return None
        name = func.id
        if node.keywords:
            self.problem("python.error.no_arguments", node, name=name)
            return None
        if name in ("paint", "answer"):
            args = node.args
            if len(args) != 1 or not isinstance(args[0], ast.Constant) \
                    or args[0].value not in COLOURS:
                self.problem("python.error.colour", node, name=name, choices=", ".join(
                    f'"{c}"' for c in COLOURS))
                return None
            return Block.make(name, {"colour": args[0].value})
        if name in SIMPLE_COMMANDS or name in self.functions:
            if node.args:
                self.problem("python.error.no_arguments", node, name=name)
                return None
            if name in SIMPLE_COMMANDS:
                return Block.make(name)
            return Block.make("call", {"name": name})
        if name in CONDITIONS or name == "at_goal":
            self.problem("python.error.question_alone", node, name=name)
            return None
        self.problem("python.error.unknown_name", node, name=name)
        return None

    def for_loop(self, node: ast.For) -> list[Block]:
        count = _range_count(node.iter)
        if not isinstance(node.target, ast.Name) or count is None:
            self.problem("python.error.for_range", node)
            return []
        if count not in COUNTS:
            self.problem("python.error.range_count", node.iter, low=COUNTS[0], high=COUNTS[-1])
            return []
        if node.orelse:
            self.problem("python.error.loop_else", node.orelse[0])
        return [Block.make("repeat", {"count": count}, self.statements(node.body))]

    def while_loop(self, node: ast.While) -> list[Block]:
        test = node.test
        if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
                and _bare_call(test.operand) == "at_goal"):
            self.problem("python.error.while_condition", node)
            return []
        if node.orelse:
            self.problem("python.error.loop_else", node.orelse[0])
        return [Block.make("repeat_until_goal", body=self.statements(node.body))]

    def if_block(self, node: ast.If) -> list[Block]:
        direction = CONDITIONS.get(_bare_call(node.test) or "")
        if direction is None:
            self.problem("python.error.if_condition", node)
            return []
        blocks = [Block.make("if_path", {"direction": direction}, self.statements(node.body))]
        if node.orelse:
            blocks.append(Block.make("else", body=self.statements(node.orelse)))
        return blocks

    def definition(self, node: ast.FunctionDef, top: bool) -> list[Block]:
        if not top:
            self.problem("python.error.def_not_top", node)
            return []
        if node.name not in FUNCTION_NAMES:
            self.problem("python.error.def_name", node, name=node.name,
                         choices=", ".join(FUNCTION_NAMES))
            return []
        args = node.args
        if args.args or args.posonlyargs or args.kwonlyargs or args.vararg or args.kwarg \
                or node.decorator_list or node.returns:
            self.problem("python.error.def_arguments", node, name=node.name)
            return []
        if node.name in self._defined:
            self.problem("python.error.def_twice", node, name=node.name)
            return []
        self._defined.add(node.name)
        return [Block.make("define", {"name": node.name}, self.statements(node.body))]


def _bare_call(node: ast.expr) -> str | None:
    """``name`` for ``name()`` with no arguments, else ``None``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and not node.args and not node.keywords:
        return node.func.id
    return None


def _range_count(node: ast.expr) -> int | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "range" and len(node.args) == 1 and not node.keywords:
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and type(arg.value) is int:
            return arg.value
    return None
