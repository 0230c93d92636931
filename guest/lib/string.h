/*
 * string.h - the C string and memory routines, plus strtoul and memparse
 * (Linux's "64M" size parser) for command lines and boot.cfg.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include "lib/types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *dst, const char *src);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strstr(const char *haystack, const char *needle);

/* Base 0 accepts a "0x" (hex) or "0" (octal) prefix; *endp gets the first unparsed char. */
unsigned long strtoul(const char *s, char **endp, int base);
unsigned long simple_strtoul(const char *s, char **endp, unsigned int base);
/* "64M", "512K", "1G", "0x1000": a size in bytes; *retptr points past the suffix. */
unsigned long long memparse(const char *s, char **retptr);

#endif /* LIB_STRING_H */
