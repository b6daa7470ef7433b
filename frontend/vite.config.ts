/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { PDFJS_ASSET_PREFIX, pdfjsAssets } from "./vite.pdfjs-assets.ts";

// The Kỳ Họp server (kyhop serve) during development; the built app is served by it directly.
const API_TARGET = process.env.KYHOP_API ?? "http://127.0.0.1:8100";

export default defineConfig({
  plugins: [
    react(),
    pdfjsAssets(),
    VitePWA({
      // Our own service worker (src/sw.ts): the app shell, PDF.js data files, and the documents
      // of downloaded meeting packages served with Range support (docs in src/offline/).
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
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
      injectManifest: {
        // The app shell: every built script, style and the page itself; and the PDF.js data
        // files a downloaded document may need offline (fonts for PDFs that do not embed them,
        // image decoders). The character maps (1.7 MB, CJK mostly) are cached on first use only.
        globPatterns: [
          "**/*.{js,mjs,css,html,svg,webmanifest}",
          `${PDFJS_ASSET_PREFIX}standard_fonts/*.{pfb,ttf}`,
          `${PDFJS_ASSET_PREFIX}wasm/{jbig2,openjpeg,qcms_bg}.wasm`,
          `${PDFJS_ASSET_PREFIX}iccs/*.icc`,
        ],
        globIgnores: [`${PDFJS_ASSET_PREFIX}cmaps/**`, `${PDFJS_ASSET_PREFIX}wasm/*.js`],
        // The PDF.js worker is about 1.3 MB.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      "/api": { target: API_TARGET, ws: true, changeOrigin: false },
      // Signed document links (GET /api/v1/documents/{id}/link) point here.
      "/files": API_TARGET,
      // The open data (OParl): the public live page reads its meeting and links its files.
      "/oparl": API_TARGET,
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
