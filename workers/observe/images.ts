// The guest images a session needs: the firmware and disk the machine boots from, and
// every image whose pages and symbols the observer should recognise. Fetched by URL
// from public/images/ (the worker) or read from disk (tests), then indexed once.

import { ContentTable, addPurgatory, findPurgatoryBlob } from './content-table';
import { parseElf32 } from './elf';
import { SymbolTable } from './symbols';

/** Reads one file of the images directory; resolves null when it does not exist. */
export type ImageFetcher = (name: string) => Promise<Uint8Array | null>;

/** Images the observer knows, by display name -> file stem in public/images/. */
export const KNOWN_IMAGES = ['firmware', 'kestrel-1.0', 'kestrel-2.0'] as const;

export interface LoadedImages {
  firmware: Uint8Array;
  /** null when the images directory has no disk.img (the machine then has no disk) */
  disk: Uint8Array | null;
  table: ContentTable;
  symbols: Map<string, SymbolTable>;
}

/** Fetch with the browser's fetch: `base` is the absolute URL of the images directory. */
export function urlFetcher(base: string): ImageFetcher {
  const dir = base.endsWith('/') ? base : `${base}/`;
  return async (name) => {
    const res = await fetch(new URL(name, dir));
    // a dev server answers a missing file with its index.html: that is no image either
    if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html')) return null;
    return new Uint8Array(await res.arrayBuffer());
  };
}

export async function loadImages(fetchFile: ImageFetcher): Promise<LoadedImages> {
  const [firmware, disk] = await Promise.all([fetchFile('firmware.elf'), fetchFile('disk.img')]);
  if (!firmware) throw new Error('firmware.elf is missing from the images directory');
  const table = new ContentTable();
  const symbols = new Map<string, SymbolTable>();
  const files = await Promise.all(
    KNOWN_IMAGES.map(async (name) => {
      const [elf, sym] = await Promise.all([
        name === 'firmware' ? Promise.resolve(firmware) : fetchFile(`${name}.elf`),
        fetchFile(`${name}.sym`),
      ]);
      return { name, elf, sym };
    }),
  );
  let purgatoryFound = false;
  for (const { name, elf, sym } of files) {
    if (!elf) continue;
    const image = parseElf32(elf);
    table.addElf(name, image);
    const syms = sym ? SymbolTable.parse(new TextDecoder().decode(sym)) : undefined;
    if (syms) symbols.set(name, syms);
    if (!purgatoryFound && syms && name !== 'firmware') {
      const blob = findPurgatoryBlob(image, syms);
      if (blob) {
        addPurgatory(table, blob);
        purgatoryFound = true;
      }
    }
  }
  const purgSym = await fetchFile('purgatory.sym');
  if (purgSym) symbols.set('purgatory', SymbolTable.parse(new TextDecoder().decode(purgSym)));
  return { firmware, disk, table, symbols };
}
