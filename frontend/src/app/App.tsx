import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { SessionProvider, useSession } from "../auth/SessionProvider";
import { I18nProvider, useI18n } from "../i18n/I18nProvider";
import { LiveMeetingProvider } from "../live/LiveMeetingProvider";
import { NoteSyncer } from "../offline/NoteSyncer";
import { OfflineBanner } from "../offline/OfflineBanner";
import { DevicesScreen } from "../screens/DevicesScreen";
import { LoginScreen } from "../screens/LoginScreen";
import { MeetingScreen } from "../screens/MeetingScreen";
import { MeetingsScreen } from "../screens/MeetingsScreen";
import { NotFoundScreen } from "../screens/NotFoundScreen";
import { VotingPanel } from "../voting/VotingPanel";
import { navigate, useLocation } from "./navigation";
import { matchRoute, paths, type Route } from "./routes";

// Screens a deputy does not need before the first meeting screen load on demand; the reader
// brings PDF.js (the largest part of the app) only when a document is opened.
const ReaderScreen = lazy(() => import("../reader/ReaderScreen"));
const DisplayScreen = lazy(() => import("../display/DisplayScreen"));
const ChairConsole = lazy(() => import("../chair/ChairConsole"));
const ManageMeetingScreen = lazy(() => import("../secretariat/ManageMeetingScreen"));
const SecretariatScreen = lazy(() => import("../secretariat/SecretariatScreen"));

function Loading() {
  const { t } = useI18n();
  return <div className="loading">{t("common.loading")}</div>;
}

/** The meeting's screens share one live connection; deputies get the voting panel on all of them. */
function MeetingScope({ meetingId, token, withVoting, children }: { meetingId: number; token: string; withVoting: boolean; children: ReactNode }) {
  return (
    <LiveMeetingProvider meetingId={meetingId} token={token}>
      {children}
      {withVoting && <VotingPanel />}
    </LiveMeetingProvider>
  );
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
        <MeetingScope meetingId={route.meetingId} token={token} withVoting>
          <MeetingScreen meetingId={route.meetingId} />
        </MeetingScope>
      );
    case "reader":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} withVoting>
          <ReaderScreen meetingId={route.meetingId} documentId={route.documentId} page={route.page} />
        </MeetingScope>
      );
    case "chair":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} withVoting={false}>
          <ChairConsole meetingId={route.meetingId} />
        </MeetingScope>
      );
    case "manage":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} withVoting={false}>
          <ManageMeetingScreen meetingId={route.meetingId} />
        </MeetingScope>
      );
    case "display":
      return (
        <MeetingScope meetingId={route.meetingId} token={token} withVoting={false}>
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
  const mustLogIn = !token && route.name !== "login";

  useEffect(() => {
    if (mustLogIn) navigate(paths.login(pathname + search), { replace: true });
  }, [mustLogIn, pathname, search]);

  if (route.name === "login") return <LoginScreen />;
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
