// Page objects for kexec-lab, one per panel: roles first, test ids second, the
// window.__kexecLab hook for what the canvas shows (page contents) and for waiting on
// the machine.

import { expect, type Locator, type Page } from '@playwright/test';
import type { HookPage, HookStatus, KexecLabHook } from '../../src/app/test-hook';
import { FLASH_FRAMES } from '../../src/features/memory-map/palette';

export class ConsolePanel {
  readonly region: Locator;
  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Serial console' });
  }
  /** Type a command line at the console as a user would (keyboard, then Enter). */
  async typeLine(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /Serial console input/ }).focus();
    await this.page.keyboard.type(text, { delay: 2 });
    await this.page.keyboard.press('Enter');
  }
  /** The rows the console shows now, top to bottom (xterm's DOM renderer draws them as elements). */
  async visibleRows(): Promise<string[]> {
    await expect(this.region.getByTestId('console')).toHaveAttribute('data-renderer', 'dom');
    return this.region.locator('.xterm-rows > div').allTextContents();
  }
  /** The scrollbar's slider: how far down it sits, and the track left below it (CSS px). */
  async slider(): Promise<{ top: number; below: number }> {
    // both boxes from one layout, so a scroll between two reads cannot skew them
    const at = await this.region.evaluate((region) => {
      const track = region.querySelector('.scrollbar.vertical')?.getBoundingClientRect();
      const thumb = region.querySelector('.scrollbar.vertical .slider')?.getBoundingClientRect();
      if (!track || !thumb) return null;
      return { top: thumb.y - track.y, below: track.bottom - thumb.bottom };
    });
    if (!at) throw new Error('the console has no vertical scrollbar');
    return at;
  }
  /** Turn the mouse wheel over the console (negative: up). */
  async wheel(dy: number): Promise<void> {
    const box = await this.region.getByTestId('console').boundingBox();
    if (!box) throw new Error('the console is not laid out');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, dy);
  }
}

export class CpuPanel {
  readonly region: Locator;
  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'CPU' });
  }
  where(): Locator {
    return this.region.getByTestId('cpu-where');
  }
  mode(): Locator {
    return this.region.getByTestId('cpu-mode');
  }
}

export class DevicesPanel {
  readonly region: Locator;
  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Devices' });
  }
  card(name: string | RegExp): Locator {
    return this.region.getByRole('article', { name });
  }
}

export class ControlsBar {
  readonly toolbar: Locator;
  constructor(page: Page) {
    this.toolbar = page.getByRole('toolbar', { name: 'Machine controls' });
  }
  button(name: string | RegExp): Locator {
    return this.toolbar.getByRole('button', { name });
  }
  hazard(name: string | RegExp): Locator {
    return this.toolbar.getByRole('switch', { name });
  }
  speed(): Locator {
    return this.toolbar.getByRole('combobox', { name: /Speed/ });
  }
  network(): Locator {
    return this.toolbar.getByRole('combobox', { name: /Network traffic/ });
  }
  async pause(): Promise<void> {
    const b = this.button(/^Pause/);
    if (await b.isVisible()) await b.click();
    await expect(this.button(/^Run/)).toBeVisible();
  }
  async nextPhase(): Promise<void> {
    await this.button(/^Next phase/).click();
  }
}

export class NarrationPanel {
  readonly region: Locator;
  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'What is happening' });
  }
  callout(id: string): Locator {
    return this.region.locator(`[data-callout="${id}"]`);
  }
}

export class TimelinePanel {
  readonly region: Locator;
  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Timeline' });
  }
}

export class MemoryMapPanel {
  readonly region: Locator;
  readonly canvas: Locator;
  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Memory map' }).last();
    this.canvas = this.region.getByRole('img');
  }
  tooltip(): Locator {
    return this.region.getByRole('tooltip');
  }
  scale(): Locator {
    return this.region.getByText(/^1 (page|cell) = /);
  }
  /** The colour a legend entry's swatch shows, as [r, g, b]. */
  async legendColour(label: string): Promise<[number, number, number]> {
    const swatch = this.region
      .getByRole('list', { name: 'Memory map legend' })
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('.mm-swatch');
    const css = await swatch.evaluate((e) => getComputedStyle(e).getPropertyValue('--mm-swatch').trim());
    const hex = /^#([0-9a-f]{6})$/i.exec(css);
    if (!hex) throw new Error(`legend swatch colour not understood: ${css}`);
    const v = parseInt(hex[1], 16);
    return [v >> 16, (v >> 8) & 255, v & 255];
  }
  /**
   * Waits until every write flash has faded: a flash lasts FLASH_FRAMES of the machine's
   * frames after its write, so once the machine is paused (no new writes) that many more
   * frames, and a paint, leave every cell in its own colour. Counted in frames, not time:
   * a slow page applies fewer frames a second.
   */
  async waitForFlashesToFade(): Promise<void> {
    const frames = (): Promise<number> => this.page.evaluate(() => window.__kexecLab!.stats().frames);
    const from = await frames();
    await expect.poll(frames).toBeGreaterThan(from + FLASH_FRAMES);
    await this.page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
  }
  /**
   * The colours on screen along the canvas's CSS row y, one [r, g, b] per CSS pixel: from
   * a screenshot, decoded by the browser itself (the canvas a worker paints cannot be
   * read back from the page).
   */
  async rowPixels(y: number): Promise<[number, number, number][]> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('the memory map canvas is not on screen');
    const width = Math.floor(box.width);
    const png = await this.page.screenshot({ clip: { x: box.x, y: box.y + y, width, height: 1 } });
    return this.page.evaluate(
      async ([b64, w]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = w;
        c.height = 1;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0, w, 1);
        const d = ctx.getImageData(0, 0, w, 1).data;
        const out: [number, number, number][] = [];
        for (let i = 0; i < w; i++) out.push([d[4 * i], d[4 * i + 1], d[4 * i + 2]]);
        return out;
      },
      [png.toString('base64'), width] as const,
    );
  }
}

export class Lab {
  readonly console: ConsolePanel;
  readonly cpu: CpuPanel;
  readonly devices: DevicesPanel;
  readonly controls: ControlsBar;
  readonly narration: NarrationPanel;
  readonly timeline: TimelinePanel;
  readonly map: MemoryMapPanel;

  constructor(readonly page: Page) {
    this.map = new MemoryMapPanel(page);
    this.console = new ConsolePanel(page);
    this.cpu = new CpuPanel(page);
    this.devices = new DevicesPanel(page);
    this.controls = new ControlsBar(page);
    this.narration = new NarrationPanel(page);
    this.timeline = new TimelinePanel(page);
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(query ? `./?${query}` : './');
    await this.page.waitForFunction(() => window.__kexecLab !== undefined);
  }

  status(): Promise<HookStatus> {
    return this.page.evaluate(() => window.__kexecLab!.status());
  }

  /** The page's frame and give-way counters (window.__kexecLab.stats()). */
  stats(): Promise<ReturnType<KexecLabHook['stats']>> {
    return this.page.evaluate(() => window.__kexecLab!.stats());
  }

  serialText(): Promise<string> {
    return this.page.evaluate(() => window.__kexecLab!.serialText());
  }

  pages(first: number, count: number): Promise<HookPage[]> {
    return this.page.evaluate(([f, c]) => window.__kexecLab!.pages(f, c), [first, count] as const);
  }

  /** Wait until `text` appears in the serial output after the first `from` characters. */
  async waitForSerial(text: string, from = 0, timeout = 150_000): Promise<number> {
    const handle = await this.page.waitForFunction(
      ([t, f]) => {
        const s = window.__kexecLab!.serialText();
        const i = s.indexOf(t, f);
        if (i >= 0) return i + t.length;
        // a dead worker, or a machine stopped as stuck, prints nothing more: say so now,
        // not at the timeout
        const state = window.__kexecLab!.status().state;
        return state === 'dead' ? -1 : state === 'hung' ? -2 : false;
      },
      [text, from] as const,
      { timeout, polling: 100 },
    );
    const at = (await handle.jsonValue()) as number;
    if (at === -2) {
      const st = await this.status();
      throw new Error(
        `the machine was stopped as stuck while waiting for ${JSON.stringify(text)}: ` +
          `in ${st.image}: ${st.symbol} (pc 0x${(st.pc >>> 0).toString(16)})`,
      );
    }
    if (at < 0) {
      const why = await this.page.getByTestId('worker-dead').textContent();
      throw new Error(`the machine died while waiting for ${JSON.stringify(text)}: ${why ?? '(no message)'}`);
    }
    return at;
  }

  async waitForPhase(phase: string, timeout = 60_000): Promise<void> {
    await this.page.waitForFunction((p) => window.__kexecLab!.status().phase === p, phase, {
      timeout,
      polling: 50,
    });
  }

  /** Boot to the shell prompt; returns the serial position after it. */
  async bootToShell(timeout = 150_000): Promise<number> {
    const at = await this.waitForSerial('Welcome to Kestrel 1.0', 0, timeout);
    return this.waitForSerial('# ', at, timeout);
  }

  /**
   * From the shell prompt at serial position `at`: `kexec -l` and `kexec -e` typed through
   * the test hook (key by key through the console would measure Playwright's input
   * latency), up to Kestrel 2.0's prompt. Returns the serial position after it.
   */
  async kexecByHook(at: number): Promise<number> {
    await this.page.evaluate((cmd) => window.__kexecLab!.type(`${cmd}\r`), KEXEC_LOAD);
    at = await this.waitForSerial('# ', at + KEXEC_LOAD.length);
    await this.page.evaluate(() => window.__kexecLab!.type('kexec -e\r'));
    at = await this.waitForSerial('Kestrel 2.0', at);
    return this.waitForSerial('# ', at);
  }
}

/** The shell command that loads Kestrel 2.0 for kexec. */
export const KEXEC_LOAD = 'kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"';

/** The pages of RAM that hold the kernel: 0x8040_0000 and up. */
export const KERNEL_FIRST_PAGE = 0x400;
