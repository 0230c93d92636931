import { expect, test } from '@playwright/test';
import { Lab } from './pages/lab';

for (const { width, columns } of [
  { width: 1600, columns: 4 },
  { width: 1100, columns: 2 },
]) {
  test(`at ${width} px the CPU panel shows all 32 registers, ${columns} to a row, none cut off`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const lab = new Lab(page);
    await lab.open('speed=max');
    await lab.bootToShell();
    // One layout, read at once: the panels above the CPU panel (narration, the CPU's own
    // lines) still grow for a moment after the prompt, and boxes read one call at a time
    // could straddle that move.
    const { panel, regs } = await lab.cpu.region.evaluate((region) => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width };
      };
      const list = region.querySelector('[aria-label="Registers"]');
      const regs = Array.from({ length: 32 }, (_, i) => {
        const e = list?.querySelector(`[data-testid="reg-x${i}"]`);
        return e ? box(e) : null;
      });
      return { panel: box(region), regs };
    });
    regs.forEach((b, i) => {
      if (!b) throw new Error(`x${i} is not laid out`);
      expect(b.x, `x${i} starts inside the panel`).toBeGreaterThanOrEqual(panel.x);
      expect(b.x + b.width, `x${i} ends inside the panel`).toBeLessThanOrEqual(panel.x + panel.width);
    });
    const boxes = regs.flatMap((b) => (b ? [b] : []));
    // x0's row holds `columns` registers: x0, then every (32 / columns)-th one
    const sameRow = boxes.filter((b) => Math.abs(b.y - boxes[0].y) < 2).length;
    expect(sameRow).toBe(columns);
    expect(Math.abs(boxes[32 / columns].y - boxes[0].y)).toBeLessThan(2);
  });
}
