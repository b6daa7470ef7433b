// Several PDFs uploaded at once: each file's progress and outcome, as a pure reducer. Files go
// up a few at a time; a refused file shows the server's message and does not stop the others.
// Chosen files first wait ("staged") with an editable title — the file name without ".pdf",
// then the PDF's own Title when it has one — until the secretary sends them.

export type UploadStatus = "staged" | "waiting" | "uploading" | "done" | "refused";

export interface UploadEntry {
  id: string;
  name: string;
  size: number;
  title: string;
  /** The secretary typed the title: the PDF's own title no longer replaces it. */
  titleTyped: boolean;
  status: UploadStatus;
  progress: number;
  message: string | null;
}

export type UploadAction =
  | { type: "add"; files: { id: string; name: string; size: number }[]; staged?: boolean }
  | { type: "title"; id: string; title: string; typed: boolean }
  | { type: "send" }
  | { type: "start"; id: string }
  | { type: "progress"; id: string; fraction: number }
  | { type: "done"; id: string }
  | { type: "refused"; id: string; message: string }
  | { type: "clearFinished" };

function update(entries: UploadEntry[], id: string, change: Partial<UploadEntry>): UploadEntry[] {
  return entries.map((entry) => (entry.id === id ? { ...entry, ...change } : entry));
}

export function uploadReducer(entries: UploadEntry[], action: UploadAction): UploadEntry[] {
  switch (action.type) {
    case "add":
      return [
        ...entries,
        ...action.files.map((file) => ({
          ...file,
          title: titleFromFileName(file.name),
          titleTyped: false,
          status: action.staged ? ("staged" as const) : ("waiting" as const),
          progress: 0,
          message: null,
        })),
      ];
    case "title":
      return entries.map((entry) =>
        entry.id === action.id && entry.status === "staged" && (action.typed || !entry.titleTyped) ? { ...entry, title: action.title, titleTyped: action.typed } : entry,
      );
    case "send":
      return entries.map((entry) => (entry.status === "staged" ? { ...entry, status: "waiting" as const } : entry));
    case "start":
      return update(entries, action.id, { status: "uploading", progress: 0, message: null });
    case "progress":
      return update(entries, action.id, { progress: Math.max(0, Math.min(1, action.fraction)) });
    case "done":
      return update(entries, action.id, { status: "done", progress: 1 });
    case "refused":
      return update(entries, action.id, { status: "refused", message: action.message });
    case "clearFinished":
      return entries.filter((entry) => entry.status === "staged" || entry.status === "waiting" || entry.status === "uploading");
  }
}

/** The next files to start so that at most `parallel` are uploading. */
export function nextToStart(entries: UploadEntry[], parallel: number): UploadEntry[] {
  const running = entries.filter((entry) => entry.status === "uploading").length;
  return entries.filter((entry) => entry.status === "waiting").slice(0, Math.max(0, parallel - running));
}

/** A title from a file name: "to-trinh_so-12.pdf" → "to-trinh so-12". */
export function titleFromFileName(name: string): string {
  return name.replace(/\.pdf$/i, "").replace(/_/g, " ").trim() || name;
}
