/*
 * post.h - power-on self test.
 */
#ifndef FW_POST_H
#define FW_POST_H

/* Tests all RAM but the firmware and the DTB it was given; panics on a bad word. */
void post_memtest(void);

#endif /* FW_POST_H */
