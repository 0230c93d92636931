// xterm.js 6 redraws the selection after every scroll: its selection service schedules
// a redraw request, and the DOM renderer answers any such request by rebuilding every
// row, on top of the rows the scroll itself made it rebuild. With nothing selected,
// before or after, that second rebuild draws exactly what is already there. A kernel
// booting at maximum speed scrolls on every write, so the console did the same work
// twice, and this was the console's largest cost in a max-speed profile.
//
// The guard below skips a selection redraw when there was no selection at the last
// redraw and there is none now. It reaches into xterm's private selection service:
// when that is not shaped as expected (another xterm version), it does nothing.

interface SelectionServiceLike {
  refresh(isLinuxMouseSelection?: boolean): void;
  readonly hasSelection: boolean;
}

/** Installs the guard on `term`; returns whether it could. */
export function skipIdleSelectionRedraws(term: object): boolean {
  const core = (term as { _core?: { _selectionService?: unknown } })._core;
  const svc = core?._selectionService as SelectionServiceLike | undefined;
  if (!svc || typeof svc.refresh !== 'function' || typeof svc.hasSelection !== 'boolean') return false;
  const refresh = svc.refresh.bind(svc);
  let shown = false;
  svc.refresh = (isLinuxMouseSelection?: boolean): void => {
    const has = svc.hasSelection;
    if (!has && !shown) return; // nothing selected then or now: nothing to draw or erase
    shown = has;
    refresh(isLinuxMouseSelection);
  };
  return true;
}
