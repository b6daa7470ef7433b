"""Harvesting other councils' OParl 1.1 servers into a local read-only copy (docs/harvest.md)."""
