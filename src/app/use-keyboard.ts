// Keyboard shortcuts from the action table: space run/pause, right arrow next phase,
// `.` one instruction. Not while the console or a form field has focus, and space is
// left to a focused button (it presses the button).

import { useEffect } from 'react';
import { actionForKey, isTypingTarget } from '../features/controls/actions';
import type { AppController } from './controller';

export function handleShortcut(e: KeyboardEvent, c: AppController): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (isTypingTarget(e.target)) return false;
  const tag = (e.target as Element | null)?.tagName;
  if (
    e.key === ' ' &&
    (tag === 'BUTTON' || (e.target as Element | null)?.getAttribute?.('role') === 'switch')
  )
    return false;
  const a = actionForKey(e.key);
  if (!a) return false;
  const s = c.store.getState();
  if (a.enabled && !a.enabled(s)) return false;
  e.preventDefault();
  void a.perform(c);
  return true;
}

export function useKeyboard(c: AppController): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      handleShortcut(e, c);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c]);
}
