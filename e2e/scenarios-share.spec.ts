// Share links: a link made in one browser context replays to the same state hash in a
// fresh one; every kind of bad link shows its message and the default scenario.

import { expect, test } from '@playwright/test';
import { deflateSync } from 'fflate';
import { Lab } from './pages/lab';
import { ScenarioBarPanel } from './pages/scenarios';
import { base64urlEncode, encodeJson, encodeFragment } from '../workers/protocol/scenario-codec';
import { validateScenario } from '../workers/protocol/scenario';

test('a share link reproduces the same state hash in a fresh browser context', async ({ browser }) => {
  const sender = await browser.newContext();
  const page = await sender.newPage();
  const lab = new Lab(page);
  await lab.open('speed=max');
  const at = await lab.bootToShell();
  await lab.console.typeLine('echo shared from the sen""der');
  await lab.waitForSerial('shared from the sender', at);
  const url = await new ScenarioBarPanel(page).share();
  expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);
  const sent = await lab.status();
  expect(sent.state).toBe('paused');
  expect(sent.stateHash).toMatch(/^[0-9a-f]+$/);
  await sender.close();

  const recipient = await browser.newContext();
  const page2 = await recipient.newPage();
  const lab2 = new Lab(page2);
  await page2.goto(url);
  const bar2 = new ScenarioBarPanel(page2);
  await expect(bar2.verdict()).toHaveAttribute('data-state', 'matched', { timeout: 150_000 });
  const got = await lab2.status();
  expect(got.instret).toBe(sent.instret);
  expect(got.simNs).toBe(sent.simNs);
  expect(got.stateHash).toBe(sent.stateHash);
  expect(await lab2.serialText()).toContain('shared from the sender');
  await recipient.close();
});

test('keys typed while paused travel too: the replay types them at the same cycle', async ({ browser }) => {
  const sender = await browser.newContext();
  const page = await sender.newPage();
  const lab = new Lab(page);
  await lab.open('speed=max');
  await lab.bootToShell();
  await lab.controls.pause();
  await page.getByRole('textbox', { name: /Serial console input/ }).focus();
  await page.keyboard.type('uname', { delay: 5 }); // queued in the UART, the machine stays paused
  const url = await new ScenarioBarPanel(page).share();
  await sender.close();

  const recipient = await browser.newContext();
  const page2 = await recipient.newPage();
  await page2.goto(url);
  await expect(new ScenarioBarPanel(page2).verdict()).toHaveAttribute('data-state', 'matched', {
    timeout: 150_000,
  });
  // running on, the shell echoes what was typed before the pause was shared
  const lab2 = new Lab(page2);
  const at = (await lab2.serialText()).length;
  await lab2.controls.button(/^Run/).click();
  await lab2.waitForSerial('uname', at);
  await recipient.close();
});

const good = validateScenario({ version: 1, title: 'Tampered', machine: { ramMiB: 64 } });
const goodFrag = encodeFragment(good);

const BAD: [string, string, RegExp][] = [
  ['truncated', `#${goodFrag.slice(0, Math.floor(goodFrag.length / 2))}`, /truncated/],
  ['corrupted', `#${goodFrag.slice(0, 10)}!!${goodFrag.slice(12)}`, /corrupted/],
  ['oversized', `#s=${'A'.repeat(70 * 1024)}`, /too long \(71 KB; the limit is 64 KB\)/],
  ['not deflate', `#s=${base64urlEncode(new TextEncoder().encode('{"version":1}'))}`, /not deflate/],
  [
    'raw deflate',
    `#s=${base64urlEncode(deflateSync(new TextEncoder().encode('{"version":1}')))}`,
    /not deflate/,
  ],
  ['not JSON', `#s=${encodeJson('version = 1')}`, /not JSON/],
  [
    'future version',
    `#s=${encodeJson(JSON.stringify({ ...good, version: 9 }))}`,
    /format version 9, made by a newer/,
  ],
  [
    'out of range',
    `#s=${encodeJson(JSON.stringify({ ...good, machine: { ramMiB: 8192, netPps: 0 } }))}`,
    /machine\.ramMiB: must be at most 1024 MiB \(got 8192\)/,
  ],
  [
    'bad step',
    `#s=${encodeJson(JSON.stringify({ ...good, script: [{ pauseAt: 'TEA_TIME' }] }))}`,
    /script\[0\]\.pauseAt: must be one of/,
  ],
];

for (const [name, hash, message] of BAD) {
  test(`a ${name} link says what is wrong and opens the default scenario`, async ({ page }) => {
    const lab = new Lab(page);
    const bar = new ScenarioBarPanel(page);
    await page.goto(`./${hash}`);
    await page.waitForFunction(() => window.__kexecLab !== undefined);
    await expect(bar.notice()).toContainText(message);
    await expect(bar.notice()).toContainText('Showing the default scenario instead');
    await expect(bar.notice()).toHaveAttribute('role', 'alert');
    await expect(bar.title()).toHaveText('Basic kexec: Kestrel 1.0 to 2.0');
    // nothing blank: the default machine boots
    await lab.waitForSerial('kexec-lab firmware');
    expect((await lab.status()).generation).toBeGreaterThan(0);
  });
}
