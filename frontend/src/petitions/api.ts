// Voter petitions' requests (API.md "Voter petitions (kiến nghị cử tri) and supervision").
import { requestJson } from "../api/http";
import { newUploadKey, uploadWithProgress, type UploadHandle } from "../api/upload";
import type { AgencyOption } from "../questions/types";
import { reportPath } from "./petitions";
import type {
  Assignment,
  DeputyOption,
  Digest,
  ImportOutcome,
  Petition,
  PetitionDetail,
  PetitionPage,
  PetitionResponse,
  Report,
  ResponseStatus,
  Similar,
  VoterMeeting,
  VoterMeetingCreate,
} from "./types";

interface Items<T> {
  items: T[];
}

/** One page: the first by the council's path and query, the next ones by the answer's `next`. */
export const petitionPage = (path: string) => requestJson<PetitionPage>({ method: "GET", path });

export const getPetition = (petitionId: number) => requestJson<PetitionDetail>({ method: "GET", path: `/api/v1/petitions/${petitionId}` });

export const listAgencies = (councilId: number) =>
  requestJson<Items<AgencyOption>>({ method: "GET", path: `/api/v1/councils/${councilId}/agencies` }).then((answer) => answer.items);

export const listVoterMeetings = (councilId: number) =>
  requestJson<Items<VoterMeeting>>({ method: "GET", path: `/api/v1/councils/${councilId}/voter-meetings` }).then((answer) => answer.items);

export const createVoterMeeting = (councilId: number, body: VoterMeetingCreate) =>
  requestJson<VoterMeeting>({ method: "POST", path: `/api/v1/councils/${councilId}/voter-meetings`, body });

/** Those who meet the voters: the council's deputies and its chair (the server's DEPUTY_ROLES). */
export const listDeputies = (councilId: number) =>
  requestJson<Items<DeputyOption>>({ method: "GET", path: `/api/v1/councils/${councilId}/members` }).then((answer) =>
    answer.items.filter((member) => member.role === "deputy" || member.role === "chair"),
  );

export const similarPetitions = (councilId: number, text: string) =>
  requestJson<Items<Similar>>({ method: "GET", path: `/api/v1/councils/${councilId}/petitions/similar?${new URLSearchParams({ text, limit: "5" })}` }).then(
    (answer) => answer.items,
  );

export const createPetition = (councilId: number, body: { text: string; field: string; locality: string; voter_meeting_id: number | null }) =>
  requestJson<PetitionDetail>({ method: "POST", path: `/api/v1/councils/${councilId}/petitions`, body });

export function importPetitions(councilId: number, file: File, voterMeetingId: number | null, onProgress: (fraction: number) => void): UploadHandle<ImportOutcome> {
  const form = new FormData();
  if (voterMeetingId !== null) form.append("voter_meeting_id", String(voterMeetingId));
  form.append("file", file, file.name);
  return uploadWithProgress<ImportOutcome>(`/api/v1/councils/${councilId}/petitions/import`, form, newUploadKey(), onProgress);
}

export const assignMany = (councilId: number, petitionIds: number[], changes: Assignment) =>
  requestJson<Items<Petition>>({ method: "PATCH", path: `/api/v1/councils/${councilId}/petitions`, body: { petition_ids: petitionIds, ...changes } });

export const assignOne = (petitionId: number, changes: Assignment) =>
  requestJson<PetitionDetail>({ method: "PATCH", path: `/api/v1/petitions/${petitionId}`, body: changes });

export const mergePetitions = (targetId: number, petitionIds: number[]) =>
  requestJson<PetitionDetail>({ method: "POST", path: `/api/v1/petitions/${targetId}/merge`, body: { petition_ids: petitionIds } });

/** The agency's answer: JSON, or multipart with the letter when a PDF is chosen (with progress). */
export function respond(
  petitionId: number,
  body: { status: ResponseStatus; text: string; plan_due_on?: string },
  pdf: File | null = null,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<PetitionResponse> {
  const path = `/api/v1/petitions/${petitionId}/responses`;
  if (!pdf) return requestJson<PetitionResponse>({ method: "POST", path, body });
  const form = new FormData();
  form.append("status", body.status);
  form.append("text", body.text);
  if (body.plan_due_on) form.append("plan_due_on", body.plan_due_on);
  form.append("file", pdf, pdf.name);
  return uploadWithProgress<PetitionResponse>(path, form, newUploadKey(), onProgress).done;
}

export const petitionDigest = (councilId: number) => requestJson<Digest>({ method: "GET", path: `/api/v1/councils/${councilId}/petitions/digest` });

export const review = (petitionId: number, accepted: boolean, comment: string) =>
  requestJson<PetitionDetail>({ method: "POST", path: `/api/v1/petitions/${petitionId}/review`, body: { accepted, comment } });

export const petitionReport = (councilId: number, from: string, to: string) => requestJson<Report>({ method: "GET", path: reportPath(councilId, from, to, "json") });
