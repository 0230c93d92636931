import { expect, test } from '@playwright/test';
import { KERNEL_FIRST_PAGE, Lab } from './pages/lab';

test('the page boots to the shell prompt by itself, with the kernel in the memory map', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open();
  await expect(lab.controls.button(/^Pause/)).toBeVisible(); // running without a click
  await lab.bootToShell();
  await expect(lab.narration.region.getByRole('heading', { name: 'Shell ready' })).toBeVisible();
  const st = await lab.status();
  expect(st.mode).toBe('S');
  expect(st.instret).toBeGreaterThan(0);
  const kernel = await lab.pages(KERNEL_FIRST_PAGE, 8);
  expect(kernel.filter((p) => p.image === 'kestrel-1.0').length).toBeGreaterThan(4);
  expect(kernel[0].role).toBe('kernel text');
  const firmware = await lab.pages(0, 4);
  expect(firmware[0].image).toBe('firmware');
  // the console has focus and typing reaches the guest's shell
  await lab.console.typeLine('echo hello from the pla""ywright');
  await lab.waitForSerial('hello from the playwright');
});
