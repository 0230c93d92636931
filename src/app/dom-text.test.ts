// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { setText } from './dom-text';

describe('setText', () => {
  it('changes the one text node in place, keeping the node', () => {
    const el = document.createElement('span');
    setText(el, '0x00000000');
    const node = el.firstChild;
    setText(el, '0x0000dead');
    expect(el.textContent).toBe('0x0000dead');
    expect(el.firstChild).toBe(node);
    expect(el.childNodes).toHaveLength(1);
  });

  it('replaces anything else (elements, several nodes, nothing) with one text node', () => {
    const el = document.createElement('div');
    el.innerHTML = '<b>x</b>y';
    setText(el, 'plain');
    expect(el.innerHTML).toBe('plain');
    const empty = document.createElement('div');
    setText(empty, '');
    expect(empty.childNodes).toHaveLength(0);
    setText(empty, 'now');
    expect(empty.textContent).toBe('now');
  });
});
