// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Controls } from './Controls';
import { actionForKey, isTypingTarget, ACTIONS } from './actions';
import { AppContext } from '../../app/context';
import { testController } from '../../app/test-controller';
import { handleShortcut } from '../../app/use-keyboard';

afterEach(cleanup);

function ready(store: ReturnType<typeof testController>['store'], state: 'running' | 'paused' = 'running') {
  store.setState({ sess_conn: 'ready', mach_status: { state, detail: '', hang: null } });
}

describe('actions', () => {
  it('binds space, right arrow and dot, each once', () => {
    expect(actionForKey(' ')?.id).toBe('run-pause');
    expect(actionForKey('ArrowRight')?.id).toBe('next-phase');
    expect(actionForKey('.')?.id).toBe('step-instruction');
    const keys = ACTIONS.filter((a) => a.key).map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('keeps shortcuts away from the console and form fields', () => {
    const con = document.createElement('div');
    con.setAttribute('data-console', '');
    const ta = document.createElement('textarea');
    con.append(ta);
    document.body.append(con);
    expect(isTypingTarget(ta)).toBe(true);
    expect(isTypingTarget(document.createElement('select'))).toBe(true);
    expect(isTypingTarget(document.body)).toBe(false);
    con.remove();
  });
});

describe('Controls', () => {
  it('runs and pauses by button and by key, and steps by key', () => {
    const { controller, api, store } = testController();
    void controller.boot();
    ready(store);
    render(
      <AppContext.Provider value={controller}>
        <Controls />
      </AppContext.Provider>,
    );
    const pause = screen.getByRole('button', { name: /Pause/ });
    expect(pause.getAttribute('aria-keyshortcuts')).toBe('Space');
    fireEvent.click(pause);
    expect(api.pause).toHaveBeenCalled();
    ready(store, 'paused');
    const ev = new KeyboardEvent('keydown', { key: '.' });
    Object.defineProperty(ev, 'target', { value: document.body });
    expect(handleShortcut(ev, controller)).toBe(true);
    expect(api.stepInstruction).toHaveBeenCalledWith(1);
    const ev2 = new KeyboardEvent('keydown', { key: 'ArrowRight' });
    Object.defineProperty(ev2, 'target', { value: document.body });
    handleShortcut(ev2, controller);
    expect(api.stepPhase).toHaveBeenCalled();
  });
  it('hazard switches are switches; turning one on reboots with the fault on the command line', async () => {
    const { controller, api, store } = testController();
    ready(store);
    render(
      <AppContext.Provider value={controller}>
        <Controls />
      </AppContext.Provider>,
    );
    const sw = screen.getByRole('switch', { name: /Skip device shutdown/ });
    expect(sw.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(sw);
    await Promise.resolve();
    expect(api.loadScenario).toHaveBeenCalledWith(
      expect.objectContaining({
        cmdline: 'kexec_debug.skip_shutdown=1',
        faults: { relocateInPlace: false, skipShutdown: true },
      }),
    );
    expect(screen.getByRole('switch', { name: /Skip device shutdown/ }).getAttribute('aria-checked')).toBe(
      'true',
    );
    expect(screen.getByRole('combobox', { name: /Speed/ })).toBeTruthy();
    expect(screen.getByRole('toolbar', { name: 'Machine controls' })).toBeTruthy();
  });
});
