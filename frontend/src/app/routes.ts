// The app's addresses. Deep links (a reload on /meetings/5/documents/9) reach the server, which
// answers index.html for any path that is not a file of dist/ or under /api/.

export type Route =
  | { name: "login" }
  | { name: "meetings" }
  | { name: "devices" }
  | { name: "secretariat" }
  | { name: "meeting"; meetingId: number }
  | { name: "reader"; meetingId: number; documentId: number; page: number | null }
  | { name: "chair"; meetingId: number }
  | { name: "manage"; meetingId: number }
  /** The secretariat's questioning (chất vấn) of a meeting. */
  | { name: "questions"; meetingId: number }
  /** What I must answer (a respondent) and what I asked. */
  | { name: "myQuestions" }
  /** A council's commitments (cam kết) from questioning. */
  | { name: "commitments"; councilId: number }
  /** A council's register of resolutions (sổ nghị quyết), of one year or (null) every year. */
  | { name: "resolutions"; councilId: number; year: number | null }
  /** A council's voter petitions (kiến nghị cử tri); a respondent sees their agency's. */
  | { name: "petitions"; councilId: number }
  | { name: "petition"; petitionId: number }
  /** Báo cáo kết quả giải quyết kiến nghị cử tri. */
  | { name: "petitionReport"; councilId: number }
  | { name: "display"; meetingId: number }
  /** The public live page for the press and citizens: no login, the guest view only. */
  | { name: "public"; meetingId: number }
  | { name: "notFound" };

const PATTERNS: [RegExp, (match: number[], search: URLSearchParams) => Route][] = [
  [/^\/login$/, () => ({ name: "login" })],
  [/^\/$/, () => ({ name: "meetings" })],
  [/^\/devices$/, () => ({ name: "devices" })],
  [/^\/secretariat$/, () => ({ name: "secretariat" })],
  [/^\/meetings\/(\d+)$/, ([meetingId]) => ({ name: "meeting", meetingId: meetingId! })],
  [
    /^\/meetings\/(\d+)\/documents\/(\d+)$/,
    ([meetingId, documentId], search) => ({
      name: "reader",
      meetingId: meetingId!,
      documentId: documentId!,
      page: positiveInt(search.get("page")),
    }),
  ],
  [/^\/meetings\/(\d+)\/chair$/, ([meetingId]) => ({ name: "chair", meetingId: meetingId! })],
  [/^\/meetings\/(\d+)\/manage$/, ([meetingId]) => ({ name: "manage", meetingId: meetingId! })],
  [/^\/meetings\/(\d+)\/questions$/, ([meetingId]) => ({ name: "questions", meetingId: meetingId! })],
  [/^\/my-questions$/, () => ({ name: "myQuestions" })],
  [/^\/councils\/(\d+)\/commitments$/, ([councilId]) => ({ name: "commitments", councilId: councilId! })],
  [
    /^\/councils\/(\d+)\/resolutions$/,
    ([councilId], search) => ({ name: "resolutions", councilId: councilId!, year: positiveInt(search.get("year")) }),
  ],
  [/^\/councils\/(\d+)\/petitions$/, ([councilId]) => ({ name: "petitions", councilId: councilId! })],
  [/^\/councils\/(\d+)\/petitions\/report$/, ([councilId]) => ({ name: "petitionReport", councilId: councilId! })],
  [/^\/petitions\/(\d+)$/, ([petitionId]) => ({ name: "petition", petitionId: petitionId! })],
  [/^\/display\/(\d+)$/, ([meetingId]) => ({ name: "display", meetingId: meetingId! })],
  [/^\/public\/meetings\/(\d+)$/, ([meetingId]) => ({ name: "public", meetingId: meetingId! })],
];

function positiveInt(text: string | null): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 ? value : null;
}

export function matchRoute(pathname: string, search = ""): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const params = new URLSearchParams(search);
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return build(match.slice(1).map(Number), params);
  }
  return { name: "notFound" };
}

export const paths = {
  login: (next?: string) => (next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login"),
  meetings: () => "/",
  devices: () => "/devices",
  secretariat: () => "/secretariat",
  meeting: (meetingId: number) => `/meetings/${meetingId}`,
  reader: (meetingId: number, documentId: number, page?: number) =>
    `/meetings/${meetingId}/documents/${documentId}${page ? `?page=${page}` : ""}`,
  chair: (meetingId: number) => `/meetings/${meetingId}/chair`,
  manage: (meetingId: number) => `/meetings/${meetingId}/manage`,
  questions: (meetingId: number) => `/meetings/${meetingId}/questions`,
  myQuestions: () => "/my-questions",
  commitments: (councilId: number) => `/councils/${councilId}/commitments`,
  resolutions: (councilId: number, year?: number | null) => `/councils/${councilId}/resolutions${year ? `?year=${year}` : ""}`,
  petitions: (councilId: number) => `/councils/${councilId}/petitions`,
  petition: (petitionId: number) => `/petitions/${petitionId}`,
  petitionReport: (councilId: number) => `/councils/${councilId}/petitions/report`,
  display: (meetingId: number) => `/display/${meetingId}`,
  public: (meetingId: number) => `/public/meetings/${meetingId}`,
};

/** The routes anyone may open without logging in (never sent to the login screen). */
export function isPublicRoute(route: Route): boolean {
  return route.name === "login" || route.name === "public";
}

/** Where to go after logging in: only a path of this app, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
