import { describe, expect, it } from 'vitest';
import {
  TracePort,
  TRACE_ADDR,
  TRACE_COUNT,
  TRACE_EVENT,
  TRACE_MAGIC,
  TRACE_PHASE,
  TRACE_ROLE,
} from './trace';

describe('trace port', () => {
  function setup(): { t: TracePort; roles: Uint8Array; clock: { n: number } } {
    const roles = new Uint8Array(16);
    const clock = { n: 0 };
    const t = new TracePort(roles, 0x8000_0000, () => ({ instret: clock.n, simNs: clock.n * 10 }));
    return { t, roles, clock };
  }

  it('reads its magic and tags page roles within RAM only', () => {
    const { t, roles, clock } = setup();
    expect(t.read(TRACE_MAGIC, 4)).toBe(0x4b584c54);
    t.write(TRACE_ADDR, 4, 0x8000_2000);
    t.write(TRACE_COUNT, 4, 3);
    clock.n = 77;
    t.write(TRACE_ROLE, 4, 8);
    expect([...roles.slice(0, 6)]).toEqual([0, 0, 8, 8, 8, 0]);
    t.write(TRACE_ADDR, 4, 0x7fff_f000); // one page below RAM, 3 pages: only 2 land
    t.write(TRACE_ROLE, 4, 2);
    expect([...roles.slice(0, 3)]).toEqual([2, 2, 8]);
    t.write(TRACE_ADDR, 4, 0x8000_e000);
    t.write(TRACE_COUNT, 4, 100); // runs past the end of RAM
    t.write(TRACE_ROLE, 4, 5);
    expect([...roles.slice(14)]).toEqual([5, 5]);
    const ev = t.drain();
    expect(ev[0]).toEqual({ kind: 'role', code: 8, addr: 0x8000_2000, count: 3, instret: 77, simNs: 770 });
    expect(ev.length).toBe(3);
    expect(t.drain()).toEqual([]);
  });

  it('records phases and events with their arguments', () => {
    const { t } = setup();
    t.write(TRACE_ADDR, 4, 0x8040_0000);
    t.write(TRACE_PHASE, 4, 3);
    t.write(TRACE_ADDR, 4, 0x1000_1000);
    t.write(TRACE_EVENT, 4, 2);
    expect(t.drain().map((e) => [e.kind, e.code, e.addr])).toEqual([
      ['phase', 3, 0x8040_0000],
      ['event', 2, 0x1000_1000],
    ]);
    expect(t.registers().find((r) => r.name === 'PHASE')?.note).toBe('KERNEL_BOOT');
    expect(t.read(0x100, 4)).toBe(-1);
  });
});
