"""The teacher's side without a window: class summary, progress report, folders to save in."""
