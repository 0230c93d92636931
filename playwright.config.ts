// e2e tests in real Chromium: Debian's /usr/bin/chromium when present, Playwright's own
// browser otherwise. The app is served by `vite preview` of a fresh build on a fixed port.

import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const PORT = 4317;
const systemChromium = '/usr/bin/chromium';

export const chromiumLaunch = {
  ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Chromium's headless browser is the whole browser: each new window preloads the
    // omnibox popup's WebUI in a renderer of its own, which parses and runs it while our
    // page starts (about 100 ms of CPU in the machine's first half second here, on the
    // core the emulator leaves). A user's browser does that once, at its own start.
    // Puppeteer turns these off by default too. Chromium merges this list with
    // Playwright's own --disable-features.
    '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  ],
};

/** A vite preview of a fresh build on `port` (configs that run beside the e2e suite use their own port). */
export function webServerOn(port: number, cwd?: string) {
  return {
    command: `npx vite build --logLevel warn && npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    ...(cwd ? { cwd } : {}),
  };
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts$/,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
