// The province over its communes (since the 2025 reform a province hosts its communes): its
// secretary and chair read their communes' published public meetings. Which communes the home
// screen lists, in which order, and which ones a filter finds. The server decides what is
// readable in the end; this only chooses what to offer.
import type { Council, CouncilRef, Me, Meeting } from "../api/types";
import { compareVi } from "../kit/collation";

/** The roles in a province that read its communes (never a deputy, guest or respondent). */
const OVERSEEING_ROLES: ReadonlySet<string> = new Set(["secretary", "chair"]);

/** Whether to ask for the councils at all: a secretary or chair somewhere (maybe of a province). */
export function mayOversee(me: Me | null): boolean {
  return !!me?.memberships.some((membership) => OVERSEEING_ROLES.has(membership.role));
}

/** Provinces (tỉnh, thành phố) where this person is secretary or chair and that have communes. */
export function overseenProvinces(me: Me | null, councils: readonly Council[]): Council[] {
  if (!me) return [];
  const mine = new Set(me.memberships.filter((m) => OVERSEEING_ROLES.has(m.role)).map((m) => m.council_id));
  return councils.filter((council) => council.level === "province" && mine.has(council.id) && council.children.length > 0);
}

/**
 * The place's own name, for ordering: "HĐND xã Diễn Châu" → "Diễn Châu". Otherwise every
 * "HĐND phường …" would come before every "HĐND xã …".
 */
export function placeName(name: string): string {
  const stripped = name
    .trim()
    .replace(/^(Hội đồng nhân dân|HĐND)\s+/iu, "")
    .replace(/^(xã|phường|đặc khu|thị trấn)\s+/iu, "");
  return stripped === "" ? name.trim() : stripped;
}

export function byPlaceName(a: Pick<CouncilRef, "name">, b: Pick<CouncilRef, "name">): number {
  return compareVi(placeName(a.name), placeName(b.name)) || compareVi(a.name, b.name);
}

/** The communes of those provinces, each once, in Vietnamese order of their place names. */
export function overseenCommunes(me: Me | null, councils: readonly Council[]): CouncilRef[] {
  const byId = new Map<number, CouncilRef>();
  for (const province of overseenProvinces(me, councils)) {
    for (const child of province.children) byId.set(child.id, child);
  }
  return [...byId.values()].sort(byPlaceName);
}

/** Lower case without tone marks or đ: "Diễn Châu" → "dien chau"; spaces collapsed. */
export function foldVi(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The communes whose name holds every word typed, with or without tone marks ("dien chau"). */
export function filterCommunes<T extends Pick<CouncilRef, "name">>(communes: readonly T[], query: string): T[] {
  const words = foldVi(query).split(" ").filter((word) => word !== "");
  if (words.length === 0) return [...communes];
  return communes.filter((commune) => {
    const name = foldVi(commune.name);
    return words.every((word) => name.includes(word));
  });
}

/** A commune's meetings, the latest first. */
export function latestFirst(meetings: readonly Meeting[]): Meeting[] {
  return [...meetings].sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at) || b.id - a.id);
}
