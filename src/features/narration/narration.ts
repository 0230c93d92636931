// What to tell the learner: one short paragraph per phase in plain words, and the two
// hazards of kexec called out when they happen (KEXEC.md section 3).

import { EVENT, PHASE } from '../../../workers/protocol/api';
import type { AppState } from '../../store/slices';
import { formatNs } from '../../app/format';

export const PHASE_TEXT: Record<number, { title: string; text: string }> = {
  0: {
    title: 'Power on',
    text: 'The machine has just been switched on. The CPU starts in the reset ROM, which points it at the firmware at 0x8000_0000 and hands it the device tree.',
  },
  [PHASE.FIRMWARE_POST]: {
    title: 'Firmware: power-on self test',
    text: 'The firmware runs in machine mode. It tests memory and finds the devices: this is the slow part of a cold boot that kexec will skip.',
  },
  [PHASE.FIRMWARE_BOOTLOADER]: {
    title: 'Firmware: boot loader',
    text: 'The firmware reads the kernel from the virtio disk, places it at 0x8040_0000, prepares the device tree and drops to supervisor mode to start it.',
  },
  [PHASE.KERNEL_BOOT]: {
    title: 'Kernel boot',
    text: 'The kernel takes over: it turns the MMU on (Sv32), maps RAM at 0xC000_0000, sets up its page allocator and probes its devices.',
  },
  [PHASE.SHELL_READY]: {
    title: 'Shell ready',
    text: 'The kernel is up and waiting at the prompt. Type `kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"` to stage a new kernel, then `kexec -e` to jump to it (or press Next phase).',
  },
  [PHASE.KEXEC_LOAD]: {
    title: 'kexec -l: staging the new kernel',
    text: 'kexec_load copies every page of the new kernel into freshly allocated source pages, never into their destination: the destination is the running kernel itself. It builds the entry list (indirection pages) and a control page outside every destination.',
  },
  [PHASE.DEVICE_SHUTDOWN]: {
    title: 'device_shutdown()',
    text: 'kexec -e: every driver’s ->shutdown runs, newest device first. Virtio devices are reset so that they stop DMA and interrupts: nothing may write into memory the new kernel is about to own.',
  },
  [PHASE.MACHINE_KEXEC]: {
    title: 'machine_kexec()',
    text: 'Interrupts off, “Bye...”: the old kernel jumps to the relocation routine it copied into the control page, passing the entry list, the new entry point and the device tree.',
  },
  [PHASE.RELOCATION]: {
    title: 'Relocation: the old kernel is overwritten',
    text: 'Running from the control page, with the MMU off, the routine copies each source page to its destination, right over the old kernel’s text and data. Watch the pages flip from kestrel-1.0 to kestrel-2.0.',
  },
  [PHASE.PURGATORY]: {
    title: 'Purgatory',
    text: 'A small program between the two kernels re-hashes every segment with SHA-256 and compares it with the digest computed at load time. Only if they match does it jump to the new kernel.',
  },
  [PHASE.PANIC]: {
    title: 'Kernel panic',
    text: 'The kernel has panicked. With a crash kernel loaded it would now jump to it without shutting devices down (kdump).',
  },
  [PHASE.REBOOT]: {
    title: 'Reboot through firmware',
    text: 'A cold reboot: the machine resets and goes back through the reset ROM, the firmware’s self test and boot loader. Compare its downtime with kexec’s.',
  },
};

export interface Callout {
  id: string;
  severity: 'hazard' | 'info' | 'error';
  text: string;
}

/** The kernel that booted most recently: the new one once a second KERNEL_BOOT appeared. */
export function kernelBoots(s: AppState): number {
  return s.tl_phases.filter((p) => p.code === PHASE.KERNEL_BOOT).length;
}

/** Hazards and failures to call out now, most important first. */
export function callouts(s: AppState): Callout[] {
  const out: Callout[] = [];
  const phaseSeen = (code: number): boolean => s.tl_phases.some((p) => p.code === code);
  const f = s.mach_config.faults;
  const inKexec = phaseSeen(PHASE.MACHINE_KEXEC) || phaseSeen(PHASE.RELOCATION);
  if (s.mach_status.state === 'hung' && s.mach_status.hang) {
    const h = s.mach_status.hang;
    out.push({
      id: 'hung',
      severity: 'error',
      text: `The guest is stuck: the CPU has been ${h.reason} in ${h.image} (${h.symbol}) since ${formatNs(h.sinceNs)} of simulated time. Reset starts over.`,
    });
  }
  if (f.relocateInPlace && inKexec) {
    out.push({
      id: 'hazard-overwrite',
      severity: 'hazard',
      text: 'Hazard 1, the overwrite: the copy loop is running from the old kernel’s own text instead of the control page. As it copies the new kernel over that text, it overwrites the very instructions it is executing, and the CPU goes on with half-copied bytes.',
    });
  } else if (f.relocateInPlace) {
    out.push({
      id: 'hazard-overwrite-armed',
      severity: 'info',
      text: 'Fault armed: kexec_debug.relocate_in_place=1. The next kexec -e relocates from the old kernel’s text.',
    });
  }
  const dmaAfter = s.dev_warnings.length > 0;
  if (f.skipShutdown && inKexec && !s.tl_events.some((e) => e.code === EVENT.DEVICE_SHUTDOWN)) {
    out.push({
      id: 'hazard-devices',
      severity: 'hazard',
      text: 'Hazard 2, the devices: device_shutdown() was skipped, so the network card is still running. No firmware will reset it: it keeps DMA-writing into its old receive buffers, which now belong to the new kernel.',
    });
  } else if (f.skipShutdown) {
    out.push({
      id: 'hazard-devices-armed',
      severity: 'info',
      text: 'Fault armed: kexec_debug.skip_shutdown=1. The next kexec -e leaves the devices running; turn network traffic on to see DMA land in the new kernel.',
    });
  }
  if (dmaAfter) {
    const w = s.dev_warnings[s.dev_warnings.length - 1];
    out.push({
      id: 'dma-foreign',
      severity: 'hazard',
      text:
        w.reason === 'orphaned'
          ? `${w.deviceName} is still DMA-writing after the kexec, with no driver left to own its buffers: ${w.pages} page${w.pages > 1 ? 's' : ''} in the latest frame landed in memory that now belongs to whoever runs next.`
          : `${w.deviceName} is writing into memory its driver no longer owns (${w.pages} page${w.pages > 1 ? 's' : ''} in the latest frame).`,
    });
  }
  if (s.tl_events.some((e) => e.code === EVENT.DIGEST_MISMATCH)) {
    out.push({
      id: 'digest',
      severity: 'error',
      text: 'Purgatory’s SHA-256 check failed: the new kernel’s bytes changed after they were loaded (“sha256 digests do not match :(”). Purgatory stops here rather than start a corrupted kernel.',
    });
  }
  if (s.tl_events.some((e) => e.code === EVENT.DEVICE_RESET_AT_PROBE) && kernelBoots(s) > 1) {
    out.push({
      id: 'probe-reset',
      severity: 'info',
      text: 'The new kernel reset the virtio device at probe, as the virtio init sequence requires: the remedy that stops a device left running.',
    });
  }
  return out;
}

/** Title and paragraph for the current phase (the new kernel's boot reads differently). */
export function phaseNarration(s: AppState): { title: string; text: string } {
  const base = PHASE_TEXT[s.mach_phase] ?? PHASE_TEXT[0];
  const boots = kernelBoots(s);
  if (boots > 1 && s.mach_phase === PHASE.KERNEL_BOOT) {
    return {
      title: 'The new kernel takes control',
      text: 'Purgatory jumped to the new kernel’s entry with a0 = hart id and a1 = the new device tree: no reset ROM, no POST, no boot loader. It now boots exactly as after a cold start, but on devices that nobody reset for it.',
    };
  }
  if (boots > 1 && s.mach_phase === PHASE.SHELL_READY) {
    return {
      title: 'Kestrel 2.0 is running',
      text: 'The new kernel reached its prompt without going through firmware. `cat /proc/cmdline` shows the command line kexec gave it; the timeline compares this downtime with a cold boot.',
    };
  }
  return base;
}
