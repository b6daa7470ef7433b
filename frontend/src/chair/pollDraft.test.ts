import { describe, expect, it } from "vitest";
import { afterCreate, choosePreset, editDraft, forItem, newDraft, pollTarget } from "./pollDraft";

describe("the chair's poll draft", () => {
  it("starts from the resolution preset with the item's title", () => {
    const draft = newDraft("Nghị quyết về dự toán ngân sách");
    expect(draft.form.preset).toBe("resolution");
    expect(draft.form.title).toBe("Nghị quyết về dự toán ngân sách");
    expect(draft.edited).toBe(false);
  });

  it("keeps a typed title, the preset and the options when the item changes", () => {
    let draft = choosePreset(newDraft("Mục 2"), "election");
    draft = editDraft(draft, { title: "Bầu Phó Chủ tịch HĐND", optionsText: "Nguyễn Văn A\nTrần Thị B", maxChoices: 1 });
    const moved = forItem(draft, "Mục 3");
    expect(moved.form).toEqual(draft.form);
    expect(moved.edited).toBe(true);
    expect(moved.itemTitle).toBe("Mục 3");
  });

  it("lets an untyped title follow the item, keeping the rest", () => {
    const draft = editDraft(newDraft("Mục 2"), { basis: "present", durationText: "60" });
    const moved = forItem(draft, "Mục 3");
    expect(moved.form).toEqual({ ...draft.form, title: "Mục 3" });
    expect(forItem(moved, "Mục 3")).toBe(moved);
  });

  it("keeps the title on a preset change and marks the draft edited", () => {
    const draft = choosePreset(editDraft(newDraft("Mục 2"), { title: "Lấy phiếu" }), "confidence");
    expect(draft.form.title).toBe("Lấy phiếu");
    expect(draft.form.secret).toBe(true);
    expect(draft.edited).toBe(true);
  });

  it("starts again with the same preset once the poll is created", () => {
    const draft = afterCreate(choosePreset(editDraft(newDraft("Mục 2"), { title: "Bầu" }), "election"));
    expect(draft.form.preset).toBe("election");
    expect(draft.form.title).toBe("Mục 2");
    expect(draft.edited).toBe(false);
  });
});

describe("the poll form's target", () => {
  const items = [1, 2, 3, 4];
  it("follows the current item by default", () => {
    expect(pollTarget(3, null, items)).toBe(3);
    expect(pollTarget(4, null, items)).toBe(4);
    expect(pollTarget(null, null, items)).toBeNull();
  });
  it("takes another item only by an explicit choice, reset when the current item changes", () => {
    const choice = { itemId: 4, whileCurrent: 3 };
    expect(pollTarget(3, choice, items)).toBe(4);
    expect(pollTarget(2, choice, items)).toBe(2);
    expect(pollTarget(null, { itemId: 1, whileCurrent: null }, items)).toBe(1);
  });
  it("never targets an item that is gone", () => {
    expect(pollTarget(3, { itemId: 9, whileCurrent: 3 }, items)).toBe(3);
    expect(pollTarget(9, null, items)).toBeNull();
  });
});
