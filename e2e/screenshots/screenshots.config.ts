// Screenshots of the running app at each phase, into docs/screenshots/:
//   npx playwright test --config e2e/screenshots/screenshots.config.ts
// Not part of `npm test` (it is a documentation step, not a check).

import { defineConfig } from '@playwright/test';
import base, { chromiumLaunch, webServerOn } from '../../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.shots\.ts$/,
  timeout: 900_000,
  use: {
    ...base.use,
    baseURL: 'http://127.0.0.1:4318/',
    launchOptions: chromiumLaunch,
    viewport: { width: 1600, height: 1000 },
  },
  webServer: webServerOn(4318, '../..'),
});
