import { expect, test } from '@playwright/test';
import { KERNEL_FIRST_PAGE, Lab } from './pages/lab';

const LOAD = 'kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"';

test('kexec from Kestrel 1.0 to Kestrel 2.0, watched phase by phase', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  let at = await lab.bootToShell();

  // before: the kernel's pages hold Kestrel 1.0 text
  const before = await lab.pages(KERNEL_FIRST_PAGE, 4);
  expect(before.every((p) => p.image === 'kestrel-1.0' && p.section === '.text')).toBe(true);

  await lab.console.typeLine(LOAD);
  at = await lab.waitForSerial('# ', at + LOAD.length);
  expect(await lab.serialText()).not.toContain('Cannot load');

  // stop the machine, queue `kexec -e`, then walk the phases one by one
  await lab.controls.pause();
  await lab.console.typeLine('kexec -e');
  await lab.controls.nextPhase();
  await lab.waitForPhase('DEVICE_SHUTDOWN');
  await lab.controls.nextPhase();
  await lab.waitForPhase('MACHINE_KEXEC');
  await expect(lab.devices.card('virtio-net')).toContainText('Shut down by its driver');
  await expect(lab.devices.card('virtio-net')).toContainText('during DEVICE_SHUTDOWN');
  await expect(lab.devices.card('virtio-net')).toContainText('0 (reset: no DMA)');

  // step instructions (the `.` key, outside the console) until the PC is in the control page
  await lab.cpu.region.click();
  let named = false;
  for (let i = 0; i < 400 && !named; i++) {
    await page.keyboard.press('.');
    if (i % 10 === 9) named = (await lab.cpu.where().textContent())?.includes('kexec control page') ?? false;
  }
  if (!named) {
    await lab.controls.nextPhase();
    await lab.waitForPhase('RELOCATION');
    for (let i = 0; i < 200 && !named; i++) {
      await page.keyboard.press('.');
      named = (await lab.cpu.where().textContent())?.includes('kexec control page') ?? false;
    }
  }
  await expect(lab.cpu.where()).toContainText('kexec control page');

  // let it run to the new kernel's prompt
  await lab.controls.button(/^Run/).click();
  at = await lab.waitForSerial('Kestrel 2.0', at);
  await lab.waitForSerial('# ', at);
  await expect.poll(async () => (await lab.status()).phase).toBe('SHELL_READY');
  const after = await lab.pages(KERNEL_FIRST_PAGE, 4);
  expect(after.every((p) => p.image === 'kestrel-2.0' && p.section === '.text')).toBe(true);
  await expect(lab.timeline.region.getByTestId('downtime')).toContainText('% of a cold boot');
});
