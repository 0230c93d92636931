import { expect, test } from '@playwright/test';
import { KERNEL_FIRST_PAGE, KEXEC_LOAD, Lab } from './pages/lab';

test('kexec from Kestrel 1.0 to Kestrel 2.0, watched phase by phase', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open('speed=max');
  let at = await lab.bootToShell();

  // before: the kernel's pages hold Kestrel 1.0 text
  const before = await lab.pages(KERNEL_FIRST_PAGE, 4);
  expect(before.every((p) => p.image === 'kestrel-1.0' && p.section === '.text')).toBe(true);

  await lab.console.typeLine(KEXEC_LOAD);
  at = await lab.waitForSerial('# ', at + KEXEC_LOAD.length);
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

  // relocation runs from the control page; the CPU panel names it, also after a few
  // single steps (the `.` key, pressed outside the console)
  await lab.controls.nextPhase();
  await lab.waitForPhase('RELOCATION');
  await expect(lab.cpu.where()).toContainText('kexec control page');
  const before1 = (await lab.status()).instret;
  await lab.cpu.region.click();
  for (let i = 0; i < 5; i++) await page.keyboard.press('.');
  await expect.poll(async () => (await lab.status()).instret).toBe(before1 + 5);
  await expect(lab.cpu.where()).toContainText('kexec control page');
  await expect(lab.cpu.where()).toContainText('page role: kexec control');

  // let it run to the new kernel's prompt
  await lab.controls.button(/^Run/).click();
  at = await lab.waitForSerial('Kestrel 2.0', at);
  await lab.waitForSerial('# ', at);
  await expect.poll(async () => (await lab.status()).phase).toBe('SHELL_READY');
  const after = await lab.pages(KERNEL_FIRST_PAGE, 4);
  expect(after.every((p) => p.image === 'kestrel-2.0' && p.section === '.text')).toBe(true);
  await expect(lab.timeline.region.getByTestId('downtime')).toContainText('% of a cold boot');
});
