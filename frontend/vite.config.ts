/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { PDFJS_ASSET_PREFIX, pdfjsAssets } from "./vite.pdfjs-assets.ts";

// The Kỳ Họp server (kyhop serve) during development; the built app is served by it directly.
const API_TARGET = process.env.KYHOP_API ?? "http://127.0.0.1:8100";

// Paths the server answers itself: never the app shell, never cached by the service worker.
const SERVER_PATHS = [/^\/api\//, /^\/docs/, /^\/redoc/, /^\/openapi\.json/, /^\/healthz/, /^\/readyz/, /^\/metrics/];

export default defineConfig({
  plugins: [
    react(),
    pdfjsAssets(),
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: false,
      manifest: {
        name: "Kỳ Họp — kỳ họp không giấy",
        short_name: "Kỳ Họp",
        lang: "vi",
        start_url: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#8b1a1a",
        icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
      },
      workbox: {
        // The app shell: every built script, style and the page itself.
        globPatterns: ["**/*.{js,mjs,css,html,svg,webmanifest}"],
        globIgnores: [`${PDFJS_ASSET_PREFIX}**`],
        // The PDF.js worker is about 1.3 MB.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: "/index.html",
        navigateFallbackDenylist: SERVER_PATHS,
        runtimeCaching: [
          {
            // Fonts, character maps and decoders PDF.js asks for: fetched once, kept.
            urlPattern: ({ url }) => url.pathname.startsWith(`/${PDFJS_ASSET_PREFIX}`),
            handler: "CacheFirst",
            options: { cacheName: "pdfjs-assets", expiration: { maxEntries: 400 } },
          },
        ],
      },
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      "/api": { target: API_TARGET, ws: true, changeOrigin: false },
      "/healthz": API_TARGET,
      "/openapi.json": API_TARGET,
    },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
