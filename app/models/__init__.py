"""All tables, one module per aggregate, re-exported so Alembic sees every one."""

from app.models.accounts import AuthToken, LoginFailure, User
from app.models.attendance import Attendance
from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.councils import Agency, Committee, Council, CouncilSuccession, Membership, Term
from app.models.documents import (
    Annotation,
    Document,
    DocumentPage,
    DocumentVersion,
)
from app.models.floor import Speaker
from app.models.harvest import HarvestedObject, HarvestSource
from app.models.idempotency import IdempotentResult
from app.models.meetings import (
    AgendaItem,
    Meeting,
    MeetingEvent,
    MeetingGuest,
    Sitting,
)
from app.models.oparl import BlobDigest, OparlBody, OparlEntry
from app.models.petitions import (
    DigestSend,
    Petition,
    PetitionResponse,
    PetitionReview,
    PetitionSource,
    VoterMeeting,
    VoterMeetingDeputy,
)
from app.models.questions import Commitment, Question, QuestionTopic, QuestionTopicRespondent
from app.models.record import Minutes, MinutesNote, Resolution, SigningKey
from app.models.supervisions import (
    Recommendation,
    Supervision,
    SupervisionAgency,
    SupervisionMember,
    SupervisionPetition,
)
from app.models.voting import Poll, PollChoice, PollOption, PollVoter

__all__ = [
    "Agency",
    "AgendaItem",
    "Annotation",
    "Attendance",
    "AuditEntry",
    "AuthToken",
    "Base",
    "BlobDigest",
    "Commitment",
    "Committee",
    "Council",
    "CouncilSuccession",
    "DigestSend",
    "Document",
    "DocumentPage",
    "DocumentVersion",
    "HarvestSource",
    "HarvestedObject",
    "IdempotentResult",
    "LoginFailure",
    "Meeting",
    "MeetingEvent",
    "MeetingGuest",
    "Membership",
    "Minutes",
    "MinutesNote",
    "OparlBody",
    "OparlEntry",
    "Petition",
    "PetitionResponse",
    "PetitionReview",
    "PetitionSource",
    "Poll",
    "PollChoice",
    "PollOption",
    "PollVoter",
    "Question",
    "QuestionTopic",
    "QuestionTopicRespondent",
    "Recommendation",
    "Resolution",
    "SigningKey",
    "Sitting",
    "Speaker",
    "Supervision",
    "SupervisionAgency",
    "SupervisionMember",
    "SupervisionPetition",
    "Term",
    "User",
    "VoterMeeting",
    "VoterMeetingDeputy",
]
