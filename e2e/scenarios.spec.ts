// Each shipped scenario opens from the gallery and reaches its outcome.

import { expect, test } from '@playwright/test';
import { Lab } from './pages/lab';
import { ScenarioBarPanel } from './pages/scenarios';

test('basic kexec: the script loads Kestrel 2.0, stops at relocation, and the new kernel comes up', async ({
  page,
}) => {
  const lab = new Lab(page);
  const bar = new ScenarioBarPanel(page);
  await lab.open('speed=max');
  await bar.pick('Basic kexec: Kestrel 1.0 to 2.0');
  await bar.continueAt('RELOCATION');
  await expect(bar.caption()).toContainText('Kestrel 2.0 runs at the very addresses', { timeout: 150_000 });
  expect(await lab.serialText()).toContain('Welcome to Kestrel 2.0');
  const after = await lab.pages(0x400, 4);
  expect(after.every((p) => p.image === 'kestrel-2.0')).toBe(true);
});

test('kexec against a cold reboot: both downtimes side by side on the chart', async ({ page }) => {
  const lab = new Lab(page);
  const bar = new ScenarioBarPanel(page);
  await lab.open('speed=max');
  await bar.pick('kexec against a cold reboot');
  const chart = page.getByRole('region', { name: /Downtime: cold reboot against kexec/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByTestId('chart-reboot')).toContainText(/\d+(\.\d+)? (ms|s)/, { timeout: 150_000 });
  await expect(chart.getByTestId('chart-kexec')).toContainText(/\d+(\.\d+)? (ms|s)/, { timeout: 150_000 });
  await expect(chart.getByTestId('chart-ratio')).toContainText('% of a cold reboot');
  const ratio = Number(/kexec takes ([\d.]+)%/.exec(await chart.getByTestId('chart-ratio').innerText())?.[1]);
  expect(ratio).toBeGreaterThan(0);
  expect(ratio).toBeLessThan(50); // no firmware, no memory test
  const serial = await lab.serialText();
  expect(serial.split('Welcome to Kestrel 1.0').length - 1).toBe(2); // booted twice
  expect(serial).toContain('Welcome to Kestrel 2.0');
});

test('the overwrite hazard: the copy eats the code running it and the guest is stuck', async ({ page }) => {
  const lab = new Lab(page);
  const bar = new ScenarioBarPanel(page);
  await lab.open('speed=max');
  await bar.pick('The overwrite hazard');
  await expect(lab.controls.hazard(/Relocate in place/)).toHaveAttribute('aria-checked', 'true');
  await bar.continueAt('RELOCATION');
  await expect(page.getByTestId('guest-hung')).toBeVisible({ timeout: 120_000 });
  await expect(lab.narration.callout('hazard-overwrite')).toBeVisible();
  expect((await lab.status()).state).toBe('hung');
});

test('the device hazard: DMA lands in the new kernel’s memory; the skip_shutdown remedy toggles', async ({
  page,
}) => {
  const lab = new Lab(page);
  const bar = new ScenarioBarPanel(page);
  await lab.open('speed=max');
  await bar.pick('The device hazard');
  await expect(lab.controls.hazard(/Skip device shutdown/)).toHaveAttribute('aria-checked', 'true');
  await bar.continueAt('PURGATORY');
  await expect(lab.narration.callout('hazard-devices')).toBeVisible({ timeout: 60_000 });
  await expect(
    lab.devices.card('virtio-net').getByRole('alert').or(lab.narration.callout('digest')).first(),
  ).toBeVisible({ timeout: 120_000 });

  // remedy: skip_shutdown off reboots the scenario with the driver shutting the card down
  const gen = (await lab.status()).generation;
  const remedy = bar.remedies().getByRole('switch', { name: /skip_shutdown/ });
  await remedy.click();
  await expect(remedy).toHaveAttribute('aria-checked', 'false');
  await expect.poll(async () => (await lab.status()).generation).toBe(gen + 1);
  await expect(lab.controls.hazard(/Skip device shutdown/)).toHaveAttribute('aria-checked', 'false');
  await bar.continueAt('PURGATORY');
  await expect(lab.devices.card('virtio-net')).toContainText('Shut down by its driver');
  await expect(bar.caption()).toContainText('Remedies:', { timeout: 150_000 });
  await expect(lab.devices.card('virtio-net').getByRole('alert')).toHaveCount(0);
});
