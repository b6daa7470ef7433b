// The meeting as a tablet knows it, kept up to date from the live channel: a pure reducer.
// applySnapshot replaces everything; applyEvent applies one event. Neither checks `seq`
// order: that is the job of sequence.ts, which decides what to apply and when to resync.
import type { AgendaItem, Attendance, DocumentInfo, Meeting } from "../api/types";
import type { Poll } from "../api/voting";
import type { Speaker } from "../floor/types";
import { questionOf, questionsIn, upsertQuestion } from "../questions/questions";
import type { Question } from "../questions/types";
import { applyMinutesUpdate, minutesIn } from "../record/minutes";
import { resolutionOf, resolutionsIn, upsertResolution } from "../record/resolutions";
import type { Minutes, Resolution } from "../record/types";
import type { EventMessage, SnapshotMessage } from "./messages";
import { pollIdIn, pollIn, progressIn, resultIn, samePoll } from "./polls";

export interface LiveState {
  /** The last applied seq; null until the first snapshot. */
  seq: number | null;
  meeting: Meeting | null;
  agenda: AgendaItem[];
  documents: DocumentInfo[];
  attendance: Attendance | null;
  /** The poll on screen: the open one, or the last closed one with its result. */
  poll: Poll | null;
  /** The current item's list of speakers, in the server's order (docs/live.md). */
  speakers: Speaker[];
  /** The meeting's questions (chất vấn) this reader may see, by number. */
  questions: Question[];
  /** The meeting's minutes (biên bản) with the notes this reader may see; null from an older server. */
  minutes: Minutes | null;
  /** The meeting's resolutions entered in the council's register, by id. */
  resolutions: Resolution[];
}

export const EMPTY_LIVE_STATE: LiveState = {
  seq: null,
  meeting: null,
  agenda: [],
  documents: [],
  attendance: null,
  poll: null,
  speakers: [],
  questions: [],
  minutes: null,
  resolutions: [],
};

export function applySnapshot(snapshot: SnapshotMessage): LiveState {
  const { data } = snapshot;
  return {
    seq: snapshot.seq,
    meeting: data.meeting ?? null,
    agenda: data.agenda ?? [],
    documents: data.documents ?? [],
    attendance: data.attendance ?? null,
    poll: data.poll ?? null,
    speakers: Array.isArray(data.speakers) ? data.speakers : [],
    questions: questionsIn(data.questions),
    minutes: minutesIn(data.minutes),
    resolutions: resolutionsIn(data.resolutions),
  };
}

/** Only the current item's list is kept; another item's is shown when it becomes current. */
function updateSpeakers(state: LiveState, data: Record<string, unknown>): LiveState {
  const itemId = data.agenda_item_id;
  if (itemId == null || itemId !== (state.meeting?.current_item_id ?? null) || !Array.isArray(data.speakers)) return state;
  return { ...state, speakers: data.speakers as Speaker[] };
}

type Apply = (state: LiveState, data: Record<string, unknown>) => LiveState;

function upsertDocument(documents: DocumentInfo[], document: DocumentInfo): DocumentInfo[] {
  const index = documents.findIndex((known) => known.id === document.id);
  if (index === -1) return [...documents, document];
  const next = documents.slice();
  next[index] = document;
  return next;
}

function withDocument(state: LiveState, data: Record<string, unknown>): LiveState {
  const document = data.document as DocumentInfo | undefined;
  return document ? { ...state, documents: upsertDocument(state.documents, document) } : state;
}

function moveCurrentItem(state: LiveState, data: Record<string, unknown>): LiveState {
  const itemId = (data.item_id as number | null | undefined) ?? null;
  const previousId = (data.previous_id as number | null | undefined) ?? null;
  const agenda = state.agenda.map((item) => {
    if (item.id === itemId) return item.state === "current" ? item : { ...item, state: "current" as const };
    if (item.id === previousId || item.state === "current") return { ...item, state: "done" as const };
    return item;
  });
  const meeting = state.meeting ? { ...state.meeting, current_item_id: itemId } : null;
  // The new item's list follows in a speaker.updated when it has one.
  const speakers = itemId === (state.meeting?.current_item_id ?? null) ? state.speakers : [];
  return { ...state, agenda, meeting, speakers };
}

function updatePollProgress(state: LiveState, data: Record<string, unknown>): LiveState {
  const id = pollIdIn(data);
  const progress = progressIn(data);
  if (!state.poll || id === null || !progress || !samePoll(state.poll.id, id)) return state;
  return { ...state, poll: { ...state.poll, progress } };
}

function closePoll(state: LiveState, data: Record<string, unknown>): LiveState {
  const announced = pollIn(data);
  const known = state.poll && announced && samePoll(state.poll.id, announced.id) ? state.poll : null;
  const base = announced ? { ...known, ...announced } : state.poll;
  if (!base) return state;
  const result = resultIn(data) ?? base.result ?? null;
  return { ...state, poll: { ...base, state: "closed", result } };
}

const HANDLERS: Record<string, Apply> = {
  "meeting.updated": (state, data) => (data.meeting ? { ...state, meeting: data.meeting as Meeting } : state),
  "agenda.updated": (state, data) => (Array.isArray(data.items) ? { ...state, agenda: data.items as AgendaItem[] } : state),
  "agenda.current": moveCurrentItem,
  "document.added": withDocument,
  "document.updated": withDocument,
  "document.removed": (state, data) => ({
    ...state,
    documents: state.documents.filter((document) => document.id !== data.document_id),
  }),
  "attendance.updated": (state, data) => ({ ...state, attendance: data as unknown as Attendance }),
  "poll.opened": (state, data) => {
    const poll = pollIn(data);
    return poll ? { ...state, poll: { ...poll, state: "open" } } : state;
  },
  "poll.progress": updatePollProgress,
  "poll.closed": closePoll,
  "speaker.updated": updateSpeakers,
  "question.updated": (state, data) => {
    const question = questionOf(data);
    return question ? { ...state, questions: upsertQuestion(state.questions, question) } : state;
  },
  "minutes.updated": (state, data) => {
    const minutes = applyMinutesUpdate(state.minutes, data);
    return minutes === state.minutes ? state : { ...state, minutes };
  },
  "resolution.updated": (state, data) => {
    const resolution = resolutionOf(data);
    return resolution ? { ...state, resolutions: upsertResolution(state.resolutions, resolution) } : state;
  },
};

/**
 * Applies one event and advances `seq`. "hidden" events (a change this reader may not see) and
 * types this version does not know only advance `seq`.
 */
export function applyEvent(state: LiveState, event: EventMessage): LiveState {
  const handler = HANDLERS[event.type];
  const next = handler ? handler(state, event.data) : state;
  return { ...next, seq: event.seq };
}

/** Event types this client applies to its state (the rest only advance seq). */
export const APPLIED_EVENT_TYPES = Object.keys(HANDLERS);
