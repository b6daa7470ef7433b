// One live connection per open meeting, shared by every component of the meeting's screens. It
// starts from the state last seen on this tablet (so the agenda shows without a network) and
// resumes from there.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { saveToken } from "../auth/tokenStore";
import { LiveConnection, type LiveSnapshot } from "./connection";
import { storedLiveState } from "./stateStore";

const LiveContext = createContext<LiveConnection | null>(null);

interface Connection {
  meetingId: number;
  token: string;
  live: LiveConnection;
}

/** A connection, not started yet (it reads the stored state only: no socket, no listener). */
function connection(meetingId: number, token: string): Connection {
  return { meetingId, token, live: new LiveConnection({ meetingId, token, store: storedLiveState(meetingId) }) };
}

export function LiveMeetingProvider({ meetingId, token, children }: { meetingId: number; token: string; children: ReactNode }) {
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
  useEffect(() => {
    if (snapshot.status === "unauthenticated") saveToken(null);
  }, [snapshot.status]);
  return snapshot;
}
