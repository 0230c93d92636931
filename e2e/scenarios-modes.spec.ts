// Presenter mode (keyboard only) and the scenario editor, with their screenshots for
// docs/screenshots/; embed mode shows only the scenario's panels.

import { expect, test } from '@playwright/test';
import { Lab } from './pages/lab';
import { ScenarioBarPanel } from './pages/scenarios';

test('presenter mode: keys pick and drive a scenario, captions in large type', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open('speed=max&presenter=1');
  const presenter = page.getByRole('complementary', { name: 'Presenter caption' });
  await expect(presenter).toBeVisible();
  await page.keyboard.press('1');
  await expect(presenter).toContainText('Basic kexec');
  await expect(presenter).toContainText('paused at RELOCATION', { timeout: 150_000 });
  // only the scenario's panels: no devices panel in this one, no chrome buttons
  await expect(lab.devices.region).toBeHidden();
  await expect(page.getByRole('toolbar', { name: 'Machine controls' })).toBeHidden();
  await page.screenshot({ path: 'docs/screenshots/presenter.png' });
  await page.keyboard.press(' '); // continue the script
  await expect(presenter).toContainText('Kestrel 2.0 runs at the very addresses', { timeout: 150_000 });
  await page.keyboard.press('Escape');
  await expect(presenter).toBeHidden();
  await expect(lab.devices.region).toBeVisible();
});

test('editor: a bad value is named, a good scenario runs and shares', async ({ page, browser }) => {
  const lab = new Lab(page);
  const bar = new ScenarioBarPanel(page);
  await lab.open('speed=max');
  await bar.button(/^Edit/).click();
  const ed = bar.editor;
  await expect(ed).toBeVisible();
  await ed.getByLabel('Title').fill('Lesson: kexec with 32 MiB');
  await ed.getByLabel('RAM (MiB)').fill('4096');
  await ed.getByRole('button', { name: 'Try it' }).click();
  await expect(ed.getByTestId('editor-error')).toContainText(
    'machine.ramMiB: must be at most 1024 MiB (got 4096)',
  );
  await ed.getByLabel('RAM (MiB)').fill('32');
  await ed.getByLabel('Network traffic (packets/s)').fill('500');
  await ed.getByRole('button', { name: 'Add step' }).click();
  const n = await ed.getByRole('list', { name: 'Script steps' }).getByRole('listitem').count();
  await ed.getByLabel(`Step ${n} text`).fill('Teacher’s note: this is the last step.');
  await page.screenshot({ path: 'docs/screenshots/editor.png' });

  const url = await (async () => {
    await ed.getByRole('button', { name: 'Share link' }).click();
    await expect(bar.shareLink()).toHaveValue(/#s=/);
    return bar.shareLink().inputValue();
  })();
  await ed.getByRole('button', { name: 'Try it' }).click();
  await expect(ed).toBeHidden();
  await expect(bar.title()).toHaveText('Lesson: kexec with 32 MiB');
  await lab.waitForSerial('RAM: 0x80000000-0x81ffffff (32 MiB)');

  // the shared lesson opens elsewhere with its settings and plays its script
  const other = await browser.newPage();
  await other.goto(url.replace('#', '?speed=max#'));
  const bar2 = new ScenarioBarPanel(other);
  await expect(bar2.title()).toHaveText('Lesson: kexec with 32 MiB');
  await expect(bar2.notice()).toHaveCount(0);
  await expect(bar2.runner()).toBeVisible({ timeout: 60_000 });
  await other.close();
});

test('embed mode shows only the panels the scenario names, without chrome', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open('embed=1');
  await expect(page.getByRole('toolbar', { name: 'Machine controls' })).toBeHidden();
  await expect(page.getByRole('toolbar', { name: 'Scenario commands' })).toBeHidden();
  await expect(lab.console.region).toBeVisible();
  await expect(lab.cpu.region).toBeVisible();
  await expect(lab.devices.region).toBeHidden(); // the default scenario does not name it
});
