// The scenario picker: a modal list of the shipped scenarios. Arrow keys move between
// them, Enter opens one (its script starts), Escape closes; digits 1-9 pick directly.

import { useEffect, useRef } from 'react';
import { useController } from '../../app/context';
import { scenariosFor } from './scenarios';
import { SHIPPED } from './shipped';
import { useScenarios } from './scenario-store';

export function Gallery() {
  const c = useController();
  const sc = scenariosFor(c);
  const open = useScenarios((s) => s.galleryOpen);
  const currentId = useScenarios((s) => s.current.id);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    const items = list.current?.querySelectorAll<HTMLButtonElement>('button');
    const i = Math.max(
      0,
      SHIPPED.findIndex((s) => s.id === currentId),
    );
    items?.[i]?.focus();
  }, [open, currentId]);

  if (!open) return null;
  const close = () => sc.store.setState({ galleryOpen: false });
  const onKey = (e: React.KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (at + 1) % items.length;
    else if (e.key === 'ArrowUp') next = (at - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Escape') close();
    else if (/^[1-9]$/.test(e.key) && Number(e.key) <= SHIPPED.length) void sc.openShipped(Number(e.key) - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
    if (next >= 0) items[next]?.focus();
  };
  return (
    <div className="scn-backdrop" onClick={close}>
      <div
        className="scn-dialog scn-gallery"
        role="dialog"
        aria-modal="true"
        aria-labelledby="scn-gallery-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKey}
      >
        <h2 id="scn-gallery-title">Scenarios</h2>
        <p className="scn-hint">↑ ↓ to move, Enter to open, 1-{SHIPPED.length} to pick, Esc to close.</p>
        <ul ref={list} className="scn-cards" aria-label="Shipped scenarios">
          {SHIPPED.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className="scn-card"
                aria-current={s.id === currentId ? 'true' : undefined}
                aria-describedby={`scn-desc-${s.id}`}
                onClick={() => void sc.openShipped(i)}
              >
                <span className="scn-card-key" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="scn-card-title">{s.title}</span>
                <span className="scn-card-desc" id={`scn-desc-${s.id}`}>
                  {s.description}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}
