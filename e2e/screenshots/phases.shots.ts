import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { KEXEC_LOAD, Lab } from '../pages/lab';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let n = 0;
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let throttled panels and the map catch up
  n++;
  await page.screenshot({ path: `${OUT}${String(n).padStart(2, '0')}-${name}.png` });
}

async function nextPhaseTo(lab: Lab, phase: string): Promise<void> {
  await lab.controls.nextPhase();
  await lab.waitForPhase(phase, 120_000);
  await expect(lab.controls.button(/^Run/)).toBeVisible();
}

test('screenshots of a kexec, phase by phase', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  await lab.waitForPhase('FIRMWARE_POST');
  await lab.controls.pause();
  await shot(page, 'firmware-post');
  await nextPhaseTo(lab, 'FIRMWARE_BOOTLOADER');
  await shot(page, 'firmware-bootloader');
  await nextPhaseTo(lab, 'KERNEL_BOOT');
  await shot(page, 'kernel-boot');
  await nextPhaseTo(lab, 'SHELL_READY');
  await lab.controls.button(/^Run/).click();
  let at = await lab.waitForSerial('# ');
  await lab.controls.pause();
  await shot(page, 'shell-ready');
  await lab.console.typeLine(KEXEC_LOAD);
  await nextPhaseTo(lab, 'KEXEC_LOAD');
  await lab.controls.button(/^Run/).click();
  at = await lab.waitForSerial('# ', at + KEXEC_LOAD.length);
  await lab.controls.pause();
  await shot(page, 'kexec-loaded');
  await lab.console.typeLine('kexec -e');
  await nextPhaseTo(lab, 'DEVICE_SHUTDOWN');
  await shot(page, 'device-shutdown');
  await nextPhaseTo(lab, 'MACHINE_KEXEC');
  await shot(page, 'machine-kexec');
  await nextPhaseTo(lab, 'RELOCATION');
  await shot(page, 'relocation-start');
  // half way through the copy: slow motion for a moment
  await lab.controls.speed().selectOption('slow-100000');
  await lab.controls.button(/^Run/).click();
  await page.waitForTimeout(2500);
  await lab.controls.pause();
  await shot(page, 'relocation-halfway');
  await lab.controls.speed().selectOption('max');
  await nextPhaseTo(lab, 'PURGATORY');
  await shot(page, 'purgatory');
  await lab.controls.button(/^Run/).click();
  at = await lab.waitForSerial('Kestrel 2.0', at);
  await lab.controls.pause();
  await shot(page, 'new-kernel-boot');
  await lab.controls.button(/^Run/).click();
  await lab.waitForSerial('# ', at);
  await shot(page, 'kestrel-2.0-shell');
});

test('screenshots of the two hazards', async ({ page }) => {
  const lab = new Lab(page);
  for (const [sw, query, name] of [
    [/Relocate in place/, 'speed=max', 'hazard-overwrite'],
    [/Skip device shutdown/, 'speed=max&pps=10000', 'hazard-devices'],
  ] as const) {
    await lab.open(query);
    await lab.controls.hazard(sw).click();
    await expect.poll(async () => (await lab.status()).generation).toBe(1_000_002);
    const at = await lab.bootToShell();
    await lab.console.typeLine(KEXEC_LOAD);
    await lab.waitForSerial('# ', at + KEXEC_LOAD.length);
    await lab.console.typeLine('kexec -e');
    if (name === 'hazard-overwrite')
      await expect(page.getByTestId('guest-hung')).toBeVisible({ timeout: 120_000 });
    else await expect(lab.devices.card('virtio-net').getByRole('alert')).toBeVisible({ timeout: 120_000 });
    await lab.controls.pause().catch(() => {});
    await shot(page, name);
  }
});
