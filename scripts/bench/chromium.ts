// Runs the benchmarks in a dedicated Web Worker in Chromium through Playwright: the
// worker (worker-entry.ts + the Machine) is bundled with esbuild and served, with the
// ELF files, by a throw-away HTTP server on 127.0.0.1. Debian's /usr/bin/chromium is
// used when present, Playwright's own browser otherwise.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import type { BenchRun } from './run-machine';
import type { BenchReply } from './worker-entry';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 600_000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>kexec-lab bench</title>
<script>
  // Runs one benchmark \`repeat\` times in a fresh worker (one JIT warm-up, as in Node);
  // resolves with the worker's reply.
  window.runInWorker = async (name, repeat) => {
    const elf = await (await fetch('/elf/' + encodeURIComponent(name))).arrayBuffer();
    const worker = new Worker('/worker.js');
    try {
      return await new Promise((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message || 'worker error'));
        worker.postMessage({ name, elf, repeat }, [elf]);
      });
    } finally {
      worker.terminate();
    }
  };
</script>`;

export async function bundleWorker(): Promise<string> {
  const entry = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

function serve(workerJs: string, elves: Map<string, Uint8Array>): Promise<Server> {
  const server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '/');
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    } else if (url === '/worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(workerJs);
    } else if (url.startsWith('/elf/') && elves.has(url.slice(5))) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(elves.get(url.slice(5)));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface BrowserResult {
  browser: string;
  runs: Map<string, BenchRun[]>;
}

/**
 * Runs every ELF `repeat` times in one Chromium page: each benchmark in its own new
 * worker, its runs one after the other (so the first run includes the JIT warm-up, as in
 * Node).
 */
export async function runInChromium(elves: Map<string, Uint8Array>, repeat: number): Promise<BrowserResult> {
  const workerJs = await bundleWorker();
  const server = await serve(workerJs, elves);
  const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    const runs = new Map<string, BenchRun[]>();
    for (const name of elves.keys()) {
      const reply = (await page.evaluate(
        ([n, r]) =>
          (window as unknown as { runInWorker(n: string, r: number): Promise<unknown> }).runInWorker(n, r),
        [name, repeat] as const,
      )) as BenchReply;
      if ('error' in reply) throw new Error(`${name} in the Chromium worker: ${reply.error}`);
      runs.set(name, reply.runs);
    }
    return { browser: `${executablePath ?? 'playwright chromium'} ${browser.version()}`, runs };
  } finally {
    await browser.close();
    server.close();
  }
}
