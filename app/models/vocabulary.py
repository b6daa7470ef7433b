"""The closed vocabularies stored in text columns (each also guarded by a CHECK constraint in its
table). One home for each, so the ORM attributes, the API schemas and the services agree on the
same `Literal` types."""

from __future__ import annotations

from typing import Literal

CouncilLevel = Literal["province", "district", "commune"]
Role = Literal["secretary", "chair", "deputy", "guest"]
CommitteeKind = Literal["standing", "board", "delegation", "other"]
AttendanceStatus = Literal["present", "absent", "excused"]
MeetingKind = Literal["regular", "thematic", "extraordinary"]
MeetingState = Literal["draft", "published", "in_progress", "closed"]
ItemState = Literal["pending", "current", "done"]
DocumentKind = Literal["proposal", "draft_resolution", "review_report", "report", "resolution",
                       "minutes", "other"]
ProcessingState = Literal["processing", "ready", "failed"]
PollPreset = Literal["resolution", "confidence", "election", "custom"]
PollState = Literal["draft", "open", "closed"]
BasisName = Literal["seated", "present", "cast"]
ThresholdName = Literal["majority", "two_thirds"]
# Who may receive an event: everyone who sees the meeting; only those who may read confidential
# material (the council's deputies, chair and secretariat); or only the others (guests).
Audience = Literal["all", "confidential", "guests"]
