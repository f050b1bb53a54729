"""The input abstraction: every device becomes a stream of InputEvents (see docs/ARCHITECTURE.md)."""
