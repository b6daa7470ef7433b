import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { SessionProvider, useSession } from "../auth/SessionProvider";
import { readToken } from "../auth/tokenStore";
import { I18nProvider, useI18n } from "../i18n/I18nProvider";
import { LiveMeetingProvider } from "../live/LiveMeetingProvider";
import { NoteSyncer } from "../offline/NoteSyncer";
import { OfflineBanner } from "../offline/OfflineBanner";
import { startPdfWorker } from "../pdf/workerPort";
import { DevicesScreen } from "../screens/DevicesScreen";
import { LoginScreen } from "../screens/LoginScreen";
import { MeetingScreen } from "../screens/MeetingScreen";
import { MeetingsScreen } from "../screens/MeetingsScreen";
import { NotFoundScreen } from "../screens/NotFoundScreen";
import { VotingPanel } from "../voting/VotingPanel";
import { navigate, useLocation } from "./navigation";
import { preloadable } from "./preloadable";
import { isPublicRoute, matchRoute, paths, type Route } from "./routes";

// Screens a deputy does not need before the first meeting screen load on demand; the reader
// brings PDF.js (the largest part of the app), fetched once a deputy's meeting screen shows
// (prefetchReader below), never for the login screen.
const reader = preloadable(() => import("../reader/ReaderScreen"));
// A reader opened by its address (a reload, a shared link) by someone logged in: its code and
// PDF.js's worker are fetched at once, before the app's first render.
if (typeof location !== "undefined" && readToken() && matchRoute(location.pathname, location.search).name === "reader") prefetchReader("now");
const DisplayScreen = lazy(() => import("../display/DisplayScreen"));
const ChairConsole = lazy(() => import("../chair/ChairConsole"));
const ManageMeetingScreen = lazy(() => import("../secretariat/ManageMeetingScreen"));
const SecretariatScreen = lazy(() => import("../secretariat/SecretariatScreen"));
const PublicMeetingPage = lazy(() => import("../public/PublicMeetingPage"));
const ManageQuestionsScreen = lazy(() => import("../questions/ManageQuestionsScreen"));
const MyQuestionsScreen = lazy(() => import("../questions/MyQuestionsScreen"));
const CommitmentsScreen = lazy(() => import("../questions/CommitmentsScreen"));
const CouncilResolutionsScreen = lazy(() => import("../record/CouncilResolutionsScreen"));
const PetitionsScreen = lazy(() => import("../petitions/PetitionsScreen"));
const PetitionScreen = lazy(() => import("../petitions/PetitionScreen"));
const PetitionReportScreen = lazy(() => import("../petitions/PetitionReportScreen"));

function Loading() {
  const { t } = useI18n();
  return <div className="loading">{t("common.loading")}</div>;
}

/** When a deputy's screen fetches the reader ahead of need: at once (a reader is shown) or when idle. */
type ReaderPrefetch = "now" | "idle" | null;

/**
 * The meeting's screens share one live connection; deputies get the voting panel on all of them.
 * The connection starts while a screen's code is still loading (the Suspense boundary is inside).
 */
function MeetingScope({ meetingId, token, deputy, prefetch, children }: { meetingId: number; token: string; deputy: boolean; prefetch: ReaderPrefetch; children: ReactNode }) {
  useEffect(() => (prefetch ? prefetchReader(prefetch) : undefined), [prefetch]);
  return (
    <LiveMeetingProvider meetingId={meetingId} token={token}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
      {deputy && <VotingPanel />}
    </LiveMeetingProvider>
  );
}

/**
 * The reader's code and PDF.js's worker, fetched and started before the first tap on a document
 * (the meeting screen, when the browser is idle) or while the reader's code loads (a reader
 * opened by its address).
 */
function prefetchReader(when: "now" | "idle"): () => void {
  const start = () => {
    void startPdfWorker();
    void reader.preload().catch(() => undefined);
  };
  if (when === "now") {
    start();
    return () => undefined;
  }
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(start, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(start, 500);
  return () => clearTimeout(timer);
}

function screenFor(route: Route, token: string): ReactNode {
  switch (route.name) {
    case "meetings":
      return <MeetingsScreen />;
    case "devices":
      return <DevicesScreen />;
    case "secretariat":
      return <SecretariatScreen />;
    case "meeting":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} deputy prefetch="idle">
          <MeetingScreen meetingId={route.meetingId} />
        </MeetingScope>
      );
    case "reader":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} deputy prefetch="now">
          <reader.Component key={route.documentId} fallback={<Loading />} meetingId={route.meetingId} documentId={route.documentId} page={route.page} />
        </MeetingScope>
      );
    case "chair":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} deputy={false} prefetch={null}>
          <ChairConsole meetingId={route.meetingId} />
        </MeetingScope>
      );
    case "manage":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} deputy={false} prefetch={null}>
          <ManageMeetingScreen meetingId={route.meetingId} />
        </MeetingScope>
      );
    case "questions":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} deputy={false} prefetch={null}>
          <ManageQuestionsScreen meetingId={route.meetingId} />
        </MeetingScope>
      );
    case "myQuestions":
      return <MyQuestionsScreen />;
    case "commitments":
      return <CommitmentsScreen councilId={route.councilId} />;
    case "resolutions":
      return <CouncilResolutionsScreen councilId={route.councilId} year={route.year} />;
    case "petitions":
      return <PetitionsScreen councilId={route.councilId} />;
    case "petition":
      return <PetitionScreen key={route.petitionId} petitionId={route.petitionId} />;
    case "petitionReport":
      return <PetitionReportScreen councilId={route.councilId} />;
    case "display":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} deputy={false} prefetch={null}>
          <DisplayScreen />
        </MeetingScope>
      );
    default:
      return <NotFoundScreen />;
  }
}

function Router() {
  const { pathname, search } = useLocation();
  const { token } = useSession();
  const route = matchRoute(pathname, search);
  const mustLogIn = !token && !isPublicRoute(route);

  useEffect(() => {
    if (mustLogIn) navigate(paths.login(pathname + search), { replace: true });
  }, [mustLogIn, pathname, search]);

  if (route.name === "login") return <LoginScreen />;
  // The public live page: no login, and never the login's token (the guest view only).
  if (route.name === "public")
    return (
      <LiveMeetingProvider key={route.meetingId} meetingId={route.meetingId} token={null}>
        <Suspense fallback={<Loading />}>
          <PublicMeetingPage meetingId={route.meetingId} />
        </Suspense>
      </LiveMeetingProvider>
    );
  if (!token) return null;
  return (
    <>
      <NoteSyncer />
      <Suspense fallback={<Loading />}>{screenFor(route, token)}</Suspense>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Router />
        <OfflineBanner />
      </SessionProvider>
    </I18nProvider>
  );
}
