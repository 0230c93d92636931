import { describe, expect, it } from 'vitest';
import { ScenarioError, scenarioConfig, validateScenario, type ScenarioInput } from './scenario';

const minimal: ScenarioInput = { version: 1, title: 'Basic', machine: { ramMiB: 64 } };

function errorOf(input: unknown): string {
  try {
    validateScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('validateScenario', () => {
  it('fills defaults for a minimal scenario', () => {
    const s = validateScenario(minimal);
    expect(s.machine).toEqual({ ramMiB: 64, netPps: 0 });
    expect(s.boot).toEqual({ kernel: '/boot/vmlinuz-1.0', cmdline: '' });
    expect(s.faults).toEqual({ relocateInPlace: false, skipShutdown: false });
    expect(s.script).toEqual([]);
    expect(s.view.speed).toBe('realtime');
    expect(s.view.panels).toContain('console');
  });

  it('accepts every kind of step and maps to a machine config', () => {
    const s = validateScenario({
      ...minimal,
      machine: { ramMiB: 128, netPps: 5000 },
      boot: { cmdline: 'console=ttyS0' },
      faults: { skipShutdown: true },
      script: [
        { caption: 'hello' },
        { type: 'kexec -e\n' },
        { waitFor: 'Kestrel 2.0', timeoutMs: 5000 },
        { pauseAt: 'RELOCATION' },
      ],
      view: { panels: ['console', 'memory'], speed: { slowIps: 1000 } },
    });
    expect(s.script).toHaveLength(4);
    expect(scenarioConfig(s)).toEqual({
      ramMiB: 128,
      netPps: 5000,
      cmdline: 'console=ttyS0',
      faults: { relocateInPlace: false, skipShutdown: true },
    });
  });

  it.each([
    [{ ...minimal, machine: { ramMiB: 4096 } }, 'machine.ramMiB: must be at most 1024 MiB (got 4096)'],
    [{ ...minimal, machine: { ramMiB: 8 } }, 'machine.ramMiB: must be at least 16 MiB (got 8)'],
    [{ ...minimal, machine: { ramMiB: 64.5 } }, 'machine.ramMiB: must be a whole number'],
    [{ ...minimal, machine: { ramMiB: 64, netPps: -1 } }, 'machine.netPps: must be at least 0'],
    [{ ...minimal, machine: { ramMiB: 64, netPps: 1e6 } }, 'machine.netPps: must be at most 100000'],
    [{ ...minimal, machine: { ramMiB: '64' } }, 'machine.ramMiB: must be a number (got "64")'],
    [{ ...minimal, faults: { skipShutdown: 'yes' } }, 'faults.skipShutdown: must be true or false'],
    [{ ...minimal, boot: { kernel: '/boot/vmlinuz-9' } }, 'boot.kernel: must be /boot/vmlinuz-1.0'],
    [{ ...minimal, boot: { cmdline: 'a\nb' } }, 'boot.cmdline: must be printable ASCII'],
    [{ ...minimal, script: [{ pauseAt: 'LUNCH' }] }, 'script[0].pauseAt: must be one of FIRMWARE_POST'],
    [
      { ...minimal, script: [{ bogus: 1 }] },
      'script[0]: a step needs one of type, waitFor, pauseAt, caption',
    ],
    [{ ...minimal, script: [{ type: 'a', caption: 'b' }] }, 'script[0]: a step has exactly one of'],
    [{ ...minimal, script: [{ waitFor: 'x', timeoutMs: 5 }] }, 'script[0].timeoutMs: must be at least 100'],
    [{ ...minimal, view: { panels: ['console', 'console'] } }, 'view.panels: must not name a panel twice'],
    [{ ...minimal, view: { panels: ['radar'] } }, 'view.panels[0]: must be one of console'],
    [{ ...minimal, extra: 1 }, 'unknown field "extra"'],
    [{ ...minimal, title: '' }, 'title: must not be empty'],
    [{ version: 1, title: 'x' }, 'machine: '],
    [[], 'a scenario must be a JSON object'],
    [{ ...minimal, version: 2 }, 'format version 2, made by a newer kexec-lab'],
    [{ ...minimal, version: 0 }, 'version: must be 1'],
  ])('rejects %j with a message naming the field', (input, message) => {
    expect(errorOf(input)).toContain(message);
  });

  it('checks the replay log order and stop point', () => {
    const replay = (input: { cycle: number; instret: number; text: string }[]) => ({
      ...minimal,
      replay: { input, stopAt: { cycle: 100, instret: 90, stateHash: 'abc123' } },
    });
    expect(validateScenario(replay([{ cycle: 5, instret: 5, text: 'a' }])).replay?.input).toHaveLength(1);
    expect(
      errorOf(
        replay([
          { cycle: 9, instret: 9, text: 'a' },
          { cycle: 5, instret: 5, text: 'b' },
        ]),
      ),
    ).toContain('replay: input must be in clock order');
    expect(errorOf(replay([{ cycle: 500, instret: 5, text: 'a' }]))).toContain('before the stop point');
  });
});
