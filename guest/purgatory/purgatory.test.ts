// Purgatory is one flat blob that the kexec tool puts wherever locate_hole finds room,
// with no relocation: every address in it must be pc-relative. This builds purgatory
// exactly as guest/tools/build.ts does (same flags, same sources, our purgatory.ld), links
// it at 0 and again at an unrelated base, and requires the two flat images to be
// identical over the code purgatory can reach. It also checks the info block's contract
// with the tool (purgatory.h): magic and memsz at PURGATORY_INFO_OFFSET.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CFLAGS, PURGATORY_FLAGS, TOOLS } from '../tools/build';

const HERE = dirname(fileURLToPath(import.meta.url));
const GUEST = resolve(HERE, '..');
const work = mkdtempSync(join(tmpdir(), 'purgatory-test-'));

const PURGATORY_MAGIC = 0x47525550;
const PURGATORY_INFO_OFFSET = 0x10;

function sources(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(c|S)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Links purgatory with its own script moved to base, with build.ts's flags; returns the flat binary. */
function build(base: number): Uint8Array {
  let script = readFileSync(join(HERE, 'purgatory.ld'), 'utf8').replace(
    /\. = 0;/,
    `. = 0x${base.toString(16)};`,
  );
  // Elsewhere, the two asserts about offset 0 no longer hold; the rest stay.
  if (base) script = script.replace(/^ASSERT\(purgatory_(start|info) .*$/gm, '');
  const ld = join(work, `purgatory-${base}.ld`);
  writeFileSync(ld, script);
  const elf = join(work, `purgatory-${base}.elf`);
  const bin = elf.replace(/\.elf$/, '.bin');
  execFileSync(
    TOOLS.cc,
    [
      ...CFLAGS,
      ...PURGATORY_FLAGS,
      `-I${GUEST}`,
      `-Wl,-T,${ld}`,
      '-o',
      elf,
      ...sources(HERE),
      ...sources(join(GUEST, 'lib')),
    ],
    { stdio: 'pipe' },
  );
  execFileSync(TOOLS.objcopy, ['-O', 'binary', elf, bin]);
  return new Uint8Array(readFileSync(bin));
}

describe('purgatory image', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has the tool contract at PURGATORY_INFO_OFFSET', () => {
    if (spawnSync(TOOLS.cc, ['--version']).status !== 0) throw new Error(`${TOOLS.cc} not found`);
    const bin = build(0);
    const v = new DataView(bin.buffer, bin.byteOffset);
    expect(v.getUint32(PURGATORY_INFO_OFFSET, true)).toBe(PURGATORY_MAGIC);
    const memsz = v.getUint32(PURGATORY_INFO_OFFSET + 4, true);
    // memsz covers the file and the 4 KiB stack in .bss after it.
    expect(memsz).toBeGreaterThanOrEqual(bin.length + 4096);
    expect(memsz).toBeLessThanOrEqual(0x10000);
    // --gc-sections leaves purgatory and the few lib functions it calls (sha256, memcmp):
    // one page of blob, not the 24 KB of all of guest/lib.
    expect(bin.length).toBeLessThanOrEqual(4096);
  });

  it('is position independent: linked at two bases, the reachable code is byte-identical', () => {
    // --gc-sections keeps what purgatory_start reaches; unreachable lib code (such as
    // printf's jump tables) may hold absolute addresses without harm.
    const at0 = build(0);
    const elsewhere = build(0x1234_5000);
    expect(at0.length).toBeGreaterThan(0x100);
    expect(Buffer.from(elsewhere).equals(Buffer.from(at0))).toBe(true);
  });
});
