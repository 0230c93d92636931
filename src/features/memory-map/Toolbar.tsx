// The memory map's view controls: zoom, show all, go to the PC, fill by content
// or by role, and the current scale. Every control is a labelled button.

import type { ColourMode } from './render';

/** One zoom step of the buttons and the +/- keys. */
export const ZOOM_STEP = 1.5;

export interface ToolbarProps {
  mode: ColourMode;
  scaleText: string;
  onZoom(factor: number): void;
  onFit(): void;
  onCentrePc(): void;
  onToggleMode(): void;
}

export function Toolbar({ mode, scaleText, onZoom, onFit, onCentrePc, onToggleMode }: ToolbarProps) {
  return (
    <div className="mm-toolbar" role="toolbar" aria-label="Memory map view">
      <button
        type="button"
        onClick={() => onZoom(ZOOM_STEP)}
        aria-label="Zoom in"
        data-testid="memory-map-zoom-in"
      >
        +
      </button>
      <button
        type="button"
        onClick={() => onZoom(1 / ZOOM_STEP)}
        aria-label="Zoom out"
        data-testid="memory-map-zoom-out"
      >
        −
      </button>
      <button type="button" onClick={onFit} aria-label="Show all memory" data-testid="memory-map-fit">
        All
      </button>
      <button
        type="button"
        onClick={onCentrePc}
        aria-label="Centre on the program counter"
        data-testid="memory-map-centre-pc"
      >
        PC
      </button>
      <button
        type="button"
        aria-pressed={mode === 'role'}
        onClick={onToggleMode}
        data-testid="memory-map-mode"
      >
        {mode === 'content' ? 'Fill: content' : 'Fill: role'}
      </button>
      <span className="mm-scale" data-testid="memory-map-scale">
        {scaleText}
      </span>
    </div>
  );
}
