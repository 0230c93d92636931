// Machine settings from the page's query string (?ram=1024&pps=1000&speed=max&faults=
// relocate,skip-shutdown): for links, benchmarks and tests. Scenarios proper travel in
// the fragment (#s=...), which the scenarios feature owns.

import type { MachineConfig, Speed } from '../../workers/protocol/frame';
import { DEFAULT_CONFIG } from '../store/slices';

export function configFromQuery(search: string): {
  config: MachineConfig;
  speed: Speed | null;
  paused: boolean;
} {
  const q = new URLSearchParams(search);
  const config: MachineConfig = { ...DEFAULT_CONFIG, faults: { ...DEFAULT_CONFIG.faults } };
  const ram = Number(q.get('ram'));
  if (Number.isInteger(ram) && ram >= 16 && ram <= 1024) config.ramMiB = ram;
  const pps = Number(q.get('pps'));
  if (Number.isFinite(pps) && pps >= 0 && pps <= 1_000_000) config.netPps = pps;
  const cmd = q.get('cmdline');
  if (cmd) config.cmdline = cmd.slice(0, 512);
  const faults = (q.get('faults') ?? '').split(',');
  config.faults.relocateInPlace = faults.includes('relocate');
  config.faults.skipShutdown = faults.includes('skip-shutdown');
  const sp = q.get('speed');
  let speed: Speed | null = null;
  if (sp === 'max' || sp === 'realtime') speed = sp;
  else if (sp && /^\d+$/.test(sp)) speed = { slowIps: Math.max(1, Number(sp)) };
  return { config, speed, paused: q.get('paused') === '1' };
}
