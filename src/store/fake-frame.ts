// A Frame builder for UI tests (a fake frame source: no worker, no machine).

import type { CpuFrame, Frame } from '../../workers/protocol/frame';
import { BASE_CONTENT_KINDS } from '../../workers/protocol/pages';

export function fakeCpu(over: Partial<CpuFrame> = {}): CpuFrame {
  return {
    pc: 0x8000_0000,
    priv: 3,
    regs: new Uint32Array(32),
    csrs: [{ name: 'mstatus', value: 0 }],
    satpMode: 'bare',
    interruptsOn: false,
    interruptsText: 'M: off (mstatus.MIE = 0)',
    instret: 0,
    cycles: 0,
    insn: 0x13,
    disasm: 'nop',
    image: 'firmware',
    symbol: '_start',
    pcPhys: 0x8000_0000,
    pcRole: 1,
    ...over,
  };
}

export function fakeFrame(over: Partial<Frame> = {}): Frame {
  return {
    seq: 1,
    generation: 1,
    ramBase: 0x8000_0000,
    pageCount: 16,
    status: { state: 'running', detail: '', hang: null },
    simNs: 0,
    cpu: fakeCpu(),
    devices: null,
    pages: {
      index: new Uint32Array(0),
      role: new Uint8Array(0),
      content: new Uint16Array(0),
      writer: new Uint8Array(0),
      full: false,
    },
    exec: new Uint32Array(0),
    contentKinds: null,
    serial: new Uint8Array(0),
    events: [],
    dmaWarnings: [],
    orphans: [],
    config: { ramMiB: 64, netPps: 0, cmdline: '', faults: { relocateInPlace: false, skipShutdown: false } },
    speed: 'realtime',
    stateHash: '',
    bytes: 100,
    ...over,
  };
}

export const KINDS = [
  ...BASE_CONTENT_KINDS,
  { id: 2, image: 'kestrel-1.0', section: '.text', label: 'kestrel-1.0 .text' },
  { id: 3, image: 'kestrel-2.0', section: '.text', label: 'kestrel-2.0 .text' },
];
