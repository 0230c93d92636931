// Text updates for values that change many times a second (registers, counters).

/**
 * Sets `el`'s text by changing its text node in place. `textContent =` replaces the
 * node, so the browser drops and rebuilds its layout object (a tree change) where a
 * changed string in place is only new text to shape: several times cheaper in a
 * max-speed frame that updates forty values at once.
 */
export function setText(el: Element, text: string): void {
  const t = el.firstChild;
  if (t !== null && t === el.lastChild && t.nodeType === 3 /* Node.TEXT_NODE */) {
    const node = t as Text;
    if (node.data !== text) node.data = text;
  } else if (el.textContent !== text) {
    el.textContent = text;
  }
}
