// The legend: an HTML list of what is on screen now, in groups (content,
// role, marks), each entry with a swatch drawn the way the map draws it
// (fill, stripe, flash, corner mark, outline).

import type { LegendEntry } from './describe';

const GROUP_TITLE: Record<LegendEntry['group'], { fill: string; stripe: string }> = {
  content: { fill: 'Content', stripe: 'Content (stripe)' },
  role: { fill: 'Role', stripe: 'Role (stripe)' },
  marker: { fill: 'Marks', stripe: 'Marks' },
};

export function Legend({ entries }: { entries: LegendEntry[] }) {
  const groups: { group: LegendEntry['group']; items: LegendEntry[] }[] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.group === e.group) last.items.push(e);
    else groups.push({ group: e.group, items: [e] });
  }
  return (
    <ul className="mm-legend" aria-label="Memory map legend" data-testid="memory-map-legend">
      {groups.map(({ group, items }) => {
        const title = GROUP_TITLE[group][items[0].style === 'stripe' ? 'stripe' : 'fill'];
        return (
          <li key={group} className="mm-legend-group">
            <span className="mm-legend-title">{title}</span>
            <ul className="mm-legend-items" aria-label={title}>
              {items.map((e) => (
                <li key={e.key} className="mm-legend-item" data-legend={e.key}>
                  <span
                    className={`mm-swatch mm-swatch-${e.style}`}
                    style={{ ['--mm-swatch' as string]: e.color }}
                  />
                  {e.label}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
