// SPDX-License-Identifier: GPL-2.0
/* The result files a command is given, indexes expanded (inputs.h). */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "fsutil.h"
#include "inputs.h"
#include "result.h"
#include "termsafe.h"

void inputs_free(struct inputs *in)
{
	size_t i;

	for (i = 0; i < in->nr; i++) {
		free(in->v[i].path);
		free(in->v[i].real);
		json_object_put(in->v[i].doc);
	}
	free(in->v);
	memset(in, 0, sizeof(*in));
}

int inputs_termsafe(struct inputs *in)
{
	size_t i;
	char *safe;

	for (i = 0; i < in->nr; i++) {
		if (termsafe_doc(in->v[i].doc))
			return -1;
		if (termsafe_is_plain(in->v[i].path, strlen(in->v[i].path)))
			continue;
		safe = termsafe_dup(in->v[i].path, strlen(in->v[i].path));
		if (!safe)
			return -1;
		free(in->v[i].path);
		in->v[i].path = safe;
	}
	return 0;
}

/* The same file met before, through an index on either side. */
static bool seen(const struct inputs *in, const char *real, const char *index)
{
	size_t i;

	for (i = 0; i < in->nr; i++)
		if ((index || in->v[i].index) && !strcmp(in->v[i].real, real))
			return true;
	return false;
}

/* Appends path (loaded as a result, from index or not); -1 with err. */
static int add_result(struct inputs *in, const char *path, const char *index,
		      char *err, size_t errlen)
{
	struct input e = { .index = index };
	struct input *bigger;

	e.real = realpath(path, NULL);
	if (e.real && seen(in, e.real, index)) {
		free(e.real);
		return 0;
	}
	if (result_load(path, &e.doc, err, errlen)) {
		free(e.real);
		return -1;
	}
	e.path = strdup(path);
	if (!e.real)
		e.real = strdup(path);
	if (in->nr == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 8;
		bigger = realloc(in->v, in->cap * sizeof(*in->v));
		if (!bigger)
			in->cap = in->nr;
		else
			in->v = bigger;
	}
	if (!e.path || !e.real || in->nr == in->cap) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(e.path);
		free(e.real);
		json_object_put(e.doc);
		return -1;
	}
	in->v[in->nr++] = e;
	return 0;
}

/* An index's entry name: relative, and no '..' component. */
static const char *entry_name_problem(const char *name)
{
	const char *p;

	if (!*name)
		return "is empty";
	if (*name == '/')
		return "is an absolute path (give the file itself on the command line to use it)";
	for (p = name; p; p = strchr(p, '/')) {
		p += *p == '/';
		if (!strncmp(p, "..", 2) && (p[2] == '/' || !p[2]))
			return "leaves the index's folder ('..'; give the file itself on the command "
			       "line to use it)";
	}
	return NULL;
}

/*
 * <index's folder>/<name> into path, after checking it stays in the
 * folder, symbolic links followed; -1 with why.
 */
static int entry_path(const char *index, const char *name, char *path, size_t len,
		      char *why, size_t whylen)
{
	char dir[PATH_MAX], *real_dir, *real;
	const char *problem = entry_name_problem(name);
	size_t n;
	int ret = -1;

	if (problem) {
		snprintf(why, whylen, "%s", problem);
		return -1;
	}
	fs_dirname(index, dir, sizeof(dir));
	if (snprintf(path, len, "%s/%s", dir, name) >= (int)len) {
		snprintf(why, whylen, "is too long");
		return -1;
	}
	real_dir = realpath(dir, NULL);
	real = realpath(path, NULL);
	if (!real || !real_dir) {
		snprintf(why, whylen, "names %s: %s", path, strerror(errno));
	} else {
		n = strlen(real_dir);
		if (strncmp(real, real_dir, n) || (real[n] != '/' && strcmp(real_dir, "/")))
			snprintf(why, whylen, "leads out of the index's folder (to %s; give the file "
				 "itself on the command line to use it)", real);
		else
			ret = 0;
	}
	free(real_dir);
	free(real);
	return ret;
}

/* A string member, or NULL. */
static const char *str_of(struct json_object *obj, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(obj, key, &v) &&
	       json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* The result files of index (parsed, its schema checked), appended. */
static int expand_index(struct inputs *in, const char *index, struct json_object *doc,
			const char *who, char *err, size_t errlen)
{
	struct json_object *kernels, *e, *result;
	char path[PATH_MAX], why[PATH_MAX + 64];
	size_t i;

	if (!json_object_object_get_ex(doc, "kernels", &kernels) ||
	    !json_object_is_type(kernels, json_type_array)) {
		snprintf(err, errlen, "%s: not a valid ksbench index: \"kernels\" is not a list", index);
		return -1;
	}
	for (i = 0; i < json_object_array_length(kernels); i++) {
		e = json_object_array_get_idx(kernels, i);
		if (!json_object_is_type(e, json_type_object) ||
		    !json_object_object_get_ex(e, "result", &result) ||
		    (result && !json_object_is_type(result, json_type_string))) {
			snprintf(err, errlen, "%s: not a valid ksbench index: kernels[%zu] has no "
				 "\"result\" (a file name or null)", index, i);
			return -1;
		}
		if (!result) {
			char line[PATH_MAX + 256];

			snprintf(line, sizeof(line), "%s: %s: kernels[%zu] (%s) has no result file "
				 "(its run failed): skipped", who, index, i,
				 str_of(e, "spec") ? str_of(e, "spec") : "?");
			termsafe_line(line, sizeof(line));
			fprintf(stderr, "%s\n", line);
			continue;
		}
		if (entry_path(index, json_object_get_string(result), path, sizeof(path),
			       why, sizeof(why))) {
			snprintf(err, errlen, "%s: kernels[%zu].result '%s' %s", index, i,
				 json_object_get_string(result), why);
			return -1;
		}
		if (add_result(in, path, index, why, sizeof(why))) {
			snprintf(err, errlen, "%s: kernels[%zu]: %s", index, i, why);
			return -1;
		}
	}
	return 0;
}

/* An index: a JSON object whose schema is INDEX_SCHEMA; NULL otherwise. */
static struct json_object *index_doc(const char *path)
{
	struct json_object *doc = json_object_from_file(path);
	const char *schema = str_of(doc, "schema");

	if (schema && !strcmp(schema, INDEX_SCHEMA))
		return doc;
	json_object_put(doc);
	return NULL;
}

int inputs_load(char *const *args, size_t nr, const char *who, struct inputs *in,
		char *err, size_t errlen)
{
	struct json_object *index;
	size_t i;
	int ret;

	memset(in, 0, sizeof(*in));
	for (i = 0; i < nr; i++) {
		if (!add_result(in, args[i], NULL, err, errlen))
			continue;
		index = index_doc(args[i]);
		if (!index)
			goto fail;	/* not an index either: result_load said why */
		ret = expand_index(in, args[i], index, who, err, errlen);
		json_object_put(index);
		if (ret)
			goto fail;
	}
	if (in->nr)
		return 0;
	snprintf(err, errlen, "%s: no result file in it (every kernel's run failed)",
		 nr ? args[nr - 1] : "FILE");
fail:
	termsafe_line(err, errlen);	/* an index's names are the file's text */
	inputs_free(in);
	return -1;
}
