// The hex view of one page: a non-modal dialog over the map with the page's
// address range, role, content and last writer, and its 4096 bytes as xxd lines.

import { useEffect, useId, useRef, useState } from 'react';
import type { PageModel } from '../../../workers/protocol/pages';
import { describePage, pageAddress } from './describe';
import { hexLines } from './hex';

export interface HexViewProps {
  model: PageModel;
  page: number;
  /** Changes when the page is written again, so the bytes are re-read. */
  writeStamp: number;
  readPage(index: number): Promise<Uint8Array>;
  onClose(): void;
}

type Load = { state: 'loading' } | { state: 'ok'; lines: string[] } | { state: 'error'; message: string };

export function HexView({ model, page, writeStamp, readPage, onClose }: HexViewProps) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reloads, setReloads] = useState(0);
  const base = pageAddress(model, page);

  useEffect(() => {
    closeRef.current?.focus();
  }, [page]);

  useEffect(() => {
    let live = true;
    readPage(page).then(
      (bytes) => {
        if (live) setLoad({ state: 'ok', lines: hexLines(bytes, base) });
      },
      (err: unknown) => {
        if (live) setLoad({ state: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [page, base, readPage, writeStamp, reloads]);

  const info = describePage(model, page);
  return (
    <div
      className="mm-hex"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="memory-map-hex"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="mm-hex-head">
        <h3 id={titleId} className="mm-hex-title">
          Page {info.range}
        </h3>
        <button type="button" onClick={() => setReloads((n) => n + 1)} aria-label="Read the page again">
          Reload
        </button>
        <button type="button" ref={closeRef} onClick={onClose} aria-label="Close hex view">
          ×
        </button>
      </div>
      <dl className="mm-hex-facts">
        <dt>role</dt>
        <dd>{info.role}</dd>
        <dt>content</dt>
        <dd>{info.content}</dd>
        <dt>last writer</dt>
        <dd>{info.writer}</dd>
      </dl>
      {load.state === 'loading' && <p className="mm-hex-status">Reading page…</p>}
      {load.state === 'error' && (
        <p className="mm-hex-status" role="alert">
          Could not read the page: {load.message}
        </p>
      )}
      {load.state === 'ok' && (
        <pre className="mm-hex-dump" tabIndex={0} aria-label={`Bytes of page ${info.range}`}>
          {load.lines.join('\n')}
        </pre>
      )}
    </div>
  );
}
