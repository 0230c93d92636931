// What a key does to the memory map's view (the canvas has focus): zoom, fit, pan, go
// to the PC's page, open the target page or zoom into the target block. Free of React,
// so the mapping is tested on a geometry-only painter.

import type { MapPainter } from './painter';
import { ZOOM_STEP } from './Toolbar';

/** Going to the PC zooms in at least this far (CSS pixels per page). */
export const PC_ZOOM_CSS_PX = 16;

/** What a key did: moved the view, asked to open a page, or nothing (not a map key). */
export type MapKeyResult = { kind: 'view' } | { kind: 'open'; page: number } | null;

export function applyMapKey(
  painter: MapPainter,
  key: string,
  shiftKey: boolean,
  pcPage: number,
): MapKeyResult {
  const step = (shiftKey ? 0.5 : 0.125) * Math.min(painter.width, painter.height);
  switch (key) {
    case '+':
    case '=':
      painter.zoom(ZOOM_STEP);
      break;
    case '-':
    case '_':
      painter.zoom(1 / ZOOM_STEP);
      break;
    case '0':
    case 'Home':
      painter.fit();
      break;
    case 'ArrowLeft':
      painter.pan(step, 0);
      break;
    case 'ArrowRight':
      painter.pan(-step, 0);
      break;
    case 'ArrowUp':
      painter.pan(0, step);
      break;
    case 'ArrowDown':
      painter.pan(0, -step);
      break;
    case 'p':
    case 'P':
      if (pcPage >= 0) painter.centreOn(pcPage, PC_ZOOM_CSS_PX);
      break;
    case 'Enter':
    case ' ':
      if (painter.blockSide() === 1) return { kind: 'open', page: painter.targetPage() };
      painter.zoom(painter.blockSide() * 2);
      break;
    default:
      return null;
  }
  return { kind: 'view' };
}
