// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryMap } from './MemoryMap';
import { KERNEL_PAGE, fakeMachine, relocateStep } from './fake-model';

afterEach(cleanup);

function page(bytes: number[]): Uint8Array {
  const p = new Uint8Array(4096);
  p.set(bytes);
  return p;
}

/** Lets pending animation frames and promises run. */
async function frames(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

describe('MemoryMap', () => {
  it('renders an accessible map, legend and controls without a 2D context', async () => {
    const fm = fakeMachine(64);
    render(<MemoryMap model={fm.model} readPage={async () => page([])} />);
    await frames();
    const canvas = screen.getByRole('img');
    // the summary follows on the beat after the first paint
    await waitFor(() =>
      expect(canvas.getAttribute('aria-label')).toMatch(/^Physical memory 64 MiB at 0x80000000, 16384 pages/),
    );
    expect(canvas.getAttribute('aria-label')).toContain('Kestrel 1.0 text');
    const legend = screen.getByRole('list', { name: 'Memory map legend' });
    const items = within(legend)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toContain('Kestrel 1.0 text');
    expect(items).toContain('Kestrel 2.0 text');
    expect(items).toContain('firmware');
    expect(items).toContain('program counter');
    for (const name of ['Zoom in', 'Zoom out', 'Show all memory', 'Centre on the program counter'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.getByTestId('memory-map-labels').textContent).toContain('free memory');
  });

  it('updates the summary when the model changes in place', async () => {
    const fm = fakeMachine(16);
    render(<MemoryMap model={fm.model} readPage={async () => page([])} />);
    await frames();
    const canvas = screen.getByRole('img');
    // Before relocation: the running kernel, and the new one staged by kexec -l.
    await waitFor(() => expect(canvas.getAttribute('aria-label')).toContain('96 pages Kestrel 1.0 text'));
    expect(canvas.getAttribute('aria-label')).toContain('96 pages Kestrel 2.0 text');
    let done = 0;
    for (let i = 0; i < 10; i++) done = relocateStep(fm, done, 96);
    // the summary is redone at most once a second (SUMMARY_MS)
    await waitFor(() => expect(canvas.getAttribute('aria-label')).toContain('192 pages Kestrel 2.0 text'), {
      timeout: 3000,
    });
    expect(canvas.getAttribute('aria-label')).not.toContain('Kestrel 1.0 text');
  });

  it('opens a hex view dialog from the keyboard, reads the page, and closes with Escape', async () => {
    const fm = fakeMachine(16);
    const onSelect = vi.fn();
    const readPage = vi.fn(async () => page([0x13, 0x05, 0x00, 0x00, 0x4b, 0x58]));
    render(<MemoryMap model={fm.model} onSelectPage={onSelect} readPage={readPage} />);
    await frames();
    const canvas = screen.getByRole('img');
    act(() => canvas.focus());
    fireEvent.keyDown(canvas, { key: 'p' }); // centre on the PC's page
    fireEvent.keyDown(canvas, { key: 'Enter' });
    await frames();
    expect(onSelect).toHaveBeenCalledTimes(1);
    const selected = onSelect.mock.calls[0][0] as number;
    expect(selected).toBe(fm.model.pcPage);
    expect(readPage).toHaveBeenCalledWith(selected);
    const dialog = screen.getByRole('dialog');
    const addr = (0x8000_0000 + selected * 4096).toString(16);
    expect(dialog.textContent).toContain(`${addr}  13 05 00 00 4b 58 00 00`);
    expect(dialog.textContent).toContain('|....KX..........|');
    expect(dialog.textContent).toContain('kestrel-1.0 .text');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close hex view');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await frames(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(canvas);
  });

  it('re-reads the open page when it is written again', async () => {
    const fm = fakeMachine(16);
    let calls = 0;
    const readPage = vi.fn(async () => page([++calls]));
    render(<MemoryMap model={fm.model} readPage={readPage} />);
    await frames();
    const canvas = screen.getByRole('img');
    act(() => canvas.focus());
    fireEvent.keyDown(canvas, { key: 'p' });
    fireEvent.keyDown(canvas, { key: 'Enter' });
    await frames();
    const before = readPage.mock.calls.length;
    relocateStep(fm, 0, 192); // overwrites the whole kernel, including the selected page
    await frames();
    expect(readPage.mock.calls.length).toBeGreaterThan(before);
  });

  it('zooms with buttons and keys, and says how big a cell is', async () => {
    const fm = fakeMachine(1024);
    render(<MemoryMap model={fm.model} readPage={async () => page([])} />);
    await frames();
    const scale = screen.getByTestId('memory-map-scale');
    // 1 GiB in the fallback 640 x 400 area: aggregate cells.
    expect(scale.textContent).toMatch(/^1 cell = \d+ pages$/);
    for (let i = 0; i < 6; i++) fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    await frames(1);
    expect(scale.textContent).toMatch(/^1 page = [\d.]+ px$/);
    const canvas = screen.getByRole('img');
    fireEvent.keyDown(canvas, { key: '0' });
    await frames(1);
    expect(scale.textContent).toMatch(/^1 cell = \d+ pages$/);
  });

  it('shows a tooltip for the page under the pointer and selects it on click', async () => {
    const fm = fakeMachine(16);
    const onSelect = vi.fn();
    render(<MemoryMap model={fm.model} onSelectPage={onSelect} readPage={async () => page([])} />);
    await frames();
    const canvas = screen.getByRole('img');
    // Fallback area 640 x 400, 16 MiB: 64 pages a row, 6 px a page (6.25 snapped), map centred.
    const x = (640 - 64 * 6) / 2 + 3 * 6 + 3;
    const y = (400 - 64 * 6) / 2 + 16 * 6 + 3; // row 16 = page 0x400, the kernel
    fireEvent.pointerMove(canvas, { clientX: x, clientY: y, pointerId: 1 });
    await frames(1);
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toContain('0x80403000–0x80403fff');
    expect(tip.textContent).toContain('content: kestrel-1.0 .text');
    fireEvent.pointerDown(canvas, { clientX: x, clientY: y, pointerId: 1, button: 0 });
    fireEvent.pointerUp(canvas, { clientX: x, clientY: y, pointerId: 1, button: 0 });
    await frames(1);
    expect(onSelect).toHaveBeenCalledWith(KERNEL_PAGE + 3);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('switches the fill between content and role, and the legend follows', async () => {
    const fm = fakeMachine(16);
    render(<MemoryMap model={fm.model} readPage={async () => page([])} />);
    await frames();
    const toggle = screen.getByTestId('memory-map-mode');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    const groups = () =>
      within(screen.getByRole('list', { name: 'Memory map legend' }))
        .getAllByRole('list')
        .map((l) => l.getAttribute('aria-label'));
    expect(groups()[0]).toBe('Content');
    fireEvent.click(toggle);
    await frames(1);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(groups()[0]).toBe('Role');
    expect(groups()[1]).toBe('Content (stripe)');
  });
});
