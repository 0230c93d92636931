// The benchmark's Web Worker (bundled by esbuild in chromium.ts): receives an ELF, runs
// it `repeat` times with the same loop as Node (run-machine.ts) and posts the results back.
// The worker itself never transfers a buffer out: detaching an ArrayBuffer in a V8 isolate
// makes every later typed-array access in it check for detachment (the interpreter's hot
// loop included), for the rest of the isolate's life.
import { runBench, type BenchRun } from './run-machine';

export interface BenchRequest {
  name: string;
  elf: ArrayBuffer;
  repeat: number;
}
export type BenchReply = { name: string; runs: BenchRun[] } | { name: string; error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<BenchRequest>) => void) | null;
  postMessage(m: BenchReply): void;
};

scope.onmessage = (e) => {
  const { name, elf, repeat } = e.data;
  try {
    const runs: BenchRun[] = [];
    for (let i = 0; i < repeat; i++) runs.push(runBench(new Uint8Array(elf)));
    scope.postMessage({ name, runs });
  } catch (err) {
    scope.postMessage({ name, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
