/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Input generators, one set per file class (model.h): malformed values
 * of every sort the issue lists, built from what the file takes and
 * then kept only when the model refuses them. Deterministic: the same
 * seed and the same files give the same inputs. Pure: no I/O.
 */
#ifndef KSB_FUZZ_GEN_H
#define KSB_FUZZ_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* splitmix64: small, fast, and the same everywhere. */
struct fz_rng {
	uint64_t state;
};

uint64_t fz_rand(struct fz_rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t fz_below(struct fz_rng *r, uint64_t n);

/* A growing byte string; may hold NULs. */
struct fz_buf {
	char *p;
	size_t len, cap;
};

void fz_buf_reset(struct fz_buf *b);
void fz_buf_add(struct fz_buf *b, const void *data, size_t n);
void fz_buf_adds(struct fz_buf *b, const char *s);
__attribute__((format(printf, 2, 3)))
void fz_buf_addf(struct fz_buf *b, const char *fmt, ...);
void fz_buf_free(struct fz_buf *b);

/* Every word any file takes, offered to the others as wrong words. */
struct fz_pool {
	const char *const *words;
	unsigned int nr_words;
};

struct fz_gen_stats {
	unsigned long generated;	/* inputs handed out */
	unsigned long discarded;	/* candidates the model took: not used */
};

/*
 * The next input for F: a value the model refuses on M (with a run in
 * progress, knobs refuse everything, so half of those are values the
 * knob takes when idle). Leaves it in OUT and returns the errno the
 * model expects.
 */
int fz_generate(struct fz_rng *r, const struct fz_file *f,
		const struct fz_machine *m, const struct fz_pool *pool,
		struct fz_buf *out, struct fz_gen_stats *st);

/* A value F takes (when idle): the base that mutations start from. */
void fz_valid_value(struct fz_rng *r, const struct fz_file *f,
		    const struct fz_machine *m, struct fz_buf *out);

/* BUF as a C string literal, shortened in the middle past MAX bytes. */
void fz_escape(const char *buf, size_t len, size_t max, struct fz_buf *out);

#endif
