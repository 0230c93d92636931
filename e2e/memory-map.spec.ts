import { expect, test } from '@playwright/test';
import { Lab } from './pages/lab';

/** Colours within this distance per channel count as the same (anti-aliasing, rounding). */
function near(a: [number, number, number], b: [number, number, number], tol = 6): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) <= tol);
}

// The map paints in its own worker where the browser can (OffscreenCanvas); ?map=page
// paints on the page. Both must put the same picture where the page's hit tests say.
for (const where of ['worker', 'page'] as const) {
  test(`memory map painted by the ${where}: the PC's page shows Kestrel 1.0 text where the tooltip says`, async ({
    page,
  }) => {
    const lab = new Lab(page);
    await lab.open(where === 'page' ? 'speed=max&map=page' : 'speed=max');
    await lab.bootToShell();
    await lab.controls.pause();
    await expect(lab.map.canvas).toHaveAttribute('data-painter', where);

    // the keyboard goes to the PC's page and zooms in; the tooltip describes that page
    await lab.map.canvas.focus();
    await page.keyboard.press('p');
    const tip = lab.map.tooltip();
    await expect(tip).toContainText('the program counter is in this page');
    await expect(tip).toContainText('content: kestrel-1.0');
    await expect(lab.map.scale()).toHaveText(/^1 page = (1[6-9]|[2-9]\d) px$/);

    // Along the PC's row, every page's pixels are Kestrel 1.0's colour exactly when the
    // page's own tooltip (the page's hit test on the page's model) says it holds that
    // text: the picture and the hit tests agree, cell by cell, across content boundaries.
    const area = await lab.map.canvas.boundingBox();
    const tipBox = await tip.boundingBox();
    if (!area || !tipBox) throw new Error('no canvas or tooltip box');
    const x0 = tipBox.x - area.x - 14; // the tooltip sits 14 px right of and below its page's centre
    const y = tipBox.y - area.y - 14;
    const cell = Number(/= (\d+) px/.exec((await lab.map.scale().textContent()) ?? '')?.[1]);
    const want = await lab.map.legendColour('Kestrel 1.0 text');
    const seen = { text: 0, other: 0 };
    // the kernel's text was copied in a few frames before the prompt: its flashes may not
    // have faded yet
    await lab.map.waitForFlashesToFade();
    const row = await lab.map.rowPixels(y);
    for (let i = -8; i <= 36; i++) {
      const x = x0 + i * cell;
      if (x < 2 || x > area.width - 2) continue;
      await page.mouse.move(area.x + x, area.y + y);
      await expect(tip).toContainText(`content:`);
      const content = (await tip.textContent()) ?? '';
      const isText = /content: kestrel-1\.0 \.text/.test(content);
      seen[isText ? 'text' : 'other']++;
      const px = row[Math.round(x)];
      expect(near(px, want), `page at x=${x}: ${content} shows rgb(${px.join(', ')})`).toBe(isText);
    }
    expect(seen.text).toBeGreaterThan(2);
    expect(seen.other).toBeGreaterThan(2);

    // back to all of RAM: the picture changes scale with the view
    await page.keyboard.press('0');
    await expect(lab.map.scale()).toHaveText(/^1 page = \d(\.\d)? px$/);

    // a click on a page opens its hex view
    await page.keyboard.press('p');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toContainText('0x8040');
  });
}

test('the memory map keeps its size from power-on to Kestrel 2.0: the legend has room for what appears', async ({
  page,
}) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  const size = async () => {
    const b = await lab.map.canvas.boundingBox();
    if (!b) throw new Error('no memory map canvas');
    return { width: b.width, height: b.height };
  };
  const first = await size();
  const at = await lab.bootToShell();
  // the legend has gained the firmware's, the kernel's and the device tree's entries
  await expect(lab.map.region.getByRole('list', { name: 'Memory map legend' })).toContainText('kernel');
  expect(await size()).toEqual(first);
  await lab.kexecByHook(at);
  expect(await size()).toEqual(first);
});
