// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { DevicesPanel, sameCard, warningText } from './DevicesPanel';
import { AppContext } from '../../app/context';
import { testController } from '../../app/test-controller';
import { applyFrame } from '../../store/apply-frame';
import { fakeFrame } from '../../store/fake-frame';
import type { DeviceStateRecord } from '../../../workers/protocol/frame';
import { PHASE } from '../../../workers/protocol/api';
import { clintRecord } from '../../../workers/observe/testing';

afterEach(cleanup);

const net = (status: number): DeviceStateRecord => ({
  id: 'virtio-net',
  name: 'virtio-net',
  base: 0x1000_2000,
  irq: 2,
  registers: [{ name: 'Status', value: status }],
  irqPending: false,
  virtio: {
    deviceId: 1,
    status,
    statusBits: status ? ['ACKNOWLEDGE', 'DRIVER', 'DRIVER_OK', 'FEATURES_OK'] : [],
    queues: [
      {
        index: 0,
        ready: status !== 0,
        size: 16,
        desc: 0x8100_0000,
        driver: 0x8100_1000,
        device: 0x8100_2000,
        inFlight: 3,
      },
    ],
    bytesRead: 0,
    bytesWritten: 1500,
    dmaWrites: 4,
    packetsDelivered: 4,
  },
});

/** The panel in its provider, over a fake worker. */
function renderPanel() {
  const t = testController();
  render(
    <AppContext.Provider value={t.controller}>
      <DevicesPanel />
    </AppContext.Provider>,
  );
  return t;
}

/** Open or close a `<details>` fold the way the browser does: its state, then a toggle event. */
function setFold(fold: HTMLDetailsElement, open: boolean): void {
  act(() => {
    fold.open = open;
    fold.dispatchEvent(new Event('toggle'));
  });
}

describe('DevicesPanel', () => {
  it('shows status bits and queues, then the reset at device shutdown', async () => {
    const { store } = renderPanel();
    act(() => applyFrame(store, fakeFrame({ devices: [net(0xf)] })));
    const card = await screen.findByRole('article', { name: /virtio-net/ });
    expect(card.textContent).toContain('DRIVER_OK');
    act(() =>
      applyFrame(
        store,
        fakeFrame({
          seq: 2,
          simNs: 2_000_000,
          devices: [net(0)],
          events: [
            { kind: 'phase', code: PHASE.DEVICE_SHUTDOWN, addr: 0, count: 0, instret: 1, simNs: 1_900_000 },
          ],
        }),
      ),
    );
    await screen.findByText(/Reset \(status ← 0\) at 2\.000 ms, during DEVICE_SHUTDOWN/);
    // The panel is throttled to the UI beat: the card's fields may land a beat later.
    await waitFor(() =>
      expect(screen.getByRole('article', { name: /virtio-net/ }).textContent).toContain('0 (reset: no DMA)'),
    );
  });
  it("builds a card's register table when its fold is opened, and keeps it current", async () => {
    const { store } = renderPanel();
    act(() => applyFrame(store, fakeFrame({ devices: [net(0xf)] })));
    const card = await screen.findByRole('article', { name: /virtio-net/ });
    expect(screen.queryByRole('table', { name: 'virtio-net registers' })).toBeNull();
    const fold = card.querySelector('details')!;
    setFold(fold, true);
    const regs = await screen.findByRole('table', { name: 'virtio-net registers' });
    expect(regs.textContent).toContain('Status');
    expect(regs.textContent).toContain('0x0000000f');
    act(() => applyFrame(store, fakeFrame({ seq: 2, devices: [net(0)] })));
    await waitFor(() => expect(regs.textContent).toContain('0x00000000'));
    setFold(fold, false);
    expect(screen.queryByRole('table', { name: 'virtio-net registers' })).toBeNull();
  });
  it('updates the card whose record changed, and redraws no other', async () => {
    const { store } = renderPanel();
    act(() => applyFrame(store, fakeFrame({ devices: [net(0xf), clintRecord(1)] })));
    const clint = await screen.findByRole('article', { name: /CLINT/ });
    // the timer's value shows in its register table, built once the fold is open
    const fold = clint.querySelector('details')!;
    setFold(fold, true);
    act(() => applyFrame(store, fakeFrame({ seq: 2, devices: [null, clintRecord(0x1234)] })));
    await waitFor(() => expect(screen.getByRole('article', { name: /CLINT/ }).textContent).toContain('1234'));
    expect(screen.getByRole('article', { name: /virtio-net/ }).textContent).toContain('DRIVER_OK');
    // what decides a redraw: the record's identity, and the items (not the arrays) of the rest
    const d = net(0xf);
    const props = { d, warnings: [], resets: [], orphaned: false };
    expect(sameCard(props, { ...props, warnings: [], resets: [] })).toBe(true);
    expect(sameCard(props, { ...props, d: net(0xf) })).toBe(false);
    expect(sameCard(props, { ...props, orphaned: true })).toBe(false);
  });
  it('says when kexec left a device running with no driver', async () => {
    const { store } = renderPanel();
    act(() => applyFrame(store, fakeFrame({ devices: [net(0xf)], orphans: [0x1000_2000] })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Still running after the kexec: it was never shut down');
    expect(alert.textContent).toContain('Packets keep coming: 4 in, 0 dropped.');
    act(() => applyFrame(store, fakeFrame({ seq: 2, devices: [net(0)], orphans: [] })));
    // the panel redraws on the shared beat, at most every 200 ms
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
  it('warns when a device writes into memory its driver no longer owns', async () => {
    const { store } = renderPanel();
    act(() =>
      applyFrame(
        store,
        fakeFrame({
          devices: [net(0xf)],
          dmaWarnings: [
            {
              reason: 'foreign',
              slot: 1,
              deviceName: 'virtio-net',
              page: 0x400,
              role: 2,
              simNs: 5,
              pages: 3,
            },
          ],
        }),
      ),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'virtio-net wrote by DMA into page 0x8040_0000 and 2 more pages, whose role is now “kernel text”',
    );
    expect(
      warningText({
        reason: 'foreign',
        slot: 1,
        deviceName: 'virtio-net',
        page: 1,
        role: 11,
        simNs: 0,
        pages: 1,
      }),
    ).toMatch(/kexec destination/);
    expect(
      warningText({
        reason: 'orphaned',
        slot: 1,
        deviceName: 'virtio-net',
        page: 1,
        role: 6,
        simNs: 0,
        pages: 1,
      }),
    ).toMatch(/still DMA-writing after the kexec.*Its driver is gone and nobody reset it/);
  });
});
