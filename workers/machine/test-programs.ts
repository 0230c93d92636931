// Hand-assembled bare programs for machine-level tests (no guest images, no compiler).

import { A0, A1, A5, Asm, CSR, makeElf, S0, S1, T0, T1, T2, ZERO } from './test-asm';
import { CLINT_BASE, PLIC_BASE, RAM_BASE, SYSCON_BASE, UART0_BASE } from './memmap';

export const TOHOST = RAM_BASE + 0x8000;

export function bare(build: (a: Asm) => void, symbols: Record<string, number> = {}): Uint8Array {
  const a = new Asm(RAM_BASE);
  build(a);
  return makeElf({ entry: RAM_BASE, segments: [{ paddr: RAM_BASE, data: a.assemble() }], symbols });
}

export function powerOff(a: Asm, value = 0x5555): Asm {
  return a.label('halt').li(T0, SYSCON_BASE).li(T1, value).sw(T1, 0, T0).j('halt');
}

export function hello(): Uint8Array {
  return bare((a) => {
    a.li(S0, UART0_BASE);
    for (const c of 'hello\n') a.li(T1, c.charCodeAt(0)).sb(T1, 0, S0);
    powerOff(a);
  });
}

/** Three timer interrupts 1000 ticks apart, printing '*' each, then power off. */
export function timerProgram(): Uint8Array {
  return bare((a) => {
    a.la(T0, 'handler').csrw(CSR.mtvec, T0);
    a.li(S0, CLINT_BASE + 0xbff8).lw(T1, 0, S0);
    a.li(S1, CLINT_BASE + 0x4000)
      .addi(T1, T1, 1000)
      .sw(ZERO, 4, S1)
      .sw(T1, 0, S1);
    a.li(T2, 0x80).csrw(CSR.mie, T2).csrsi(CSR.mstatus, 8);
    a.label('loop').wfi().j('loop');
    a.label('handler').li(T0, UART0_BASE).li(T1, 42).sb(T1, 0, T0);
    a.addi(A5, A5, 1).li(T1, 3).beq(A5, T1, 'halt');
    a.lw(T1, 0, S1).addi(T1, T1, 1000).sw(T1, 0, S1).mret();
    powerOff(a);
  });
}

/** Echo UART input through PLIC interrupts (context 0, MEIP); 'q' powers off. */
export function echoProgram(): Uint8Array {
  return bare((a) => {
    a.la(T0, 'handler').csrw(CSR.mtvec, T0);
    a.li(S0, UART0_BASE).li(T1, 1).sb(T1, 1, S0); // IER = ERBFI
    a.li(S1, PLIC_BASE)
      .li(T1, 1)
      .sw(T1, 4 * 10, S1); // priority[10] = 1
    a.li(T2, PLIC_BASE + 0x2000)
      .li(T1, 1 << 10)
      .sw(T1, 0, T2); // enable, context 0
    a.li(T2, PLIC_BASE + 0x200000).sw(ZERO, 0, T2); // threshold 0
    a.li(T1, 0x800).csrw(CSR.mie, T1).csrsi(CSR.mstatus, 8); // MEIE, MIE
    a.label('loop').wfi().j('loop');
    a.label('handler')
      .li(T2, PLIC_BASE + 0x200004)
      .lw(T1, 0, T2); // claim
    a.label('rx').lbu(A0, 5, S0).andi(A0, A0, 1).beq(A0, ZERO, 'done');
    a.lbu(A0, 0, S0).li(A1, 'q'.charCodeAt(0)).beq(A0, A1, 'halt');
    a.sb(A0, 0, S0).j('rx');
    a.label('done').sw(T1, 0, T2).mret(); // complete
    powerOff(a);
  });
}

function puts(a: Asm, s: string): Asm {
  for (const c of s) a.li(T1, c.charCodeAt(0)).sb(T1, 0, S0);
  return a;
}

/** A polling line editor: prints "ready> ", echoes, and answers Enter with "ok" and a new prompt. */
export function promptProgram(): Uint8Array {
  return bare((a) => {
    a.li(S0, UART0_BASE);
    puts(a, 'ready> ');
    a.label('poll').lbu(A0, 5, S0).andi(A0, A0, 1).beq(A0, ZERO, 'poll');
    a.lbu(A0, 0, S0).li(A1, 13).beq(A0, A1, 'enter');
    a.sb(A0, 0, S0).j('poll');
    a.label('enter');
    puts(a, '\r\nok\r\nready> ');
    a.j('poll');
  });
}
