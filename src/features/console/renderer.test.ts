import { describe, expect, it } from 'vitest';
import type { IDisposable, ITerminalAddon } from '@xterm/xterm';
import {
  attachRenderer,
  hardwareWebgl2,
  isSoftwareGl,
  rendererChoice,
  type GpuAddon,
  type RendererKind,
} from './renderer';

/** An addon like WebglAddon: activation can fail, the context can be lost. */
class FakeGpuAddon implements GpuAddon {
  activated = false;
  disposed = 0;
  private lossListeners: (() => void)[] = [];
  constructor(private readonly failActivate = false) {}
  activate(): void {
    if (this.failActivate) throw new Error('WebGL2 not supported');
    this.activated = true;
  }
  dispose(): void {
    this.disposed++;
  }
  onContextLoss = (cb: () => void): IDisposable => {
    this.lossListeners.push(cb);
    return { dispose: () => (this.lossListeners = this.lossListeners.filter((l) => l !== cb)) };
  };
  loseContext(): void {
    for (const l of [...this.lossListeners]) l();
  }
}

/** A terminal's addon loading, as xterm does it: activate() runs inside loadAddon(). */
const fakeTerm = () => {
  const loaded: ITerminalAddon[] = [];
  return {
    loaded,
    loadAddon(a: ITerminalAddon) {
      loaded.push(a);
      a.activate(undefined as never);
    },
  };
};

describe('attachRenderer', () => {
  it('puts the terminal on the GPU renderer when there is a GPU', () => {
    const term = fakeTerm();
    const addon = new FakeGpuAddon();
    const r = attachRenderer(
      term,
      () => addon,
      undefined,
      'auto',
      () => true,
    );
    expect(r.kind).toBe('webgl');
    expect(addon.activated).toBe(true);
    expect(term.loaded).toEqual([addon]);
  });

  it('keeps the DOM renderer without a hardware GPU, never making the addon', () => {
    const term = fakeTerm();
    let made = 0;
    const r = attachRenderer(
      term,
      () => {
        made++;
        return new FakeGpuAddon();
      },
      undefined,
      'auto',
      () => false,
    );
    expect(r.kind).toBe('dom');
    expect(made).toBe(0);
    expect(term.loaded).toEqual([]);
  });

  it('follows ?console= over the GPU check', () => {
    expect(
      attachRenderer(
        fakeTerm(),
        () => new FakeGpuAddon(),
        undefined,
        'dom',
        () => true,
      ).kind,
    ).toBe('dom');
    expect(
      attachRenderer(
        fakeTerm(),
        () => new FakeGpuAddon(),
        undefined,
        'webgl',
        () => false,
      ).kind,
    ).toBe('webgl');
  });

  it('falls back to the DOM renderer, quietly, when the addon cannot activate', () => {
    const addon = new FakeGpuAddon(true);
    const changes: RendererKind[] = [];
    const r = attachRenderer(
      fakeTerm(),
      () => addon,
      (k) => changes.push(k),
      'auto',
      () => true,
    );
    expect(r.kind).toBe('dom');
    expect(addon.disposed).toBe(1);
    expect(changes).toEqual([]);
  });

  it('falls back to the DOM renderer when the addon cannot even be made', () => {
    const r = attachRenderer(
      fakeTerm(),
      () => {
        throw new Error('no canvas');
      },
      undefined,
      'webgl',
    );
    expect(r.kind).toBe('dom');
  });

  it('drops to the DOM renderer when the GPU context is lost, once', () => {
    const addon = new FakeGpuAddon();
    const changes: RendererKind[] = [];
    const r = attachRenderer(
      fakeTerm(),
      () => addon,
      (k) => changes.push(k),
      'auto',
      () => true,
    );
    addon.loseContext();
    expect(r.kind).toBe('dom');
    expect(addon.disposed).toBe(1);
    expect(changes).toEqual(['dom']);
    addon.loseContext();
    r.dispose();
    expect(addon.disposed).toBe(1);
    expect(changes).toEqual(['dom']);
  });

  it('disposes the addon with the console', () => {
    const addon = new FakeGpuAddon();
    const r = attachRenderer(
      fakeTerm(),
      () => addon,
      undefined,
      'auto',
      () => true,
    );
    r.dispose();
    expect(addon.disposed).toBe(1);
  });
});

describe('the GPU check', () => {
  it('knows software GL by its renderer name', () => {
    expect(
      isSoftwareGl(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(isSoftwareGl('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareGl('ANGLE (Microsoft Basic Render Driver Direct3D11)')).toBe(true);
    expect(isSoftwareGl('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(false);
    expect(isSoftwareGl('Apple M1')).toBe(false);
  });

  /** A document whose canvases give `gl` (null: no WebGL2), reporting GL renderer `name`. */
  const docWith = (name: string | null) => {
    const lost: string[] = [];
    const gl =
      name === null
        ? null
        : {
            getExtension: (ext: string) =>
              ext === 'WEBGL_debug_renderer_info'
                ? { UNMASKED_RENDERER_WEBGL: 0x9246 }
                : ext === 'WEBGL_lose_context'
                  ? { loseContext: () => lost.push(name) }
                  : null,
            getParameter: (p: number) => (p === 0x9246 ? name : null),
          };
    const doc = { createElement: () => ({ getContext: () => gl }) } as unknown as Document;
    return { doc, lost };
  };

  it('asks a throwaway WebGL2 context for its renderer, then releases it', () => {
    const hw = docWith('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060, OpenGL 4.5)');
    expect(hardwareWebgl2(hw.doc)).toBe(true);
    expect(hw.lost).toHaveLength(1);
    const sw = docWith('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)');
    expect(hardwareWebgl2(sw.doc)).toBe(false);
    expect(sw.lost).toHaveLength(1);
    expect(hardwareWebgl2(docWith(null).doc)).toBe(false);
  });

  it('reads ?console=', () => {
    expect(rendererChoice('?ram=64&console=dom')).toBe('dom');
    expect(rendererChoice('?console=webgl')).toBe('webgl');
    expect(rendererChoice('?console=fast')).toBe('auto');
    expect(rendererChoice('')).toBe('auto');
  });
});
