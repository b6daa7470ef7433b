// One live connection per open meeting, shared by every component of the meeting's screens. It
// starts from the state last seen on this tablet (so the agenda shows without a network) and
// resumes from there.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { saveToken } from "../auth/tokenStore";
import { LiveConnection, type LiveSnapshot } from "./connection";
import { storedLiveState } from "./stateStore";

const LiveContext = createContext<LiveConnection | null>(null);

export function LiveMeetingProvider({ meetingId, token, children }: { meetingId: number; token: string; children: ReactNode }) {
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  useEffect(() => {
    const live = new LiveConnection({ meetingId, token, store: storedLiveState(meetingId) });
    live.start();
    setConnection(live);
    return () => live.stop();
  }, [meetingId, token]);
  if (!connection) return null;
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
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
