// Geometry of the memory map: pages laid out row-major (address grows left to
// right, then down), a power-of-two number of pages per row so that rows start
// on round addresses. Zoom is a pure scale of that grid; below MIN_CELL_PX per
// page, square blocks of k x k pages are drawn as one aggregate cell.

/** Pages in a row-major grid; the last row may be partial. */
export interface MapLayout {
  pageCount: number;
  pagesPerRow: number;
  rows: number;
}

/** A view of the grid: device pixels per page, and the screen position of page 0's corner. */
export interface View {
  scale: number;
  ox: number;
  oy: number;
}

/** The smallest cell drawn, in device pixels; smaller pages aggregate. */
export const MIN_CELL_PX = 1.5;
/** The largest page drawn, in device pixels per page side. */
export const MAX_SCALE = 96;

/** The visible part of the grid at a view, in cells of k x k pages. */
export interface VisibleGrid {
  k: number;
  cellPx: number;
  cols: number;
  cellRows: number;
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

/** A hit on the map: the cell under the pointer and its first page. */
export interface Hit {
  page: number;
  k: number;
  col: number;
  row: number;
}

/** Picks the power-of-two row length that makes pages largest in a w x h viewport. */
export function chooseLayout(pageCount: number, w: number, h: number): MapLayout {
  let best: MapLayout = { pageCount, pagesPerRow: 1, rows: pageCount };
  let bestScale = -1;
  for (let r = 1; r <= pageCount && r <= 1 << 16; r *= 2) {
    const rows = Math.ceil(pageCount / r);
    const s = Math.min(w / r, h / rows);
    if (s > bestScale + 1e-9) {
      bestScale = s;
      best = { pageCount, pagesPerRow: r, rows };
    }
  }
  return best;
}

/**
 * Page sizes from 5 device pixels up are whole pixels, and from 8 up multiples
 * of 4, so cells tile the canvas evenly and the pattern's gaps look alike.
 */
export function snapScale(scale: number): number {
  if (scale < 5) return scale;
  if (scale < 8) return Math.round(scale);
  return Math.round(scale / 4) * 4;
}

/** The largest snapped scale not above `scale`. */
export function snapScaleDown(scale: number): number {
  if (scale < 5) return scale;
  if (scale < 8) return Math.floor(scale);
  return Math.floor(scale / 4) * 4;
}

export function fitScale(layout: MapLayout, w: number, h: number): number {
  return snapScaleDown(Math.max(1e-3, Math.min(w / layout.pagesPerRow, h / layout.rows)));
}

/** The whole map, centred. */
export function fitView(layout: MapLayout, w: number, h: number): View {
  const scale = fitScale(layout, w, h);
  return clampView(layout, { scale, ox: 0, oy: 0 }, w, h);
}

/** A map that fits is centred; a larger one always covers the viewport. */
function clampAxis(offset: number, mapSize: number, viewSize: number): number {
  // Whole device pixels, so cell edges and gap lines stay crisp.
  if (mapSize <= viewSize) return Math.round((viewSize - mapSize) / 2);
  return Math.round(Math.min(0, Math.max(viewSize - mapSize, offset)));
}

/** Keeps the scale within [fit, MAX_SCALE] and the map over the viewport. */
export function clampView(layout: MapLayout, view: View, w: number, h: number): View {
  const scale = Math.min(
    Math.max(view.scale, fitScale(layout, w, h)),
    Math.max(MAX_SCALE, fitScale(layout, w, h)),
  );
  return {
    scale,
    ox: clampAxis(view.ox, layout.pagesPerRow * scale, w),
    oy: clampAxis(view.oy, layout.rows * scale, h),
  };
}

/** Zooms by `factor` (the result snapped) keeping the map point under (x, y) in place. */
export function zoomAt(
  layout: MapLayout,
  view: View,
  factor: number,
  x: number,
  y: number,
  w: number,
  h: number,
): View {
  return zoomTo(layout, view, view.scale * factor, x, y, w, h);
}

/** Zooms to `scale` (snapped, clamped) keeping the map point under (x, y) in place. */
export function zoomTo(
  layout: MapLayout,
  view: View,
  scale: number,
  x: number,
  y: number,
  w: number,
  h: number,
): View {
  const target = clampView(layout, { ...view, scale: snapScale(scale) }, w, h).scale;
  const f = target / view.scale;
  return clampView(layout, { scale: target, ox: x - (x - view.ox) * f, oy: y - (y - view.oy) * f }, w, h);
}

export function panBy(layout: MapLayout, view: View, dx: number, dy: number, w: number, h: number): View {
  return clampView(layout, { scale: view.scale, ox: view.ox + dx, oy: view.oy + dy }, w, h);
}

/** Side of the aggregate block, in pages: the smallest power of two drawn >= MIN_CELL_PX. */
export function blockSize(scale: number): number {
  let k = 1;
  while (k * scale < MIN_CELL_PX && k < 1 << 12) k *= 2;
  return k;
}

export function visibleGrid(layout: MapLayout, view: View, w: number, h: number): VisibleGrid {
  const k = blockSize(view.scale);
  const cellPx = k * view.scale;
  const cols = Math.ceil(layout.pagesPerRow / k);
  const cellRows = Math.ceil(layout.rows / k);
  const c0 = Math.max(0, Math.floor(-view.ox / cellPx));
  const c1 = Math.min(cols, Math.ceil((w - view.ox) / cellPx));
  const r0 = Math.max(0, Math.floor(-view.oy / cellPx));
  const r1 = Math.min(cellRows, Math.ceil((h - view.oy) / cellPx));
  return { k, cellPx, cols, cellRows, c0, c1: Math.max(c0, c1), r0, r1: Math.max(r0, r1) };
}

/** The cell under device pixel (x, y), or null off the map or past the last page. */
export function hitTest(layout: MapLayout, view: View, x: number, y: number): Hit | null {
  const k = blockSize(view.scale);
  const cellPx = k * view.scale;
  const col = Math.floor((x - view.ox) / cellPx);
  const row = Math.floor((y - view.oy) / cellPx);
  if (col < 0 || row < 0 || col * k >= layout.pagesPerRow || row * k >= layout.rows) return null;
  const page = row * k * layout.pagesPerRow + col * k;
  if (page >= layout.pageCount) return null;
  return { page, k, col, row };
}

/** Pages of the k x k block at cell (col, row), in address order. */
export function blockPages(layout: MapLayout, col: number, row: number, k: number): number[] {
  const pages: number[] = [];
  for (let y = row * k; y < Math.min(layout.rows, row * k + k); y++) {
    for (let x = col * k; x < Math.min(layout.pagesPerRow, col * k + k); x++) {
      const p = y * layout.pagesPerRow + x;
      if (p < layout.pageCount) pages.push(p);
    }
  }
  return pages;
}

/** Screen rectangle (device pixels) of the cell holding `page` at this view. */
export function cellRect(
  layout: MapLayout,
  view: View,
  page: number,
): { x: number; y: number; w: number; h: number } {
  const k = blockSize(view.scale);
  const cellPx = k * view.scale;
  const col = Math.floor((page % layout.pagesPerRow) / k);
  const row = Math.floor(Math.floor(page / layout.pagesPerRow) / k);
  return { x: view.ox + col * cellPx, y: view.oy + row * cellPx, w: cellPx, h: cellPx };
}

/** The page at the centre of the viewport, clamped onto the map. */
export function centrePage(layout: MapLayout, view: View, w: number, h: number): number {
  const x = Math.min(layout.pagesPerRow - 1, Math.max(0, Math.floor((w / 2 - view.ox) / view.scale)));
  const y = Math.min(layout.rows - 1, Math.max(0, Math.floor((h / 2 - view.oy) / view.scale)));
  return Math.min(layout.pageCount - 1, y * layout.pagesPerRow + x);
}

/** A view that puts `page` at the centre of the viewport at the current scale, as far as the map allows. */
export function centreOn(layout: MapLayout, view: View, page: number, w: number, h: number): View {
  const x = (page % layout.pagesPerRow) + 0.5;
  const y = Math.floor(page / layout.pagesPerRow) + 0.5;
  return clampView(
    layout,
    { scale: view.scale, ox: w / 2 - x * view.scale, oy: h / 2 - y * view.scale },
    w,
    h,
  );
}
