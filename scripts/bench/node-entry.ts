// The Node side of `npm run bench`, run as `node <bundle> ELF REPEAT` in a child process
// on a plain-JavaScript bundle of this file (esbuild, in bench.ts), never under tsx: tsx's
// loader transfers an ArrayBuffer at start-up, and after any ArrayBuffer has been detached
// V8 checks for detachment on every typed-array access of the process (the interpreter's
// hot loop included). The bundle measures the emulator as a built app runs it; with a
// third argument `detached` it first detaches a buffer, to show what that costs. Prints
// one JSON line: the runs and the best MIPS per CPU-second.
import { readFileSync } from 'node:fs';
import { runBench, type BenchRun } from './run-machine';

export interface NodeBenchResult {
  runs: BenchRun[];
  cpuMips: number;
}

function main(): void {
  const [elfPath, repeatArg, mode] = process.argv.slice(2);
  if (mode === 'detached') {
    const scratch = new ArrayBuffer(8);
    structuredClone(scratch, { transfer: [scratch] });
  }
  const elf = new Uint8Array(readFileSync(elfPath));
  const repeat = Math.max(1, Number(repeatArg) | 0);
  const runs: BenchRun[] = [];
  let cpuMips = 0;
  for (let i = 0; i < repeat; i++) {
    const c0 = process.cpuUsage();
    const r = runBench(elf);
    const c = process.cpuUsage(c0);
    cpuMips = Math.max(cpuMips, r.instret / (c.user + c.system));
    runs.push(r);
  }
  const result: NodeBenchResult = { runs, cpuMips };
  console.log(JSON.stringify(result));
}

main();
