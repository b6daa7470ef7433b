// The floor's endpoints (API.md "The floor: speakers"), through the app's JSON helper.
import { requestJson } from "../api/http";
import type { Speaker, SpeakerKind } from "./types";

export type ChairAction = "start" | "pause" | "resume" | "stop";

/** Registers the caller, or (`userId`, chair and secretary) someone else of the meeting. */
export function registerSpeaker(itemId: number, kind: SpeakerKind, userId?: number): Promise<Speaker> {
  const body = userId === undefined ? { kind } : { kind, user_id: userId };
  return requestJson<Speaker>({ method: "POST", path: `/api/v1/agenda-items/${itemId}/speakers`, body });
}

/** Takes a waiting entry off the list (state `withdrawn`). */
export function withdrawSpeaker(speakerId: number): Promise<null> {
  return requestJson<null>({ method: "DELETE", path: `/api/v1/speakers/${speakerId}` });
}

export function chairAction(speakerId: number, action: ChairAction): Promise<Speaker> {
  return requestJson<Speaker>({ method: "POST", path: `/api/v1/speakers/${speakerId}/${action}` });
}

export function extendSpeaker(speakerId: number, seconds: number): Promise<Speaker> {
  return requestJson<Speaker>({ method: "POST", path: `/api/v1/speakers/${speakerId}/extend`, body: { seconds } });
}

/** The new order of exactly the waiting speakers. */
export function reorderSpeakers(itemId: number, speakerIds: number[]): Promise<{ items: Speaker[] }> {
  return requestJson<{ items: Speaker[] }>({ method: "PUT", path: `/api/v1/agenda-items/${itemId}/speakers/order`, body: { speaker_ids: speakerIds } });
}

/** Closes the list to new speakers (points of order are still heard), or opens it again. */
export function setSpeakersClosed(itemId: number, closed: boolean): Promise<unknown> {
  return requestJson<unknown>({ method: "PATCH", path: `/api/v1/agenda-items/${itemId}`, body: { speakers_closed: closed } });
}

/** The meeting's speaking time per kind (seconds); speakers registered afterwards get them. */
export function saveSpeakingTimes(meetingId: number, times: Record<SpeakerKind, number>): Promise<unknown> {
  return requestJson<unknown>({ method: "PATCH", path: `/api/v1/meetings/${meetingId}`, body: { speaking_time_s: times } });
}
