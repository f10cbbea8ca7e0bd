/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The latency histogram's bucket layout, shared by ksbench.ko (which
 * counts) and the CLI (which merges and reads percentiles), so the two
 * agree by construction. Plain C with compiler builtins: it builds in the
 * kernel and in user space alike.
 *
 * Log-linear: values below 2^(KSB_HIST_SUB_BITS + 1) = 128 ns have a
 * bucket each (exact: values are whole nanoseconds); above, each
 * power-of-two range [2^m, 2^(m+1)) is split into 2^KSB_HIST_SUB_BITS
 * linear sub-buckets of width 2^(m - SUB_BITS), at most 1/64 (1.6%) of
 * the bucket's lower bound. Values from 2^KSB_HIST_MAX_SHIFT ns (68.7 s)
 * up land in the last bucket.
 */
#ifndef KSB_HIST_H
#define KSB_HIST_H

#define KSB_HIST_SUB_BITS	6
#define KSB_HIST_SUB		(1u << KSB_HIST_SUB_BITS)		/* 64 */
#define KSB_HIST_LINEAR		(2u * KSB_HIST_SUB)			/* 128 */
#define KSB_HIST_MAX_SHIFT	36
#define KSB_HIST_BUCKETS	(KSB_HIST_LINEAR + \
				 (KSB_HIST_MAX_SHIFT - KSB_HIST_SUB_BITS - 1) * \
				 KSB_HIST_SUB)				/* 1984 */

/* The bucket a value in ns falls into; constant time. */
static inline unsigned int ksb_hist_index(unsigned long long ns)
{
	unsigned int msb;

	if (ns < KSB_HIST_LINEAR)
		return (unsigned int)ns;
	msb = 63u - (unsigned int)__builtin_clzll(ns);
	if (msb >= KSB_HIST_MAX_SHIFT)
		return KSB_HIST_BUCKETS - 1;
	return KSB_HIST_LINEAR +
	       (msb - KSB_HIST_SUB_BITS - 1) * KSB_HIST_SUB +
	       (unsigned int)((ns >> (msb - KSB_HIST_SUB_BITS)) &
			      (KSB_HIST_SUB - 1));
}

/* The smallest value in ns that falls into bucket @i. */
static inline unsigned long long ksb_hist_lower(unsigned int i)
{
	unsigned int octave, sub;

	if (i < KSB_HIST_LINEAR)
		return i;
	octave = (i - KSB_HIST_LINEAR) / KSB_HIST_SUB + KSB_HIST_SUB_BITS + 1;
	sub = (i - KSB_HIST_LINEAR) % KSB_HIST_SUB;
	return (1ull << octave) +
	       ((unsigned long long)sub << (octave - KSB_HIST_SUB_BITS));
}

/* One past the largest value in bucket @i (the last bucket is open). */
static inline unsigned long long ksb_hist_upper(unsigned int i)
{
	return i + 1 < KSB_HIST_BUCKETS ? ksb_hist_lower(i + 1) :
	       ~0ull;
}

#endif
