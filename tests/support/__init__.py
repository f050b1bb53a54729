"""Helpers for the tests, the benchmarks and the screenshot script: a simulated learner,
a driver for the real app, the speech bench. Not part of the app (not in the wheel)."""
