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
    const panel = await lab.cpu.region.boundingBox();
    if (!panel) throw new Error('no CPU panel');
    const regs = lab.cpu.region.getByLabel('Registers');
    const boxes: { x: number; y: number; width: number }[] = [];
    for (let i = 0; i < 32; i++) {
      const b = await regs.getByTestId(`reg-x${i}`).boundingBox();
      if (!b) throw new Error(`x${i} is not laid out`);
      expect(b.x).toBeGreaterThanOrEqual(panel.x);
      expect(b.x + b.width).toBeLessThanOrEqual(panel.x + panel.width);
      boxes.push(b);
    }
    // x0's row holds `columns` registers: x0, then every (32 / columns)-th one
    const sameRow = boxes.filter((b) => Math.abs(b.y - boxes[0].y) < 2).length;
    expect(sameRow).toBe(columns);
    expect(Math.abs(boxes[32 / columns].y - boxes[0].y)).toBeLessThan(2);
  });
}
