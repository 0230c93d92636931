// Entry point: one controller (worker client + store), the test hook, the React tree,
// and the machine booting at once: nothing waits for a click.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppController } from './app/controller';
import { installHook } from './app/test-hook';
import { configFromQuery } from './app/url-config';
import { startFromUrl } from './features/scenarios/scenarios';
import { appStore } from './store/store';

const { config, speed, paused } = configFromQuery(window.location.search);
const controller = new AppController(appStore);
installHook(controller);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);

void (async () => {
  // a scenario link (#s=...) boots its own machine; ?presenter=1 and ?embed=1 set the view
  if (await startFromUrl(controller, window.location)) return;
  await controller.boot(config, speed ?? undefined);
  if (paused) await controller.pause();
})();
