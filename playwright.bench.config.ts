// `npm run bench:ui`: UI benchmarks in Chromium (not part of `npm test`): frame rate,
// main-thread time per frame, longest task, worker-to-UI bytes per second, and the wall
// time from page load to the Kestrel 2.0 prompt with a scripted kexec.

import { defineConfig } from '@playwright/test';
import base, { chromiumLaunch, webServerOn } from './playwright.config';

export default defineConfig({
  ...base,
  testDir: 'e2e/bench',
  testMatch: /.*\.bench\.ts$/,
  timeout: 600_000,
  use: { ...base.use, baseURL: 'http://127.0.0.1:4319/', launchOptions: chromiumLaunch },
  webServer: webServerOn(4319),
});
