// The result as CSV (GET /api/v1/polls/{id}/result.csv): fetched with the Bearer token, then
// saved through a temporary link, since a plain link cannot carry the Authorization header.
import { errorFromResponse, offlineMessage, requestHeaders } from "../api/http";
import { networkError } from "../api/errors";
import type { PollId } from "../api/voting";

export const resultCsvPath = (pollId: PollId) => `/api/v1/polls/${encodeURIComponent(String(pollId))}/result.csv`;
export const resultCsvName = (pollId: PollId) => `bieu-quyet-${String(pollId)}.csv`;

export async function downloadResultCsv(pollId: PollId): Promise<void> {
  let response: Response;
  try {
    response = await fetch(resultCsvPath(pollId), { headers: requestHeaders() });
  } catch {
    throw networkError(offlineMessage());
  }
  if (!response.ok) throw await errorFromResponse(response);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = resultCsvName(pollId);
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
