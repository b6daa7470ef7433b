// The record's requests (API.md "The record: minutes, resolutions, signatures"), through the
// app's JSON helper; the minutes' files are fetched with the token and saved (downloadFile).
import type { DocumentInfo } from "../api/types";
import { downloadFile } from "../api/download";
import { requestJson } from "../api/http";
import type { Minutes, Resolution, ResolutionCreate, Signature } from "./types";

interface Items<T> {
  items: T[];
}

export type MinutesFormat = "pdf" | "docx";

export const getMinutes = (meetingId: number) => requestJson<Minutes>({ method: "GET", path: `/api/v1/meetings/${meetingId}/minutes` });

export const saveNote = (meetingId: number, itemId: number, text: string) =>
  requestJson<Minutes>({ method: "PUT", path: `/api/v1/meetings/${meetingId}/minutes/notes/${itemId}`, body: { text } });

/** 409 meeting_not_closed, minutes_final, or minutes_changed (a note changed meanwhile: retry). */
export const finalizeMinutes = (meetingId: number) => requestJson<Minutes>({ method: "POST", path: `/api/v1/meetings/${meetingId}/minutes/finalize` });

export const minutesPath = (meetingId: number, format: MinutesFormat) => `/api/v1/meetings/${meetingId}/minutes.${format}`;

export const downloadMinutes = (meetingId: number, format: MinutesFormat, draft: boolean) =>
  downloadFile(minutesPath(meetingId, format), `bien-ban-ky-hop-${meetingId}${draft ? "-du-thao" : ""}.${format}`);

export const meetingResolutions = (meetingId: number) =>
  requestJson<Items<Resolution>>({ method: "GET", path: `/api/v1/meetings/${meetingId}/resolutions` }).then((answer) => answer.items);

export const councilResolutions = (councilId: number, year: number | null) =>
  requestJson<Items<Resolution>>({ method: "GET", path: `/api/v1/councils/${councilId}/resolutions${year === null ? "" : `?year=${year}`}` }).then(
    (answer) => answer.items,
  );

/** 409 number_taken / poll_not_adopted; 422 resolution_number_invalid, item_not_in_meeting, … */
export const createResolution = (meetingId: number, body: ResolutionCreate) =>
  requestJson<Resolution>({ method: "POST", path: `/api/v1/meetings/${meetingId}/resolutions`, body });

export const documentSignatures = (documentId: number) =>
  requestJson<Items<Signature>>({ method: "GET", path: `/api/v1/documents/${documentId}/signatures` }).then((answer) => answer.items);

/** Ký chứng thực: a new version, signed with a visible stamp; 409 no_signing_key. */
export const signDocument = (documentId: number, reason?: string) =>
  requestJson<DocumentInfo>({ method: "POST", path: `/api/v1/documents/${documentId}/sign`, body: { visible: true, ...(reason ? { reason } : {}) } });
