/*
 * lib_test.c - host-side checks of guest/lib, compiled with the host's C
 * compiler by lib.test.ts. Usage: lib_test <dtb> [<cpio archive>].
 * Prints "FAIL ..." for each failed check and exits non-zero if any failed;
 * the cpio listing is printed for the TypeScript side to compare.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lib/cpio.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/sha256.h"
#include "lib/string.h"

u64 __udivdi3(u64 n, u64 d);
u64 __umoddi3(u64 n, u64 d);
s64 __divdi3(s64 n, s64 d);
s64 __moddi3(s64 n, s64 d);

static int failures;

#define CHECK(cond, ...)                                          \
	do {                                                      \
		if (!(cond)) {                                    \
			failures++;                               \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);             \
			fputc('\n', stderr);                      \
		}                                                 \
	} while (0)

static void
expect_fmt(const char *want, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	CHECK(!strcmp(buf, want) && n == (int)strlen(want), "fmt \"%s\": got \"%s\" (%d), want \"%s\"",
	      fmt, buf, n, want);
}

static void
test_printf(void)
{
	char small[6];
	int n;

	expect_fmt("   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	expect_fmt("ff FF 377 0", "%x %X %o %u", 255, 255, 255, 0);
	expect_fmt("-2147483648 4294967295", "%d %u", (int)0x80000000, 0xffffffffu);
	expect_fmt("-1234567890123", "%lld", -1234567890123LL);
	expect_fmt("18446744073709551615", "%llu", 18446744073709551615ULL);
	expect_fmt("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	expect_fmt("00000000deadbeef", "%016llx", 0xdeadbeefULL);
	expect_fmt("abc|xy|  hi|hi  |", "%.3s|%.*s|%4s|%-4s|", "abcdef", 2, "xyz", "hi", "hi");
	expect_fmt("    -7|-7    |", "%*d|%-*d|", 6, -7, 6, -7);
	expect_fmt("0x00001234", "%p", (void *)0x1234);
	expect_fmt("x%  y|", "%c%%%3c|", 'x', 'y');
	expect_fmt("12 34 1", "%zu %ld %hd", (size_t)12, 34L, 65537);
	expect_fmt("[    0.001234]", "[%5u.%06u]", 0u, 1234u);
	expect_fmt("-0042 0042", "%05d %.4d", -42, 42);
	expect_fmt("(null)", "%s", (char *)NULL);
	n = snprintf(small, sizeof(small), "%s", "truncated");
	CHECK(n == 9 && !strcmp(small, "trunc"), "snprintf truncation: %d \"%s\"", n, small);
}

static void
test_string(void)
{
	char buf[16], *end;
	char ov[] = "abcdefgh";

	CHECK(strtoul("0x1F", &end, 0) == 31 && *end == 0, "strtoul hex");
	CHECK(strtoul("017", &end, 0) == 15, "strtoul octal");
	CHECK(strtoul("42abc", &end, 10) == 42 && *end == 'a', "strtoul stops at a non-digit");
	CHECK(strtoul("ff", NULL, 16) == 255 && simple_strtoul("10", NULL, 0) == 10, "strtoul base");
	CHECK(memparse("64M", &end) == 64ULL << 20 && *end == 0, "memparse 64M");
	CHECK(memparse("512K@0x100", &end) == 512 << 10 && *end == '@', "memparse 512K");
	CHECK(memparse("1G", NULL) == 1ULL << 30, "memparse 1G");
	CHECK(memparse("0x1000", NULL) == 0x1000, "memparse hex");
	CHECK(strlcpy(buf, "hello world, long", 8) == 17 && !strcmp(buf, "hello w"), "strlcpy");
	CHECK(strstr("console=ttyS0 earlycon", "earlycon") != NULL && !strstr("abc", "abd"), "strstr");
	CHECK(!strcmp(strrchr("/boot/vmlinuz", '/'), "/vmlinuz") && !strchr("abc", 'z'), "strrchr");
	CHECK(strncmp("abcX", "abcY", 3) == 0 && strcmp("a", "b") < 0 && memcmp("ab", "ac", 2) < 0,
	      "compare");
	memmove(ov + 2, ov, 5);
	CHECK(!memcmp(ov, "ababcdeh", 8), "memmove overlap forward: %s", ov);
	memmove(ov, ov + 3, 4);
	CHECK(!memcmp(ov, "bcdecdeh", 8), "memmove overlap backward: %s", ov);
	memset(buf, 'z', 11);
	buf[11] = 0;
	CHECK(strlen(buf) == 11 && strnlen(buf, 4) == 4 && memchr(buf, 'z', 3) == buf, "memset");
}

static void
test_libgcc(void)
{
	static const u64 nums[] = { 0, 1, 7, 1000000007ULL, 0xffffffffULL, 0x100000000ULL,
				    0x123456789abcdef0ULL, 0xffffffffffffffffULL, 0x8000000000000001ULL };

	for (size_t i = 0; i < ARRAY_SIZE(nums); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(nums); j++) {
			u64 a = nums[i], b = nums[j];
			s64 sa = (s64)a, sb = (s64)b;

			if (!b)
				continue;
			CHECK(__udivdi3(a, b) == a / b && __umoddi3(a, b) == a % b,
			      "unsigned %llx / %llx", (unsigned long long)a, (unsigned long long)b);
			if (sb == -1 && sa == INT64_MIN)
				continue;
			CHECK(__divdi3(sa, sb) == sa / sb && __moddi3(sa, sb) == sa % sb,
			      "signed %lld / %lld", (long long)sa, (long long)sb);
			CHECK(__divdi3(-sa, sb) == -sa / sb && __moddi3(-sa, sb) == -sa % sb,
			      "signed %lld / %lld", (long long)-sa, (long long)sb);
		}
	}
}

static void
expect_sha(const char *hex, const u8 *data, size_t len, size_t chunk)
{
	struct sha256_state st;
	u8 out[32];
	char got[65];

	sha256_init(&st);
	for (size_t off = 0; off < len; off += chunk)
		sha256_update(&st, data + off, len - off < chunk ? len - off : chunk);
	sha256_final(&st, out);
	for (int i = 0; i < 32; i++)
		snprintf(got + 2 * i, 3, "%02x", out[i]);
	CHECK(!strcmp(got, hex), "sha256 of %zu bytes (chunk %zu): %s", len, chunk, got);
}

static void
test_sha256(void)
{
	static u8 million[1000000];
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	u8 out[32];

	expect_sha("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		   (const u8 *)"", 0, 1);
	expect_sha("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		   (const u8 *)"abc", 3, 1);
	expect_sha("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		   (const u8 *)two, strlen(two), 7);
	memset(million, 'a', sizeof(million));
	expect_sha("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", million,
		   sizeof(million), 4093);
	sha256((const u8 *)"abc", 3, out);
	CHECK(out[0] == 0xba && out[31] == 0xad, "one-shot sha256");
}

static int
count_nodes(const void *fdt)
{
	int n = 0, depth = 0;

	for (int off = fdt_next_node(fdt, -1, &depth); off >= 0 && depth > 0;
	     off = fdt_next_node(fdt, off, &depth))
		n++;
	return n;
}

static void
test_fdt_read(const void *fdt)
{
	int chosen, uart, mem, len, soc, n, virtio;
	u64 addr, size;
	u32 irq;
	const char *s;

	CHECK(fdt_check_header(fdt) == 0, "header");
	CHECK(fdt_check_header("not a dtb at all, not at all!!!!!!!!!!!!!!") == -FDT_ERR_BADMAGIC,
	      "bad magic");
	chosen = fdt_path_offset(fdt, "/chosen");
	CHECK(chosen > 0, "/chosen: %d", chosen);
	s = fdt_getprop(fdt, chosen, "bootargs", &len);
	CHECK(s && !strcmp(s, "console=ttyS0 quiet") && len == 20, "bootargs");
	CHECK(fdt_path_offset(fdt, "/nonexistent") == -FDT_ERR_NOTFOUND, "missing path");
	uart = fdt_node_offset_by_compatible(fdt, -1, "ns16550a");
	CHECK(uart > 0 && !strcmp(fdt_get_name(fdt, uart, NULL), "serial@10000000"), "uart");
	CHECK(fdt_get_reg(fdt, uart, 0, &addr, &size) == 0 && addr == 0x10000000 && size == 0x100,
	      "uart reg %llx %llx", (unsigned long long)addr, (unsigned long long)size);
	CHECK(fdt_getprop_u32(fdt, uart, "interrupts", &irq) == 0 && irq == 10, "uart irq");
	CHECK(fdt_path_offset(fdt, "/soc/serial@10000000") == uart, "path with unit address");
	CHECK(fdt_path_offset(fdt, "/soc/serial") == uart, "path without unit address");
	mem = fdt_path_offset(fdt, "/memory");
	CHECK(mem > 0 && fdt_get_reg(fdt, mem, 0, &addr, &size) == 0 && addr == 0x80000000 &&
		      size == 64 << 20,
	      "memory reg");
	CHECK(fdt_get_reg(fdt, mem, 1, &addr, &size) == -FDT_ERR_NOTFOUND, "reg index past end");
	soc = fdt_parent_offset(fdt, uart);
	CHECK(soc > 0 && !strcmp(fdt_get_name(fdt, soc, NULL), "soc"), "parent");
	CHECK(fdt_address_cells(fdt, 0) == 2 && fdt_size_cells(fdt, 0) == 2, "root cells");
	n = 0;
	for (virtio = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); virtio >= 0;
	     virtio = fdt_node_offset_by_compatible(fdt, virtio, "virtio,mmio"))
		n++;
	CHECK(n == 8, "8 virtio,mmio nodes, got %d", n);
	n = 0;
	for (int c = fdt_first_subnode(fdt, soc); c >= 0; c = fdt_next_subnode(fdt, c))
		n++;
	CHECK(n >= 12, "soc children %d", n);
	CHECK(fdt_node_check_compatible(fdt, uart, "ns16550") == 1, "compatible mismatch");
	CHECK(fdt_num_mem_rsv(fdt) == 0, "no reservations");
}

static void
test_fdt_write(const void *src)
{
	static u8 buf[16384] __attribute__((aligned(8)));
	int nodes = count_nodes(src), root, rsv, fw, chosen, len;
	u64 addr, size;
	const char *s;

	CHECK(fdt_open_into(src, buf, 100) == -FDT_ERR_NOSPACE, "open_into too small");
	CHECK(fdt_open_into(src, buf, sizeof(buf)) == 0, "open_into");
	CHECK(fdt_totalsize(buf) == sizeof(buf), "open_into totalsize");
	chosen = fdt_path_offset(buf, "/chosen");
	CHECK(fdt_setprop_string(buf, chosen, "bootargs", "console=ttyS0 earlycon=sbi") == 0,
	      "replace bootargs");
	CHECK(fdt_setprop_u64(buf, chosen, "linux,initrd-start", 0x81000000ULL) == 0, "new u64");
	root = fdt_path_offset(buf, "/");
	rsv = fdt_add_subnode(buf, root, "reserved-memory");
	CHECK(rsv > 0, "add reserved-memory: %d", rsv);
	CHECK(fdt_add_subnode(buf, root, "reserved-memory") == -FDT_ERR_EXISTS, "exists");
	CHECK(fdt_setprop_u32(buf, rsv, "#address-cells", 1) == 0 &&
		      fdt_setprop_u32(buf, rsv, "#size-cells", 1) == 0 &&
		      fdt_setprop_empty(buf, rsv, "ranges") == 0,
	      "cells");
	fw = fdt_add_subnode(buf, rsv, "firmware@80000000");
	CHECK(fw > 0, "add firmware node");
	{
		u32 reg[2] = { cpu_to_fdt32(0x80000000), cpu_to_fdt32(0x200000) };
		CHECK(fdt_setprop(buf, fw, "reg", reg, 8) == 0 && fdt_setprop_empty(buf, fw, "no-map") == 0,
		      "reg");
	}
	CHECK(fdt_add_mem_rsv(buf, 0x80000000, 0x200000) == 0, "mem_rsv");
	CHECK(fdt_delprop(buf, fdt_path_offset(buf, "/chosen"), "linux,initrd-start") == 0, "delprop");
	CHECK(fdt_delprop(buf, fdt_path_offset(buf, "/chosen"), "nothing") == -FDT_ERR_NOTFOUND,
	      "delprop missing");
	CHECK(fdt_pack(buf) == 0 && fdt_check_header(buf) == 0, "pack");
	CHECK(fdt_totalsize(buf) < sizeof(buf) && fdt_totalsize(buf) > fdt_totalsize(src), "packed size");

	/* Read everything back. */
	CHECK(count_nodes(buf) == nodes + 2, "node count %d vs %d", count_nodes(buf), nodes);
	s = fdt_getprop(buf, fdt_path_offset(buf, "/chosen"), "bootargs", &len);
	CHECK(s && !strcmp(s, "console=ttyS0 earlycon=sbi"), "bootargs back");
	CHECK(!fdt_getprop(buf, fdt_path_offset(buf, "/chosen"), "linux,initrd-start", &len),
	      "deleted");
	fw = fdt_path_offset(buf, "/reserved-memory/firmware@80000000");
	CHECK(fw > 0 && fdt_get_reg(buf, fw, 0, &addr, &size) == 0 && addr == 0x80000000 &&
		      size == 0x200000,
	      "firmware reg back");
	CHECK(fdt_getprop(buf, fw, "no-map", &len) && len == 0, "no-map");
	CHECK(fdt_get_mem_rsv(buf, 0, &addr, &size) == 0 && addr == 0x80000000, "mem_rsv back");
	CHECK(fdt_node_offset_by_compatible(buf, -1, "ns16550a") > 0, "uart still there");
	CHECK(fdt_get_reg(buf, fdt_path_offset(buf, "/memory"), 0, &addr, &size) == 0 &&
		      size == 64 << 20,
	      "memory still there");
	/* In-place reopen (overlapping source and buffer). */
	CHECK(fdt_open_into(buf, buf, sizeof(buf)) == 0 && count_nodes(buf) == nodes + 2,
	      "reopen in place");
}

static void *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *p;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	p = aligned_alloc(8, (*len + 7) & ~7UL);
	if (fread(p, 1, *len, f) != *len)
		*len = 0;
	fclose(f);
	return p;
}

/* Prints "name mode len" per entry, then the body of /boot/boot.cfg. */
static void
list_cpio(const void *ar, size_t size)
{
	struct cpio_entry e;
	size_t pos = 0;
	const void *data;
	size_t len;
	int ret;

	while ((ret = cpio_next(ar, size, &pos, &e)) > 0)
		printf("entry %s %o %u\n", e.name, e.mode, e.len);
	CHECK(ret == 0, "archive ends with the trailer: %d", ret);
	if (cpio_find(ar, size, "/boot/boot.cfg", &data, &len) == 0)
		printf("boot.cfg %.*s", (int)len, (const char *)data);
	CHECK(cpio_find(ar, size, "/no/such", &data, &len) == -CPIO_ERR_NOTFOUND, "missing");
}

int
main(int argc, char **argv)
{
	size_t len;
	void *dtb;

	test_printf();
	test_string();
	test_libgcc();
	test_sha256();
	if (argc < 2 || !(dtb = read_file(argv[1], &len))) {
		fprintf(stderr, "usage: lib_test <dtb> [<cpio>]\n");
		return 2;
	}
	test_fdt_read(dtb);
	test_fdt_write(dtb);
	if (argc > 2) {
		void *ar = read_file(argv[2], &len);

		CHECK(ar != NULL, "read %s", argv[2]);
		if (ar)
			list_cpio(ar, len);
	}
	printf("lib_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
