// A council's agencies (cơ quan) whose officials answer questions and petitions: each listed
// under the agency it belongs to, in Vietnamese order, with its respondents by name.
import type { Agency } from "../api/types";
import { compareVi, sortPeople } from "../kit/collation";

export interface AgencyRow {
  agency: Agency;
  /** 0 for an agency of its own, 1 for one under it, … */
  depth: number;
}

/** Parents before their children, siblings by name; an agency whose parent is not listed stands at the top. */
export function agencyRows(agencies: readonly Agency[]): AgencyRow[] {
  const known = new Set(agencies.map((agency) => agency.id));
  const children = new Map<number | null, Agency[]>();
  for (const agency of agencies) {
    const parent = agency.parent_id != null && known.has(agency.parent_id) && agency.parent_id !== agency.id ? agency.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), agency]);
  }
  const rows: AgencyRow[] = [];
  const seen = new Set<number>();
  const byName = (list: readonly Agency[]) => [...list].sort((a, b) => compareVi(a.name, b.name));
  const place = (agency: Agency, depth: number) => {
    if (seen.has(agency.id)) return;
    seen.add(agency.id);
    rows.push({ agency: { ...agency, respondents: sortPeople(agency.respondents ?? []) }, depth });
    for (const child of byName(children.get(agency.id) ?? [])) place(child, depth + 1);
  };
  for (const agency of byName(children.get(null) ?? [])) place(agency, 0);
  // Agencies in a cycle of parents (bad data) have no top: shown at the top, each once.
  for (const agency of byName(agencies)) place(agency, 0);
  return rows;
}
