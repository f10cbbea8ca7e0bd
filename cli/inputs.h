/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The result files a read-side command (show, compare, export, plot) is
 * given: each FILE argument is a result (ksbench-result/1), loaded and
 * validated, or an index (ksbench-index/1, what a multi-kernel run
 * writes), which stands for the result files it lists, in its order.
 *
 * An index's entries are file names relative to the index's folder, and
 * must stay in it: an absolute name, a '..' component, or a symbolic link
 * that leads out is refused, naming the index and the entry (the file can
 * still be given on the command line). An entry whose "result" is null (a
 * kernel whose run left no file) is skipped with a note on stderr.
 *
 * The same file reached twice, once through an index (results/x/\*.json
 * is the index and its files), is used once, where it came first: files
 * are the same when their real paths are. A file named twice on the
 * command line is used twice (compare F F is a valid question).
 */
#ifndef KSB_INPUTS_H
#define KSB_INPUTS_H

#include <stddef.h>

struct json_object;

#define INDEX_SCHEMA	"ksbench-index/1"

struct input {
	char *path;			/* as given, or <index's folder>/<entry> */
	char *real;			/* realpath(path) */
	const char *index;		/* the index it came from, or NULL */
	struct json_object *doc;	/* validated (result_load) */
};

struct inputs {
	struct input *v;
	size_t nr, cap;
};

/*
 * Loads args[nr] as above into in (emptied first). Notes go to stderr
 * prefixed with who ("ksbench compare"). -1 with err, one line naming the
 * file (and the index and entry) and what is wrong; in is then empty.
 */
int inputs_load(char *const *args, size_t nr, const char *who, struct inputs *in,
		char *err, size_t errlen);

/*
 * For the terminal formats: every string of every document, and every
 * path, escaped (termsafe.h); 0, or -1 when out of memory.
 */
int inputs_termsafe(struct inputs *in);

void inputs_free(struct inputs *in);

#endif
