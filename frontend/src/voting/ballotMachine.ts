// The steps of casting a ballot on a tablet, as a pure reducer:
//   choosing → confirming → sending → voted
//                              ↘ failed ─(retry: same choice)→ sending
// Once a choice has been sent and the answer is unknown (network down, server error), only
// that same choice can be sent again, with the same Idempotency-Key: a double tap or a retry can
// never send two different choices. A definite refusal (4xx) lets the deputy choose again.
import type { PollId } from "../api/voting";

export type BallotState =
  | { step: "choosing"; selected: PollId[] }
  | { step: "confirming"; choice: PollId[] }
  | { step: "sending"; choice: PollId[] }
  | { step: "failed"; choice: PollId[]; message: string; sameChoiceOnly: boolean }
  | { step: "voted"; choice: PollId[] | null };

export type BallotAction =
  | { type: "toggle"; optionId: PollId; maxChoices: number }
  | { type: "review" }
  | { type: "back" }
  | { type: "send" }
  | { type: "accepted" }
  | { type: "refused"; message: string; outcomeUnknown: boolean }
  | { type: "alreadyVoted"; choice: PollId[] | null };

export const START: BallotState = { step: "choosing", selected: [] };

function toggle(selected: PollId[], optionId: PollId, maxChoices: number): PollId[] {
  if (selected.includes(optionId)) return selected.filter((id) => id !== optionId);
  if (maxChoices <= 1) return [optionId];
  return selected.length >= maxChoices ? selected : [...selected, optionId];
}

export function ballotReducer(state: BallotState, action: BallotAction): BallotState {
  switch (action.type) {
    case "toggle":
      if (state.step !== "choosing" && !(state.step === "failed" && !state.sameChoiceOnly)) return state;
      {
        const base = state.step === "choosing" ? state.selected : [];
        const selected = toggle(base, action.optionId, action.maxChoices);
        // One choice only: tapping it goes straight to the confirmation.
        return action.maxChoices <= 1 && selected.length === 1 ? { step: "confirming", choice: selected } : { step: "choosing", selected };
      }
    case "review":
      return state.step === "choosing" && state.selected.length > 0 ? { step: "confirming", choice: state.selected } : state;
    case "back":
      if (state.step === "confirming") return { step: "choosing", selected: state.choice };
      if (state.step === "failed" && !state.sameChoiceOnly) return { step: "choosing", selected: [] };
      return state;
    case "send":
      if (state.step === "confirming" || (state.step === "failed" && state.sameChoiceOnly)) {
        return { step: "sending", choice: state.choice };
      }
      return state; // already sending or done: a second tap does nothing
    case "accepted":
      return state.step === "sending" ? { step: "voted", choice: state.choice } : state;
    case "refused":
      return state.step === "sending"
        ? { step: "failed", choice: state.choice, message: action.message, sameChoiceOnly: action.outcomeUnknown }
        : state;
    case "alreadyVoted":
      return { step: "voted", choice: action.choice };
  }
}

/** True when a "send" in this state would start a request. */
export function canSend(state: BallotState): boolean {
  return state.step === "confirming" || (state.step === "failed" && state.sameChoiceOnly);
}
