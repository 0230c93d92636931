// The machine's serial console in xterm.js: bytes from the UART are written as they
// arrive, keys typed here go to the UART unchanged (Enter is CR, as from a real serial
// terminal). Focused on load, refitted whenever its panel changes size.

import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { useController } from '../../app/context';
import './console.css';

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
    const unlisten = c.serial.listen({ bytes: (b) => term.write(b), reset: () => term.reset() });
    const sub = term.onData((d) => void c.typeInput(d));
    return () => {
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
