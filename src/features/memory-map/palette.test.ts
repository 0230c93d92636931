import { describe, expect, it } from 'vitest';
import {
  ContentClassId,
  blendPixel,
  buildPalette,
  classOfKind,
  pixelToRgb,
  prettyImage,
  sectionKind,
  toPixel,
  writerName,
} from './palette';
import { FAKE_KINDS } from './fake-model';

/** Blue-yellow opponent channel: survives red-green colour blindness. */
function yellowness(rgb: number): number {
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  return (r + g) / 2 - b;
}

describe('palette', () => {
  it('classifies content kinds by image and section', () => {
    const p = buildPalette(FAKE_KINDS);
    expect(classOfKind(p, 0)).toBe(ContentClassId.Zero);
    expect(classOfKind(p, 1)).toBe(ContentClassId.Data);
    expect(classOfKind(p, 2)).toBe(ContentClassId.Firmware);
    expect(classOfKind(p, 4)).toBe(ContentClassId.OldText);
    expect(classOfKind(p, 5)).toBe(ContentClassId.OldRodata);
    expect(classOfKind(p, 6)).toBe(ContentClassId.OldData);
    expect(classOfKind(p, 7)).toBe(ContentClassId.NewText);
    expect(classOfKind(p, 9)).toBe(ContentClassId.NewData);
    expect(classOfKind(p, 10)).toBe(ContentClassId.Purgatory);
    expect(classOfKind(p, 999)).toBe(ContentClassId.Data);
    expect(p.classes[ContentClassId.OldText].label).toBe('Kestrel 1.0 text');
    expect(p.classes[ContentClassId.NewRodata].label).toBe('Kestrel 2.0 rodata');
  });

  it('orders kernels by version, not by the order kinds arrive', () => {
    const reversed = [...FAKE_KINDS].reverse();
    const p = buildPalette(reversed);
    expect(p.kernels).toEqual(['kestrel-1.0', 'kestrel-2.0']);
    expect(classOfKind(p, 7)).toBe(ContentClassId.NewText);
    const q = buildPalette([
      { id: 2, image: 'kestrel-10.0', section: '.text', label: '' },
      { id: 3, image: 'kestrel-9.1', section: '.text', label: '' },
    ]);
    expect(q.kernels).toEqual(['kestrel-9.1', 'kestrel-10.0']);
  });

  it('draws the old kernel warm and the new kernel cool, also for red-green colour blindness', () => {
    const p = buildPalette(FAKE_KINDS);
    for (const c of [ContentClassId.OldText, ContentClassId.OldRodata, ContentClassId.OldData])
      expect(yellowness(p.classes[c].rgb)).toBeGreaterThan(40);
    for (const c of [ContentClassId.NewText, ContentClassId.NewRodata, ContentClassId.NewData])
      expect(yellowness(p.classes[c].rgb)).toBeLessThan(-40);
  });

  it('maps section names', () => {
    expect(sectionKind('.text.startup')).toBe('text');
    expect(sectionKind('.srodata')).toBe('rodata');
    expect(sectionKind('.sbss')).toBe('data');
    expect(sectionKind('.data')).toBe('data');
    expect(sectionKind('.comment')).toBe('other');
  });

  it('packs ImageData pixels little-endian and blends toward a colour', () => {
    const px = toPixel(0x112233);
    const bytes = new Uint8Array(new Uint32Array([px]).buffer);
    expect([...bytes]).toEqual([0x11, 0x22, 0x33, 0xff]);
    expect(pixelToRgb(px)).toBe(0x112233);
    expect(pixelToRgb(blendPixel(toPixel(0x000000), 0xffffff, 0.5))).toBe(0x7f7f7f);
    expect(blendPixel(px, 0xffffff, 0)).toBe(px);
  });

  it('names writers and images', () => {
    expect(writerName(1)).toBe('CPU');
    expect(writerName(3)).toBe('DMA (virtio-net)');
    expect(writerName(2)).toBe('DMA (virtio-blk)');
    expect(writerName(9)).toBe('DMA (virtio slot 7)');
    expect(prettyImage('kestrel-2.0')).toBe('Kestrel 2.0');
  });
});
