"""Voter petitions (kiến nghị cử tri): voter meetings, petitions from receipt to the reviewed
answer, duplicates, imports. See docs/petitions.md."""
