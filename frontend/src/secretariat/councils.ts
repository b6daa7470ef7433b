// Councils after the 2025 reform (Law 72/2025/QH15): what kind of unit each is, which councils
// it was formed from or handed over to, and whether it still sits. A dissolved council is
// read-only: the server refuses every write with 409 council_dissolved, so no write is offered.
import type { Council, CouncilRef } from "../api/types";
import type { Translate } from "../i18n/translate";
import { formatDay } from "../kit/days";

type Dissolvable = Pick<CouncilRef, "dissolved_on">;

/** Only readable: dissolved (the server refuses writes from the moment it is dissolved). */
export function isReadOnly(council: Dissolvable | null | undefined): boolean {
  return council?.dissolved_on != null;
}

/** The kind of unit: Tỉnh, Thành phố, Xã, Phường, Đặc khu, Huyện (cũ). */
export function unitKindLabel(t: Translate, council: Pick<CouncilRef, "unit_kind">): string {
  return t(`council.unitKind.${council.unit_kind}`);
}

/** For a list of councils: "HĐND xã An Phú · Xã", and "(đã giải thể)" after a dissolved one. */
export function councilLabel(t: Translate, council: Pick<CouncilRef, "name" | "unit_kind" | "dissolved_on">): string {
  const label = `${council.name} · ${unitKindLabel(t, council)}`;
  return isReadOnly(council) ? `${label} ${t("council.dissolvedShort")}` : label;
}

export function councilNames(councils: readonly Pick<CouncilRef, "name">[]): string {
  return councils.map((council) => council.name).join(", ");
}

/** What the secretariat reads about a council: formed from, dissolved, taken over by. */
export function councilNotes(t: Translate, council: Pick<Council, "dissolved_on" | "predecessors" | "successors">): {
  dissolved: string | null;
  successors: string | null;
  predecessors: string | null;
} {
  return {
    dissolved: council.dissolved_on != null ? t("council.dissolved", { day: formatDay(council.dissolved_on) }) : null,
    successors: council.successors.length > 0 ? t("council.successors", { names: councilNames(council.successors) }) : null,
    predecessors: council.predecessors.length > 0 ? t("council.predecessors", { names: councilNames(council.predecessors) }) : null,
  };
}

/**
 * Whether to offer writes (new meeting, member import, new agency) for the chosen council: not
 * before it is known to sit (no form that vanishes once a dissolved council has loaded), never
 * for a dissolved one; if the councils could not be loaded, offered (the server still decides).
 */
export function offersWrites(council: Dissolvable | null | undefined, loadFailed: boolean): boolean {
  if (council == null) return loadFailed;
  return !isReadOnly(council);
}
