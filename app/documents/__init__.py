"""Uploaded documents: content-addressed storage and safe PDF inspection."""
