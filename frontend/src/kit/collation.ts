// Vietnamese order (ICU "vi": a ă â b c d đ e ê …) for everything the app sorts. People are
// read by given name (tên, the last word), then middle names, then family name (họ); titles
// in plain Vietnamese order, numbers by value ("2" before "10").
const collator = new Intl.Collator("vi", { numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** "Nguyễn Thị Ánh" → ["Ánh", "Thị", "Nguyễn"]: given name first, then middle, then family. */
function nameKey(fullName: string): string[] {
  return fullName.trim().split(/\s+/).reverse();
}

export function compareNames(a: string, b: string): number {
  const left = nameKey(a);
  const right = nameKey(b);
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const order = collator.compare(left[index]!, right[index]!);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

export function byFullName(a: { full_name: string }, b: { full_name: string }): number {
  return compareNames(a.full_name, b.full_name);
}

export function byTitle(a: { title: string }, b: { title: string }): number {
  return compareVi(a.title, b.title);
}

/** A sorted copy of people, in Vietnamese name order. */
export function sortPeople<T extends { full_name: string }>(people: readonly T[]): T[] {
  return [...people].sort(byFullName);
}
