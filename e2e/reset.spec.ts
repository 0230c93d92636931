import { expect, test } from '@playwright/test';
import { Lab } from './pages/lab';

test('reset always works: a fresh machine boots again', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  await lab.waitForSerial('kexec-lab firmware');
  await lab.controls.button('Reset').click();
  await expect.poll(async () => (await lab.status()).generation).toBe(1_000_002);
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

test('a worker that stops answering is detected, said in plain words, and restarted by one click', async ({
  page,
}) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  await lab.waitForSerial('kexec-lab firmware');
  const worker = page.workers().find((w) => w.url().includes('machine'));
  expect(worker).toBeDefined();
  // wedge the machine's worker: it never answers again
  void worker!
    .evaluate(() => {
      for (;;) {
        // spin
      }
    })
    .catch(() => {});
  const banner = page.getByTestId('worker-dead');
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toContainText('stopped answering');
  await banner.getByRole('button', { name: 'Restart the machine' }).click();
  await expect(banner).toBeHidden();
  // a fresh machine: the console starts over
  await expect.poll(async () => (await lab.status()).generation).toBeGreaterThan(1_000_000);
  await expect
    .poll(async () => (await lab.serialText()).indexOf('kexec-lab firmware'))
    .toBeGreaterThanOrEqual(0);
  expect((await lab.serialText()).split('kexec-lab firmware').length).toBe(2);
  await expect(lab.controls.button(/^Pause/)).toBeVisible();
});
