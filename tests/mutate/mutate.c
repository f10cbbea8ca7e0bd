// SPDX-License-Identifier: GPL-2.0
/*
 * ksb-mutate: deterministic mutants of ksbench result and index files, for
 * tests/mutate/run.sh. Mutant I of seed S is always the same file: its
 * generator is seeded from (S, I) alone, so one failing mutant is
 * reproduced with --first=I --count=1.
 *
 *   ksb-mutate --seed=S --first=I --count=N --out=DIR --canary=PATH SRC...
 *
 * writes DIR/mNNNNNN.json and prints "mNNNNNN.json SRC WHAT" per mutant.
 * The mutations: truncation, deleted members, values of the wrong type,
 * extreme numbers, hostile strings (quotes, backquotes and $(...) that
 * would touch PATH if a shell ran them, newlines, NUL, escapes, 64 KiB),
 * duplicated, deleted and reordered points, other schemas, whole other
 * documents, and for index files missing, absolute and ../ result paths.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#define MAX_NODES	4096
#define WHAT_MAX	512

struct rng {
	uint64_t s;
};

/* splitmix64: small, and the same sequence on every machine. */
static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t rng_below(struct rng *r, size_t n)
{
	return n ? (size_t)(rng_next(r) % n) : 0;
}

/* A place in the tree: the value, and where it hangs (key or index). */
struct node {
	struct json_object *parent, *value;
	char key[128];		/* "" for an array element */
	size_t idx;
	char path[256];
};

struct nodes {
	struct node n[MAX_NODES];
	size_t len;
};

static void nodes_walk(struct nodes *ns, struct rng *r, struct json_object *parent,
		       const char *key, size_t idx, struct json_object *v, const char *path);

static void nodes_add(struct nodes *ns, struct json_object *parent, const char *key,
		      size_t idx, struct json_object *v, const char *path)
{
	struct node *n;

	if (ns->len == MAX_NODES)
		return;
	n = &ns->n[ns->len++];
	n->parent = parent;
	n->value = v;
	snprintf(n->key, sizeof(n->key), "%s", key ? key : "");
	n->idx = idx;
	snprintf(n->path, sizeof(n->path), "%s", path);
}

/* Long arrays (buckets, ticks) contribute a few elements, not all. */
static void walk_array(struct nodes *ns, struct rng *r, struct json_object *a,
		       const char *path)
{
	size_t len = json_object_array_length(a), i, pick = rng_below(r, len);
	char sub[256];

	for (i = 0; i < len; i++) {
		if (len > 8 && i > 2 && i != len - 1 && i != pick)
			continue;
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		nodes_walk(ns, r, a, NULL, i, json_object_array_get_idx(a, i), sub);
	}
}

static void nodes_walk(struct nodes *ns, struct rng *r, struct json_object *parent,
		       const char *key, size_t idx, struct json_object *v, const char *path)
{
	char sub[256];

	if (parent)
		nodes_add(ns, parent, key, idx, v, path);
	if (json_object_is_type(v, json_type_array)) {
		walk_array(ns, r, v, path);
	} else if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, k, child) {
			snprintf(sub, sizeof(sub), "%s.%s", path, k);
			nodes_walk(ns, r, v, k, 0, child, sub);
		}
	}
}

/* Puts v where n was (v may be NULL: JSON null). */
static void node_replace(struct node *n, struct json_object *v)
{
	if (json_object_is_type(n->parent, json_type_object))
		json_object_object_add(n->parent, n->key, v);
	else
		json_object_array_put_idx(n->parent, n->idx, v);
}

static void node_delete(struct node *n)
{
	if (json_object_is_type(n->parent, json_type_object))
		json_object_object_del(n->parent, n->key);
	else
		json_object_array_del_idx(n->parent, n->idx, 1);
}

static const char *canary;

/* The strings a result file could carry to hurt whoever reads it. */
static struct json_object *hostile_string(struct rng *r, char *what, size_t len)
{
	static const char esc[] = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b" "31m\x7f";
	char buf[1024];
	char *big;
	struct json_object *s;
	size_t n;

	switch (rng_below(r, 11)) {
	case 0:
		snprintf(buf, sizeof(buf), "x`touch %s`", canary);
		break;
	case 1:
		snprintf(buf, sizeof(buf), "$(touch %s)", canary);
		break;
	case 2:
		snprintf(buf, sizeof(buf), "q\"uo'te\\\" ; touch %s; \"", canary);
		break;
	case 3:
		snprintf(buf, sizeof(buf), "x\n1 999999 0 0 0\n\n`touch %s`", canary);
		break;
	case 4:
		snprintf(what, len, "a string with a NUL");
		return json_object_new_string_len("nul\0after", 9);
	case 5:
		n = 65536 + rng_below(r, 16);
		big = malloc(n + 1);
		memset(big, 'A' + (int)rng_below(r, 26), n);
		big[n] = '\0';
		big[n / 2] = '\x1b';
		s = json_object_new_string(big);
		free(big);
		snprintf(what, len, "a 64 KiB string");
		return s;
	case 6:
		snprintf(buf, sizeof(buf), "%s", esc);
		break;
	case 7:
		snprintf(buf, sizeof(buf), "%%s%%n%%x%%99999999d");
		break;
	case 8:
		snprintf(buf, sizeof(buf), "%s", rng_below(r, 2) ? "" : " ");
		break;
	case 9:
		snprintf(buf, sizeof(buf), "../../../../../../etc/passwd");
		break;
	default:
		snprintf(buf, sizeof(buf), "\xff\xfe\xc3(\xe2\x82 '\r\t\b\f");
		break;
	}
	snprintf(what, len, "the string \"%.40s\"", buf);
	return json_object_new_string(buf);
}

/* Numbers at and beyond every limit a reader might cast to. */
static struct json_object *extreme_number(struct rng *r, char *what, size_t len)
{
	static const char *const doubles[] = {
		"1e300", "-1e300", "9.3e18", "-9.3e18", "1.8e19", "4294967296.5",
		"NaN", "Infinity", "-Infinity", "0.5", "-0.0", "1e-300", "2147483648.0",
		"1.7976931348623157e308",
	};
	static const int64_t ints[] = {
		-1, 0, 1, 2, INT64_MAX, INT64_MIN, 4294967296, 2147483647, 2147483648,
		-2147483648LL, 65536, 1000000000, 255, 256,
	};
	size_t i;

	if (rng_below(r, 2)) {
		i = rng_below(r, sizeof(doubles) / sizeof(doubles[0]));
		snprintf(what, len, "the number %s", doubles[i]);
		return json_object_new_double_s(strtod(doubles[i], NULL), doubles[i]);
	}
	if (!rng_below(r, 8)) {
		snprintf(what, len, "the number 2^64-1");
		return json_object_new_uint64(UINT64_MAX);
	}
	i = rng_below(r, sizeof(ints) / sizeof(ints[0]));
	snprintf(what, len, "the number %" PRId64, ints[i]);
	return json_object_new_int64(ints[i]);
}

static struct json_object *other_type(struct rng *r, char *what, size_t len)
{
	static const char *const texts[] = {
		"null", "true", "false", "\"text\"", "[]", "{}", "[1, 2]", "{\"a\": 1}",
		"3.5", "7", "[null]", "[\"x\", {}]", "{\"count\": \"1\"}",
	};
	size_t i = rng_below(r, sizeof(texts) / sizeof(texts[0]));

	snprintf(what, len, "%s", texts[i]);
	return json_tokener_parse(texts[i]);
}

/* One change at a random place: what it did, in what. */
static void mutate_node(struct json_object *doc, struct rng *r, char *what, size_t len)
{
	static struct nodes ns;
	char desc[WHAT_MAX - 300];
	struct node *n;
	int kind = (int)rng_below(r, 4), tries;

	ns.len = 0;
	nodes_walk(&ns, r, NULL, NULL, 0, doc, "");
	if (!ns.len) {
		snprintf(what, len, "nothing to change");
		return;
	}
	n = &ns.n[rng_below(r, ns.len)];
	/* one in three: a string (a name that may reach a terminal or a script) */
	for (tries = rng_below(r, 3) ? 64 : 0; tries < 64; tries++) {
		n = &ns.n[rng_below(r, ns.len)];
		if (json_object_is_type(n->value, json_type_string)) {
			kind = 2;
			break;
		}
	}
	/* numbers get extreme numbers, strings hostile strings, most often */
	if (kind == 3 && json_object_is_type(n->value, json_type_string))
		kind = 2;
	else if (kind == 2 && (json_object_is_type(n->value, json_type_int) ||
			       json_object_is_type(n->value, json_type_double)))
		kind = 3;
	switch (kind) {
	case 0:
		snprintf(what, len, "deleted %s", n->path);
		node_delete(n);
		return;
	case 1:
		node_replace(n, other_type(r, desc, sizeof(desc)));
		break;
	case 2:
		node_replace(n, hostile_string(r, desc, sizeof(desc)));
		break;
	default:
		node_replace(n, extreme_number(r, desc, sizeof(desc)));
		break;
	}
	snprintf(what, len, "%s = %s", n->path, desc);
}

/* Points (or an index's kernels) duplicated, deleted, reordered. */
static void mutate_array(struct json_object *doc, struct rng *r, char *what, size_t len)
{
	static const char *const names[] = { "points", "summary", "skipped", "kernels" };
	struct json_object *a = NULL, *t;
	const char *name = NULL;
	size_t n, i, j, k;

	for (k = 0; k < 8 && !a; k++) {
		name = names[rng_below(r, 4)];
		a = json_object_object_get(doc, name);
		if (!json_object_is_type(a, json_type_array) || !json_object_array_length(a))
			a = NULL;
	}
	if (!a) {
		snprintf(what, len, "no array to reorder");
		return;
	}
	n = json_object_array_length(a);
	i = rng_below(r, n);
	switch (rng_below(r, 4)) {
	case 0:
		for (k = 1 + rng_below(r, 3); k; k--) {
			t = NULL;
			json_object_deep_copy(json_object_array_get_idx(a, i), &t, NULL);
			json_object_array_add(a, t);
		}
		snprintf(what, len, "%s[%zu] duplicated", name, i);
		break;
	case 1:
		json_object_array_del_idx(a, i, 1);
		snprintf(what, len, "%s[%zu] deleted", name, i);
		break;
	case 2:
		for (k = n; k > 1; k--) {
			j = rng_below(r, k);
			t = json_object_get(json_object_array_get_idx(a, k - 1));
			json_object_array_put_idx(a, k - 1,
						  json_object_get(json_object_array_get_idx(a, j)));
			json_object_array_put_idx(a, j, t);
		}
		snprintf(what, len, "%s shuffled", name);
		break;
	default:
		json_object_array_del_idx(a, 0, n);
		snprintf(what, len, "%s emptied", name);
		break;
	}
}

static void mutate_schema(struct json_object *doc, struct rng *r, char *what, size_t len)
{
	static const char *const schemas[] = {
		"ksbench-result/0", "ksbench-result/2", "ksbench-result/", "ksbench-result/1 ",
		"ksbench-index/1", "ksbench-result/1", "ksbench-index/2", "KSBENCH-RESULT/1",
	};
	const char *s = schemas[rng_below(r, sizeof(schemas) / sizeof(schemas[0]))];

	if (!json_object_is_type(doc, json_type_object))
		return;
	json_object_object_add(doc, "schema", json_object_new_string(s));
	snprintf(what, len, "schema = \"%s\"", s);
}

/* An index's result paths: gone, absolute, outside its folder, itself. */
static void mutate_index(struct json_object *doc, struct rng *r, const char *self,
			 char *what, size_t len)
{
	static const char *const paths[] = {
		"nosuch.json", "/etc/passwd", "/tmp/../etc/hostname", "../quick_generic.json",
		"../../../../../../etc/hostname", "", ".", "sub/../mut.json", "/dev/zero",
		"/proc/self/mem", "quick_generic.json/", "/",
	};
	struct json_object *ks = json_object_object_get(doc, "kernels"), *k;
	const char *p;
	size_t n, i;

	if (!json_object_is_type(ks, json_type_array))
		return;
	n = json_object_array_length(ks);
	if (!n)
		return;
	i = rng_below(r, n);
	k = json_object_array_get_idx(ks, i);
	if (!json_object_is_type(k, json_type_object))
		return;
	p = rng_below(r, 6) ? paths[rng_below(r, sizeof(paths) / sizeof(paths[0]))] : self;
	json_object_object_add(k, "result", json_object_new_string(p));
	snprintf(what, len, "kernels[%zu].result = \"%s\"", i, p);
}

/* A whole other document in place of the file. */
static const char *const other_docs[] = {
	"null", "[]", "{}", "0", "\"ksbench-result/1\"", "true", "[{}]",
	"{\"schema\": \"ksbench-result/1\"}", "{\"schema\": \"ksbench-index/1\"}",
	"{\"schema\": \"ksbench-index/1\", \"kernels\": [{}]}",
	"{\"schema\": \"ksbench-result/1\", \"host\": {}, \"points\": [], \"interrupted\": false}",
	"{\"schema\": \"ksbench-result/1\", \"host\": {\"kernel_release\": \"r\", \"target\": \"t\"},"
	" \"points\": [], \"interrupted\": false}",
};

struct mutant {
	struct json_object *doc;
	const char *other;	/* whole text instead of doc */
	size_t cut;		/* bytes kept; 0: all */
	char what[WHAT_MAX * 3 + 16];
};

static void mutate_once(struct mutant *m, struct rng *r, const char *self)
{
	char what[WHAT_MAX];
	size_t k = rng_below(r, 100);

	what[0] = '\0';
	if (k < 60)
		mutate_node(m->doc, r, what, sizeof(what));
	else if (k < 75)
		mutate_array(m->doc, r, what, sizeof(what));
	else if (k < 82)
		mutate_schema(m->doc, r, what, sizeof(what));
	else
		mutate_index(m->doc, r, self, what, sizeof(what));
	if (!what[0])
		mutate_node(m->doc, r, what, sizeof(what));
	if (m->what[0])
		strncat(m->what, "; ", sizeof(m->what) - strlen(m->what) - 1);
	strncat(m->what, what, sizeof(m->what) - strlen(m->what) - 1);
}

static void mutant_make(struct mutant *m, struct rng *r, const char *self)
{
	size_t k = rng_below(r, 100), i, n;

	m->what[0] = '\0';
	m->other = NULL;
	m->cut = 0;
	if (k < 4) {
		m->other = other_docs[rng_below(r, sizeof(other_docs) / sizeof(other_docs[0]))];
		snprintf(m->what, sizeof(m->what), "the document %s", m->other);
		return;
	}
	if (k < 14) {
		m->cut = 1 + rng_below(r, 1u << 20);	/* cut to the length later */
		snprintf(m->what, sizeof(m->what), "truncated");
		return;
	}
	n = k < 60 ? 1 : k < 85 ? 2 : 3;
	for (i = 0; i < n; i++)
		mutate_once(m, r, self);
}

static int write_mutant(const char *path, const struct mutant *m, bool compact)
{
	const char *text = m->other;
	size_t len;
	FILE *f;

	if (!text)
		text = json_object_to_json_string_ext(m->doc, (compact ? JSON_C_TO_STRING_PLAIN :
							       JSON_C_TO_STRING_PRETTY) |
						      JSON_C_TO_STRING_NOSLASHESCAPE);
	len = strlen(text);
	if (m->cut)
		len = m->cut % (len ? len : 1);
	f = fopen(path, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: ksb-mutate --seed=S [--first=I] --count=N --out=DIR "
		"--canary=PATH SRC...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "first", required_argument, NULL, 'f' },
		{ "count", required_argument, NULL, 'n' },
		{ "out", required_argument, NULL, 'o' },
		{ "canary", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t seed = 1, first = 0, count = 0, i;
	const char *out = NULL, *src;
	struct json_object **docs;
	struct mutant m;
	char path[4096], name[32];
	struct rng r;
	int c, nsrc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's')
			seed = strtoull(optarg, NULL, 0);
		else if (c == 'f')
			first = strtoull(optarg, NULL, 0);
		else if (c == 'n')
			count = strtoull(optarg, NULL, 0);
		else if (c == 'o')
			out = optarg;
		else if (c == 'c')
			canary = optarg;
		else
			usage();
	}
	nsrc = argc - optind;
	if (!out || !canary || nsrc <= 0)
		usage();
	docs = calloc((size_t)nsrc, sizeof(*docs));
	for (c = 0; c < nsrc; c++) {
		docs[c] = json_object_from_file(argv[optind + c]);
		if (!docs[c]) {
			fprintf(stderr, "ksb-mutate: %s: %s\n", argv[optind + c],
				json_util_get_last_err());
			return 1;
		}
	}
	for (i = first; i < first + count; i++) {
		r.s = seed * 0x100000001b3ull ^ (i * 0x9e3779b97f4a7c15ull);
		rng_next(&r);
		c = (int)rng_below(&r, (size_t)nsrc);
		src = argv[optind + c];
		snprintf(name, sizeof(name), "m%06" PRIu64 ".json", i);
		m.doc = NULL;
		json_object_deep_copy(docs[c], &m.doc, NULL);
		mutant_make(&m, &r, name);
		snprintf(path, sizeof(path), "%s/%s", out, name);
		if (write_mutant(path, &m, rng_below(&r, 8) != 0))
			return 1;
		for (c = 0; m.what[c]; c++)	/* one line per mutant */
			if ((unsigned char)m.what[c] < 0x20 || m.what[c] == 0x7f)
				m.what[c] = '?';
		printf("%s %s %s\n", name, strrchr(src, '/') ? strrchr(src, '/') + 1 : src,
		       m.what);
		json_object_put(m.doc);
	}
	return 0;
}
