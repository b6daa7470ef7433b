// The meeting's minutes: those of the live state (snapshot, then minutes.updated), or, until the
// live state has them (a state stored before the record existed), loaded once.
import { useAsync } from "../components/useAsync";
import { getMinutes } from "./api";
import type { Minutes } from "./types";

export function useMinutes(meetingId: number, live: Minutes | null): { minutes: Minutes | null; error: unknown; reload: () => void } {
  const needed = live === null;
  const loaded = useAsync(() => (needed ? getMinutes(meetingId) : Promise.resolve(null)), [meetingId, needed]);
  return { minutes: live ?? loaded.data, error: needed ? loaded.error : null, reload: loaded.reload };
}
