"""The closed vocabularies stored in text columns (each also guarded by a CHECK constraint in its
table). One home for each, so the ORM attributes, the API schemas and the services agree on the
same `Literal` types."""

from __future__ import annotations

from typing import Literal

# `district` only for councils dissolved on 2025-07-01 (Law 72/2025/QH15): none can be created.
CouncilLevel = Literal["province", "district", "commune"]
# tỉnh, thành phố (trực thuộc trung ương); xã, phường, đặc khu; and the former huyện/quận/thị xã.
UnitKind = Literal["province", "city", "commune", "ward", "special_zone", "district"]
Role = Literal["secretary", "chair", "deputy", "guest", "respondent"]
# Ủy ban nhân dân, Sở / ban ngành, Tòa án nhân dân, Viện kiểm sát nhân dân, other.
AgencyKind = Literal["people_committee", "department", "court", "procuracy", "other"]
CommitteeKind = Literal["standing", "board", "delegation", "other"]
# `online`: attending remotely, admitted by the chair or secretary; counts as present (Art. 35(1)).
AttendanceStatus = Literal["present", "online", "absent", "excused"]
PRESENT_STATUSES: tuple[AttendanceStatus, ...] = ("present", "online")
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
# A harvested OParl source: `running` while a run is under way or asked for (a new source too).
HarvestState = Literal["ok", "running", "failed"]
