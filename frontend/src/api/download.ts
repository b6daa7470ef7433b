// A file the server gives only with the Bearer token (a poll's CSV, the minutes' PDF / .docx):
// fetched, then saved through a temporary link, since a plain link cannot carry the
// Authorization header.
import { networkError } from "./errors";
import { errorFromResponse, offlineMessage, requestHeaders } from "./http";

export async function downloadFile(path: string, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { headers: requestHeaders() });
  } catch {
    throw networkError(offlineMessage());
  }
  if (!response.ok) throw await errorFromResponse(response);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
