// The service worker (built by vite-plugin-pwa, injectManifest): the app shell from the
// precache so the app opens without a network; PDF.js data files cached on first use; and the
// documents of downloaded meeting packages answered from the document store, Range requests
// included, so the reader works offline exactly as online.
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { createPartialResponse } from "workbox-range-requests";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst } from "workbox-strategies";
import { DOCUMENT_CACHE, isDocumentVersionUrl } from "./offline/urls";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// Paths the server answers itself: never the app shell (/oparl/: the open data, whose files the
// public page opens in a new tab).
const SERVER_PATHS = [/^\/api\//, /^\/files\//, /^\/oparl\//, /^\/docs/, /^\/redoc/, /^\/openapi\.json/, /^\/healthz/, /^\/readyz/, /^\/metrics/];

// A new version of the app takes over at once (the page reloads its data from the server anyway).
void self.skipWaiting();
clientsClaim();

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: SERVER_PATHS }));

// Fonts, character maps and decoders PDF.js asks for: fetched once, kept.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/pdfjs/"),
  new CacheFirst({ cacheName: "pdfjs-assets", plugins: [new ExpirationPlugin({ maxEntries: 400 })] }),
);

// One version of a document: the stored copy if this tablet downloaded it (a Range request gets
// its 206 slice), otherwise the network. Nothing is stored here: only the package download
// stores files, after checking their SHA-256. (The reader reads versions that are not stored
// through signed links, /files/…, which are not routed here: straight to the network.)
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && isDocumentVersionUrl(url),
  async ({ request }) => {
    const stored = await caches.match(request.url, { cacheName: DOCUMENT_CACHE, ignoreVary: true });
    if (!stored) return fetch(request);
    return request.headers.has("range") ? createPartialResponse(request, stored) : stored;
  },
);
