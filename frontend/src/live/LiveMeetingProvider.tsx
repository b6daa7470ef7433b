// One live connection per open meeting, shared by every component of the meeting's screens. It
// starts from the state last seen on this tablet (so the agenda shows without a network) and
// resumes from there. Without a token (the public live page) it follows the guest view and keeps
// nothing on the device: the state stored for a login (perhaps with confidential titles) is
// neither shown nor overwritten.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { saveToken } from "../auth/tokenStore";
import type { ServerClock } from "../floor/clock";
import { LiveConnection, type LiveSnapshot } from "./connection";
import { storedLiveState } from "./stateStore";

const LiveContext = createContext<LiveConnection | null>(null);

interface Connection {
  meetingId: number;
  token: string | null;
  live: LiveConnection;
}

/** A connection, not started yet (it reads the stored state only: no socket, no listener). */
function connection(meetingId: number, token: string | null): Connection {
  const store = token === null ? undefined : storedLiveState(meetingId);
  return { meetingId, token, live: new LiveConnection({ meetingId, token, store }) };
}

export function LiveMeetingProvider({ meetingId, token, children }: { meetingId: number; token: string | null; children: ReactNode }) {
  const [current, setCurrent] = useState(() => connection(meetingId, token));
  // Another meeting or token: another connection (React renders again at once, with it).
  if (current.meetingId !== meetingId || current.token !== token) setCurrent(connection(meetingId, token));
  const live = current.live;
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export function useLiveMeeting(): LiveSnapshot {
  const connection = useContext(LiveContext);
  if (!connection) throw new Error("useLiveMeeting outside LiveMeetingProvider");
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  // A refused login ends it; a refused public page (4401: not public, not published) is no login's.
  const signedIn = connection.signedIn;
  useEffect(() => {
    if (snapshot.status === "unauthenticated" && signedIn) saveToken(null);
  }, [snapshot.status, signedIn]);
  return snapshot;
}

/** The server's clock as this meeting's live channel tells it (for speakers' countdowns). */
export function useServerClock(): ServerClock {
  const connection = useContext(LiveContext);
  if (!connection) throw new Error("useServerClock outside LiveMeetingProvider");
  return connection.clock;
}
