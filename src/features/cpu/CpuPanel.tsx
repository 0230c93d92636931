// The CPU panel: privilege mode, PC with image and symbol, the current instruction,
// registers (changed ones highlighted), MMU and interrupt state, counters and simulated
// time. These change every frame, so the panel renders its structure once and writes the
// values through a store subscription into DOM refs instead of re-rendering. Register
// values sit in fixed-size, size-contained boxes (cpu.css), so a new value lays out its
// box alone, not the register grid, the panel and the column.

import { useEffect, useRef } from 'react';
import { useController } from '../../app/context';
import { ABI_NAMES, PRIV_NAMES, formatCount, formatNs, hex32 } from '../../app/format';
import type { AppState } from '../../store/slices';
import { roleName } from '../../../workers/protocol/pages';
import { BEAT_MS, beats, msToBeat, textPeriod } from '../../app/beat';
import { setText } from '../../app/dom-text';
import './cpu.css';

/** The text of each field, computed from the state (pure, tested). */
export function cpuFields(s: AppState): Record<string, string> {
  const f = s.cpu_frame;
  if (!f)
    return {
      mode: '—',
      pc: '—',
      where: 'not started',
      insn: '',
      mmu: '—',
      irq: '—',
      instret: '—',
      cycles: '—',
      time: '—',
    };
  const phys = f.pcPhys >= 0 && f.pcPhys !== f.pc ? ` (physical ${hex32(f.pcPhys)})` : '';
  const role = f.pcRole > 0 ? ` · page role: ${roleName(f.pcRole)}` : '';
  return {
    mode: PRIV_NAMES[f.priv] ?? String(f.priv),
    pc: `${hex32(f.pc)}${phys}`,
    where: `${f.image}: ${f.symbol}${role}`,
    insn: f.disasm ? `${hex32(f.insn)}  ${f.disasm}` : '',
    mmu: f.satpMode === 'sv32' ? 'on (Sv32)' : 'off (bare)',
    irq: f.interruptsText,
    instret: formatCount(f.instret),
    cycles: formatCount(f.cycles),
    time: formatNs(s.mach_simNs),
  };
}

const FIELDS: [key: string, label: string][] = [
  ['mode', 'Mode'],
  ['pc', 'PC'],
  ['where', 'Where'],
  ['insn', 'Instruction'],
  ['mmu', 'MMU'],
  ['irq', 'Interrupts'],
  ['instret', 'Instructions'],
  ['cycles', 'Cycles'],
  ['time', 'Simulated time'],
];

/**
 * The panel repaints at most this often (ms, wall clock; the values are exact when
 * paused), on the shared beat: ten times a second is as fast as anyone reads a register,
 * and each repaint's text changes cost the page a style, layout and paint pass. Running
 * at maximum speed every register changes between any two repaints and the grid is a
 * blur at any rate: it then repaints with the other text panels (beat.ts textPeriod).
 * Stepping, paused and the other speeds keep PAINT_MS.
 */
const PAINT_MS = BEAT_MS;

/** How long the panel waits between repaints in this state. */
export function paintPeriod(s: AppState): number {
  return textPeriod(s, PAINT_MS);
}

export function CpuPanel() {
  const c = useController();
  const fieldRefs = useRef<Record<string, HTMLElement | null>>({});
  const regRefs = useRef<(HTMLElement | null)[]>([]);
  const csrRef = useRef<HTMLDListElement>(null);

  useEffect(() => {
    const paint = (s: AppState): void => {
      const fields = cpuFields(s);
      for (const [k] of FIELDS) {
        const el = fieldRefs.current[k];
        if (el) setText(el, fields[k]);
      }
      const f = s.cpu_frame;
      for (let i = 0; i < 32; i++) {
        const el = regRefs.current[i];
        const value = el?.firstElementChild;
        if (!el || !value) continue;
        const text = f ? hex32(f.regs[i]) : '—';
        setText(value, text);
        const changed = (s.cpu_changed >>> i) & 1 ? 'true' : 'false';
        if (el.dataset.changed !== changed) el.dataset.changed = changed;
      }
      const dl = csrRef.current;
      if (dl && f) {
        if (dl.childElementCount !== f.csrs.length * 2) {
          dl.replaceChildren(
            ...f.csrs.flatMap((x) => {
              const dt = document.createElement('dt');
              dt.textContent = x.name;
              return [dt, document.createElement('dd')];
            }),
          );
        }
        f.csrs.forEach((x, i) => {
          const dd = dl.children[i * 2 + 1] as HTMLElement;
          const t = hex32(x.value);
          setText(dd, t);
        });
      }
    };
    paint(c.store.getState());
    // at most one paint per PAINT_MS, on the beat; the last state always gets painted
    let last = -Infinity;
    let cancel: (() => void) | null = null;
    const later = (): void => {
      cancel = null;
      last = performance.now();
      paint(c.store.getState());
    };
    const unsub = c.store.subscribe((s, prev) => {
      if (s.cpu_frame === prev.cpu_frame && s.mach_simNs === prev.mach_simNs) return;
      if (cancel) return;
      const now = performance.now();
      const wait = msToBeat(paintPeriod(s), now, last);
      if (wait === 0) {
        last = now;
        paint(s);
      } else {
        cancel = beats.after(wait, later);
      }
    });
    return () => {
      unsub();
      cancel?.();
    };
  }, [c]);

  return (
    <section className="panel cpu-panel" aria-labelledby="cpu-title">
      <h2 className="panel-title" id="cpu-title">
        CPU
      </h2>
      <dl className="cpu-fields">
        {FIELDS.map(([k, label]) => (
          <div key={k} className={`cpu-field cpu-${k}`}>
            <dt>{label}</dt>
            <dd
              data-testid={`cpu-${k}`}
              ref={(el) => {
                fieldRefs.current[k] = el;
              }}
            />
          </div>
        ))}
      </dl>
      {/* x0..x31 down the columns: four columns of eight, or two of sixteen in a narrow
          panel (cpu.css, a container query) */}
      <dl className="regs" aria-label="Registers">
        {Array.from({ length: 32 }, (_, i) => (
          <div key={i} className="reg">
            <dt>{`x${i}/${ABI_NAMES[i]}`}</dt>
            <dd
              data-testid={`reg-x${i}`}
              ref={(el) => {
                regRefs.current[i] = el;
              }}
            >
              <span className="reg-value" />
            </dd>
          </div>
        ))}
      </dl>
      <details className="csrs">
        <summary>Control and status registers</summary>
        <dl ref={csrRef} />
      </details>
    </section>
  );
}
