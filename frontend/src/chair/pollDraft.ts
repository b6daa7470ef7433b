// The poll the chair is writing, kept across agenda changes: the current item may move (the chair
// activates another item, or the secretariat does) while the chair is typing, and nothing typed
// is lost. Its title is the item's title until the chair types one; then it stays.
import type { PollPreset } from "../api/voting";
import { formFor, type PollForm } from "../voting/presets";

export interface PollDraft {
  form: PollForm;
  /** The title of the item the draft is shown for (the default title). */
  itemTitle: string;
  /** The chair has changed something. */
  edited: boolean;
}

export function newDraft(itemTitle: string, preset: PollPreset = "resolution"): PollDraft {
  return { form: formFor(preset, itemTitle), itemTitle, edited: false };
}

export function editDraft(draft: PollDraft, changes: Partial<PollForm>): PollDraft {
  return { ...draft, form: { ...draft.form, ...changes }, edited: true };
}

/** Another preset: its defaults, the title kept. */
export function choosePreset(draft: PollDraft, preset: PollPreset): PollDraft {
  return { ...draft, form: formFor(preset, draft.form.title), edited: true };
}

/** The draft shown for another item (or the item renamed): a title the chair typed stays. */
export function forItem(draft: PollDraft, itemTitle: string): PollDraft {
  if (itemTitle === draft.itemTitle) return draft;
  const typed = draft.form.title !== draft.itemTitle;
  return { ...draft, itemTitle, form: typed ? draft.form : { ...draft.form, title: itemTitle } };
}

/** After the poll was created: a fresh draft of the same preset. */
export function afterCreate(draft: PollDraft): PollDraft {
  return newDraft(draft.itemTitle, draft.form.preset);
}

/**
 * The item a new poll is for. By default the current item; another item only by an explicit
 * choice, and that choice holds only while the current item it was made under stays current:
 * once the chair (or the secretariat) moves on, the form follows the new current item again.
 */
export interface TargetChoice {
  itemId: number;
  /** The current item when the choice was made. */
  whileCurrent: number | null;
}

export function pollTarget(currentId: number | null, choice: TargetChoice | null, itemIds: readonly number[]): number | null {
  if (choice && choice.whileCurrent === currentId && itemIds.includes(choice.itemId)) return choice.itemId;
  if (currentId !== null && itemIds.includes(currentId)) return currentId;
  return null;
}
