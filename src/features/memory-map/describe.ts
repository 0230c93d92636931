// Words for the map: tooltips, the canvas's accessible summary and the legend.
// Everything a screen reader or a test needs comes from here, not from pixels.

import type { PageModel } from '../../../workers/protocol/pages';
import { hex32 } from './hex';
import {
  CONTENT_CLASS_COUNT,
  CPU_FLASH_RGB,
  DMA_FLASH_RGB,
  EXEC_RGB,
  PC_OUTLINE_CSS,
  classOfKind,
  rgbToCss,
  roleName,
  roleRgb,
  writerName,
  type Palette,
} from './palette';
import type { ColourMode, Presence } from './render';

export const PAGE_BYTES = 4096;

export function pageAddress(model: PageModel, page: number): number {
  return (model.ramBase + page * PAGE_BYTES) >>> 0;
}

export function contentLabel(model: PageModel, kindId: number): string {
  const direct = model.contentKinds[kindId];
  const kind = direct && direct.id === kindId ? direct : model.contentKinds.find((k) => k.id === kindId);
  if (kind) return kind.label;
  return kindId === 0 ? 'zero' : 'unknown data';
}

/** Human size: 64 MiB, 1 GiB, 512 KiB. */
export function formatSize(bytes: number): string {
  if (bytes >= 1 << 30 && bytes % (1 << 30) === 0) return `${bytes / (1 << 30)} GiB`;
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

export interface PageInfo {
  page: number;
  range: string;
  role: string;
  content: string;
  writer: string;
  lastWriteFrame: number;
  executing: boolean;
  isPc: boolean;
}

export function describePage(model: PageModel, page: number): PageInfo {
  const start = pageAddress(model, page);
  return {
    page,
    range: `${hex32(start)}–${hex32(start + PAGE_BYTES - 1)}`,
    role: roleName(model.role[page]),
    content: contentLabel(model, model.content[page]),
    writer: writerName(model.writer[page]),
    lastWriteFrame: model.lastWriteFrame[page],
    executing: model.exec[page] !== 0,
    isPc: model.pcPage === page,
  };
}

/** Tooltip lines for a single page. */
export function pageTooltip(model: PageModel, page: number): string[] {
  const d = describePage(model, page);
  const lines = [
    `${d.range} (page ${page})`,
    `role: ${d.role}`,
    `content: ${d.content}`,
    `last writer: ${d.writer}${model.writer[page] !== 0 ? `, frame ${d.lastWriteFrame}` : ''}`,
  ];
  if (d.isPc) lines.push('the program counter is in this page');
  else if (d.executing) lines.push('the CPU is executing from this page');
  return lines;
}

function topCounts(labels: string[], limit: number): string {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([l, c]) => `${c} ${l}`)
    .join(', ');
}

/** Tooltip lines for an aggregate cell of several pages. */
export function blockTooltip(model: PageModel, pages: number[], k: number): string[] {
  if (pages.length === 0) return [];
  const first = pageAddress(model, pages[0]);
  const last = pageAddress(model, pages[pages.length - 1]) + PAGE_BYTES - 1;
  const writers = pages.filter((p) => model.writer[p] >= 2).length;
  const lines = [
    `${pages.length} pages (${k}×${k} block), ${hex32(first)}–${hex32(last >>> 0)}`,
    `content: ${topCounts(
      pages.map((p) => contentLabel(model, model.content[p])),
      3,
    )}`,
    `roles: ${topCounts(
      pages.map((p) => roleName(model.role[p])),
      3,
    )}`,
  ];
  if (writers > 0) lines.push(`${writers} last written by DMA`);
  if (pages.includes(model.pcPage)) lines.push('the program counter is in this block');
  lines.push('click to zoom in');
  return lines;
}

/** The canvas's accessible name: RAM size, what the pages hold, and where the PC is. */
export function mapSummary(model: PageModel, palette: Palette): string {
  const classCounts = new Uint32Array(CONTENT_CLASS_COUNT);
  const roleCounts = new Uint32Array(256);
  const n = model.pageCount;
  const { content, role } = model;
  const { classOf } = palette;
  // counted by runs of pages with the same content and role (RAM is mostly long runs)
  let run = 0;
  let kind = -1;
  let r = -1;
  for (let p = 0; p < n; p++) {
    if (content[p] === kind && role[p] === r) {
      run++;
      continue;
    }
    if (run > 0) {
      classCounts[classOf[kind]] += run;
      roleCounts[r] += run;
    }
    kind = content[p];
    r = role[p];
    run = 1;
  }
  if (run > 0) {
    classCounts[classOf[kind]] += run;
    roleCounts[r] += run;
  }
  const parts: string[] = [];
  const order = [...classCounts.keys()]
    .filter((c) => classCounts[c] > 0)
    .sort((a, b) => classCounts[b] - classCounts[a]);
  for (const c of order) parts.push(`${classCounts[c]} pages ${palette.classes[c].label}`);
  const roles: string[] = [];
  for (let r = 1; r < 256; r++) if (roleCounts[r] > 0) roles.push(`${roleCounts[r]} ${roleName(r)}`);
  let text = `Physical memory ${formatSize(n * PAGE_BYTES)} at ${hex32(model.ramBase)}, ${n} pages: ${parts.join(', ')}.`;
  if (roles.length > 0) text += ` Roles: ${roles.join(', ')}.`;
  if (model.pcPage >= 0 && model.pcPage < n) {
    const cls = palette.classes[classOfKind(palette, model.content[model.pcPage])];
    text += ` Program counter in page ${hex32(pageAddress(model, model.pcPage))} (${cls.label}).`;
  } else {
    text += ' Program counter outside RAM.';
  }
  return text;
}

export type LegendStyle = 'fill' | 'stripe' | 'flash' | 'corner' | 'outline';

export interface LegendEntry {
  key: string;
  group: 'content' | 'role' | 'marker';
  label: string;
  color: string;
  style: LegendStyle;
}

/** The legend for what is on screen now, content first in content mode, roles first in role mode. */
export function legendEntries(
  pres: Presence,
  palette: Palette,
  mode: ColourMode,
  pcVisible: boolean,
): LegendEntry[] {
  const content: LegendEntry[] = [];
  for (let c = 0; c < CONTENT_CLASS_COUNT; c++) {
    if (pres.classes & (1 << c)) {
      const info = palette.classes[c];
      content.push({
        key: `content-${c}`,
        group: 'content',
        label: info.label,
        color: rgbToCss(info.rgb),
        style: mode === 'content' ? 'fill' : 'stripe',
      });
    }
  }
  const roles: LegendEntry[] = [];
  for (let r = 0; r < 32; r++) {
    if (!(pres.roles & (1 << r))) continue;
    // A free page has no stripe in content mode: nothing to explain.
    if (r === 0 && mode === 'content') continue;
    roles.push({
      key: `role-${r}`,
      group: 'role',
      label: roleName(r),
      color: rgbToCss(roleRgb(r)),
      style: mode === 'role' ? 'fill' : 'stripe',
    });
  }
  const markers: LegendEntry[] = [];
  if (pcVisible)
    markers.push({
      key: 'pc',
      group: 'marker',
      label: 'program counter',
      color: PC_OUTLINE_CSS,
      style: 'outline',
    });
  if (pres.exec)
    markers.push({
      key: 'exec',
      group: 'marker',
      label: 'executing',
      color: rgbToCss(EXEC_RGB),
      style: 'corner',
    });
  if (pres.flashCpu)
    markers.push({
      key: 'flash-cpu',
      group: 'marker',
      label: 'just written by the CPU',
      color: rgbToCss(CPU_FLASH_RGB),
      style: 'flash',
    });
  if (pres.flashDma || pres.dmaWritten)
    markers.push({
      key: 'dma',
      group: 'marker',
      label: 'written by device DMA',
      color: rgbToCss(DMA_FLASH_RGB),
      style: 'flash',
    });
  return mode === 'content' ? [...content, ...roles, ...markers] : [...roles, ...content, ...markers];
}
