import { describe, expect, it } from 'vitest';
import { callouts, phaseNarration } from './narration';
import { createAppStore } from '../../store/store';
import { EVENT, PHASE } from '../../../workers/protocol/api';

const ph = (code: number, ms: number) => ({ code, simNs: ms * 1e6, instret: 0 });

describe('narration', () => {
  it('tells each phase, and the new kernel differently from the old', () => {
    const st = createAppStore();
    st.setState({ mach_phase: PHASE.RELOCATION });
    expect(phaseNarration(st.getState()).title).toMatch(/old kernel is overwritten/);
    st.setState({ mach_phase: PHASE.KERNEL_BOOT, tl_phases: [ph(PHASE.KERNEL_BOOT, 1)] });
    expect(phaseNarration(st.getState()).title).toBe('Kernel boot');
    st.setState({ tl_phases: [ph(PHASE.KERNEL_BOOT, 1), ph(PHASE.KERNEL_BOOT, 9)] });
    expect(phaseNarration(st.getState()).title).toBe('The new kernel takes control');
  });
  it('calls out hazard 1 once relocation runs with the fault on', () => {
    const st = createAppStore();
    st.setState({
      mach_config: { ...st.getState().mach_config, faults: { relocateInPlace: true, skipShutdown: false } },
    });
    expect(callouts(st.getState()).map((c) => c.id)).toEqual(['hazard-overwrite-armed']);
    st.setState({ tl_phases: [ph(PHASE.MACHINE_KEXEC, 1)] });
    expect(callouts(st.getState()).map((c) => c.id)).toEqual(['hazard-overwrite']);
  });
  it('calls out hazard 2, foreign DMA, the digest mismatch and a hang', () => {
    const st = createAppStore();
    st.setState({
      mach_config: { ...st.getState().mach_config, faults: { relocateInPlace: false, skipShutdown: true } },
      tl_phases: [ph(PHASE.MACHINE_KEXEC, 1)],
      dev_warnings: [
        { reason: 'orphaned', slot: 1, deviceName: 'virtio-net', page: 5, role: 11, simNs: 1, pages: 2 },
      ],
      tl_events: [{ code: EVENT.DIGEST_MISMATCH, addr: 0, count: 0, simNs: 2, times: 1 }],
      mach_status: {
        state: 'hung',
        detail: '',
        hang: {
          pc: 0x8100_0000,
          image: 'purgatory',
          symbol: 'purgatory+0x10',
          sinceNs: 3e6,
          sinceInstret: 0,
          reason: 'stopped at one instruction with interrupts off',
        },
      },
    });
    const ids = callouts(st.getState()).map((c) => c.id);
    expect(ids).toEqual(['hung', 'hazard-devices', 'dma-foreign', 'digest']);
    expect(callouts(st.getState())[0].text).toContain('in purgatory (purgatory+0x10) since 3.000 ms');
  });
});

describe('narrationSelector', () => {
  it('recomputes only when its inputs change', async () => {
    const { narrationSelector } = await import('./Narration');
    const st = createAppStore();
    const sel = narrationSelector();
    const a = sel(st.getState());
    st.setState({ mach_simNs: 123, cpu_changed: 5 }); // a frame that changes nothing narrated
    expect(sel(st.getState())).toBe(a);
    st.setState({ mach_phase: PHASE.SHELL_READY });
    expect(sel(st.getState())).not.toBe(a);
    expect(JSON.parse(sel(st.getState())).phase.title).toBe('Shell ready');
  });
});
