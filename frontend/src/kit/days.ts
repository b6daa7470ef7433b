/** A calendar day as the server sends it (yyyy-mm-dd, or the start of an ISO timestamp) as
 * Vietnamese write it: dd/mm/yyyy. Anything else is returned unchanged. */
export function formatDay(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
