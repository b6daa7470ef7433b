// The steps of casting a ballot on a tablet, as a pure reducer:
//   choosing → confirming ─(after CONFIRM_ARMING_MS)→ sending → voted
//                                                       ↘ retrying ─(timer, online, reconnect)→ sending
//                                                       ↘ refused (4xx: the deputy may choose again)
//   sending / retrying ─(poll closed)→ closed
// The confirm control is inert for CONFIRM_ARMING_MS after it appears, so the second tap of a
// double tap on an option cannot send the ballot. Once a choice has been sent and the answer is
// unknown (network down, server error), only that same choice is sent again, by itself, with the
// same Idempotency-Key and a growing delay: a retry can never send two different choices.
import type { PollId } from "../api/voting";
import { reconnectDelay } from "../live/backoff";

export const CONFIRM_ARMING_MS = 400;

export type BallotState =
  | { step: "choosing"; selected: PollId[] }
  | { step: "confirming"; choice: PollId[]; armedAt: number }
  | { step: "sending"; choice: PollId[]; attempt: number }
  | { step: "retrying"; choice: PollId[]; attempt: number }
  | { step: "refused"; message: string }
  | { step: "closed" }
  | { step: "voted"; choice: PollId[] | null };

export type BallotAction =
  | { type: "toggle"; optionId: PollId; maxChoices: number; now: number }
  | { type: "review"; now: number }
  | { type: "back" }
  | { type: "send"; now: number }
  | { type: "retry" }
  | { type: "accepted" }
  | { type: "refused"; message: string; outcomeUnknown: boolean }
  | { type: "pollClosed" }
  | { type: "alreadyVoted"; choice: PollId[] | null };

export const START: BallotState = { step: "choosing", selected: [] };

function toggle(selected: PollId[], optionId: PollId, maxChoices: number): PollId[] {
  if (maxChoices <= 1) return [optionId]; // one choice: a tap always chooses, even the one chosen before
  if (selected.includes(optionId)) return selected.filter((id) => id !== optionId);
  return selected.length >= maxChoices ? selected : [...selected, optionId];
}

const confirming = (choice: PollId[], now: number): BallotState => ({ step: "confirming", choice, armedAt: now + CONFIRM_ARMING_MS });

export function ballotReducer(state: BallotState, action: BallotAction): BallotState {
  switch (action.type) {
    case "toggle": {
      if (state.step !== "choosing" && state.step !== "refused") return state;
      const selected = toggle(state.step === "choosing" ? state.selected : [], action.optionId, action.maxChoices);
      // One choice only: tapping it goes straight to the confirmation.
      return action.maxChoices <= 1 && selected.length === 1 ? confirming(selected, action.now) : { step: "choosing", selected };
    }
    case "review":
      return state.step === "choosing" && state.selected.length > 0 ? confirming(state.selected, action.now) : state;
    case "back":
      if (state.step === "confirming") return { step: "choosing", selected: state.choice };
      if (state.step === "refused") return START;
      return state;
    case "send":
      return canSend(state, action.now) && state.step === "confirming" ? { step: "sending", choice: state.choice, attempt: 0 } : state;
    case "retry":
      return state.step === "retrying" ? { step: "sending", choice: state.choice, attempt: state.attempt } : state;
    case "accepted":
      return state.step === "sending" ? { step: "voted", choice: state.choice } : state;
    case "refused":
      if (state.step !== "sending") return state;
      return action.outcomeUnknown ? { step: "retrying", choice: state.choice, attempt: state.attempt + 1 } : { step: "refused", message: action.message };
    case "pollClosed":
      return state.step === "sending" || state.step === "retrying" ? { step: "closed" } : state;
    case "alreadyVoted":
      return { step: "voted", choice: action.choice };
  }
}

/** True when a "send" at `now` would start a request: the confirm control is armed. */
export function canSend(state: BallotState, now: number): boolean {
  return state.step === "confirming" && now >= state.armedAt;
}

/** How long a ballot whose outcome is unknown waits before it is sent again; null if it does not. */
export function retryDelay(state: BallotState, random: () => number = Math.random): number | null {
  return state.step === "retrying" ? reconnectDelay(state.attempt - 1, random) : null;
}
