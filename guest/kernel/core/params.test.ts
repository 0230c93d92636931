// params.c built for the host by params_test.c: option lookup as the kexec code uses it
// (kexec_debug.*), and the __setup dispatch with Linux's "Unknown kernel command line
// parameters" report.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeHostTest } from '../host-test';

const here = dirname(fileURLToPath(import.meta.url));

describeHostTest(
  'kernel command line (host build of guest/kernel/core/params.c)',
  ['params_test.c', 'params.c'].map((f) => join(here, f)),
  ['find_option', 'find_option_bool', 'parse_args'],
);
