import { describe, expect, it } from "vitest";
import { FIRST_DELAY_MS } from "../live/backoff";
import { ballotReducer, canSend, CONFIRM_ARMING_MS, retryDelay, START, type BallotAction, type BallotState } from "./ballotMachine";

const run = (actions: BallotAction[], from: BallotState = START) => actions.reduce(ballotReducer, from);
const pick = (optionId: number, maxChoices = 1, now = 0): BallotAction => ({ type: "toggle", optionId, maxChoices, now });
const armed = CONFIRM_ARMING_MS;
const send = (now = armed): BallotAction => ({ type: "send", now });
const offline: BallotAction = { type: "refused", message: "offline", outcomeUnknown: true };

describe("casting a ballot", () => {
  it("one choice: tap, confirm, send, accepted", () => {
    let state = run([pick(1)]);
    expect(state).toEqual({ step: "confirming", choice: [1], armedAt: armed });
    state = run([send()], state);
    expect(state).toEqual({ step: "sending", choice: [1], attempt: 0 });
    state = run([{ type: "accepted" }], state);
    expect(state).toEqual({ step: "voted", choice: [1] });
  });

  it("the confirm control is inert just after it appears: a double tap sends nothing", () => {
    const shown = run([pick(1, 1, 1000)]);
    expect(canSend(shown, 1000 + armed - 1)).toBe(false);
    expect(run([send(1000 + 50)], shown)).toBe(shown);
    expect(canSend(shown, 1000 + armed)).toBe(true);
    expect(run([send(1000 + armed)], shown)).toMatchObject({ step: "sending", choice: [1] });
  });

  it("can go back from the confirmation and choose another option, or the same one again", () => {
    expect(run([pick(1), { type: "back" }, pick(2)])).toMatchObject({ step: "confirming", choice: [2] });
    expect(run([pick(1), { type: "back" }, pick(1)])).toMatchObject({ step: "confirming", choice: [1] });
  });

  it("a double tap while sending starts nothing and cannot change the choice", () => {
    const sending = run([pick(1), send()]);
    expect(canSend(sending, 1e9)).toBe(false);
    expect(run([send(1e9)], sending)).toBe(sending);
    expect(run([pick(2)], sending)).toBe(sending);
    expect(run([{ type: "back" }], sending)).toBe(sending);
  });

  it("an election allows up to N choices, then a review", () => {
    let state = run([pick(1, 2), pick(2, 2), pick(3, 2)]);
    expect(state).toEqual({ step: "choosing", selected: [1, 2] });
    state = run([pick(1, 2), pick(3, 2), { type: "review", now: 0 }], state);
    expect(state).toMatchObject({ step: "confirming", choice: [2, 3] });
  });

  it("review needs at least one choice", () => {
    expect(run([{ type: "review", now: 0 }])).toBe(START);
  });

  it("an 'already voted' answer ends in voted, with the choice only when known", () => {
    expect(run([pick(1), send(), { type: "alreadyVoted", choice: null }])).toEqual({ step: "voted", choice: null });
  });

  it("a late answer after voting changes nothing", () => {
    const voted = run([pick(1), send(), { type: "accepted" }]);
    expect(run([offline], voted)).toBe(voted);
  });
});

describe("retrying a ballot whose outcome is unknown", () => {
  it("is sent again by itself, the same choice only, with a growing delay", () => {
    const first = run([pick(1), send(), offline]);
    expect(first).toEqual({ step: "retrying", choice: [1], attempt: 1 });
    expect(run([pick(2)], first)).toBe(first);
    expect(run([{ type: "back" }], first)).toBe(first);
    expect(run([send(1e9)], first)).toBe(first);
    expect(retryDelay(first, () => 0.999)).toBeLessThanOrEqual(FIRST_DELAY_MS);
    const again = run([{ type: "retry" }], first);
    expect(again).toEqual({ step: "sending", choice: [1], attempt: 1 });
    const second = run([offline], again);
    expect(second).toEqual({ step: "retrying", choice: [1], attempt: 2 });
    expect(retryDelay(second, () => 0)).toBeGreaterThan(retryDelay(first, () => 0)!);
    expect(run([{ type: "retry" }, { type: "accepted" }], second)).toEqual({ step: "voted", choice: [1] });
  });

  it("stops when the server refuses it, and the deputy may choose again", () => {
    const refused = run([pick(1), send(), offline, { type: "retry" }, { type: "refused", message: "Bạn không có quyền biểu quyết", outcomeUnknown: false }]);
    expect(refused).toEqual({ step: "refused", message: "Bạn không có quyền biểu quyết" });
    expect(retryDelay(refused)).toBeNull();
    expect(run([pick(3)], refused)).toMatchObject({ step: "confirming", choice: [3] });
  });

  it("stops when the poll closes before it was accepted", () => {
    expect(run([pick(1), send(), offline, { type: "pollClosed" }])).toEqual({ step: "closed" });
    expect(run([pick(1), send(), { type: "pollClosed" }])).toEqual({ step: "closed" });
    const voted = run([pick(1), send(), { type: "accepted" }]);
    expect(run([{ type: "pollClosed" }], voted)).toBe(voted);
  });

  it("a retry signal while nothing waits does nothing", () => {
    const shown = run([pick(1)]);
    expect(run([{ type: "retry" }], shown)).toBe(shown);
    expect(retryDelay(shown)).toBeNull();
  });
});
