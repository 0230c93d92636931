// The console's renderer: xterm's WebGL renderer on a GPU (a scrolling console then
// costs one texture-atlas draw per frame instead of rebuilding every DOM row and a
// layout), else xterm's own DOM renderer. WebGL emulated on the CPU (SwiftShader,
// llvmpipe: a browser without a usable GPU) costs more than the DOM, so it gets the DOM
// too, as does a page whose GPU context is lost. The user sees the same text either way.

import type { IDisposable, IEvent, ITerminalAddon } from '@xterm/xterm';

export type RendererKind = 'webgl' | 'dom';

/** The part of @xterm/addon-webgl's WebglAddon this module uses. */
export interface GpuAddon extends ITerminalAddon {
  readonly onContextLoss: IEvent<void>;
}

/** The part of xterm's Terminal this module uses. */
export interface AddonHost {
  loadAddon(addon: ITerminalAddon): void;
}

/** `?console=webgl` or `?console=dom` in the page's query string overrides the choice. */
export type RendererChoice = RendererKind | 'auto';

export function rendererChoice(search: string): RendererChoice {
  const v = new URLSearchParams(search).get('console');
  return v === 'webgl' || v === 'dom' ? v : 'auto';
}

/** A GL renderer name that means WebGL is emulated on the CPU. */
export function isSoftwareGl(rendererName: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(rendererName);
}

/**
 * Whether this browser gives WebGL2 on a real GPU: asks a throwaway canvas for a
 * context and its renderer's name, then releases the context.
 */
export function hardwareWebgl2(doc: Document = document): boolean {
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = doc.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return !isSoftwareGl(name);
  } catch {
    return false;
  } finally {
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

export interface ConsoleRenderer {
  readonly kind: RendererKind;
  dispose(): void;
}

/**
 * Put `term` on the GPU renderer made by `make` when `choice` and `gpu` allow it.
 * `onChange` hears every switch after the first choice (a context loss). Never throws:
 * where WebGL2 is refused after all (a blocklisted driver, no context left) the addon's
 * activation fails and the terminal simply keeps its DOM renderer.
 */
export function attachRenderer(
  term: AddonHost,
  make: () => GpuAddon,
  onChange?: (kind: RendererKind) => void,
  choice: RendererChoice = 'auto',
  gpu: () => boolean = hardwareWebgl2,
): ConsoleRenderer {
  let kind: RendererKind = 'dom';
  let addon: GpuAddon | null = null;
  let lossSub: IDisposable | null = null;
  if (choice === 'dom' || (choice === 'auto' && !gpu())) return { kind, dispose: () => {} };
  const drop = (): void => {
    lossSub?.dispose();
    lossSub = null;
    const a = addon;
    addon = null;
    if (!a) return;
    try {
      a.dispose(); // xterm puts its DOM renderer back
    } catch {
      // an addon that failed half way may not dispose cleanly; the terminal still renders
    }
  };
  try {
    addon = make();
    lossSub = addon.onContextLoss(() => {
      drop();
      if (kind !== 'dom') {
        kind = 'dom';
        onChange?.('dom');
      }
    });
    term.loadAddon(addon);
    kind = 'webgl';
  } catch {
    drop();
    kind = 'dom';
  }
  return {
    get kind() {
      return kind;
    },
    dispose: drop,
  };
}
