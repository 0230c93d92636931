// Three costs of xterm.js 6 at maximum speed, and what we do about them.
// All three reach into xterm's private objects; where those are not shaped as expected
// (another xterm version; for the first two, the WebGL renderer) they do nothing, and
// the terminal works as it would anyway.
//
// 1. Selection redraws. xterm.js 6 redraws the selection after every scroll: its selection service schedules
// a redraw request, and the DOM renderer answers any such request by rebuilding every
// row, on top of the rows the scroll itself made it rebuild. With nothing selected,
// before or after, that second rebuild draws exactly what is already there. A kernel
// booting at maximum speed scrolls on every write, so the console did the same work
// twice, and this was the console's largest cost in a max-speed profile.
//
// skipIdleSelectionRedraws skips a selection redraw when there was no selection at the
// last redraw and there is none now.
//
// 2. Glyph widths. The renderer measures each character the first time a row shows it:
// it sets a hidden element's text and reads its offsetWidth, a forced style and layout
// pass of 0.2-0.7 ms. A kernel's boot log brings its ~70 distinct characters a few at a
// time, so a booting machine paid for ~70 of them, in its busiest frames. In a monospace
// font every ASCII character is as wide as every other: assumeMonospaceAscii measures
// four unlike ones and, when they agree, gives the rest of printable ASCII that width.
//
// 3. Scrollbar syncs. On every scroll of the buffer (each line feed on the last row)
// xterm.js 6's viewport sets its scrollbar's dimensions and position at once, through
// the scrollable element's own events. A kernel's boot log arrives forty lines to a
// write, and these syncs were over half of parsing it (Chromium profile, the boot to the
// first shell: 81-109 samples in xterm's parser with, 38-61 without). The scrollbar is
// drawn with the rows anyway: coalesceViewportSync syncs it once per render frame.

interface SelectionServiceLike {
  refresh(isLinuxMouseSelection?: boolean): void;
  readonly hasSelection: boolean;
}

/** Installs the guard on `term`; returns whether it could. */
export function skipIdleSelectionRedraws(term: object): boolean {
  const core = (term as { _core?: { _selectionService?: unknown } })._core;
  const svc = core?._selectionService as SelectionServiceLike | undefined;
  if (!svc || typeof svc.refresh !== 'function' || typeof svc.hasSelection !== 'boolean') return false;
  const refresh = svc.refresh.bind(svc);
  let shown = false;
  svc.refresh = (isLinuxMouseSelection?: boolean): void => {
    const has = svc.hasSelection;
    if (!has && !shown) return; // nothing selected then or now: nothing to draw or erase
    shown = has;
    refresh(isLinuxMouseSelection);
  };
  return true;
}

interface WidthCacheLike {
  get(c: string, bold: boolean, italic: boolean): number;
  /** Widths of single characters below 256, by code; -9999 = not measured yet. */
  _flat: Float32Array;
}

const UNMEASURED = -9999;
/** Four characters that differ in width in any proportional font. */
const PROBES = ['W', 'i', 'm', '.'];

/**
 * When the DOM renderer's font is monospace (the probes measure alike), fills the
 * renderer's width cache for printable ASCII with that width; returns how many it filled.
 */
export function assumeMonospaceAscii(term: object): number {
  const core = (term as { _core?: { _renderService?: { _renderer?: { value?: unknown } } } })._core;
  const renderer = core?._renderService?._renderer?.value as { _widthCache?: unknown } | undefined;
  const cache = renderer?._widthCache as WidthCacheLike | undefined;
  if (!cache || typeof cache.get !== 'function' || !(cache._flat instanceof Float32Array)) return 0;
  if (cache._flat.length < 0x7f) return 0;
  const widths = PROBES.map((c) => cache.get(c, false, false));
  const w = widths[0];
  if (!(w > 0) || widths.some((x) => Math.abs(x - w) > 0.01)) return 0; // proportional, or not laid out
  let n = 0;
  for (let code = 0x20; code < 0x7f; code++)
    if (cache._flat[code] === UNMEASURED) {
      cache._flat[code] = w;
      n++;
    }
  return n;
}

interface ViewportLike {
  _sync(ydisp?: number): void;
  scrollLines(disp: number): void;
  scrollToLine(line: number, disableSmoothScroll?: boolean): void;
  _renderService?: { addRefreshCallback(cb: FrameRequestCallback): number };
}

/**
 * Makes the viewport's scrollbar follow the buffer once per render frame instead of on
 * every scroll of the buffer; returns whether it could. A user's scroll (wheel, pointer
 * on the scrollbar, keys, the API) first brings the scrollbar up to date, so it starts
 * from where the buffer is.
 */
export function coalesceViewportSync(term: object): boolean {
  const core = (term as { _core?: { _viewport?: unknown; element?: unknown } })._core;
  const vp = core?._viewport as ViewportLike | undefined;
  const rs = vp?._renderService;
  if (
    !vp ||
    typeof vp._sync !== 'function' ||
    typeof vp.scrollLines !== 'function' ||
    typeof vp.scrollToLine !== 'function' ||
    !rs ||
    typeof rs.addRefreshCallback !== 'function'
  )
    return false;
  const sync = vp._sync.bind(vp);
  const scrollLines = vp.scrollLines.bind(vp);
  const scrollToLine = vp.scrollToLine.bind(vp);
  let queued = false;
  const flush = (): void => {
    if (!queued) return;
    queued = false;
    sync();
  };
  vp._sync = (ydisp?: number): void => {
    if (ydisp !== undefined || queued) {
      if (ydisp !== undefined) sync(ydisp);
      return;
    }
    queued = true;
    rs.addRefreshCallback(flush);
  };
  vp.scrollLines = (disp: number): void => {
    flush();
    scrollLines(disp);
  };
  vp.scrollToLine = (line: number, disableSmoothScroll?: boolean): void => {
    flush();
    scrollToLine(line, disableSmoothScroll);
  };
  const el = (term as { element?: unknown }).element;
  if (el instanceof EventTarget) {
    el.addEventListener('wheel', flush, { capture: true, passive: true });
    el.addEventListener('pointerdown', flush, { capture: true });
  }
  return true;
}
