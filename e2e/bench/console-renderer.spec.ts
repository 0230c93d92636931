// The console's renderer choice (src/features/console/renderer.ts), in real Chromium:
// part of the UI frame-budget work, run with the e2e suite (not by bench:ui). Chromium
// started with --disable-gpu emulates WebGL on the CPU (SwiftShader), which the console
// must refuse on its own; forced with ?console=webgl it must draw, and survive losing
// its GPU context by going back to the DOM renderer without a word on the page.

import { expect, test } from '@playwright/test';
import { Lab } from '../pages/lab';

test('the console keeps the DOM renderer when WebGL is emulated on the CPU', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open();
  const host = page.getByTestId('console');
  await expect(host).toHaveAttribute('data-renderer', 'dom');
  await lab.bootToShell();
  await expect(host.locator('.xterm-rows')).toContainText('Kestrel 1.0');
});

test('a forced WebGL console draws, and falls back to the DOM renderer when its context is lost', async ({
  page,
}) => {
  const logged: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') logged.push(m.text());
  });
  const lab = new Lab(page);
  await lab.open('console=webgl');
  const host = page.getByTestId('console');
  await expect(host).toHaveAttribute('data-renderer', 'webgl');
  await lab.bootToShell();
  // the WebGL renderer draws on a canvas and leaves xterm's DOM rows empty
  await expect(host.locator('.xterm-screen canvas')).not.toHaveCount(0);
  await expect(host.locator('.xterm-rows')).toHaveCount(0);
  const lost = await host.evaluate((el) => {
    let n = 0;
    for (const c of el.querySelectorAll('canvas')) {
      const gl = c.getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_lose_context');
      if (ext) {
        ext.loseContext();
        n++;
      }
    }
    return n;
  });
  expect(lost).toBeGreaterThan(0);
  // xterm waits 3 s for the context to come back before giving it up
  await expect(host).toHaveAttribute('data-renderer', 'dom', { timeout: 15_000 });
  await expect(host.locator('.xterm-rows')).toContainText('Kestrel 1.0');
  await lab.console.typeLine('echo after the lo""st context');
  await expect(host.locator('.xterm-rows')).toContainText('after the lost context');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(logged).toEqual([]);
});

test('selecting console text still highlights it while output scrolls, and a click clears it', async ({
  page,
}) => {
  const lab = new Lab(page);
  await lab.open();
  await lab.bootToShell();
  const host = page.getByTestId('console');
  const row = host.locator('.xterm-rows > div').filter({ hasText: 'Welcome to Kestrel 1.0' });
  const box = await row.boundingBox();
  if (!box) throw new Error('the welcome line is not on screen');
  await page.mouse.dblclick(box.x + 20, box.y + box.height / 2); // the word "Welcome"
  const highlight = host.locator('.xterm-selection div');
  await expect(highlight).not.toHaveCount(0);
  // output that scrolls the terminal keeps the highlight (moved with its text); typed
  // through the hook, since a key pressed in the terminal clears a selection
  const before = (await lab.serialText()).length;
  await page.evaluate(() => window.__kexecLab!.type('help\r'));
  await lab.waitForSerial('# ', before + 6);
  await expect(highlight).not.toHaveCount(0);
  await host.locator('.xterm-screen').click({ position: { x: 5, y: 5 } });
  await expect(highlight).toHaveCount(0);
});
