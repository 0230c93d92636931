// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AppContext } from '../../app/context';
import { testController } from '../../app/test-controller';
import { Gallery } from './Gallery';
import { Presenter } from './Presenter';
import { scenarioStore } from './scenario-store';
import { scenariosFor } from './scenarios';
import { SHIPPED } from './shipped';

afterEach(() => {
  cleanup();
  scenarioStore.setState({ galleryOpen: false, presenter: false });
});

function mount() {
  const t = testController();
  render(
    <AppContext.Provider value={t.controller}>
      <Gallery />
      <Presenter />
    </AppContext.Provider>,
  );
  return t;
}

const flush = () => act(() => new Promise((r) => setTimeout(r, 20)));

describe('Gallery', () => {
  it('is a modal dialog listing every shipped scenario, keyboard driven', async () => {
    const t = mount();
    act(() => scenarioStore.setState({ galleryOpen: true }));
    const dialog = screen.getByRole('dialog', { name: 'Scenarios' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const items = screen.getAllByRole('button', { name: /kexec|hazard/i }).filter((b) => b.closest('li'));
    expect(items.map((b) => b.querySelector('.scn-card-title')?.textContent)).toEqual(
      SHIPPED.map((s) => s.title),
    );
    expect(document.activeElement).toBe(items[0]); // the current scenario
    fireEvent.keyDown(dialog, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(dialog, { key: 'ArrowUp' });
    fireEvent.keyDown(dialog, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items[items.length - 1]); // wraps
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(t.api.loadScenario).not.toHaveBeenCalled();
  });

  it('opening a scenario boots its machine with its faults and traffic', async () => {
    const t = mount();
    act(() => scenarioStore.setState({ galleryOpen: true }));
    fireEvent.click(screen.getByRole('button', { name: /The device hazard/ }));
    await flush();
    expect(t.api.loadScenario).toHaveBeenCalledWith(
      expect.objectContaining({ ramMiB: 64, netPps: 10000, cmdline: 'kexec_debug.skip_shutdown=1' }),
    );
    expect(scenarioStore.getState().current.id).toBe('device-hazard');
    expect(screen.queryByRole('dialog')).toBeNull();
    scenariosFor(t.controller).runner.stop();
  });
});

describe('Presenter', () => {
  it('takes the keys: digits pick scenarios, space runs, Escape leaves', async () => {
    const t = mount();
    act(() => scenarioStore.setState({ presenter: true }));
    expect(screen.getByRole('complementary', { name: 'Presenter caption' })).toBeTruthy();
    fireEvent.keyDown(window, { key: '3' });
    await flush();
    expect(t.api.loadScenario).toHaveBeenCalledWith(
      expect.objectContaining({ cmdline: 'kexec_debug.relocate_in_place=1' }),
    );
    scenariosFor(t.controller).runner.stop();
    t.store.setState({ mach_status: { state: 'paused', detail: '', hang: null } });
    const runs = t.api.run.mock.calls.length;
    fireEvent.keyDown(window, { key: ' ' });
    await flush();
    expect(t.api.run.mock.calls.length).toBe(runs + 1);
    fireEvent.keyDown(window, { key: 'Escape' });
    await flush();
    expect(scenarioStore.getState().presenter).toBe(false);
    expect(screen.queryByRole('complementary')).toBeNull();
  });
});
