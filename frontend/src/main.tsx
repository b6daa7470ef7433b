import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { registerSW } from "virtual:pwa-register";
import { App } from "./app/App";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/meeting.css";
import "./styles/reader.css";
import "./styles/voting.css";
import "./styles/consoles.css";
import "./styles/offline.css";

// The service worker keeps the app shell, so the app opens with the hall's Wi-Fi down.
if ("serviceWorker" in navigator) registerSW({ immediate: true });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
