// The machine's serial console in xterm.js: bytes from the UART are written as they
// arrive, keys typed here go to the UART unchanged (Enter is CR, as from a real serial
// terminal). Focused on load, refitted whenever its panel changes size.

import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { useController } from '../../app/context';
import './console.css';

/** Longest a printed byte waits before it reaches the terminal (an echo stays instant to the eye). */
const WRITE_MS = 40;
/**
 * While the UART streams (a kernel booting at maximum speed), batch longer: every write
 * that scrolls makes xterm's DOM renderer redraw all rows (content and selection layer)
 * and force a layout, the longest main-thread tasks in a max-speed profile.
 */
const STREAM_WRITE_MS = 150;
/** A flush at least this big means the UART is streaming. */
const STREAM_BYTES = 512;
/**
 * xterm parses each write() in one go and yields to the page only between writes, so a
 * big batch goes in as several writes of at most this many bytes.
 */
const WRITE_SLICE = 4096;

export function Console() {
  const c = useController();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      scrollback: 5000,
      fontSize: 13,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace',
      theme: { background: '#0b0e12', foreground: '#d6dde6' },
      screenReaderMode: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
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
    term.focus();
    const ro = new ResizeObserver(refit);
    ro.observe(host);
    // Batch what the UART printed into one terminal write per WRITE_MS: each write makes
    // xterm's DOM renderer rebuild the rows it touched, and a booting kernel prints on
    // every animation frame.
    let pending: Uint8Array[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastFlushBytes = 0;
    const flush = (): void => {
      timer = null;
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
      for (let i = 0; i < all.length; i += WRITE_SLICE) term.write(all.subarray(i, i + WRITE_SLICE));
    };
    const unlisten = c.serial.listen({
      bytes: (b) => {
        pending.push(b.slice());
        if (!timer) timer = setTimeout(flush, lastFlushBytes >= STREAM_BYTES ? STREAM_WRITE_MS : WRITE_MS);
      },
      reset: () => {
        pending = [];
        lastFlushBytes = 0;
        term.reset();
      },
    });
    const sub = term.onData((d) => void c.typeInput(d));
    return () => {
      if (timer) clearTimeout(timer);
      sub.dispose();
      unlisten();
      ro.disconnect();
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
