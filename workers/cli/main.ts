// The headless runner: `npm run -s machine -- [options]`. See usage() below and
// workers/cli/script.ts for how --expect and --type steps run.

import { existsSync, readFileSync } from 'node:fs';
import { MachineConfigError, type MachineOptions } from '../machine/machine';
import { ElfError } from '../machine/elf';
import { describeTrace, runScript, unescapeExpected, unescapeTyped, type Step } from './script';

const DEFAULT_FIRMWARE = 'public/images/firmware.elf';
const DEFAULT_DISK = 'public/images/disk.img';
const DEFAULT_MAX_INSNS = 5e9;

function usage(): string {
  return `usage: npm run -s machine -- [options]

  --elf FILE --tohost     bare ELF loaded at its physical addresses, started at its entry in
                          M-mode; stops when the ELF's 'tohost' word is written:
                          1 = pass (exit 0), else prints "FAIL test N" (value >> 1), exit 1
  --firmware FILE         firmware ELF booted through the reset ROM with a DTB
                          (default ${DEFAULT_FIRMWARE})
  --disk FILE             virtio-blk disk image (default ${DEFAULT_DISK})
  --ram MIB               RAM size, 16..1024 (default 64)
  --net-pps N             virtio-net traffic generator, packets per simulated second (default 0)
  --cmdline TEXT          kernel command line (DTB /chosen bootargs)
  --expect TEXT           wait until TEXT appears in serial output produced after the previous step
  --type TEXT             type TEXT at the serial console ('\\n' = Enter)
  --max-insns N           stop after N cycles (instructions + idle cycles; default 5e9);
                          exit 3 if expectations are still pending
  --json                  print a last line of JSON with instret, simNs, wallMs, mips,
                          exitReason, stateHash and the time of every step
  --quiet                 do not copy serial output to stdout
  --trace                 print trace-port phases, events and page roles to stderr

exit codes: 0 ok, 1 guest failure (tohost or syscon fail code), 2 usage or bad input,
            3 expectations still pending`;
}

class UsageError extends Error {}

interface Args {
  elf?: string;
  tohost: boolean;
  firmware?: string;
  disk?: string;
  ram?: number;
  netPps?: number;
  cmdline?: string;
  steps: Step[];
  maxInsns: number;
  json: boolean;
  quiet: boolean;
  trace: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    tohost: false,
    steps: [],
    maxInsns: DEFAULT_MAX_INSNS,
    json: false,
    quiet: false,
    trace: false,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const num = (v: string, flag: string, min: number, max: number): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max || !Number.isInteger(n)) {
      throw new UsageError(`${flag} ${v}: expected an integer from ${min} to ${max}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    switch (f) {
      case '--elf':
        a.elf = value(i++, f);
        break;
      case '--tohost':
        a.tohost = true;
        break;
      case '--firmware':
        a.firmware = value(i++, f);
        break;
      case '--disk':
        a.disk = value(i++, f);
        break;
      case '--ram':
        a.ram = num(value(i++, f), f, 16, 1024);
        break;
      case '--net-pps':
        a.netPps = num(value(i++, f), f, 0, 100_000_000);
        break;
      case '--cmdline':
        a.cmdline = value(i++, f);
        break;
      case '--expect':
        a.steps.push({ kind: 'expect', text: unescapeExpected(value(i++, f)) });
        break;
      case '--type':
        a.steps.push({ kind: 'type', text: unescapeTyped(value(i++, f)) });
        break;
      case '--max-insns':
        a.maxInsns = num(value(i++, f), f, 1, Number.MAX_SAFE_INTEGER);
        break;
      case '--json':
        a.json = true;
        break;
      case '--quiet':
        a.quiet = true;
        break;
      case '--trace':
        a.trace = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown option ${f}`);
    }
  }
  if (a.tohost && !a.elf) throw new UsageError('--tohost needs --elf FILE');
  if (a.elf && a.firmware) throw new UsageError('--elf and --firmware are exclusive');
  return a;
}

function readInput(path: string, what: string, hint = ''): Uint8Array {
  if (!existsSync(path)) throw new UsageError(`${what} ${path} does not exist${hint}`);
  return new Uint8Array(readFileSync(path));
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) process.stderr.write(`machine: ${e.message}\n\n`);
    process.stderr.write(usage() + '\n');
    return e.message ? 2 : 0;
  }

  const opts: MachineOptions = { ramMiB: args.ram, netPps: args.netPps, cmdline: args.cmdline };
  try {
    if (args.elf) {
      opts.bareElf = readInput(args.elf, 'ELF file');
      if (args.disk) opts.disk = readInput(args.disk, 'disk image');
    } else {
      const hint = ' (build the guest images with `npm run build:guest`)';
      opts.firmware = readInput(args.firmware ?? DEFAULT_FIRMWARE, 'firmware', args.firmware ? '' : hint);
      opts.disk = readInput(args.disk ?? DEFAULT_DISK, 'disk image', args.disk ? '' : hint);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`machine: ${e.message}\n`);
    return 2;
  }

  const wall0 = performance.now();
  let lastByte = 10;
  let result;
  try {
    result = runScript(opts, args.steps, args.maxInsns, {
      tohost: args.tohost,
      onChunk: args.trace
        ? (m) => m.drainTrace().forEach((e) => process.stderr.write(describeTrace(e) + '\n'))
        : undefined,
      onSerial: (b) => {
        if (args.quiet) return;
        process.stdout.write(b);
        lastByte = b[b.length - 1];
      },
    });
  } catch (e) {
    if (e instanceof MachineConfigError || e instanceof ElfError) {
      process.stderr.write(`machine: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const wallMs = performance.now() - wall0;

  if (args.tohost && result.exitReason !== 'tohost-pass' && result.exitReason !== 'tohost-fail') {
    process.stderr.write(`machine: tohost was never written (${result.exitReason})\n`);
  }
  if (result.message) process.stdout.write(`${lastByte === 10 || args.quiet ? '' : '\n'}${result.message}\n`);
  if (result.exitCode === 3) {
    const pending = result.steps.filter((s) => !s.done).map((s) => `${s.kind} ${JSON.stringify(s.text)}`);
    process.stderr.write(`machine: ${result.exitReason}; still pending: ${pending.join(', ')}\n`);
  }
  if (args.json) {
    const line = {
      instret: result.instret,
      simNs: result.simNs,
      wallMs: Math.round(wallMs),
      mips: wallMs > 0 ? Math.round((result.instret / wallMs / 1000) * 10) / 10 : 0,
      exitReason: result.exitReason,
      exitCode: result.exitCode,
      guestCode: result.guestCode,
      stateHash: result.stateHash,
      steps: result.steps.map(({ kind, text, done, instret, simNs }) => ({
        kind,
        text,
        done,
        instret,
        simNs,
      })),
    };
    process.stdout.write(`${lastByte === 10 || args.quiet ? '' : '\n'}${JSON.stringify(line)}\n`);
  }
  // --tohost runs that never wrote tohost are failures, not successes.
  if (args.tohost && result.exitCode === 0 && result.exitReason !== 'tohost-pass') return 1;
  return result.exitCode;
}

process.exitCode = main(process.argv.slice(2));
