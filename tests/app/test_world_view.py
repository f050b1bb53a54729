"""The world's robot shakes when it bumps and hops at the goal, unless motion is reduced."""
from __future__ import annotations

import os

import pytest

pytestmark = [pytest.mark.app]


@pytest.fixture(scope="module")
def window():
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    from kivy.base import EventLoop
    EventLoop.ensure_window()
    return EventLoop


def view_of(reduced: bool):
    from dataclasses import replace

    from accessibility.profiles import preset
    from app.ui.style import Style
    from app.ui.world_view import WorldView
    from levels.packs import load_packs

    world = load_packs().level("junior_10").world
    style = Style.of(replace(preset("touch"), reduced_motion=reduced))
    view = WorldView(world, style, size=(400, 400))
    return world, view


def animating(view) -> set[str]:
    """The properties of ``view`` an animation is moving now (no waiting on the clock)."""
    from kivy.animation import Animation
    return {name for animation in Animation._instances
            if animation.have_properties_to_animate(view)
            for name in animation.animated_properties}


@pytest.mark.parametrize("reduced", [False, True])
def test_a_bump_shakes_the_robot_unless_motion_is_reduced(window, reduced) -> None:
    from app.workspace_session import WorldState

    world, view = view_of(reduced)
    view.show(WorldState(world.start, world.heading, bumped=True))
    assert ("shake" in animating(view)) is not reduced
    assert view.state.bumped  # the red glow is drawn either way


def test_reaching_the_goal_makes_the_robot_hop(window) -> None:
    from app.workspace_session import WorldState

    world, view = view_of(False)
    assert not view.cheering
    view.show(WorldState(world.goal, world.heading))
    assert view.cheering
    assert {"robot_row", "hop"} <= animating(view)
