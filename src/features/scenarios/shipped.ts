// The scenarios that ship with kexec-lab, each with its narration. They go through the
// same validation as a shared link, so a mistake here fails the unit tests.

import { validateScenario, type Scenario, type ScenarioInput } from '../../../workers/protocol/scenario';

export const LOAD_CMD = 'kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"';

const bootToShell: ScenarioInput['script'] = [{ waitFor: 'Welcome to Kestrel 1.0' }, { waitFor: '# ' }];

const basic: ScenarioInput = {
  version: 1,
  id: 'basic-kexec',
  title: 'Basic kexec: Kestrel 1.0 to 2.0',
  description:
    'The old kernel loads the new one into free memory, then hands over: the new kernel is copied over the old one, page by page, and started without going back to the firmware.',
  machine: { ramMiB: 64, netPps: 0 },
  script: [
    {
      caption:
        'Power on: the firmware tests the RAM, loads Kestrel 1.0 and jumps to it. The memory map colours each page by what it holds.',
    },
    ...bootToShell,
    {
      caption:
        'Step 1, kexec -l: the new kernel is read from the disk into free pages (KEXEC_SOURCE), and a list of pages to copy is built.',
    },
    { type: `${LOAD_CMD}\n` },
    { waitFor: '# ' },
    {
      caption:
        'Step 2, kexec -e: devices are shut down, then the CPU jumps to the control page, whose small loop copies the new kernel over the old one. We stop when the copy starts.',
    },
    { type: 'kexec -e\n' },
    {
      caption:
        'Relocation is about to start: press Run (or space) and watch the kernel pages turn from Kestrel 1.0 to Kestrel 2.0 while the CPU runs from the control page.',
    },
    { pauseAt: 'RELOCATION' },
    { waitFor: 'Welcome to Kestrel 2.0' },
    { waitFor: '# ' },
    {
      caption:
        'Kestrel 2.0 runs at the very addresses Kestrel 1.0 used. No firmware, no memory test: that is the time kexec saves.',
    },
  ],
  view: { panels: ['console', 'memory', 'cpu', 'timeline', 'narration'], speed: 'realtime' },
};

const versusReboot: ScenarioInput = {
  version: 1,
  id: 'kexec-vs-reboot',
  title: 'kexec against a cold reboot',
  description:
    'The same machine restarts twice: once the long way (reboot: firmware, memory test, boot loader) and once by kexec. The chart puts both downtimes side by side, in simulated time.',
  machine: { ramMiB: 64, netPps: 0 },
  script: [
    { caption: 'First a cold reboot: the whole path from the firmware, memory test included.' },
    ...bootToShell,
    { type: 'reboot\n' },
    { waitFor: 'Welcome to Kestrel 1.0' },
    { waitFor: '# ' },
    { caption: 'Now the same restart by kexec: load Kestrel 2.0 and jump straight into it.' },
    { type: `${LOAD_CMD}\n` },
    { waitFor: '# ' },
    { type: 'kexec -e\n' },
    { waitFor: 'Welcome to Kestrel 2.0' },
    { waitFor: '# ' },
    {
      caption:
        'Both downtimes, measured on the same machine from the moment the restart began to the next shell prompt. The firmware and its memory test are what kexec skips.',
    },
  ],
  view: { panels: ['console', 'chart', 'timeline', 'narration'], speed: 'max' },
};

const overwrite: ScenarioInput = {
  version: 1,
  id: 'overwrite-hazard',
  title: 'The overwrite hazard',
  description:
    'kexec_debug.relocate_in_place=1: the copy loop runs from the old kernel’s own text instead of the safe control page, so the copy overwrites the very instructions that are doing the copying.',
  machine: { ramMiB: 64, netPps: 0 },
  faults: { relocateInPlace: true },
  script: [
    {
      caption:
        'This kernel is booted with kexec_debug.relocate_in_place=1: at kexec -e it will relocate from its own text, not from the control page.',
    },
    ...bootToShell,
    { type: `${LOAD_CMD}\n` },
    { waitFor: '# ' },
    { caption: 'kexec -e. We stop at the start of relocation: look at where the CPU is running.' },
    { type: 'kexec -e\n' },
    {
      caption:
        'The copy loop sits in kernel text, in a page the copy will overwrite with Kestrel 2.0. Once that page is replaced, the CPU executes the new kernel’s bytes in the middle of the old loop.',
    },
    { pauseAt: 'RELOCATION' },
    {
      caption:
        'The CPU is lost in half-copied code. This is why Linux copies the relocation code to a control page outside every destination first. Reset and try the basic scenario.',
    },
  ],
  view: { panels: ['console', 'memory', 'cpu', 'narration', 'timeline'], speed: 'realtime' },
};

const devices: ScenarioInput = {
  version: 1,
  id: 'device-hazard',
  title: 'The device hazard',
  description:
    'kexec_debug.skip_shutdown=1 and a busy network: the virtio-net card is never told to stop, so it keeps writing received packets into memory that now belongs to the new kernel. Toggle the remedies and run it again.',
  machine: { ramMiB: 64, netPps: 10000 },
  faults: { skipShutdown: true },
  script: [
    {
      caption:
        'The network card receives 10000 packets per second by DMA into buffers its driver gave it. This kernel skips device_shutdown() at kexec.',
    },
    ...bootToShell,
    { type: `${LOAD_CMD}\n` },
    { waitFor: '# ' },
    { caption: 'kexec -e without shutting the card down: watch the devices panel and the memory map.' },
    { type: 'kexec -e\n' },
    {
      caption:
        'The card still holds the old driver’s buffer addresses and keeps writing there, into pages that now belong to the new kernel. Purgatory’s digest may catch it; if not, the new kernel runs on corrupted memory.',
    },
    { pauseAt: 'PURGATORY' },
    { waitFor: 'Kestrel 2.0' },
    {
      caption:
        'Remedies: turn skip_shutdown off (the driver resets the card before the jump) or the traffic down, and run the scenario again.',
    },
  ],
  view: {
    panels: ['console', 'memory', 'devices', 'narration', 'timeline'],
    speed: 'realtime',
    remedies: true,
  },
};

/** The gallery, in order (presenter keys 1-9 pick by position). */
export const SHIPPED: readonly Scenario[] = [basic, versusReboot, overwrite, devices].map((s) =>
  validateScenario(s),
);

export const DEFAULT_SCENARIO: Scenario = SHIPPED[0];

export function shippedById(id: string): Scenario | undefined {
  return SHIPPED.find((s) => s.id === id);
}
