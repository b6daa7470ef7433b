// The result as CSV (GET /api/v1/polls/{id}/result.csv), fetched with the token (downloadFile).
import { downloadFile } from "../api/download";
import type { PollId } from "../api/voting";

export const resultCsvPath = (pollId: PollId) => `/api/v1/polls/${encodeURIComponent(String(pollId))}/result.csv`;
export const resultCsvName = (pollId: PollId) => `bieu-quyet-${String(pollId)}.csv`;

export const downloadResultCsv = (pollId: PollId): Promise<void> => downloadFile(resultCsvPath(pollId), resultCsvName(pollId));
