// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs control files (docs/debugfs.md is the contract). Every write
 * is parsed and checked in full before anything changes, so a rejected
 * write leaves every readable value as it was; while a run is in progress
 * every knob refuses every write with -EBUSY, whatever the value.
 * tests/fuzz holds the module to this.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "clock_check.h"
#include "ksbench.h"

static struct dentry *ksb_dir;

/*
 * Numeric knobs: one table row each. Rules that tie two knobs together
 * (hold against the workload's limit) are checked at start instead, so
 * the knobs can be written in any order.
 */
struct ksb_knob {
	const char *name;
	u64 *value;
	u64 min;
	u64 max;
};

static const struct ksb_knob ksb_knobs[] = {
	{ "duration_ms", &ksb_params.duration_ms,
	  KSB_DURATION_MS_MIN, KSB_DURATION_MS_MAX },
	{ "warmup_ms", &ksb_params.warmup_ms, 0, KSB_WARMUP_MS_MAX },
	{ "hold_ns", &ksb_params.hold_ns, 0, KSB_HOLD_NS_MAX_SLEEP },
	{ "think_ns", &ksb_params.think_ns, 0, KSB_THINK_NS_MAX },
	{ "nr_locks", &ksb_params.nr_locks, 1, KSB_NR_LOCKS_MAX },
	{ "cs_lines", &ksb_params.cs_lines, 0, KSB_CS_LINES_MAX },
	{ "read_pct", &ksb_params.read_pct, 0, 100 },
	{ "sem_count", &ksb_params.sem_count, 1, KSB_SEM_COUNT_MAX },
	{ "seed", &ksb_params.seed, 0, U64_MAX },
	{ "sample", &ksb_params.sample, 1, KSB_SAMPLE_MAX },
	{ "interval_ms", &ksb_params.interval_ms, 1, KSB_INTERVAL_MS_MAX },
	{ "exclusive", &ksb_params.exclusive, 0, 1 },
	{ "flood", &ksb_params.flood, 0, 1 },
	{ "poll_us", &ksb_params.poll_us, 1, KSB_POLL_US_MAX },
};

/* Knobs that take one word from a fixed list. */
struct ksb_choice {
	const char *name;
	int *value;
	const char *const *names;
	unsigned int nr_names;
};

static const struct ksb_choice ksb_choices[] = {
	{ "acquire", &ksb_params.acquire, ksb_acquire_names, KSB_NR_ACQ },
	{ "rcu_sync", &ksb_params.rcu_sync, ksb_rcu_sync_names,
	  KSB_NR_RCU_SYNC },
	{ "measure", &ksb_params.measure, ksb_measure_names, KSB_NR_MEASURE },
	{ "wait", &ksb_params.wait, ksb_wait_names, KSB_NR_WAIT },
	{ "wq", &ksb_params.wq, ksb_wq_names, KSB_NR_WQ },
	{ "poll", &ksb_params.poll, ksb_poll_names, KSB_NR_POLL },
};

/* Copies a user write into a trimmed, NUL-terminated kernel string. */
static char *ksb_copy_value(const char __user *ubuf, size_t count)
{
	char *buf;

	if (!count || count > KSB_WRITE_MAX)
		return ERR_PTR(-EINVAL);
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return buf;
	/* An embedded NUL would hide the rest of the value. */
	if (strlen(buf) != count) {
		kfree(buf);
		return ERR_PTR(-EINVAL);
	}
	return buf;
}

/* Takes ksb_lock and refuses changes while a run is in progress. */
static int ksb_lock_idle(void)
{
	if (mutex_lock_interruptible(&ksb_lock))
		return -EINTR;
	if (ksb_state() == KSB_RUNNING) {
		mutex_unlock(&ksb_lock);
		return -EBUSY;
	}
	return 0;
}

/*
 * The write path of every knob: the value is copied before ksb_lock is
 * taken (no user copy under the lock), but a run in progress is reported
 * first, so a knob answers -EBUSY to anything while it runs. @set parses
 * the trimmed value and stores it, under ksb_lock, or fails changing
 * nothing.
 */
static ssize_t ksb_knob_write_value(const char __user *ubuf, size_t count,
				    int (*set)(const void *knob, char *value),
				    const void *knob)
{
	char *buf = ksb_copy_value(ubuf, count);
	int err = ksb_lock_idle();

	if (!err) {
		err = IS_ERR(buf) ? PTR_ERR(buf) : set(knob, strim(buf));
		mutex_unlock(&ksb_lock);
	}
	if (!IS_ERR(buf))
		kfree(buf);
	return err ? err : count;
}

static int ksb_knob_show(struct seq_file *m, void *unused)
{
	const struct ksb_knob *knob = m->private;

	seq_printf(m, "%llu\n", READ_ONCE(*knob->value));
	return 0;
}

static int ksb_knob_open(struct inode *inode, struct file *file)
{
	return single_open(file, ksb_knob_show, inode->i_private);
}

/* Decimal only: with base 0, "010" would be 8 and "0x10" 16. */
static int ksb_knob_set(const void *data, char *value)
{
	const struct ksb_knob *knob = data;
	u64 v;
	int err;

	err = kstrtou64(value, 10, &v);
	if (err)
		return err;
	if (v < knob->min || v > knob->max)
		return -ERANGE;
	WRITE_ONCE(*knob->value, v);
	return 0;
}

static ssize_t ksb_knob_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct seq_file *m = file->private_data;

	return ksb_knob_write_value(ubuf, count, ksb_knob_set, m->private);
}

static const struct file_operations ksb_knob_fops = {
	.owner = THIS_MODULE,
	.open = ksb_knob_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = ksb_knob_write,
};

static int ksb_choice_show(struct seq_file *m, void *unused)
{
	const struct ksb_choice *choice = m->private;

	seq_printf(m, "%s\n", choice->names[READ_ONCE(*choice->value)]);
	return 0;
}

static int ksb_choice_open(struct inode *inode, struct file *file)
{
	return single_open(file, ksb_choice_show, inode->i_private);
}

static int ksb_choice_set(const void *data, char *value)
{
	const struct ksb_choice *choice = data;
	int i = match_string(choice->names, choice->nr_names, value);

	if (i < 0)
		return -EINVAL;
	WRITE_ONCE(*choice->value, i);
	return 0;
}

static ssize_t ksb_choice_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct seq_file *m = file->private_data;

	return ksb_knob_write_value(ubuf, count, ksb_choice_set, m->private);
}

static const struct file_operations ksb_choice_fops = {
	.owner = THIS_MODULE,
	.open = ksb_choice_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = ksb_choice_write,
};

static int ksb_workload_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "%s\n", READ_ONCE(ksb_params.workload)->name);
	return 0;
}

static int ksb_workload_set(const void *unused, char *value)
{
	const struct ksb_workload *wl = ksb_workload_find(value);

	if (!wl)
		return -EINVAL;
	WRITE_ONCE(ksb_params.workload, wl);
	return 0;
}

static ssize_t ksb_workload_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	return ksb_knob_write_value(ubuf, count, ksb_workload_set, NULL);
}

static int ksb_cpus_show(struct seq_file *m, void *unused)
{
	int err = mutex_lock_interruptible(&ksb_lock);

	if (err)
		return err;
	seq_printf(m, "%*pbl\n", cpumask_pr_args(&ksb_params.cpus));
	mutex_unlock(&ksb_lock);
	return 0;
}

/*
 * One region of a cpulist, "A" or "A-B" in decimal with A <= B: its first
 * and last CPU. The syntax is checked before the numbers, so a malformed
 * region is -EINVAL whatever they are; a number beyond 32 bits, -ERANGE.
 */
static int ksb_cpu_region(char *r, unsigned int *first, unsigned int *last)
{
	char *b = strchr(r, '-');
	int err;

	if (b)
		*b++ = '\0';
	if (!*r || r[strspn(r, "0123456789")] ||
	    (b && (!*b || b[strspn(b, "0123456789")])))
		return -EINVAL;
	err = kstrtouint(r, 10, first);
	if (err)
		return err;
	*last = *first;
	if (b) {
		err = kstrtouint(b, 10, last);
		if (err)
			return err;
	}
	return *first > *last ? -EINVAL : 0;
}

/*
 * A cpulist as docs/debugfs.md has it: regions separated by single commas
 * ("0-3,6"), each CPU online and named once; the first bad region
 * answers. Not cpulist_parse(): it also takes "all", "N", "0-7:2/4",
 * blanks between regions, a newline that ends the list early and the
 * same CPU twice, and calls CPU 4294967295 malformed.
 */
static int ksb_cpulist_parse(char *list, struct cpumask *cpus)
{
	unsigned int first, last, cpu;
	char *r;
	int err;

	cpumask_clear(cpus);
	while ((r = strsep(&list, ","))) {
		err = ksb_cpu_region(r, &first, &last);
		if (err)
			return err;
		if (last >= nr_cpu_ids)
			return -ERANGE;
		for (cpu = first; cpu <= last; cpu++)
			if (!cpu_online(cpu))
				return -ERANGE;
		for (cpu = first; cpu <= last; cpu++)
			if (cpumask_test_and_set_cpu(cpu, cpus))
				return -EINVAL;
	}
	return 0;
}

static int ksb_cpus_set(const void *unused, char *value)
{
	cpumask_var_t cpus;
	int err;

	if (!alloc_cpumask_var(&cpus, GFP_KERNEL))
		return -ENOMEM;
	err = ksb_cpulist_parse(value, cpus);
	if (!err)
		cpumask_copy(&ksb_params.cpus, cpus);
	free_cpumask_var(cpus);
	return err;
}

static ssize_t ksb_cpus_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	return ksb_knob_write_value(ubuf, count, ksb_cpus_set, NULL);
}

static const char *const ksb_state_names[] = {
	[KSB_IDLE] = "idle",
	[KSB_RUNNING] = "running",
	[KSB_DONE] = "done",
};

static int ksb_control_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "%s\n", ksb_state_names[ksb_state()]);
	return 0;
}

static ssize_t ksb_control_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	char *buf, *verb;
	int err;

	buf = ksb_copy_value(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	verb = strim(buf);
	if (mutex_lock_interruptible(&ksb_lock)) {
		kfree(buf);
		return -EINTR;
	}
	if (!strcmp(verb, "start")) {
		err = ksb_run_start();
	} else if (!strcmp(verb, "stop")) {
		ksb_run_stop();
		err = 0;
	} else if (!strncmp(verb, "clock_check ", 12)) {
		err = ksb_clock_check_verb(verb + 12);
	} else if (!strcmp(verb, "reset")) {
		err = ksb_state() == KSB_RUNNING ? -EBUSY : 0;
		if (!err)
			ksb_run_reset();
	} else {
		err = -EINVAL;
	}
	mutex_unlock(&ksb_lock);
	kfree(buf);
	return err ? err : count;
}

static int ksb_results_show(struct seq_file *m, void *unused)
{
	int err = mutex_lock_interruptible(&ksb_lock);

	if (err)
		return err;
	ksb_report_results(m, ksb_state() == KSB_DONE ? ksb_current : NULL);
	mutex_unlock(&ksb_lock);
	return 0;
}

static int ksb_info_show(struct seq_file *m, void *unused)
{
	ksb_report_info(m);
	return 0;
}

static int ksb_workloads_show(struct seq_file *m, void *unused)
{
	ksb_report_workloads(m);
	return 0;
}

/* Read-only files and the text files with a write handler of their own. */
struct ksb_file {
	const char *name;
	umode_t mode;
	int (*show)(struct seq_file *m, void *unused);
	ssize_t (*write)(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos);
};

static const struct ksb_file ksb_files[] = {
	{ "workloads", 0400, ksb_workloads_show, NULL },
	{ "workload", 0600, ksb_workload_show, ksb_workload_write },
	{ "cpus", 0600, ksb_cpus_show, ksb_cpus_write },
	{ "control", 0600, ksb_control_show, ksb_control_write },
	{ "results", 0400, ksb_results_show, NULL },
	{ "info", 0400, ksb_info_show, NULL },
};

static int ksb_file_open(struct inode *inode, struct file *file)
{
	const struct ksb_file *f = inode->i_private;

	return single_open(file, f->show, NULL);
}

static ssize_t ksb_file_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	const struct ksb_file *f = file_inode(file)->i_private;

	if (!f->write)
		return -EPERM;
	return f->write(file, ubuf, count, ppos);
}

static const struct file_operations ksb_file_fops = {
	.owner = THIS_MODULE,
	.open = ksb_file_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = ksb_file_write,
};

int ksb_debugfs_init(void)
{
	unsigned int i;

	ksb_dir = debugfs_create_dir(KSB_DEBUGFS_DIR, NULL);
	if (IS_ERR(ksb_dir))
		return PTR_ERR(ksb_dir);
	for (i = 0; i < ARRAY_SIZE(ksb_files); i++)
		debugfs_create_file(ksb_files[i].name, ksb_files[i].mode,
				    ksb_dir, (void *)&ksb_files[i],
				    &ksb_file_fops);
	for (i = 0; i < ARRAY_SIZE(ksb_knobs); i++)
		debugfs_create_file(ksb_knobs[i].name, 0600, ksb_dir,
				    (void *)&ksb_knobs[i], &ksb_knob_fops);
	for (i = 0; i < ARRAY_SIZE(ksb_choices); i++)
		debugfs_create_file(ksb_choices[i].name, 0600, ksb_dir,
				    (void *)&ksb_choices[i], &ksb_choice_fops);
	return 0;
}

/* Waits for file operations in flight, so call it before freeing a run. */
void ksb_debugfs_exit(void)
{
	debugfs_remove_recursive(ksb_dir);
}
