// The serial output of the current machine: kept as text for the test hook and replayed
// into the terminal, with listeners for new bytes and for a new machine (clear).

export interface SerialListener {
  bytes(b: Uint8Array): void;
  reset(): void;
}

/** Keep at most this many characters of text (the terminal has its own scrollback). */
const MAX_TEXT = 4 << 20;

export class SerialLog {
  private decoder = new TextDecoder();
  private chunks: string[] = [];
  private length = 0;
  private readonly listeners = new Set<SerialListener>();

  push(b: Uint8Array): void {
    if (b.length === 0) return;
    const s = this.decoder.decode(b, { stream: true });
    this.chunks.push(s);
    this.length += s.length;
    if (this.length > MAX_TEXT) {
      const all = this.text().slice(-MAX_TEXT / 2);
      this.chunks = [all];
      this.length = all.length;
    }
    for (const l of this.listeners) l.bytes(b);
  }

  /** A new machine: forget everything. */
  clear(): void {
    this.decoder = new TextDecoder();
    this.chunks = [];
    this.length = 0;
    for (const l of this.listeners) l.reset();
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  /** Subscribe; returns the unsubscribe function. The listener first gets the text so far. */
  listen(l: SerialListener): () => void {
    this.listeners.add(l);
    const t = this.text();
    if (t) l.bytes(new TextEncoder().encode(t));
    return () => this.listeners.delete(l);
  }
}
