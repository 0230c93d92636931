import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type Browser, type Page } from '@playwright/test';
import { Lab } from '../pages/lab';
import { RUNNING_MARK, frameFigures, installProbe, type FrameFigures, type ProbeRaw } from './probe';
import { TRACE_CATEGORIES, cpuFigures } from './cpu-trace';

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

interface FlowRun {
  wallToFirstShellMs: number;
  wallToKestrel2PromptMs: number;
  kexecWallMs: number;
  probe: ProbeRaw;
  figures: FrameFigures;
  /** the page's frames from the worker, and the bytes they carried */
  frames: number;
  bytes: number;
  frameWorkMs: number;
  /** wall-clock ms the page asked the worker to give way for (Console's big writes) */
  gaveWayMs: number;
  /** the Chrome trace of the run (traced runs only) */
  trace: Buffer | null;
  gpuCpuMs: number;
}

/** One scripted run from page load to the Kestrel 2.0 prompt (Lab.kexecByHook). */
async function scriptedRun(page: Page, ram: number, traced: boolean): Promise<FlowRun> {
  const lab = new Lab(page);
  await page.addInitScript(installProbe);
  const t0 = Date.now();
  // BENCH_QUERY='&map=page' (say) measures the app with other URL options
  await lab.open(`speed=max&ram=${ram}${process.env.BENCH_QUERY ?? ''}`);
  await page.evaluate(() => window.__probe!.start());
  const browser = page.context().browser()!;
  // Only the traced run reads the GPU process's CPU time: asking the browser for it
  // (SystemInfo.getProcessInfo) cost the page a frame in 5 of 6 runs, right after the call.
  const gpuCpuMs = (): Promise<number> => (traced ? gpuProcessCpuMs(browser) : Promise.resolve(0));
  const gpu0 = await gpuCpuMs();
  if (traced) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const s0 = await page.evaluate(() => window.__kexecLab!.stats());
  const at = await lab.bootToShell(540_000); // 1 GiB: the firmware tests all of it
  const tShell = Date.now();
  await lab.kexecByHook(at);
  const tDone = Date.now();
  const probe = await page.evaluate(() => window.__probe!.stop());
  const gpu1 = await gpuCpuMs();
  const trace = traced ? await browser.stopTracing() : null;
  const s1 = await page.evaluate(() => window.__kexecLab!.stats());
  return {
    wallToFirstShellMs: tShell - t0,
    wallToKestrel2PromptMs: tDone - t0,
    kexecWallMs: tDone - tShell,
    probe,
    figures: frameFigures(probe),
    frames: s1.frames - s0.frames,
    bytes: s1.bytes - s0.bytes,
    frameWorkMs: s1.frameWorkMs - s0.frameWorkMs,
    gaveWayMs: s1.gaveWayMs - s0.gaveWayMs,
    trace,
    gpuCpuMs: gpu1 - gpu0,
  };
}

for (const ram of [64, 1024]) {
  test(`UI at maximum speed, ${ram} MiB: page load to the Kestrel 2.0 prompt with a scripted kexec`, async ({
    page,
    browser,
  }, info) => {
    // Two runs, each in a fresh page. The first is what a user sees: the frame rate, the
    // wall times and the bytes come from it. The second records a Chrome trace for the
    // main thread's CPU figures. Recording costs the renderer itself (about two frames a
    // second at 64 MiB here), so the first run is not traced.
    const plain = await scriptedRun(page, ram, false);
    const st = await new Lab(page).status();
    const consoleRenderer = await page.getByTestId('console').getAttribute('data-renderer');
    await page.close(); // its machine and its frames would share the traced run's cores
    const { baseURL, viewport } = info.project.use;
    const tracedContext = await browser.newContext({ baseURL, viewport });
    const traced = await scriptedRun(await tracedContext.newPage(), ram, true);
    await tracedContext.close();
    const trace = traced.trace!;
    // BENCH_TRACE_DIR=dir keeps the Chrome trace (chrome://tracing, Perfetto) for a closer look
    if (process.env.BENCH_TRACE_DIR)
      writeFileSync(join(process.env.BENCH_TRACE_DIR, `bench-ui-${ram}.trace.json`), trace);
    const cpu = cpuFigures(trace, RUNNING_MARK);
    const probe = plain.probe;
    const fig = plain.figures;
    const tFig = traced.figures;
    const result = {
      ramMiB: ram,
      wallToFirstShellMs: plain.wallToFirstShellMs,
      wallToKestrel2PromptMs: plain.wallToKestrel2PromptMs,
      kexecWallMs: plain.kexecWallMs,
      simulatedNs: st.simNs,
      instret: st.instret,
      // from the page's first frame to its last (probe.ts frameFigures), the wait for the
      // first frame included when it was long
      fps: +fig.fps.toFixed(1),
      // the same count over the probe's whole window, whose ends fall anywhere in a frame
      fpsOverWindow: +fig.fpsOverWindow.toFixed(1),
      displayIntervalMs: +fig.intervalMs.toFixed(2),
      // From the machine's first frame on: without the page's own start-up (first render
      // of every panel, the terminal opening), which `fps` includes since it counts from
      // page load.
      runningFps: fig.running ? +fig.running.fps.toFixed(1) : null,
      renderMsPerFrameMean: +probe.renderMean.toFixed(2),
      renderMsPerFrameP95: +probe.renderP95.toFixed(2),
      frameApplyMsPerFrame: +(plain.frameWorkMs / Math.max(1, plain.frames)).toFixed(2),
      missedFrames: fig.missedFrames,
      // where: [ms since the probe started (page load), gap ms, frames missed]; the machine
      // ran from runningAtMs on
      gaps: fig.gaps,
      runningAtMs: Math.round(probe.runningAtMs),
      longestTaskMs: +probe.longestTaskMs.toFixed(1),
      longTasks: probe.longTasks,
      workerToUiBytesPerSec: Math.round(plain.bytes / (probe.stopMs / 1000)),
      framesFromWorker: plain.frames,
      gaveWayMs: plain.gaveWayMs,
      consoleRenderer,
      // the traced run
      tracedFps: +tFig.fps.toFixed(1),
      mainThreadCpuMsPerFrame: +(cpu.cpuMs / Math.max(1, tFig.frames)).toFixed(2),
      // the whole run's main-thread CPU: steadier than the per-frame figure between runs,
      // since it does not move with the frame rate (for comparing two builds)
      mainThreadCpuMsTotal: Math.round(cpu.cpuMs),
      runningMainThreadCpuMsPerFrame:
        tFig.running && cpu.cpuMsSinceMark !== null
          ? +(cpu.cpuMsSinceMark / Math.max(1, tFig.running.frames)).toFixed(2)
          : null,
      longestTaskCpuMs: +cpu.longestTaskCpuMs.toFixed(1),
      longestTaskWallMsInTrace: +cpu.longestTaskWallMs.toFixed(1),
      tasksOver50msCpu: cpu.tasksOver50msCpu,
      // compositing, and WebGL (software GL without a GPU) run in the GPU process, off the
      // main thread: reported so that moving work there is not mistaken for removing it
      gpuProcessCpuMsPerFrame: +(traced.gpuCpuMs / Math.max(1, tFig.frames)).toFixed(2),
    };
    console.log(`bench:ui ${JSON.stringify(result)}`);
    const perFrame = cpu.selfMsByEvent
      .slice(0, 12)
      .map(([n, ms]) => `${n} ${(ms / Math.max(1, tFig.frames)).toFixed(2)}`);
    console.log(`bench:ui ${ram} MiB main-thread CPU ms per frame by event (self): ${perFrame.join(', ')}`);
    await info.attach(`bench-ui-${ram}.json`, {
      body: JSON.stringify(result, null, 2),
      contentType: 'application/json',
    });
  });
}
