// memblock.c, page_alloc.c and slab.c built for the host by mm_test.c: __va/__pa map into
// a simulated RAM buffer (-DKESTREL_HOST_TEST), under ASan and UBSan.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeHostTest } from '../host-test';

const here = dirname(fileURLToPath(import.meta.url));

describeHostTest(
  'memblock, page allocator and kmalloc (host build of guest/kernel/mm)',
  ['mm_test.c', 'memblock.c', 'page_alloc.c', 'slab.c'].map((f) => join(here, f)),
  [
    'memblock_merge',
    'memblock_free_ranges',
    'memblock_alloc_top_down',
    'page_alloc',
    'page_alloc_exhaustion',
    'kmalloc',
  ],
);
