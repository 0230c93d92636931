// Every user command, registered once as an object (id, label, key, perform); buttons and
// the keyboard both go through this table (one place binds shortcuts).

import type { AppController } from '../../app/controller';
import type { AppState } from '../../store/slices';

export interface Action {
  id: string;
  /** Label for buttons and ARIA; may depend on the state (Run / Pause). */
  label(s: AppState): string;
  /** KeyboardEvent.key that triggers it (outside the console), if any. */
  key?: string;
  /** Shown next to the label. */
  keyHint?: string;
  enabled?(s: AppState): boolean;
  perform(c: AppController): void | Promise<unknown>;
}

const canRun = (s: AppState): boolean => s.sess_conn === 'ready' && s.mach_status.state !== 'loading';

export const ACTIONS: readonly Action[] = [
  {
    id: 'run-pause',
    label: (s) => (s.mach_status.state === 'running' ? 'Pause' : 'Run'),
    key: ' ',
    keyHint: 'Space',
    enabled: (s) => canRun(s) && s.mach_status.state !== 'poweredOff',
    perform: (c) => c.toggleRun(),
  },
  {
    id: 'step-instruction',
    label: () => 'Step instruction',
    key: '.',
    keyHint: '.',
    enabled: (s) => canRun(s) && s.mach_status.state !== 'poweredOff',
    perform: (c) => c.stepInstruction(1),
  },
  {
    id: 'next-phase',
    label: () => 'Next phase',
    key: 'ArrowRight',
    keyHint: '→',
    enabled: (s) => canRun(s) && s.mach_status.state !== 'poweredOff',
    perform: (c) => c.stepPhase(),
  },
  {
    id: 'reset',
    label: () => 'Reset',
    keyHint: '',
    // always enabled: reset is the way out of every bad state
    perform: (c) => c.reset(),
  },
];

export function actionById(id: string): Action {
  const a = ACTIONS.find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
}

/** The action bound to a key press, or null. */
export function actionForKey(key: string): Action | null {
  return ACTIONS.find((a) => a.key === key) ?? null;
}

/**
 * Whether a key event target is somewhere typing belongs (the console, a form field):
 * shortcuts are off there.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as Element;
  if (el.closest('[data-console]')) return true;
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  // Space and Enter belong to a focused button or switch
  return false;
}
