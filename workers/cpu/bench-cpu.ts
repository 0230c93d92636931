// CPU micro benchmark: `npx tsx workers/cpu/bench-cpu.ts [seconds per program]`.
// Programs are assembled in memory with the test encoder and run in S-mode with Sv32
// paging on (a 4 MiB superpage for code, 4 KiB pages for the memcpy buffers). Prints
// MIPS (millions of retired steps per second) for each program, per wall-clock second and
// per second of this process's CPU time (the latter is meaningful on a busy machine).

import { A, R, li, load, makeHart } from './test-utils';
import { CSR_MEPC, CSR_MSTATUS, CSR_SATP, PRV_S, PTE_A, PTE_D, PTE_R, PTE_V, PTE_W, PTE_X } from './csr-defs';
import { RAM_BASE } from '../machine/memmap';

const { t0, t1, t2, a0, a1, a2 } = R;
const ROOT = RAM_BASE + 0x10000; // root page table
const L2 = RAM_BASE + 0x11000; // second-level table for VA 0x4000_0000
const S_CODE = 0x100; // S-mode code offset in the superpage
const LEAF = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;

function setupCode(): number[] {
  return [
    ...li(t0, (1 << 31) | (ROOT >>> 12)),
    A.csrrw(0, CSR_SATP, t0),
    ...li(t0, PRV_S << 11),
    A.csrrw(0, CSR_MSTATUS, t0),
    ...li(t0, 0xc000_0000 + S_CODE),
    A.csrrw(0, CSR_MEPC, t0),
    A.mret(),
  ];
}

const programs: Record<string, number[]> = {
  // A data-dependent branch per iteration, ALU work on both paths.
  'branchy loop': [
    A.andi(t1, t0, 1), // loop:
    A.beq(t1, 0, 16),
    A.add(a0, a0, t0),
    A.slli(a2, a0, 3),
    A.jal(0, 12),
    A.xor(a1, a1, t0), // even:
    A.srli(a2, a1, 2),
    A.addi(t0, t0, 1), // next:
    A.sltu(t2, a2, a0),
    A.jal(0, -36),
  ],
  // Word copy of 64 KiB between two 4 KiB-paged buffers, forever.
  'memcpy 64 KiB (4 KiB pages)': [
    ...li(a0, 0x4000_0000), // outer:
    ...li(a1, 0x4001_0000),
    ...li(a2, 0x4000),
    A.lw(t0, a0, 0), // inner:
    A.sw(t0, a1, 0),
    A.addi(a0, a0, 4),
    A.addi(a1, a1, 4),
    A.addi(a2, a2, -1),
    A.bne(a2, 0, -20),
    A.jal(0, -48),
  ],
  // Multiply/divide mixed with byte loads (a checksum-like kernel).
  'mul/div + byte loads': [
    ...li(a0, 0x4000_0000), // outer:
    ...li(a2, 0x1000),
    A.lbu(t0, a0, 0), // inner:
    A.mul(t1, t0, a1),
    A.add(a1, a1, t1),
    A.mulhu(t2, a1, t0),
    A.xor(a1, a1, t2),
    A.addi(a0, a0, 1),
    A.addi(a2, a2, -1),
    A.bne(a2, 0, -28),
    A.jal(0, -48),
  ],
};

function bench(name: string, code: number[], seconds: number): number {
  const { hart, bus } = makeHart(setupCode(), 8 << 20);
  load(bus, RAM_BASE + S_CODE, code);
  load(bus, ROOT + 0x300 * 4, [(((RAM_BASE >>> 12) << 10) | LEAF) >>> 0]);
  load(bus, ROOT + 0x100 * 4, [(((L2 >>> 12) << 10) | PTE_V) >>> 0]);
  const l2: number[] = [];
  for (let i = 0; i < 1024; i++) l2.push(((((RAM_BASE + 0x20_0000) >>> 12) + i) << 10) | LEAF);
  load(bus, L2, l2);
  // Warm up the JIT in machine-sized chunks for a while, so that the measured run is the
  // optimised code V8 settles on (not the on-stack-replacement code of a first long call).
  const w0 = performance.now();
  while (performance.now() - w0 < 1000) hart.run(100_000);
  if (hart.priv !== PRV_S || hart.satpMode() !== 'sv32' || hart.lastTrap !== null)
    throw new Error(`${name}: setup failed`);
  let steps = 0;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  let el = 0;
  while (fixedSteps > 0 ? steps < fixedSteps : el < seconds * 1000) {
    steps += hart.run(fixedSteps > 0 ? Math.min(5_000_000, fixedSteps - steps) : 5_000_000);
    el = performance.now() - t;
  }
  if (hart.lastTrap !== null) throw new Error(`${name}: unexpected trap ${JSON.stringify(hart.lastTrap)}`);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mips = steps / el / 1000;
  const cpuMips = steps / cpuMs / 1000;
  console.log(
    `${name.padEnd(30)} ${mips.toFixed(1).padStart(6)} MIPS wall, ${cpuMips.toFixed(1).padStart(6)} MIPS per CPU second` +
      `  (${(steps / 1e6).toFixed(0)} M steps, ${el.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU)`,
  );
  return mips;
}

// Arguments: [seconds per program] or `--steps N [program index]` (a fixed amount of work,
// for counting host instructions under valgrind when the machine is too busy to time).
const fixedSteps = process.argv[2] === '--steps' ? Number(process.argv[3]) : 0;
const seconds = fixedSteps > 0 ? 0 : Number(process.argv[2] ?? '2');
const only = fixedSteps > 0 && process.argv[4] !== undefined ? Number(process.argv[4]) : -1;
Object.entries(programs).forEach(([name, code], i) => {
  if (only < 0 || only === i) bench(name, code, seconds);
});
