// The memory map panel: every RAM page a cell on a canvas, coloured by content
// and role, with legend, region labels, write flashes, PC marker, tooltip, hex
// view, zoom and pan. React holds the DOM; painting happens in MapPainter on
// animation frames, only when the model's version or the view changed: in the map's
// paint worker when the browser allows (remote-painter.ts, paint-worker.ts), on the
// page otherwise. Either way the page's MapPainter owns the view and the hit tests.

import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PageModel } from '../../../workers/protocol/pages';
import { blockPages } from './layout';
import { blockTooltip, legendEntries, mapSummary, pageTooltip, type LegendEntry } from './describe';
import { findRegions, placeLabels, type PlacedLabel, type Region } from './regions';
import { samePresence, type ColourMode, type Presence } from './render';
import { MapPainter, sameGeometry, type Geometry } from './painter';
import {
  painterChoice,
  startRemotePainter,
  type PageFeed,
  type PainterChoice,
  type RemotePainter,
} from './remote-painter';
import type { PageChanges } from './render-dirty';
import { HexView } from './HexView';
import { Legend } from './Legend';
import { Toolbar } from './Toolbar';
import { applyMapKey, PC_ZOOM_CSS_PX } from './keys';
import { BEAT_MS } from '../../app/beat';
import { whenIdle } from '../../app/use-revealed';
import { warmUpMapOnce } from './warmup';
import './memory-map.css';

export interface MemoryMapProps {
  model: PageModel;
  /** Pages touched since the last call (PageStore.takeChanges): lets a paint redo only their cells. */
  takeChanges?(): PageChanges;
  /** The model's source, for a paint worker's replica; without it the page paints. */
  feed?: PageFeed;
  onSelectPage?(index: number): void;
  readPage(index: number): Promise<Uint8Array>;
}

interface Tip {
  x: number;
  y: number;
  lines: string[];
}

/** Wall-clock throttle for the O(pages) region scan (UI only, not simulation). */
const ANALYSIS_MS = 200;
/** And for the summary that names the canvas for screen readers (same O(pages) cost). */
const SUMMARY_MS = 1000;
/**
 * The legend follows what is on screen about this often (wall clock, on the UI's beat)
 * while the machine runs: write flashes come and go every few frames at maximum speed,
 * and each change re-rendered the whole panel. A mode, zoom or pan change updates it at
 * once.
 */
const LEGEND_MS = 300;
/** Paint time (ms) above which model-driven repaints are spread over frames. */
const PAINT_BUDGET_MS = 6;
/** Runs shorter than this get no label (placement also drops what is too small on screen). */
const MIN_REGION_PAGES = 8;
const DRAG_THRESHOLD_PX = 4;
/** The map's JIT warm-up waits for an idle moment at most this long (warmup.ts). */
const WARM_UP_MS = 500;

function sameLabels(a: PlacedLabel[], b: PlacedLabel[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (l, i) =>
        l.key === b[i].key &&
        l.text === b[i].text &&
        l.x === b[i].x &&
        l.y === b[i].y &&
        l.callout === b[i].callout,
    )
  );
}

function sameLegend(a: LegendEntry[], b: LegendEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (e, i) =>
        e.key === b[i].key && e.label === b[i].label && e.color === b[i].color && e.style === b[i].style,
    )
  );
}

function sameTip(a: Tip | null, b: Tip | null): boolean {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.lines.join('\n') === b.lines.join('\n');
}

export function MemoryMap({ model, takeChanges, feed, onSelectPage, readPage }: MemoryMapProps) {
  const areaRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<MapPainter | null>(null);
  const modelRef = useRef(model);
  const changesRef = useRef(takeChanges);
  changesRef.current = takeChanges;
  const feedRef = useRef(feed);
  feedRef.current = feed;
  const [where, setWhere] = useState<PainterChoice>(() =>
    feed ? painterChoice(window.location.search) : 'page',
  );
  const modeRef = useRef<ColourMode>('content');
  const focusRef = useRef(false);
  const dirtyRef = useRef(true);
  const pointerRef = useRef<{ x: number; y: number } | null>(null);
  const dragRef = useRef<{ id: number; x: number; y: number; moved: boolean } | null>(null);
  const selectedRef = useRef<number | null>(null);
  const updateRef = useRef<() => void>(() => {});

  const [mode, setMode] = useState<ColourMode>('content');
  const [legend, setLegend] = useState<LegendEntry[]>([]);
  const [labels, setLabels] = useState<PlacedLabel[]>([]);
  const [tip, setTip] = useState<Tip | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [stamp, setStamp] = useState(0);
  const [scaleText, setScaleText] = useState('');

  useEffect(() => {
    modelRef.current = model;
    dirtyRef.current = true;
  }, [model]);
  useEffect(() => {
    modeRef.current = mode;
    dirtyRef.current = true;
  }, [mode]);
  useEffect(() => {
    selectedRef.current = selected;
  }, [selected]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const area = areaRef.current;
    if (!canvas || !area) return;
    let remote: RemotePainter | null = null;
    let remoteResult: { presence: Presence; pcVisible: boolean; viewSeq: number } | null = null;
    let answeredSeq = -1;
    let sent = { geometry: null as Geometry | null, mode: 'content' as ColourMode, focus: -1, seq: 0 };
    const feed = feedRef.current;
    if (where === 'worker' && feed) {
      try {
        remote = startRemotePainter(area, feed, {
          painted: (r) => {
            remoteResult = r; // taken by the next animation frame's update()
          },
          failed: (why) => {
            console.warn(`memory map: the paint worker failed (${why}); painting on the page instead`);
            setWhere('page');
          },
        });
      } catch (err) {
        console.warn('memory map: no paint worker, painting on the page', err);
        remote = null;
        queueMicrotask(() => setWhere('page'));
        return;
      }
    }
    const painter = new MapPainter(remote ? null : canvas);
    painterRef.current = painter;
    // before the machine's first frame, while the page waits for the worker (warmup.ts)
    const cancelWarmUp = whenIdle(() => warmUpMapOnce({ paint: !remote, analysis: true }), WARM_UP_MS);
    canvas.dataset.painter = remote ? 'worker' : 'page';
    let cssW = 640;
    let cssH = 400;
    const drawn = { model: null as PageModel | null, version: -1 };
    let presence: Presence | null = null;
    let pcVisible = false;
    let legendMode: ColourMode | null = null;
    let legendShown: LegendEntry[] = [];
    let legendNext: LegendEntry[] | null = null;
    let legendAt = -Infinity;
    let palette = painter.palette;
    let regions: Region[] = [];
    let analysed = {
      model: null as PageModel | null,
      beat: -1,
      regionsVersion: -1,
      regionsAt: -Infinity,
      summaryVersion: -1,
      summaryAt: -Infinity,
    };
    let summary = '';
    let placed: PlacedLabel[] = [];
    let tipShown: Tip | null = null;
    let stampSeen = -1;
    let scaleShown = '';
    let paintEvery = 1;
    let labelledPc = -2;
    let pcBeat = -1;
    let skipped = 0;

    /** Takes what a paint showed; the legend follows (at once or on the beat). */
    const noteResult = (pr: Presence | null, pcv: boolean, md: ColourMode): void => {
      if (pr === null) return;
      if (
        presence === null ||
        !samePresence(presence, pr) ||
        pcVisible !== pcv ||
        legendMode !== md ||
        palette !== painter.palette
      ) {
        presence = pr;
        pcVisible = pcv;
        legendMode = md;
        palette = painter.palette;
        legendNext = legendEntries(presence, palette, md, pcVisible);
      }
    };

    const measure = (): void => {
      const r = area.getBoundingClientRect();
      cssW = r.width > 0 ? r.width : area.clientWidth > 0 ? area.clientWidth : 640;
      cssH = r.height > 0 ? r.height : area.clientHeight > 0 ? area.clientHeight : 400;
      painter.resize(cssW, cssH, window.devicePixelRatio || 1, modelRef.current.pageCount);
      dirtyRef.current = true;
    };

    const update = (): void => {
      const m = modelRef.current;
      const md = modeRef.current;
      const modelChanged = m !== drawn.model || m.version !== drawn.version;
      const viewChanged = dirtyRef.current;
      // On a slow machine a big map repaints for model changes every few frames only;
      // view changes (zoom, pan, hover) always repaint at once. Flashes fade by the
      // model's frame count, so skipped paints lose nothing.
      if (modelChanged && !viewChanged && m === drawn.model && ++skipped < paintEvery) return;
      let legendNow = viewChanged;
      if (modelChanged || viewChanged) {
        skipped = 0;
        dirtyRef.current = false;
        const focus = focusRef.current && painter.blockSide() === 1 ? painter.targetPage() : -1;
        if (remote) {
          // the worker paints; the page keeps the geometry for hit tests and labels
          painter.sync(m);
          const g = painter.geometry();
          if (!sameGeometry(sent.geometry, g) || sent.mode !== md || sent.focus !== focus) {
            sent = { geometry: g, mode: md, focus, seq: sent.seq + 1 };
            remote.view(g, md, focus);
          }
          if (md !== legendMode || palette !== painter.palette) noteResult(presence, pcVisible, md);
        } else {
          const res = painter.paint(m, md, focus, changesRef.current?.() ?? null);
          paintEvery = Math.min(4, Math.max(1, Math.ceil(res.ms / PAINT_BUDGET_MS)));
          noteResult(res.presence, res.pcVisible, md);
        }
        drawn.model = m;
        drawn.version = m.version;
        const k = painter.blockSide();
        const px = painter.view.scale / painter.dpr;
        const text =
          k > 1 ? `1 cell = ${k * k} pages` : `1 page = ${px >= 10 ? Math.round(px) : px.toFixed(1)} px`;
        if (text !== scaleShown) {
          scaleShown = text;
          setScaleText(text);
        }
      }
      const r = remoteResult;
      if (r) {
        remoteResult = null;
        noteResult(r.presence, r.pcVisible, md);
        // the answer to the latest view change updates the legend at once
        if (r.viewSeq === sent.seq && r.viewSeq !== answeredSeq) legendNow = true;
        answeredSeq = r.viewSeq;
      }
      const now = performance.now();
      const legendBeat = Math.floor(now / BEAT_MS) !== Math.floor(legendAt / BEAT_MS);
      if (legendNext && (legendNow || (legendBeat && now - legendAt >= LEGEND_MS - BEAT_MS))) {
        if (!sameLegend(legendNext, legendShown)) {
          legendShown = legendNext;
          legendAt = now;
          setLegend(legendNext);
        }
        legendNext = null;
      }
      let regionsChanged = false;
      // The two O(pages) scans (2-3 ms each at 1 GiB) run on the UI's beat (app/beat.ts),
      // so the labels and summary they change are laid out in the frame the throttled
      // panels update in, and never in the same frame: the region labels every
      // ANALYSIS_MS, the summary (the canvas's accessible name) every SUMMARY_MS.
      const fresh = m !== analysed.model || palette !== painter.palette;
      const beat = Math.floor(now / BEAT_MS);
      if (fresh || beat !== analysed.beat) {
        const regionsDue =
          fresh ||
          (m.tagsVersion !== analysed.regionsVersion &&
            now - analysed.regionsAt >= ANALYSIS_MS - BEAT_MS / 2);
        // a new model's summary waits for the next beat: the first frame of a machine is
        // the page's busiest already
        const summaryDue =
          !regionsDue &&
          m.tagsVersion !== analysed.summaryVersion &&
          now - analysed.summaryAt >= SUMMARY_MS - BEAT_MS / 2;
        analysed = {
          model: m,
          beat,
          regionsVersion: regionsDue ? m.tagsVersion : analysed.regionsVersion,
          regionsAt: regionsDue ? now : analysed.regionsAt,
          summaryVersion: summaryDue ? m.tagsVersion : fresh ? -1 : analysed.summaryVersion,
          summaryAt: summaryDue ? now : fresh ? -Infinity : analysed.summaryAt,
        };
        if (regionsDue) {
          regions = findRegions(m, painter.palette, MIN_REGION_PAGES);
          regionsChanged = true;
        }
        if (summaryDue) {
          const next = mapSummary(m, painter.palette);
          if (next !== summary) {
            summary = next;
            canvas.setAttribute('aria-label', summary);
          }
        }
      }
      // Labels step aside from the PC's page; at maximum speed that page changes in
      // nearly every frame, so a move is followed on the beat, like the labels themselves
      // (moving them every frame re-laid the page out 30 times a second, for a jitter).
      const pcMoved = m.pcPage !== labelledPc && (viewChanged || beat !== pcBeat);
      if (pcMoved) {
        labelledPc = m.pcPage;
        pcBeat = beat;
      }
      if ((regionsChanged || viewChanged || pcMoved) && painter.layout) {
        const next = placeLabels(
          regions,
          painter.layout,
          painter.view,
          cssW,
          cssH,
          painter.dpr,
          painter.pcBox(),
        );
        if (!sameLabels(next, placed)) {
          placed = next;
          setLabels(next);
        }
      }
      if (modelChanged || viewChanged) {
        let next: Tip | null = null;
        const at = pointerRef.current;
        // The pointer's cell, or for keyboard users the target page.
        const target = at ?? (focusRef.current ? painter.pageCentreCss(painter.targetPage()) : null);
        const hit = target ? painter.hit(target.x, target.y) : null;
        if (hit && target && painter.layout) {
          const lines =
            hit.k === 1
              ? pageTooltip(m, hit.page)
              : blockTooltip(m, blockPages(painter.layout, hit.col, hit.row, hit.k), hit.k);
          next = { x: target.x, y: target.y, lines };
        }
        if (!sameTip(next, tipShown)) {
          tipShown = next;
          setTip(next);
        }
        const sel = selectedRef.current;
        if (sel !== null && sel < m.pageCount && m.lastWriteFrame[sel] !== stampSeen) {
          stampSeen = m.lastWriteFrame[sel];
          setStamp(stampSeen);
        }
      }
    };
    updateRef.current = update;

    measure();
    update();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    ro?.observe(area);
    let raf = 0;
    let reported = false;
    const tick = (): void => {
      raf = requestAnimationFrame(tick);
      try {
        update();
      } catch (err) {
        // One bad frame (say, a model caught mid-replacement) must not stop the map.
        if (!reported) console.error('memory map: frame failed', err);
        reported = true;
      }
    };
    raf = requestAnimationFrame(tick);
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const factor = Math.exp(-e.deltaY * unit * 0.002);
      painter.zoom(factor, (e.clientX - r.left) * painter.dpr, (e.clientY - r.top) * painter.dpr);
      dirtyRef.current = true;
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      cancelWarmUp();
      cancelAnimationFrame(raf);
      ro?.disconnect();
      canvas.removeEventListener('wheel', onWheel);
      painterRef.current = null;
      remote?.dispose();
    };
  }, [where]);

  /** Applies a view change now (so keyboard and button input never waits a frame). */
  const viewChanged = useCallback(() => {
    dirtyRef.current = true;
    updateRef.current();
  }, []);

  const openPage = useCallback(
    (page: number) => {
      onSelectPage?.(page);
      setSelected(page);
      setStamp(modelRef.current.lastWriteFrame[page] ?? 0);
    },
    [onSelectPage],
  );

  const closeHex = useCallback(() => {
    setSelected(null);
    canvasRef.current?.focus();
  }, []);

  const zoomBy = (factor: number): void => {
    painterRef.current?.zoom(factor);
    viewChanged();
  };

  const relPos = (e: PointerEvent<HTMLCanvasElement>): { x: number; y: number } => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (e.button !== 0) return;
    const p = relPos(e);
    dragRef.current = { id: e.pointerId, x: p.x, y: p.y, moved: false };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const p = relPos(e);
    const drag = dragRef.current;
    const painter = painterRef.current;
    if (drag && drag.id === e.pointerId && painter) {
      const dx = p.x - drag.x;
      const dy = p.y - drag.y;
      if (drag.moved || Math.abs(dx) + Math.abs(dy) >= DRAG_THRESHOLD_PX) {
        drag.moved = true;
        painter.pan(dx * painter.dpr, dy * painter.dpr);
        drag.x = p.x;
        drag.y = p.y;
      }
    }
    pointerRef.current = p;
    viewChanged();
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>): void => {
    const drag = dragRef.current;
    dragRef.current = null;
    const painter = painterRef.current;
    if (!drag || drag.id !== e.pointerId || drag.moved || !painter) return;
    const p = relPos(e);
    const hit = painter.hit(p.x, p.y);
    if (!hit) return;
    if (hit.k === 1) {
      painter.setCursor(hit.page);
      openPage(hit.page);
    } else {
      painter.zoom(hit.k * 2, p.x * painter.dpr, p.y * painter.dpr);
      viewChanged();
    }
  };

  const onPointerLeave = (): void => {
    pointerRef.current = null;
    viewChanged();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    const painter = painterRef.current;
    if (!painter) return;
    pointerRef.current = null;
    const r = applyMapKey(painter, e.key, e.shiftKey, modelRef.current.pcPage);
    if (!r) return;
    e.preventDefault();
    if (r.kind === 'open') openPage(r.page);
    viewChanged();
  };

  const inRange = selected !== null && selected < model.pageCount;
  return (
    <section className="mm-root" data-testid="memory-map" aria-label="Memory map">
      <Toolbar
        mode={mode}
        scaleText={scaleText}
        onZoom={zoomBy}
        onFit={() => {
          painterRef.current?.fit();
          viewChanged();
        }}
        onCentrePc={() => {
          const pc = modelRef.current.pcPage;
          if (pc >= 0) painterRef.current?.centreOn(pc, PC_ZOOM_CSS_PX);
          viewChanged();
        }}
        onToggleMode={() => setMode((m) => (m === 'content' ? 'role' : 'content'))}
      />
      <div className="mm-area" ref={areaRef}>
        <canvas
          ref={canvasRef}
          className="mm-canvas"
          role="img"
          tabIndex={0}
          aria-label="Physical memory"
          aria-keyshortcuts="+ - 0 ArrowLeft ArrowRight ArrowUp ArrowDown Enter P"
          data-testid="memory-map-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (dragRef.current = null)}
          onPointerLeave={onPointerLeave}
          onKeyDown={onKeyDown}
          onFocus={() => {
            focusRef.current = true;
            viewChanged();
          }}
          onBlur={() => {
            focusRef.current = false;
            viewChanged();
          }}
        />
        <div className="mm-labels" aria-hidden="true" data-testid="memory-map-labels">
          {labels.map((l) => (
            <span
              key={l.key}
              className={l.callout ? 'mm-label mm-label-callout' : 'mm-label'}
              style={{ left: l.x, top: l.y }}
            >
              {l.text}
            </span>
          ))}
        </div>
        {tip && (
          <div
            className="mm-tooltip"
            role="tooltip"
            data-testid="memory-map-tooltip"
            style={{ left: tip.x + 14, top: tip.y + 14 }}
          >
            {tip.lines.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        )}
        {inRange && (
          <HexView model={model} page={selected} writeStamp={stamp} readPage={readPage} onClose={closeHex} />
        )}
      </div>
      <Legend entries={legend} />
    </section>
  );
}
