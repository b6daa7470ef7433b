// Questioning's pure logic: the live list, what the secretariat and the chair may do with a
// question in each state (the server's rules, app/questions/rules.py), addressees and dates.
import type { AgencyOption, Commitment, Decision, Question, QuestionState, Topic } from "./types";

const byNumber = (a: Question, b: Question) => a.number - b.number || a.id - b.id;

/** The question added or replaced by id, the list kept by number. */
export function upsertQuestion(questions: readonly Question[], question: Question): Question[] {
  const others = questions.filter((known) => known.id !== question.id);
  return [...others, question].sort(byNumber);
}

/** The questions of a snapshot or list answer, by number; [] for anything else. */
export function questionsIn(value: unknown): Question[] {
  return Array.isArray(value) ? (value as Question[]).slice().sort(byNumber) : [];
}

/** The question of a `question.updated` event's data, if it carries one. */
export function questionOf(data: Record<string, unknown>): Question | null {
  const question = data.question as Question | undefined;
  return question && typeof question.id === "number" ? question : null;
}

// target decision → the states it may be reached from (before the question was asked)
const DECIDABLE_FROM: Record<Decision, readonly QuestionState[]> = {
  accepted: ["submitted", "written"],
  written: ["submitted", "accepted", "asked"],
  rejected: ["submitted", "accepted", "written"],
};

/** The secretariat's decisions open for this question; once asked, only a written answer. */
export function decisionsFor(question: Pick<Question, "state" | "asked_at">): Decision[] {
  const asked = question.asked_at !== null;
  return (Object.keys(DECIDABLE_FROM) as Decision[]).filter(
    (decision) => DECIDABLE_FROM[decision].includes(question.state) && (!asked || decision === "written"),
  );
}

/** A written answer (or the record of one) may be sent while the question waits for it. */
export function mayAnswer(question: Pick<Question, "state">): boolean {
  return question.state === "asked" || question.state === "written";
}

/** A commitment belongs to a question the secretariat took up (not submitted, not refused). */
export function mayCommit(question: Pick<Question, "state">): boolean {
  return question.state !== "submitted" && question.state !== "rejected";
}

export type FloorAction = "ask" | "answer" | "followUp";

/**
 * The chair's actions on the floor: "Mời chất vấn" for an accepted question, then "Mời trả lời"
 * and "Chất vấn lại" (another question speaker on it) once asked or answered.
 */
export function floorActionsFor(question: Pick<Question, "state">): FloorAction[] {
  if (question.state === "accepted") return ["ask"];
  if (question.state === "asked" || question.state === "answered") return ["answer", "followUp"];
  return [];
}

/** The questions the chair calls on the floor: accepted ones and those already on it. */
export function floorQuestions(questions: readonly Question[]): Question[] {
  return questions.filter((question) => floorActionsFor(question).length > 0);
}

/** Who is to answer: the respondent (with their agency) or the agency. */
export function addresseeLabel(question: Pick<Question, "respondent" | "agency">): string {
  const { respondent, agency } = question;
  if (respondent) {
    const position = respondent.position ? ` (${respondent.position})` : "";
    return `${respondent.full_name}${position}${agency ? ` · ${agency.name}` : ""}`;
  }
  return agency?.name ?? "";
}

/** The choice of a phiếu chất vấn's addressee, as a select's value: "r:<user id>" or "a:<agency id>". */
export type Addressee = { respondent_id: number } | { agency_id: number };

export function addresseeValue(addressee: Addressee): string {
  return "respondent_id" in addressee ? `r:${addressee.respondent_id}` : `a:${addressee.agency_id}`;
}

export function parseAddressee(value: string): Addressee | null {
  const match = /^([ra]):(\d+)$/.exec(value);
  if (!match) return null;
  const id = Number(match[2]);
  return match[1] === "r" ? { respondent_id: id } : { agency_id: id };
}

/** The addressees to choose from: each agency, then each of its respondents. */
export function addresseeOptions(agencies: readonly AgencyOption[]): { agency: AgencyOption; options: { value: string; label: string }[] }[] {
  return agencies.map((agency) => ({
    agency,
    options: [
      { value: addresseeValue({ agency_id: agency.id }), label: agency.name },
      ...(agency.respondents ?? []).map((person) => ({
        value: addresseeValue({ respondent_id: person.user_id }),
        label: person.position ? `${person.full_name} (${person.position})` : person.full_name,
      })),
    ],
  }));
}

export function topicTitle(topics: readonly Topic[], topicId: number | null): string | null {
  return topicId === null ? null : (topics.find((topic) => topic.id === topicId)?.title ?? null);
}

/** Those still waiting for the caller's answer first (overdue, then the soonest due), then the rest. */
export function toAnswerFirst(questions: readonly Question[]): Question[] {
  const rank = (question: Question) => (mayAnswer(question) ? (question.overdue ? 0 : 1) : 2);
  const due = (question: Question) => question.answer_due ?? "9999-12-31";
  return questions.slice().sort((a, b) => rank(a) - rank(b) || due(a).localeCompare(due(b)) || a.meeting_id - b.meeting_id || byNumber(a, b));
}

/** Open commitments first, oldest due first; those done after. */
export function commitmentsInOrder(commitments: readonly Commitment[]): Commitment[] {
  const open = (commitment: Commitment) => (commitment.state === "open" ? 0 : 1);
  return commitments.slice().sort((a, b) => open(a) - open(b) || a.due_on.localeCompare(b.due_on) || a.id - b.id);
}

/** Whoever answers questions (a respondent somewhere) or asks them (a deputy, a chair) has a "my questions" screen. */
export function hasMyQuestions(roles: readonly string[]): { show: boolean; primary: boolean } {
  const answers = roles.includes("respondent");
  return { show: answers || roles.includes("deputy") || roles.includes("chair"), primary: answers };
}
