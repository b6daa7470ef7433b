// Questioning's requests (API.md "Questions (chất vấn)" and, for the floor, "The floor: speakers").
import { requestJson } from "../api/http";
import { newUploadKey, uploadWithProgress } from "../api/upload";
import type { Speaker, SpeakerKind } from "../floor/types";
import type { Addressee } from "./questions";
import type { AgencyOption, Commitment, CommitmentState, Decision, Question, Topic } from "./types";

interface Items<T> {
  items: T[];
}

export const listQuestions = (meetingId: number) =>
  requestJson<Items<Question>>({ method: "GET", path: `/api/v1/meetings/${meetingId}/questions` }).then((answer) => answer.items);

export const myQuestions = () => requestJson<Items<Question>>({ method: "GET", path: "/api/v1/me/questions" }).then((answer) => answer.items);

export const listTopics = (meetingId: number) =>
  requestJson<Items<Topic>>({ method: "GET", path: `/api/v1/meetings/${meetingId}/question-topics` }).then((answer) => answer.items);

export const listAgencies = (councilId: number) =>
  requestJson<Items<AgencyOption>>({ method: "GET", path: `/api/v1/councils/${councilId}/agencies` }).then((answer) => answer.items);

export const createTopic = (meetingId: number, title: string, respondentIds: number[]) =>
  requestJson<Topic>({ method: "POST", path: `/api/v1/meetings/${meetingId}/question-topics`, body: { title, respondent_ids: respondentIds } });

export const submitQuestion = (meetingId: number, text: string, addressee: Addressee, topicId: number | null) =>
  requestJson<Question>({ method: "POST", path: `/api/v1/meetings/${meetingId}/questions`, body: { text, ...addressee, ...(topicId ? { topic_id: topicId } : {}) } });

export const decide = (questionId: number, state: Decision, topicId: number | null, reason = "") =>
  requestJson<Question>({
    method: "PATCH",
    path: `/api/v1/questions/${questionId}`,
    body: { state, ...(topicId ? { topic_id: topicId } : {}), ...(state === "rejected" ? { reason } : {}) },
  });

/** The answer's text, with a PDF when one is chosen (multipart, with progress). */
export function sendAnswer(questionId: number, text: string, pdf: File | null, onProgress: (fraction: number) => void = () => undefined): Promise<Question> {
  const path = `/api/v1/questions/${questionId}/answer`;
  if (!pdf) return requestJson<Question>({ method: "POST", path, body: { text } });
  const form = new FormData();
  form.append("text", text);
  form.append("file", pdf, pdf.name);
  return uploadWithProgress<Question>(path, form, newUploadKey(), onProgress).done;
}

export const addCommitment = (questionId: number, text: string, dueOn: string) =>
  requestJson<Commitment>({ method: "POST", path: `/api/v1/questions/${questionId}/commitments`, body: { text, due_on: dueOn } });

export const setCommitmentState = (commitmentId: number, state: CommitmentState) =>
  requestJson<Commitment>({ method: "PATCH", path: `/api/v1/commitments/${commitmentId}`, body: { state } });

export const councilCommitments = (councilId: number, includeDone: boolean) =>
  requestJson<Items<Commitment>>({ method: "GET", path: `/api/v1/councils/${councilId}/commitments${includeDone ? "?done=true" : ""}` }).then((answer) => answer.items);

/** Puts the question's asker (`question`) or respondent (`answer`) on the item's list and gives them the floor. */
export async function callToFloor(itemId: number, questionId: number, kind: Extract<SpeakerKind, "question" | "answer">): Promise<Speaker> {
  const speaker = await requestJson<Speaker>({ method: "POST", path: `/api/v1/agenda-items/${itemId}/speakers`, body: { kind, question_id: questionId } });
  return requestJson<Speaker>({ method: "POST", path: `/api/v1/speakers/${speaker.id}/start` });
}

export const stopSpeaker = (speakerId: number) => requestJson<Speaker>({ method: "POST", path: `/api/v1/speakers/${speakerId}/stop` });
