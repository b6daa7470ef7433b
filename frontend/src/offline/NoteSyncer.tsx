// Sends the notes written offline, on any screen: at start, when the network returns, and every
// half minute while some are waiting (the Wi-Fi may be up while the server is not).
import { useEffect } from "react";
import { noteStore } from "./noteStore";
import { noteSync } from "./noteSync";

const RETRY_MS = 30_000;

export function NoteSyncer() {
  useEffect(() => {
    const send = () => {
      if (noteStore.queuedDocuments().length > 0) void noteSync.syncAll();
    };
    send();
    window.addEventListener("online", send);
    const timer = setInterval(send, RETRY_MS);
    return () => {
      window.removeEventListener("online", send);
      clearInterval(timer);
    };
  }, []);
  return null;
}
