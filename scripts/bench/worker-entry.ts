// The benchmark's Web Worker (bundled by esbuild in chromium.ts): receives an ELF,
// runs it with the same loop as Node (run-machine.ts) and posts the result back.
import { runBench, type BenchRun } from './run-machine';

export interface BenchRequest {
  name: string;
  elf: ArrayBuffer;
}
export type BenchReply = { name: string; run: BenchRun } | { name: string; error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<BenchRequest>) => void) | null;
  postMessage(m: BenchReply): void;
};

scope.onmessage = (e) => {
  const { name, elf } = e.data;
  try {
    scope.postMessage({ name, run: runBench(new Uint8Array(elf)) });
  } catch (err) {
    scope.postMessage({ name, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
