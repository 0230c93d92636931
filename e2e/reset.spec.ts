import { expect, test } from '@playwright/test';
import { Lab } from './pages/lab';

test('reset always works: a fresh machine boots again', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  await lab.waitForSerial('kexec-lab firmware');
  await lab.controls.button('Reset').click();
  await expect.poll(async () => (await lab.status()).generation).toBe(2);
  await lab.waitForSerial('kexec-lab firmware');
  await expect(lab.controls.button(/^Pause/)).toBeVisible();
});

test('keyboard: space pauses and resumes outside the console, every control is reachable', async ({
  page,
}) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  await lab.waitForSerial('kexec-lab firmware');
  await lab.cpu.region.click();
  await page.keyboard.press(' ');
  await expect(lab.controls.button(/^Run/)).toBeVisible();
  await page.keyboard.press(' ');
  await expect(lab.controls.button(/^Pause/)).toBeVisible();
  for (const name of [/^Pause/, /^Step instruction/, /^Next phase/, 'Reset'])
    await expect(lab.controls.button(name)).toBeEnabled();
  await expect(lab.controls.hazard(/Relocate in place/)).toHaveAttribute('aria-checked', 'false');
  await expect(lab.controls.speed()).toHaveValue('max');
});
