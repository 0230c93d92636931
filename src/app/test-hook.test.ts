// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { makeHook } from './test-hook';
import { testController } from './test-controller';
import { fakeCpu, fakeFrame, KINDS } from '../store/fake-frame';
import { PHASE } from '../../workers/protocol/api';

describe('window.__kexecLab', () => {
  it('reports status, serial text and pages from the frames, and types into the UART', async () => {
    const { controller, api } = testController();
    await controller.boot();
    const onFrame = (controller.client as unknown as { events: { onFrame(f: unknown): void } }).events
      .onFrame;
    const role = new Uint8Array(16);
    role[4] = 2;
    const content = new Uint16Array(16);
    content[4] = 3;
    onFrame(
      fakeFrame({
        contentKinds: KINDS,
        simNs: 42,
        stateHash: 'abc',
        serial: new TextEncoder().encode('Kestrel 2.0\n# '),
        pages: { index: new Uint32Array(0), role, content, writer: new Uint8Array(16).fill(1), full: true },
        events: [{ kind: 'phase', code: PHASE.SHELL_READY, addr: 0, count: 0, instret: 1, simNs: 40 }],
        cpu: fakeCpu({ priv: 1, image: 'kestrel-2.0', symbol: 'shell_loop+0x8', instret: 7 }),
      }),
    );
    const hook = makeHook(controller);
    expect(hook.serialText()).toBe('Kestrel 2.0\n# ');
    expect(hook.status()).toMatchObject({
      phase: 'SHELL_READY',
      mode: 'S',
      image: 'kestrel-2.0',
      symbol: 'shell_loop+0x8',
      simNs: 42,
      instret: 7,
      stateHash: 'abc',
    });
    const p = hook.pages(4, 1)[0];
    expect(p).toEqual({
      index: 4,
      address: 0x8000_4000,
      role: 'kernel text',
      image: 'kestrel-2.0',
      section: '.text',
      content: 'kestrel-2.0 .text',
      writer: 'CPU',
    });
    expect(hook.pages()).toHaveLength(16);
    await hook.type('kexec -e\n');
    expect(api.typeInput).toHaveBeenCalledWith('kexec -e\n');
    expect(controller.store.getState().tl_kexecTypedNs).toBe(42);
    expect(Object.isFrozen(hook)).toBe(true);
  });
  it('passes the page’s requests to give way to the worker, and counts them in stats()', async () => {
    const { controller, api } = testController();
    const hook = makeHook(controller);
    await controller.giveWay(30); // no worker yet: nothing to ask, nothing counted
    expect(hook.stats().gaveWayMs).toBe(0);
    await controller.boot();
    await controller.giveWay(30);
    await controller.giveWay(30);
    expect(api.giveWay).toHaveBeenCalledTimes(2);
    expect(api.giveWay).toHaveBeenCalledWith(30);
    expect(hook.stats().gaveWayMs).toBe(60);
  });
});
