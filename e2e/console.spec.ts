import { expect, test } from '@playwright/test';
import { Lab } from './pages/lab';

test('at maximum speed the console follows the boot log to the prompt, and scrolls back through it', async ({
  page,
}) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  await lab.bootToShell();
  const lastRow = async (): Promise<string> =>
    (await lab.console.visibleRows())
      .map((r) => r.trim())
      .filter(Boolean)
      .at(-1) ?? '';
  // the view and its scrollbar are at the bottom: the prompt is the last row shown
  await expect.poll(lastRow).toBe('#');
  await expect.poll(async () => (await lab.console.slider()).below).toBeLessThan(1);
  const bottom = await lab.console.slider();
  expect(bottom.top).toBeGreaterThan(0); // the boot log is longer than the console
  // the boot log came in big writes, before each of which the worker was asked to give way
  expect((await lab.stats()).gaveWayMs).toBeGreaterThan(0);

  // the wheel scrolls back through the log, from where the output left the view
  await lab.console.wheel(-400);
  await expect.poll(async () => (await lab.console.slider()).top).toBeLessThan(bottom.top);
  await expect.poll(lastRow).not.toBe('#');

  // typing brings the view back to the bottom, with the command's output
  await lab.console.typeLine('echo back at the bottom');
  await lab.waitForSerial('back at the bottom\r\n');
  await expect.poll(async () => (await lab.console.visibleRows()).join('\n')).toContain('back at the bottom');
  await expect.poll(async () => (await lab.console.slider()).below).toBeLessThan(1);
});
