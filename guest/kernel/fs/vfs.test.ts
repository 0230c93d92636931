// vfs.c built for the host by vfs_test.c, over a small cpio archive and virtual files:
// lookup with implied directories, sorted listings, the errors the shell prints
// (ENOENT, EISDIR, EROFS, EACCES), and the sysfs show/store API kexec uses.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeHostTest } from '../host-test';

const here = dirname(fileURLToPath(import.meta.url));
const kernel = resolve(here, '..');

describeHostTest(
  'file namespace (host build of guest/kernel/fs/vfs.c)',
  [
    join(here, 'vfs_test.c'),
    join(here, 'vfs.c'),
    ...['memblock.c', 'page_alloc.c', 'slab.c'].map((f) => join(kernel, 'mm', f)),
    resolve(kernel, '../lib/cpio.c'),
  ],
  ['readdir', 'read_archive', 'write_errors', 'sysfs_store_show', 'seek_and_dup'],
);
