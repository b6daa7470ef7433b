"""Backups that restore: `kyhop backup DEST` and `kyhop restore SRC` (docs/operations.md)."""
