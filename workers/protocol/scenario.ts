// The scenario format (version 1): the machine, what it boots, the fault switches, a
// script of steps, view settings, and optionally the input log that replays a session
// exactly. Validated field by field; every error names the field and the problem.
// docs/scenarios.md is the reference for teachers.

import { z } from 'zod';
import { PHASE_NAMES } from './api';
import type { MachineConfig, Speed } from './frame';

export const SCENARIO_VERSION = 1;

/** Kernels the firmware can boot: it boots what the disk's /boot/boot.cfg names. */
export const BOOT_KERNELS = ['/boot/vmlinuz-1.0'] as const;

/** Panels a scenario can show (embed and presenter mode show only these). */
export const PANELS = ['console', 'memory', 'cpu', 'devices', 'timeline', 'narration', 'chart'] as const;
export type PanelName = (typeof PANELS)[number];

/** Phase names a script can pause at (trace port phases). */
export const PAUSE_PHASES = PHASE_NAMES.filter((n) => n !== '') as [string, ...string[]];

export const LIMITS = {
  ramMiB: [16, 1024],
  netPps: [0, 100_000],
  cmdline: 512,
  title: 120,
  text: 2000,
  steps: 200,
  typed: 4096,
  waitForMs: [100, 600_000],
  slowIps: [1, 100_000_000],
  inputEntries: 20_000,
} as const;

const bounded = (what: string, [lo, hi]: readonly [number, number], unit = '') =>
  z
    .number({ error: `must be a number` })
    .int({ error: 'must be a whole number' })
    .min(lo, { error: `must be at least ${lo}${unit}` })
    .max(hi, { error: `must be at most ${hi}${unit}` })
    .describe(what);

const text = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });

const printable = (max: number) =>
  text(max).regex(/^[\x20-\x7e]*$/, { error: 'must be printable ASCII on one line' });

const flag = z.boolean({ error: 'must be true or false' });

export const StepSchemas = {
  type: z.strictObject({ type: text(LIMITS.typed).min(1, { error: 'must not be empty' }) }),
  waitFor: z.strictObject({
    waitFor: text(256).min(1, { error: 'must not be empty' }),
    timeoutMs: bounded('timeout', LIMITS.waitForMs, ' ms').optional(),
  }),
  pauseAt: z.strictObject({
    pauseAt: z.enum(PAUSE_PHASES, { error: `must be one of ${PAUSE_PHASES.join(', ')}` }),
  }),
  caption: z.strictObject({ caption: text(LIMITS.text).min(1, { error: 'must not be empty' }) }),
};
export type StepKind = keyof typeof StepSchemas;
export const STEP_KINDS = Object.keys(StepSchemas) as StepKind[];

export type Step =
  { type: string } | { waitFor: string; timeoutMs?: number } | { pauseAt: string } | { caption: string };

export function stepKind(s: Step): StepKind {
  return STEP_KINDS.find((k) => k in s) ?? 'caption';
}

/** One step: the key it carries picks its schema, so errors speak of that kind of step. */
const StepSchema = z.unknown().transform((v, ctx): Step => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    ctx.addIssue({ code: 'custom', message: 'a step must be an object' });
    return z.NEVER;
  }
  const kinds = STEP_KINDS.filter((k) => k in v);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        kinds.length === 0
          ? `a step needs one of ${STEP_KINDS.join(', ')}`
          : `a step has exactly one of ${kinds.join(', ')}`,
    });
    return z.NEVER;
  }
  const r = StepSchemas[kinds[0]].safeParse(v);
  if (r.success) return r.data;
  for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
  return z.NEVER;
});

const SpeedSchema = z.union(
  [
    z.literal('realtime'),
    z.literal('max'),
    z.strictObject({ slowIps: bounded('instructions per second', LIMITS.slowIps) }),
  ],
  { error: 'must be "realtime", "max" or { "slowIps": n }' },
);

/** One entry of the input log: bytes typed at the UART, stamped with the machine's clock. */
const InputSchema = z.strictObject({
  /** cycle (instructions + idle cycles) at which the bytes reached the UART */
  cycle: z.number().int().min(0, { error: 'must be at least 0' }),
  instret: z.number().int().min(0, { error: 'must be at least 0' }),
  text: text(LIMITS.typed).min(1, { error: 'must not be empty' }),
});

export const ScenarioSchema = z.strictObject({
  version: z.literal(SCENARIO_VERSION, { error: `must be ${SCENARIO_VERSION}` }),
  id: z
    .string({ error: 'must be a string' })
    .regex(/^[a-z0-9-]{1,40}$/, { error: 'must be 1-40 of a-z, 0-9 and -' })
    .optional(),
  title: text(LIMITS.title).min(1, { error: 'must not be empty' }),
  description: text(LIMITS.text).optional(),
  machine: z.strictObject({
    ramMiB: bounded('RAM', LIMITS.ramMiB, ' MiB'),
    netPps: bounded('network traffic', LIMITS.netPps, ' packets/s').default(0),
  }),
  boot: z
    .strictObject({
      kernel: z
        .enum(BOOT_KERNELS, {
          error: `must be ${BOOT_KERNELS.join(' or ')} (the firmware boots what the disk's boot.cfg names; other kernels come by kexec)`,
        })
        .default(BOOT_KERNELS[0]),
      cmdline: printable(LIMITS.cmdline).default(''),
    })
    .default({ kernel: BOOT_KERNELS[0], cmdline: '' }),
  faults: z
    .strictObject({ relocateInPlace: flag.default(false), skipShutdown: flag.default(false) })
    .default({ relocateInPlace: false, skipShutdown: false }),
  script: z
    .array(StepSchema, { error: 'must be a list of steps' })
    .max(LIMITS.steps, { error: `must have at most ${LIMITS.steps} steps` })
    .default([]),
  view: z
    .strictObject({
      panels: z
        .array(z.enum(PANELS, { error: `must be one of ${PANELS.join(', ')}` }))
        .min(1, { error: 'must name at least one panel' })
        .refine((a) => new Set(a).size === a.length, { error: 'must not name a panel twice' })
        .default([...PANELS]),
      speed: SpeedSchema.default('realtime'),
      embed: flag.default(false),
      /** show the remedy switches (skip_shutdown, traffic rate) beside the scenario */
      remedies: flag.default(false),
    })
    .default({ panels: [...PANELS], speed: 'realtime', embed: false, remedies: false }),
  replay: z
    .strictObject({
      input: z
        .array(InputSchema)
        .max(LIMITS.inputEntries, { error: `must have at most ${LIMITS.inputEntries} entries` }),
      /** where the sender paused: the recipient runs to this cycle and compares the hash */
      stopAt: z.strictObject({
        cycle: z.number().int().min(0, { error: 'must be at least 0' }),
        instret: z.number().int().min(0, { error: 'must be at least 0' }),
        stateHash: z.string().regex(/^[0-9a-f]{1,64}$/, { error: 'must be a hex digest' }),
      }),
    })
    .refine((r) => r.input.every((e, i) => i === 0 || e.cycle >= r.input[i - 1].cycle), {
      error: 'input must be in clock order',
    })
    .refine((r) => r.input.every((e) => e.cycle <= r.stopAt.cycle), {
      error: 'input must come before the stop point',
    })
    .optional(),
});

export type Scenario = z.output<typeof ScenarioSchema>;
/** What a hand-written scenario may leave out (defaults fill it). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ReplayLog = NonNullable<Scenario['replay']>;

export class ScenarioError extends Error {}

/** The value at a path of an unknown input, for "(got ...)" in messages. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function pathName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Check an unknown value (parsed JSON) against the format. Returns the scenario with
 * defaults filled in, or throws ScenarioError listing each bad field.
 */
export function validateScenario(input: unknown): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ScenarioError('a scenario must be a JSON object');
  const version = (input as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_VERSION)
    throw new ScenarioError(
      `version: this scenario is format version ${version}, made by a newer kexec-lab; this one reads version ${SCENARIO_VERSION}`,
    );
  const r = ScenarioSchema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 5).map((i) => {
    const unknownKeys = i.code === 'unrecognized_keys' ? i.keys : null;
    const path = pathName(i.path);
    if (unknownKeys)
      return `${path ? path + ': ' : ''}unknown field ${unknownKeys.map((k) => `"${k}"`).join(', ')}`;
    return `${path || 'scenario'}: ${i.message} (got ${shown(valueAt(input, i.path))})`;
  });
  const more = r.error.issues.length > 5 ? ` (and ${r.error.issues.length - 5} more)` : '';
  throw new ScenarioError(problems.join('; ') + more);
}

/** The machine configuration a scenario boots with. */
export function scenarioConfig(s: Scenario): MachineConfig {
  return {
    ramMiB: s.machine.ramMiB,
    netPps: s.machine.netPps,
    cmdline: s.boot.cmdline,
    faults: { relocateInPlace: s.faults.relocateInPlace, skipShutdown: s.faults.skipShutdown },
  };
}

export function scenarioSpeed(s: Scenario): Speed {
  return s.view.speed;
}
