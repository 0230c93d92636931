// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { CpuPanel, cpuFields, paintPeriod } from './CpuPanel';
import { MAX_SPEED_TEXT_MS } from '../../app/beat';
import { AppContext } from '../../app/context';
import { testController } from '../../app/test-controller';
import { applyFrame } from '../../store/apply-frame';
import { fakeCpu, fakeFrame } from '../../store/fake-frame';

afterEach(cleanup);

describe('CpuPanel', () => {
  it('shows mode, PC with image and symbol, and highlights changed registers', async () => {
    const { controller, store } = testController();
    render(
      <AppContext.Provider value={controller}>
        <CpuPanel />
      </AppContext.Provider>,
    );
    expect(screen.getByTestId('cpu-where').textContent).toBe('not started');
    act(() => applyFrame(store, fakeFrame()));
    const regs = new Uint32Array(32);
    regs[10] = 0xdead;
    act(() =>
      applyFrame(
        store,
        fakeFrame({
          seq: 2,
          simNs: 1_500_000,
          cpu: fakeCpu({
            priv: 1,
            pc: 0xc040_0024,
            pcPhys: 0x8040_0024,
            image: 'kestrel-2.0',
            symbol: 'start_kernel+0x24',
            regs,
            satpMode: 'sv32',
            pcRole: 2,
          }),
        }),
      ),
    );
    // repaints are rate-limited: the latest frame shows within one paint period
    await waitFor(() => expect(screen.getByTestId('cpu-mode').textContent).toBe('S (supervisor)'));
    expect(screen.getByTestId('cpu-pc').textContent).toBe('0xc0400024 (physical 0x80400024)');
    expect(screen.getByTestId('cpu-where').textContent).toBe(
      'kestrel-2.0: start_kernel+0x24 · page role: kernel text',
    );
    expect(screen.getByTestId('cpu-mmu').textContent).toBe('on (Sv32)');
    expect(screen.getByTestId('cpu-time').textContent).toBe('1.500 ms');
    expect(screen.getByTestId('reg-x10').textContent).toBe('0x0000dead');
    expect(screen.getByTestId('reg-x10').dataset.changed).toBe('true');
    expect(screen.getByTestId('reg-x11').dataset.changed).toBe('false');
  });
  it('names the control page while relocation runs from it', () => {
    const { store } = testController();
    applyFrame(
      store,
      fakeFrame({ cpu: fakeCpu({ image: 'kexec control page', symbol: '0x83ffe000+0x40', pcRole: 10 }) }),
    );
    expect(cpuFields(store.getState()).where).toBe(
      'kexec control page: 0x83ffe000+0x40 · page role: kexec control',
    );
  });

  it('repaints with the other text panels while running at maximum speed, at the beat otherwise', () => {
    const base = testController().store.getState();
    const running = { state: 'running' as const, detail: '', hang: null };
    expect(paintPeriod({ ...base, mach_speed: 'max', mach_status: running })).toBe(MAX_SPEED_TEXT_MS);
    expect(paintPeriod({ ...base, mach_speed: 'realtime', mach_status: running })).toBe(100);
    expect(
      paintPeriod({ ...base, mach_speed: 'max', mach_status: { state: 'paused', detail: '', hang: null } }),
    ).toBe(100);
  });
});
