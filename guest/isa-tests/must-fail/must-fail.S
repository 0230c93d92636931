/*
 * must-fail.S - a program that must fail, with case 3, to prove the suite can fail:
 * cases 1 and 2 are true, case 3 claims 2 + 2 = 5. scripts/test-isa.ts requires
 * "FAIL test 3" from every runner, so a runner that always passes is caught.
 */
#include "isa.h"

	.text
	.globl	test_main
test_main:
	li	a1, 2
	add	a0, a1, a1
	CHECK	1, a0, 4
	CHECK	2, a1, 2
	CHECK	3, a0, 5
	PASS
