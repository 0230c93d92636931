// Mounts the memory map (src/features/memory-map, its own helper's work) on the live
// PageModel. The model object is replaced when a new machine starts, so this re-renders
// on the machine generation.

import { MemoryMap } from '../features/memory-map/MemoryMap';
import { useController } from './context';
import { useApp } from '../store/store';

export function MemoryMapSlot() {
  const c = useController();
  useApp((s) => s.mach_generation, c.store);
  return (
    <section className="panel memory-panel" aria-label="Memory map">
      <MemoryMap
        model={c.pages.model}
        takeChanges={() => c.pages.takeChanges()}
        feed={c.pages}
        readPage={(i) => c.readPage(i)}
        onSelectPage={() => {}}
      />
    </section>
  );
}
