"""Random legal programs for property tests: built by random edits through the real editor."""
from __future__ import annotations

from hypothesis import strategies as st

from levels.blocks import CATALOGUE
from levels.editor import EditError, Editor

ALL_BLOCKS = list(CATALOGUE)

edit = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(ALL_BLOCKS), st.integers(0, 200),
              st.integers(0, 200)),
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("move"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("param"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("replace"), st.integers(0, 200), st.sampled_from(ALL_BLOCKS)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def block_paths(editor: Editor) -> list[tuple[int, ...]]:
    from levels.program import walk
    return [path for path, _ in walk(editor.blocks())]


def apply(editor: Editor, op: tuple) -> bool:
    """Apply one random edit; ``False`` if the editor refused it (EditError)."""
    try:
        name = op[0]
        if name == "insert":
            _, kind, where, choice = op
            points = editor.all_insertion_points()
            editor.set_cursor(*points[where % len(points)])
            choices = editor.param_choices(kind)
            params = {n: v[choice % len(v)] for n, v in choices.items() if v}
            editor.insert(kind, params)
        elif name in ("delete", "move", "param", "replace"):
            paths = block_paths(editor)
            if not paths:
                return False
            path = paths[op[1] % len(paths)]
            if name == "delete":
                editor.delete(path)
            elif name == "move":
                points = editor.all_insertion_points()
                editor.move(path, *points[op[2] % len(points)])
            elif name == "param":
                from levels.program import block_at
                block = block_at(editor.blocks(), path)
                choices = editor.param_choices(block.kind)
                if not choices:
                    return False
                param, values = next(iter(choices.items()))
                if not values:
                    return False
                editor.set_param(path, param, values[op[2] % len(values)])
            else:
                editor.replace(path, op[2], {n: v[0] for n, v in
                                             editor.param_choices(op[2]).items() if v})
        elif name == "undo":
            editor.undo()
        else:
            editor.redo()
    except EditError:
        return False
    return True


def random_editor(ops: list[tuple], max_blocks: int | None = None) -> Editor:
    editor = Editor(ALL_BLOCKS, max_blocks=max_blocks)
    for op in ops:
        apply(editor, op)
    return editor
