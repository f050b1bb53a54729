"""The workspace: the palette, the program as a column of big blocks with visible insertion
points, the world, the controls, and in the Python track the program as Python text.

Everything that can be chosen comes from the presenter's scan model; the world, the
running line and the acting block come from the ``WorkspaceSession``.
"""
from __future__ import annotations

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, ObjectProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from accessibility.block_labels import block_text
from accessibility.earcons import world_earcon
from accessibility.guided_presenter import GROUP_ID as GUIDED_ID
from accessibility.presenters.workspace_presenter import (CANCEL_ID, CONTROLS_ID, MENU_ID,
                                                          MOVE_ID,
                                                          PALETTE_ID, PARAM_ID, PROGRAM_ID,
                                                          RUN_ID, block_id, palette_id)
from accessibility.presenters.workspace_commands import LABELS as CONTROL_LABELS
from accessibility.scan_model import BlockRef, Group, InsertionPoint, PaletteBlock, Target
from app.screens.base import ModelScreen
from app.screens.workspace_controls import place_controls
from app.ui.block_drawing import block_picture_options, control_picture_options, indented
from app.ui.picture_button import PictureButton
from app.ui.style import rgba
from app.ui.widgets import TargetButton
from app.ui.world_view import HINT_RING, WorldView
from app.workspace_session import HintMarks, WorkspaceSession, WorldState
from levels.blocks import CATALOGUE
from levels.program import walk
from levels.python_view import PythonText

Builder.load_file(__file__.replace(".py", ".kv"))

OVERLAYS = (PARAM_ID, MENU_ID, MOVE_ID)
OVERLAY_WIDTH = 0.55  # of the screen, from the left: palette and program, not the world
COMPACT_HEIGHT = 560  # dp: a small tablet's screen, where every line of the header counts


class OverlayLayer(FloatLayout):
    """Where menus and dialogs open; a tap outside the open one closes it (its Cancel)."""

    dismiss = ObjectProperty(None, allownone=True)

    def on_touch_down(self, touch) -> bool:
        if not self.children:
            return False  # nothing open: touches go through to the workspace
        if any(child.collide_point(*touch.pos) for child in self.children):
            return super().on_touch_down(touch)
        if self.dismiss is not None:
            self.dismiss()
        return True


class BlockButton(PictureButton):
    """A block in the palette or the program, in its category's colour."""

    acting = BooleanProperty(False)  # the running program is at this block
    acting_colour = ColorProperty((0.9, 0.1, 0.1, 1))
    hinted = BooleanProperty(False)  # the hint speaks of this block: a ring like its squares
    hint_colour = ColorProperty(rgba(HINT_RING))


class WorkspaceScreen(ModelScreen):
    compact = BooleanProperty(False)  # a small screen: a smaller title, narrower gaps
    gap = NumericProperty(dp(12))

    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="workspace", **kwargs)
        # the Python pane joins the program's column in the Python track only
        self._python_pane: Widget = self.ids.python_pane.__self__
        self.ids.middle.remove_widget(self._python_pane)
        self._control_buttons: list[TargetButton] = []
        self.bind(height=self._resized)
        self.ids.right.bind(width=self._place_controls)
        self.session: WorkspaceSession | None = None
        self.world_view: WorldView | None = None
        self._blocks: dict[str, BlockButton] = {}
        self._root: Group | None = None
        self._last_count: int | None = None
        self._hinted: str | None = None  # the palette block a hint points at
        self.ids.overlay.dismiss = self._tapped_outside

    # -- the session ----------------------------------------------------------------------

    def set_session(self, session: WorkspaceSession) -> None:
        if self.session is not None:  # the level before: none of its news is for this screen
            old = self.session.listeners
            old.world.disconnect(self._world_changed)
            old.acting.disconnect(self._acting_changed)
            old.program.disconnect(self._program_changed)
            old.hint.disconnect(self._hint)
        self.session = session
        self.world_view = WorldView(session.level.world, self.ctx.style)
        box: BoxLayout = self.ids.world
        box.clear_widgets()
        box.add_widget(self.world_view)
        session.listeners.world.connect(self._world_changed)
        session.listeners.acting.connect(self._acting_changed)
        session.listeners.program.connect(self._program_changed)
        session.listeners.hint.connect(self._hint)
        self._hinted = None
        self._last_count = session.editor.block_count
        self.ids.python_input.text = session.python_text().text
        self.ids.python_problems.text = ""
        self._header()

    def _header(self) -> None:
        session = self.session
        if session is None:
            return
        level = session.level
        self.ids.level_title.text = self.ctx.text(level.title_key)
        self.ids.instruction.text = self.ctx.text(level.instruction_key)
        self.ids.use_python.text = self.ctx.text("app.workspace.use_python")
        pane, middle = self._python_pane, self.ids.middle
        if level.track == "python" and pane.parent is None:
            middle.add_widget(pane)
        elif level.track != "python" and pane.parent is not None:
            middle.remove_widget(pane)
        self._count()

    def _resized(self, *_args: object) -> None:
        self.compact = 0 < self.height < dp(COMPACT_HEIGHT)
        self.gap = dp(6) if self.compact else dp(12)

    def _count(self) -> None:
        session = self.session
        if session is None:
            return
        count = session.editor.block_count
        maximum = session.level.max_blocks
        self.ids.block_count.text = (
            self.ctx.text("app.workspace.blocks_used", count=count, max=maximum)
            if maximum else self.ctx.text("app.workspace.blocks_count", count=count))

    def _world_changed(self, state: WorldState) -> None:
        if self.world_view is not None:
            sound = world_earcon(self.world_view.state, state, self.world_view.world.goal)
            if sound:
                self.ctx.earcon(sound)
            self.world_view.show(state)

    def _hint(self, marks: HintMarks) -> None:
        """A hint points at its squares in the world and its block in the palette."""
        if self.world_view is not None:
            self.world_view.mark(marks.cells)
        for kind in {self._hinted, marks.block} - {None}:
            widget = self.ctx.highlighter.widgets.get(palette_id(str(kind)))
            if widget is not None:
                widget.hinted = kind == marks.block
        self._hinted = marks.block

    def _acting_changed(self, uid: str | None) -> None:
        for block_uid, widget in self._blocks.items():
            widget.acting = block_uid == uid
        self._python_lines(uid)

    def _program_changed(self) -> None:
        if self.session is not None:
            count = self.session.editor.block_count
            if self._last_count is not None and count != self._last_count:
                self.ctx.earcon("add" if count > self._last_count else "remove")
            self._last_count = count
            self.ids.python_input.text = self.session.python_text().text
        self._count()

    # -- the model ------------------------------------------------------------------------

    def show_model(self, root: Group, focus: str | None) -> None:
        self._root = root
        self._blocks = {}
        self._palette(root.find_group(PALETTE_ID) or root.find_group(GUIDED_ID))
        self._program(root.find_group(PROGRAM_ID))
        self._controls(root.find_group(CONTROLS_ID), root.find(RUN_ID))
        self._overlay(next((root.find_group(name) for name in OVERLAYS
                            if root.find_group(name) is not None), None))
        self._python_lines(self.session.acting if self.session else None)
        self._header()

    def restyle(self) -> None:
        if self.world_view is not None:
            self.world_view.style = self.ctx.style
            self.world_view.redraw()
        if self._root is not None:
            self.show_model(self._root, None)

    def _palette(self, group: Group | None) -> None:
        box: BoxLayout = self.ids.palette
        box.clear_widgets()
        if group is None:
            return
        box.add_widget(self.title(self.ctx.label_of(group), scale=1.1))
        column = self.grid(group, cols=1 if self.ctx.style.block_look == "words" else 2,
                           size_hint_y=None)
        column.bind(minimum_height=column.setter("height"))
        prompted = self.session.prompted() if self.session is not None else None
        for target in group.children:
            if isinstance(target, Target):
                kind = target.payload.kind if isinstance(target.payload, PaletteBlock) else ""
                column.add_widget(self._block_button(target, kind, chosen=target.id == prompted,
                                                     hinted=kind == self._hinted,
                                                     **block_picture_options(self.ctx.style,
                                                                             kind, "top")))
        self.add_back(column, group, height=self.ctx.style.target * 1.2)  # a cell, ring unclipped
        box.add_widget(column)
        box.add_widget(Label(size_hint_y=1))

    def _program(self, group: Group | None) -> None:
        box: BoxLayout = self.ids.program
        box.clear_widgets()
        session = self.session
        if session is None:
            return
        paths = {block.uid: (path, block) for path, block in walk(session.editor.blocks())}
        style = self.ctx.style
        if group is None:  # guided mode: the program is shown, not chosen
            for uid, (path, block) in paths.items():
                shown = Target(block_id(uid), "", lambda: None,
                               payload=BlockRef(uid, block.kind, tuple(path)))
                widget = self._block_button(shown, block.kind, text=self._block_text(block),
                                            **block_picture_options(self.ctx.style, block.kind,
                                                                    "left", block.params))
                box.add_widget(indented(widget, len(path) - 1, self._arms(path[:-1])))
            return
        frame = self.frame(group, orientation="vertical", size_hint_y=None)
        frame.bind(minimum_height=frame.setter("height"))
        targets = {t.id: t for t in group.children if isinstance(t, Target)}
        cursor = group.children[0].id if group.children else ""
        for item in session.presenter.reading_order():
            target = targets.get(item)
            if target is None:
                continue
            place = target.payload
            if isinstance(place, InsertionPoint):
                frame.add_widget(indented(self._insertion(target, current=item == cursor),
                                           len(place.parent), self._arms(place.parent)))
            elif isinstance(place, BlockRef):
                params = paths[place.uid][1].params
                frame.add_widget(indented(self._block_button(
                    target, place.kind, **block_picture_options(style, place.kind, "left",
                                                                params)),
                    len(place.path) - 1, self._arms(place.path[:-1])))
        if not paths:
            frame.add_widget(Label(text=self.ctx.text("app.workspace.empty_program"),
                                   color=style.colour("text_secondary"), font_size=style.font,
                                   size_hint_y=None, height=style.target))
        self.add_back(frame, group)
        box.add_widget(frame)

    def _arms(self, parent: tuple[int, ...]) -> list:
        """The colours of the containers around ``parent``'s body, outermost first."""
        blocks = {path: block for path, block in walk(self.session.editor.blocks())} \
            if self.session else {}
        kinds = [blocks[parent[:n]].kind for n in range(1, len(parent) + 1)
                 if parent[:n] in blocks]
        return [self.ctx.style.block_colour(CATALOGUE[kind].category.value) for kind in kinds]

    def _insertion(self, target: Target, current: bool) -> TargetButton:
        style = self.ctx.style
        return self.button(
            target, text=self.ctx.text("access.insert.here") if current else "+",
            size_hint_y=None, height=style.target * (1.0 if current else 0.7),
            size_hint_min_y=style.target * 0.7, font_size=style.font * 0.85,
            background=style.colour("accent", 0.9 if current else 0.35),
            color=style.colour("accent_text"), padding=(dp(8), dp(4)), grow=True)

    def _block_button(self, target: Target, kind: str, text: str | None = None,
                      **kwargs) -> BlockButton:
        style = self.ctx.style
        spec = CATALOGUE.get(kind)
        colour = style.block_colour(spec.category.value) if spec else style.colour("surface")
        text = text or self.ctx.label_of(target)
        options = dict(node_id=target.id,
                       text="" if spec and style.block_look == "pictures" else text,
                       enabled=target.enabled, chooser=self.ctx.choose,
                       font_size=style.font,
                       color=rgba(style.theme.block_text) if spec else style.colour("text"),
                       background=colour, highlight_colour=style.highlight,
                       highlight_width=style.highlight_width, size_hint_y=None,
                       border_colour=style.border,
                       height=style.target, size_hint_min_y=style.target,
                       acting_colour=style.colour("text"), grow=True,
                       padding=(dp(16), dp(4)), halign="left")
        options.update(kwargs)
        widget = BlockButton(**options)
        if isinstance(target.payload, BlockRef):
            self._blocks[target.payload.uid] = widget
        return self.ctx.highlighter.register(widget)

    def escape(self) -> bool:
        """Escape closes the open menu or dialog (``False``: none is open)."""
        if self.session is None or self._root is None or self._root.find(CANCEL_ID) is None:
            return False
        self.session.presenter.cancel()
        return True

    def _tapped_outside(self) -> None:
        """A tap outside the open menu or dialog: as a touch on its Cancel."""
        self.ctx.choose(CANCEL_ID)

    def _block_text(self, block) -> str:
        return block_text(block.kind, block.params, self.ctx.translator.t)

    def _controls(self, group: Group | None, run: Target | None) -> None:
        box = self.ids.controls
        box.clear_widgets()
        self._control_buttons = []
        if group is None:
            return
        style = self.ctx.style
        targets = [t for t in ([run] if run is not None else []) + list(group.children)
                   if isinstance(t, Target)]
        for target in targets:
            primary = target.id == RUN_ID
            name = "stop" if target.label_key == CONTROL_LABELS["stop"] \
                else target.id.removeprefix("control:")
            self._control_buttons.append(self.button(
                target, cls=PictureButton,
                background=style.colour("accent" if primary else "surface"),
                color=style.colour("accent_text" if primary else "text"),
                font_size=style.font * 0.85, **control_picture_options(style, name)))
        back = self.back_button(group, size_hint_y=1, font_size=style.font * 0.85)
        if back is not None:
            self._control_buttons.append(back)
        gap = style.highlight_width * 1.5
        box.add_widget(self.frame(group, orientation="vertical", spacing=gap, padding=gap))
        self._place_controls()

    def _place_controls(self, *_args: object) -> None:
        place_controls(self.ids.controls, self._control_buttons, self.ids.right.width,
                       self.ctx.style)

    def _overlay(self, group: Group | None) -> None:
        layer = self.ids.overlay
        layer.clear_widgets()  # an empty layer lets touches through (a disabled one would not)
        layer.opacity = 0
        if group is None:
            return
        layer.opacity = 1
        style = self.ctx.style
        # over the palette and the program: the world stays in sight (a child counts on it)
        panel = self.frame(group, orientation="vertical", size_hint=(OVERLAY_WIDTH - 0.04, None),
                           pos_hint={"x": 0.02, "center_y": 0.5},
                           background=style.colour("background"))
        panel.bind(minimum_height=panel.setter("height"))
        panel.add_widget(self.title(self.ctx.label_of(group), scale=1.2))
        targets = [t for t in group.children if isinstance(t, Target)]
        choices = self.grid(Group(group.id + ":choices", ""), cols=3 if len(targets) > 4 else 2,
                            size_hint_y=None, node_id="")
        choices.bind(minimum_height=choices.setter("height"))
        for target in targets:
            choices.add_widget(self.button(target, size_hint_y=None, height=style.target * 1.4))
        panel.add_widget(choices)
        self.add_back(panel, group)
        layer.add_widget(panel)

    # -- Python ---------------------------------------------------------------------------

    def _python_lines(self, acting: str | None) -> None:
        if self.session is None or self.session.level.track != "python":
            return
        text: PythonText = self.session.python_text()
        line = text.line_of(acting) if acting else None
        marked = []
        for item in text.lines:
            escaped = item.text.replace("&", "&amp;").replace("[", "&bl;").replace("]", "&br;")
            marked.append(f"[b][color=#C62828]» {escaped}[/color][/b]" if item.number == line
                          else f"  {escaped}")
        self.ids.python_view.text = "\n".join(marked)

    def use_python(self) -> None:
        """The learner's typed Python becomes the program (or its problems are shown)."""
        if self.session is None:
            return
        problems = self.session.type_python(self.ids.python_input.text)
        if not problems:
            self.ids.python_problems.text = self.ctx.text("app.workspace.python_taken")
            return
        lines = []
        for problem in problems:
            where = self.ctx.text("python.where", line=problem.line, column=problem.column)
            message = self.ctx.text(problem.key, **problem.params)
            lines.append(self.ctx.text("app.workspace.python_problem", where=where,
                                       message=message))
        self.ids.python_problems.text = "\n".join(lines)
