// Presenter mode (keyboard only) and the scenario editor, with their screenshots (into
// the test's output folder; with UPDATE_DOCS_SCREENSHOTS=1 into docs/screenshots/, which
// npm test then leaves alone); embed mode shows only the scenario's panels.

import { expect, test, type TestInfo } from '@playwright/test';
import { Lab } from './pages/lab';
import { ScenarioBarPanel } from './pages/scenarios';

/** Where a screenshot goes: the docs only when asked for, so a test run never edits the repository. */
function shot(info: TestInfo, name: string): string {
  return process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? `docs/screenshots/${name}` : info.outputPath(name);
}

test('presenter mode: keys pick and drive a scenario, captions in large type', async ({ page }, info) => {
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
  await page.screenshot({ path: shot(info, 'presenter.png') });
  await page.keyboard.press(' '); // continue the script
  await expect(presenter).toContainText('Kestrel 2.0 runs at the very addresses', { timeout: 150_000 });
  await page.keyboard.press('Escape');
  await expect(presenter).toBeHidden();
  await expect(lab.devices.region).toBeVisible();
});

test('editor: a bad value is named, a good scenario runs and shares', async ({ page, browser }, info) => {
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
  await page.screenshot({ path: shot(info, 'editor.png') });

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

test('presenter mode keeps working offline once loaded', async ({ page, context }) => {
  const lab = new Lab(page);
  await lab.open('speed=max&presenter=1');
  await lab.waitForSerial('kexec-lab firmware');
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await context.setOffline(true);
  await page.keyboard.press('2'); // kexec against a cold reboot
  const chart = page.getByRole('region', { name: /Downtime: cold reboot against kexec/ });
  await expect(chart.getByTestId('chart-ratio')).toContainText('% of a cold reboot', { timeout: 150_000 });
  await page.screenshot({ path: test.info().outputPath('offline-chart.png') });
  expect(failed).toEqual([]);
});

test('export as .json and import it again: the import replays to the same state', async ({ page }) => {
  const lab = new Lab(page);
  const bar = new ScenarioBarPanel(page);
  await lab.open('speed=max');
  const at = await lab.bootToShell();
  await lab.console.typeLine('echo exported st""ate');
  await lab.waitForSerial('exported state', at);
  const download = page.waitForEvent('download');
  await bar.button('Export .json').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('basic-kexec.json');
  const path = test.info().outputPath('scenario.json');
  await file.saveAs(path);
  const sent = await lab.status();
  expect(sent.state).toBe('paused');

  await page.getByLabel('Scenario file to import').setInputFiles(path);
  await expect(bar.verdict()).toHaveAttribute('data-state', 'matched', { timeout: 150_000 });
  const got = await lab.status();
  expect(got.generation).toBe(sent.generation + 1);
  expect(got.stateHash).toBe(sent.stateHash);

  // a broken file is refused with the field named, and the running machine is kept
  await page.getByLabel('Scenario file to import').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, title: 'x', machine: { ramMiB: 64, netPps: -5 } })),
  });
  await expect(bar.notice()).toContainText('Could not open bad.json: machine.netPps: must be at least 0');
  expect((await lab.status()).generation).toBe(got.generation);
});
