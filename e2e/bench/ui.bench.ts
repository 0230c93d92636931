import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type Browser } from '@playwright/test';
import { Lab } from '../pages/lab';
import { RUNNING_MARK, installProbe } from './probe';
import { TRACE_CATEGORIES, cpuFigures } from './cpu-trace';

const LOAD = 'kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"';

// Playwright's own trace records a screencast of the page, which costs the renderer more
// than the app does: the benchmark runs without it.
test.use({ trace: 'off' });

/** CPU time the browser's GPU process has used so far, ms (Chromium's SystemInfo domain). */
async function gpuProcessCpuMs(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; cpuTime: number }[];
    };
    return processInfo.filter((p) => p.type === 'GPU').reduce((ms, p) => ms + p.cpuTime * 1000, 0);
  } finally {
    await cdp.detach();
  }
}

for (const ram of [64, 1024]) {
  test(`UI at maximum speed, ${ram} MiB: page load to the Kestrel 2.0 prompt with a scripted kexec`, async ({
    page,
  }, info) => {
    const lab = new Lab(page);
    await page.addInitScript(installProbe);
    const t0 = Date.now();
    // BENCH_QUERY='&map=page' (say) measures the app with other URL options
    await lab.open(`speed=max&ram=${ram}${process.env.BENCH_QUERY ?? ''}`);
    await page.evaluate(() => window.__probe!.start());
    const browser = page.context().browser()!;
    const gpu0 = await gpuProcessCpuMs(browser);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const s0 = await page.evaluate(() => window.__kexecLab!.stats());
    let at = await lab.bootToShell(540_000); // 1 GiB: the firmware tests all of it
    const tShell = Date.now();
    // scripted through the test hook (typing key by key would measure Playwright's input latency)
    await page.evaluate((cmd) => window.__kexecLab!.type(`${cmd}\r`), LOAD);
    at = await lab.waitForSerial('# ', at + LOAD.length);
    await page.evaluate(() => window.__kexecLab!.type('kexec -e\r'));
    at = await lab.waitForSerial('Kestrel 2.0', at);
    await lab.waitForSerial('# ', at);
    const tDone = Date.now();
    const probe = await page.evaluate(() => window.__probe!.stop());
    const gpu1 = await gpuProcessCpuMs(browser);
    const trace = await browser.stopTracing();
    // BENCH_TRACE_DIR=dir keeps the Chrome trace (chrome://tracing, Perfetto) for a closer look
    if (process.env.BENCH_TRACE_DIR)
      writeFileSync(join(process.env.BENCH_TRACE_DIR, `bench-ui-${ram}.trace.json`), trace);
    const cpu = cpuFigures(trace, RUNNING_MARK);
    const run = probe.running;
    const s1 = await page.evaluate(() => window.__kexecLab!.stats());
    const st = await lab.status();
    const frames = s1.frames - s0.frames;
    const result = {
      ramMiB: ram,
      wallToFirstShellMs: tShell - t0,
      wallToKestrel2PromptMs: tDone - t0,
      kexecWallMs: tDone - tShell,
      simulatedNs: st.simNs,
      instret: st.instret,
      fps: +(probe.frames / probe.seconds).toFixed(1),
      renderMsPerFrameMean: +probe.renderMean.toFixed(2),
      renderMsPerFrameP95: +probe.renderP95.toFixed(2),
      frameApplyMsPerFrame: +((s1.frameWorkMs - s0.frameWorkMs) / Math.max(1, frames)).toFixed(2),
      longestTaskMs: +probe.longestTaskMs.toFixed(1),
      longTasks: probe.longTasks,
      mainThreadCpuMsPerFrame: +(cpu.cpuMs / Math.max(1, probe.frames)).toFixed(2),
      // the whole run's main-thread CPU: steadier than the per-frame figure between runs,
      // since it does not move with the frame rate (for comparing two builds)
      mainThreadCpuMsTotal: Math.round(cpu.cpuMs),
      // The same two figures from the machine's first frame on: without the page's own
      // start-up (first render of every panel, the terminal opening), which the figures
      // above include since they count from page load.
      runningFps: run ? +(run.frames / run.seconds).toFixed(1) : null,
      runningMainThreadCpuMsPerFrame:
        run && cpu.cpuMsSinceMark !== null
          ? +(cpu.cpuMsSinceMark / Math.max(1, run.frames)).toFixed(2)
          : null,
      longestTaskCpuMs: +cpu.longestTaskCpuMs.toFixed(1),
      longestTaskWallMsInTrace: +cpu.longestTaskWallMs.toFixed(1),
      tasksOver50msCpu: cpu.tasksOver50msCpu,
      // compositing, and WebGL (software GL without a GPU) run in the GPU process, off the
      // main thread: reported so that moving work there is not mistaken for removing it
      gpuProcessCpuMsPerFrame: +((gpu1 - gpu0) / Math.max(1, probe.frames)).toFixed(2),
      consoleRenderer: await page.getByTestId('console').getAttribute('data-renderer'),
      workerToUiBytesPerSec: Math.round((s1.bytes - s0.bytes) / probe.seconds),
      framesFromWorker: frames,
    };
    console.log(`bench:ui ${JSON.stringify(result)}`);
    const perFrame = cpu.selfMsByEvent
      .slice(0, 12)
      .map(([n, ms]) => `${n} ${(ms / Math.max(1, probe.frames)).toFixed(2)}`);
    console.log(`bench:ui ${ram} MiB main-thread CPU ms per frame by event (self): ${perFrame.join(', ')}`);
    await info.attach(`bench-ui-${ram}.json`, {
      body: JSON.stringify(result, null, 2),
      contentType: 'application/json',
    });
  });
}
