import { describe, expect, it } from 'vitest';
import { stepKind, type Scenario } from '../../../workers/protocol/scenario';
import { decodeFragment, encodeFragment } from '../../../workers/protocol/scenario-codec';
import { DEFAULT_SCENARIO, SHIPPED } from './shipped';

describe('shipped scenarios', () => {
  it('are the four of the issue, in gallery order, basic kexec first (the default)', () => {
    expect(SHIPPED.map((s) => s.id)).toEqual([
      'basic-kexec',
      'kexec-vs-reboot',
      'overwrite-hazard',
      'device-hazard',
    ]);
    expect(DEFAULT_SCENARIO.id).toBe('basic-kexec');
  });

  it.each(SHIPPED.map((s) => [s.id, s] as const))(
    '%s narrates, and its breakpoints cannot be outrun',
    (_id, s) => {
      const kinds = s.script.map(stepKind);
      expect(kinds[0]).toBe('caption');
      expect(kinds[kinds.length - 1]).toBe('caption');
      expect(s.description?.length).toBeGreaterThan(40);
      // a pauseAt follows the typed command (captions between), so the runner can stop the
      // machine before the last key
      kinds.forEach((k, i) => {
        if (k !== 'pauseAt') return;
        const before = kinds.slice(0, i).filter((x) => x !== 'caption');
        expect(before[before.length - 1]).toBe('type');
      });
      // and each one survives a trip through a link
      expect(decodeFragment(`#${encodeFragment(s)}`)).toEqual({ kind: 'ok', scenario: s });
    },
  );

  it('set the faults each lesson is about', () => {
    const byId: Record<string, Scenario> = Object.fromEntries(SHIPPED.map((s) => [s.id, s]));
    expect(byId['overwrite-hazard'].faults).toEqual({ relocateInPlace: true, skipShutdown: false });
    expect(byId['device-hazard'].faults).toEqual({ relocateInPlace: false, skipShutdown: true });
    expect(byId['device-hazard'].machine.netPps).toBeGreaterThan(0);
    expect(byId['device-hazard'].view.remedies).toBe(true);
    expect(byId['kexec-vs-reboot'].view.panels).toContain('chart');
    expect(byId['kexec-vs-reboot'].script.some((st) => 'type' in st && st.type === 'reboot\n')).toBe(true);
  });
});
