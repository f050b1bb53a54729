"""Turns presses into intentions and makes every screen reachable and audible (headless)."""
