import { describe, expect, it } from "vitest";
import { ballotReducer, canSend, START, type BallotAction, type BallotState } from "./ballotMachine";

const run = (actions: BallotAction[], from: BallotState = START) => actions.reduce(ballotReducer, from);
const pick = (optionId: number, maxChoices = 1): BallotAction => ({ type: "toggle", optionId, maxChoices });

describe("casting a ballot", () => {
  it("one choice: tap, confirm, send, accepted", () => {
    let state = run([pick(1)]);
    expect(state).toEqual({ step: "confirming", choice: [1] });
    state = run([{ type: "send" }], state);
    expect(state).toEqual({ step: "sending", choice: [1] });
    state = run([{ type: "accepted" }], state);
    expect(state).toEqual({ step: "voted", choice: [1] });
  });

  it("can go back from the confirmation and choose another option", () => {
    const state = run([pick(1), { type: "back" }, pick(2)]);
    expect(state).toEqual({ step: "confirming", choice: [2] });
  });

  it("a double tap while sending starts nothing and cannot change the choice", () => {
    const sending = run([pick(1), { type: "send" }]);
    expect(canSend(sending)).toBe(false);
    expect(run([{ type: "send" }], sending)).toBe(sending);
    expect(run([pick(2)], sending)).toBe(sending);
    expect(run([{ type: "back" }], sending)).toBe(sending);
  });

  it("after an unknown outcome only the same choice can be sent again", () => {
    const failed = run([pick(1), { type: "send" }, { type: "refused", message: "offline", outcomeUnknown: true }]);
    expect(failed).toMatchObject({ step: "failed", choice: [1], sameChoiceOnly: true });
    expect(run([pick(2)], failed)).toBe(failed);
    expect(run([{ type: "back" }], failed)).toBe(failed);
    expect(canSend(failed)).toBe(true);
    expect(run([{ type: "send" }], failed)).toEqual({ step: "sending", choice: [1] });
  });

  it("after a definite refusal the deputy may choose again", () => {
    const failed = run([pick(1), { type: "send" }, { type: "refused", message: "too many options", outcomeUnknown: false }]);
    expect(canSend(failed)).toBe(false);
    expect(run([pick(3)], failed)).toEqual({ step: "confirming", choice: [3] });
  });

  it("an election allows up to N choices, then a review", () => {
    let state = run([pick(1, 2), pick(2, 2), pick(3, 2)]);
    expect(state).toEqual({ step: "choosing", selected: [1, 2] });
    state = run([pick(1, 2), pick(3, 2), { type: "review" }], state);
    expect(state).toEqual({ step: "confirming", choice: [2, 3] });
  });

  it("review needs at least one choice", () => {
    expect(run([{ type: "review" }])).toBe(START);
  });

  it("an 'already voted' answer ends in voted, with the choice only when known", () => {
    expect(run([pick(1), { type: "send" }, { type: "alreadyVoted", choice: null }])).toEqual({ step: "voted", choice: null });
  });

  it("a late answer after voting changes nothing", () => {
    const voted = run([pick(1), { type: "send" }, { type: "accepted" }]);
    expect(run([{ type: "refused", message: "x", outcomeUnknown: true }], voted)).toBe(voted);
  });
});
