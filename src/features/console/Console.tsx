// The machine's serial console in xterm.js: bytes from the UART are written as they
// arrive, keys typed here go to the UART unchanged (Enter is CR, as from a real serial
// terminal). Focused on load, refitted whenever its panel changes size. Drawn by
// xterm's WebGL renderer on a GPU (renderer.ts), else by its DOM renderer.

import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import '@xterm/xterm/css/xterm.css';
import { useController } from '../../app/context';
import { attachRenderer, rendererChoice, type RendererKind } from './renderer';
import { assumeMonospaceAscii, coalesceViewportSync, skipIdleSelectionRedraws } from './xterm-tuning';
import { BEAT_MS, beats, halfBeat, msToBeat, textPeriod } from '../../app/beat';
import './console.css';

/**
 * DOM renderer: longest a printed byte waits before it reaches the terminal (an echo
 * stays instant to the eye). The WebGL renderer gets what arrived once per animation
 * frame instead: xterm draws once per frame anyway, and a scroll costs it little.
 */
const WRITE_MS = 40;
/**
 * DOM renderer, while the UART streams (a kernel booting): batch longer, since every
 * write that scrolls makes that renderer redraw all rows (content and selection layer)
 * and lay them out, the console's biggest cost. At maximum speed a write goes out every
 * MAX_SPEED_TEXT_MS (beat.ts textPeriod), when a screenful scrolls by faster than anyone
 * reads it anyway. Those writes land half a beat after the other panels' (beat.ts
 * halfBeat): parsing a kernel's boot log and redrawing the rows, with every other panel
 * redrawn in the same frame, took longer than a frame on a slow machine.
 */
const STREAM_WRITE_MS = 2 * BEAT_MS;
/** A flush at least this big means the UART is streaming. */
const STREAM_BYTES = 512;
/**
 * xterm parses each write() in one go and yields to the page only between writes, so a
 * big batch goes in as several writes of at most this many bytes.
 */
const WRITE_SLICE = 4096;
/**
 * A flush this big (a kernel's boot log at maximum speed arrives as about 3.7 KB at
 * once) is the page's costliest step of a boot: xterm parses it, 8-12 ms of CPU here,
 * then redraws the rows it scrolled. On a two-core host the emulator's worker holds one
 * core while the page shares the other with the compositor and V8's compilers, and that
 * write took 20-28 ms of wall time. Before such a write the console asks the worker to
 * give way for GIVE_WAY_MS (the worker sees the request when its current slice ends),
 * which covers the parse and the redraw.
 */
const GIVE_WAY_BYTES = 1024;
const GIVE_WAY_MS = 30;

export function Console() {
  const c = useController();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      convertEol: true,
      // A steady cursor: xterm blinks it with a CSS animation of its colours, which
      // Chromium runs on the main thread, restyling and committing every frame (a third
      // of an idle page's frame cost). Focus still shows: a filled block when focused.
      cursorBlink: false,
      scrollback: 5000,
      fontSize: 13,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace',
      theme: { background: '#0b0e12', foreground: '#d6dde6' },
      screenReaderMode: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    skipIdleSelectionRedraws(term);
    coalesceViewportSync(term);
    const showKind = (k: RendererKind): void => {
      host.dataset.renderer = k;
    };
    const renderer = attachRenderer(
      term,
      () => new WebglAddon(),
      showKind,
      rendererChoice(window.location.search),
    );
    showKind(renderer.kind);
    const textarea = host.querySelector('textarea');
    textarea?.setAttribute('aria-label', 'Serial console input: typing goes to the machine’s UART');
    const refit = (): void => {
      try {
        fit.fit();
      } catch {
        // not laid out yet
      }
    };
    refit();
    assumeMonospaceAscii(term); // xterm-tuning.ts: 4 forced layouts now, not ~70 in the boot log
    term.focus();
    const ro = new ResizeObserver(refit);
    ro.observe(host);
    // Batch what the UART printed into one terminal write per WRITE_MS: each write makes
    // xterm's DOM renderer rebuild the rows it touched, and a booting kernel prints on
    // every animation frame.
    let pending: Uint8Array[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelBeat: (() => void) | null = null;
    let raf = 0;
    let lastFlushBytes = 0;
    let lastFlushAt = -Infinity;
    let written = false;
    const flush = (): void => {
      timer = null;
      cancelBeat = null;
      raf = 0;
      lastFlushAt = performance.now();
      if (pending.length === 0) return;
      const chunks = pending;
      pending = [];
      const total = chunks.reduce((n, b) => n + b.length, 0);
      lastFlushBytes = total;
      const all = new Uint8Array(total);
      let o = 0;
      for (const b of chunks) {
        all.set(b, o);
        o += b.length;
      }
      if (total >= GIVE_WAY_BYTES) void c.giveWay(GIVE_WAY_MS);
      for (let i = 0; i < all.length; i += WRITE_SLICE) term.write(all.subarray(i, i + WRITE_SLICE));
      written = true;
    };
    const unlisten = c.serial.listen({
      bytes: (b) => {
        pending.push(b.slice());
        if (timer || cancelBeat || raf) return;
        if (renderer.kind === 'webgl') raf = requestAnimationFrame(flush);
        else if (lastFlushBytes >= STREAM_BYTES) {
          const period = textPeriod(c.store.getState(), STREAM_WRITE_MS);
          const wait = msToBeat(period, performance.now(), lastFlushAt) + halfBeat(period);
          cancelBeat = beats.after(wait, flush);
        } else timer = setTimeout(flush, WRITE_MS);
      },
      reset: () => {
        pending = [];
        lastFlushBytes = 0;
        // a terminal nothing was written to is as new (the page's first machine): a reset
        // would only rebuild its buffers, ~10 ms in the machine's busiest first frame
        if (written) term.reset();
        written = false;
      },
    });
    const sub = term.onData((d) => void c.typeInput(d));
    return () => {
      if (timer) clearTimeout(timer);
      cancelBeat?.();
      if (raf) cancelAnimationFrame(raf);
      sub.dispose();
      unlisten();
      ro.disconnect();
      renderer.dispose();
      term.dispose();
    };
  }, [c]);

  return (
    <section className="panel console-panel" aria-label="Serial console">
      <h2 className="panel-title">Serial console</h2>
      <div className="console-host" ref={hostRef} data-console data-testid="console" />
    </section>
  );
}
