import { expect, test } from '@playwright/test';
import { KEXEC_LOAD, Lab } from './pages/lab';

async function kexecWithFault(lab: Lab, switchName: RegExp): Promise<void> {
  await lab.open('speed=max');
  const sw = lab.controls.hazard(switchName);
  await sw.click(); // reboots the machine with the fault on its command line
  await expect(sw).toHaveAttribute('aria-checked', 'true');
  await expect.poll(async () => (await lab.status()).generation).toBe(1_000_002);
  const at = await lab.bootToShell();
  await lab.console.typeLine(KEXEC_LOAD);
  await lab.waitForSerial('# ', at + KEXEC_LOAD.length);
  await lab.console.typeLine('kexec -e');
}

test('hazard 1: relocating from the old kernel’s own text breaks, and the screen says so', async ({
  page,
}) => {
  const lab = new Lab(page);
  await kexecWithFault(lab, /Relocate in place/);
  await expect(lab.narration.callout('hazard-overwrite')).toBeVisible();
  // the CPU ends up executing half-copied bytes: stuck (or trapping in a loop)
  await expect(page.getByTestId('guest-hung')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('guest-hung')).toContainText('The guest is stuck');
  expect((await lab.status()).state).toBe('hung');
});

test('hazard 2: a device left running writes into the new kernel’s memory, and the screen says so', async ({
  page,
}) => {
  const lab = new Lab(page);
  await lab.open('speed=max&pps=10000');
  const sw = lab.controls.hazard(/Skip device shutdown/);
  await sw.click();
  await expect.poll(async () => (await lab.status()).generation).toBe(1_000_002);
  const at = await lab.bootToShell();
  await lab.console.typeLine(KEXEC_LOAD);
  await lab.waitForSerial('# ', at + KEXEC_LOAD.length);
  await lab.console.typeLine('kexec -e');
  await expect(lab.narration.callout('hazard-devices')).toBeVisible({ timeout: 60_000 });
  // the card says the device was left running, its DMA landing in memory its driver no longer owns
  const alert = lab.devices.card('virtio-net').getByRole('alert');
  await expect(alert).toBeVisible({ timeout: 120_000 });
  await expect(alert).toContainText('memory its driver no longer owns');
});

test('hazard 2: the warning stays when the page is too busy to see the device orphaned', async ({ page }) => {
  // A page busy for most of a second while the machine runs at maximum speed misses the
  // whole window, from machine_kexec to the new kernel's probe reset, in one frame: by
  // then the device has a driver again and its ring page is a DMA buffer again. The
  // writes made in between must still be told (Session judges them at the reset).
  const lab = new Lab(page);
  await lab.open('speed=max&pps=10000');
  await lab.controls.hazard(/Skip device shutdown/).click();
  await expect.poll(async () => (await lab.status()).generation).toBe(1_000_002);
  const at = await lab.bootToShell();
  await page.evaluate((cmd) => window.__kexecLab!.type(`${cmd}\r`), KEXEC_LOAD);
  await lab.waitForSerial('# ', at + KEXEC_LOAD.length);
  await page.evaluate(() => {
    window.__kexecLab!.type('kexec -e\r');
    const end = performance.now() + 800;
    while (performance.now() < end) {
      // busy: no animation frame, so no frame is pulled from the machine
    }
  });
  await lab.waitForSerial('Welcome to Kestrel 2.0', at);
  const alert = lab.devices.card('virtio-net').getByRole('alert');
  await expect(alert).toContainText('memory its driver no longer owns');
});
