import { describe, expect, it } from 'vitest';
import { blockTooltip, formatSize, legendEntries, mapSummary, pageTooltip } from './describe';
import { ContentClassId, buildPalette } from './palette';
import { emptyPresence } from './render';
import { FAKE_KINDS, KERNEL_PAGE, fakeMachine, relocateStep } from './fake-model';

const palette = buildPalette(FAKE_KINDS);

describe('page words', () => {
  it('describes a page: address range, role, content, last writer', () => {
    const fm = fakeMachine(64);
    const lines = pageTooltip(fm.model, KERNEL_PAGE + 1);
    expect(lines[0]).toBe('0x80401000–0x80401fff (page 1025)');
    expect(lines).toContain('role: kexec destination');
    expect(lines).toContain('content: kestrel-1.0 .text');
    expect(lines.some((l) => l.startsWith('last writer: CPU'))).toBe(true);
    const dma = pageTooltip(fm.model, fm.dmaPage);
    expect(dma).toContain('role: DMA buffer');
    expect(dma.some((l) => l.startsWith('last writer: DMA (virtio-net)'))).toBe(true);
    expect(pageTooltip(fm.model, fm.model.pcPage)).toContain('the program counter is in this page');
  });

  it('summarises an aggregate block', () => {
    const fm = fakeMachine(64);
    const pages = [KERNEL_PAGE, KERNEL_PAGE + 1, KERNEL_PAGE + 64, KERNEL_PAGE + 65];
    const lines = blockTooltip(fm.model, pages, 2);
    expect(lines[0]).toBe('4 pages (2×2 block), 0x80400000–0x80441fff');
    expect(lines[1]).toBe('content: 4 kestrel-1.0 .text');
  });

  it('gives the canvas an accessible summary that follows relocation', () => {
    const fm = fakeMachine(64);
    const before = mapSummary(fm.model, palette);
    expect(before).toMatch(/^Physical memory 64 MiB at 0x80000000, 16384 pages: \d+ pages zero \(empty\)/);
    expect(before).toContain('96 pages Kestrel 1.0 text');
    expect(before).toContain('192 kexec destination');
    expect(before).toContain('Program counter in page 0x8040a000 (Kestrel 1.0 text).');
    relocateStep(fm, 0, 40);
    const during = mapSummary(fm.model, palette);
    expect(during).toContain('56 pages Kestrel 1.0 text');
    expect(during).toContain('Kestrel 2.0 text');
    expect(during).toMatch(/Program counter in page 0x[0-9a-f]{8} \(purgatory\)/);
  });

  it('formats RAM sizes', () => {
    expect(formatSize(16 << 20)).toBe('16 MiB');
    expect(formatSize(1 << 30)).toBe('1 GiB');
    expect(formatSize(4096)).toBe('4 KiB');
  });
});

describe('legend', () => {
  it('lists only what is visible, content first in content mode', () => {
    const pres = emptyPresence();
    pres.classes = (1 << ContentClassId.OldText) | (1 << ContentClassId.Zero);
    pres.roles = (1 << 0) | (1 << 2) | (1 << 7);
    pres.flashDma = true;
    const items = legendEntries(pres, palette, 'content', true);
    expect(items.map((e) => e.label)).toEqual([
      'zero (empty)',
      'Kestrel 1.0 text',
      'kernel text',
      'DMA buffer',
      'program counter',
      'written by device DMA',
    ]);
    expect(items.find((e) => e.key === 'role-2')?.style).toBe('stripe');
  });

  it('puts roles first and lists free memory in role mode', () => {
    const pres = emptyPresence();
    pres.classes = 1 << ContentClassId.NewText;
    pres.roles = 1 << 0;
    pres.exec = true;
    pres.flashCpu = true;
    const items = legendEntries(pres, palette, 'role', false);
    expect(items.map((e) => [e.label, e.style])).toEqual([
      ['free', 'fill'],
      ['Kestrel 2.0 text', 'stripe'],
      ['executing', 'corner'],
      ['just written by the CPU', 'flash'],
    ]);
  });
});
