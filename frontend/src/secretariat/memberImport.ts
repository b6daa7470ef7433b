// Importing members from a CSV or XLSX list (POST /api/v1/councils/{id}/members/import): the
// per-row errors of a refused list (422, `details: [{"row", "message"}]`, nothing written) and
// the one-time passwords of the accounts a successful import created.
import type { NewAccount } from "../api/types";

export interface RowError {
  row: number;
  message: string;
}

/** The row errors of a 422 answer's details, in row order; anything else is ignored. */
export function rowErrors(details: unknown): RowError[] {
  if (!Array.isArray(details)) return [];
  const rows: RowError[] = [];
  for (const item of details) {
    if (!item || typeof item !== "object") continue;
    const { row, message } = item as { row?: unknown; message?: unknown };
    if (typeof row === "number" && typeof message === "string") rows.push({ row, message });
  }
  return rows.sort((a, b) => a.row - b.row);
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The new accounts as CSV for the secretariat to print or hand out (UTF-8 with BOM for Excel). */
export function accountsCsv(accounts: NewAccount[], headings: [string, string, string, string]): string {
  const lines = [headings, ...accounts.map((account) => [account.row, account.full_name, account.username, account.password])];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(",")).join("\r\n")}\r\n`;
}
