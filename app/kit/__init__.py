"""Generic helpers that know nothing about councils or meetings."""
