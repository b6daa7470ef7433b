// Zoom for the reader: "fit width" by default (what a tablet wants), or a fixed factor.

export type Zoom = { mode: "fit" } | { mode: "fixed"; factor: number };

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;

/** CSS pixels per PDF point for a page `pageWidth` points wide in a container `width` px wide. */
export function scaleFor(zoom: Zoom, pageWidth: number, containerWidth: number): number {
  if (zoom.mode === "fixed") return zoom.factor;
  if (pageWidth <= 0 || containerWidth <= 0) return 1;
  return Math.max(0.25, containerWidth / pageWidth);
}

export function zoomIn(current: number): Zoom {
  return { mode: "fixed", factor: ZOOM_STEPS.find((step) => step > current + 0.01) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]! };
}

export function zoomOut(current: number): Zoom {
  const smaller = ZOOM_STEPS.filter((step) => step < current - 0.01);
  return { mode: "fixed", factor: smaller[smaller.length - 1] ?? ZOOM_STEPS[0] };
}

export function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page) || pageCount < 1) return 1;
  return Math.min(Math.max(1, Math.round(page)), pageCount);
}
