// The legend: an HTML list of what is on screen now, each entry with a swatch
// drawn the way the map draws it (fill, stripe, flash, corner mark, outline).

import type { LegendEntry } from './describe';

export function Legend({ entries }: { entries: LegendEntry[] }) {
  return (
    <ul className="mm-legend" aria-label="Memory map legend" data-testid="memory-map-legend">
      {entries.map((e) => (
        <li key={e.key} className="mm-legend-item" data-legend={e.key}>
          <span className={`mm-swatch mm-swatch-${e.style}`} style={{ ['--mm-swatch' as string]: e.color }} />
          {e.label}
        </li>
      ))}
    </ul>
  );
}
