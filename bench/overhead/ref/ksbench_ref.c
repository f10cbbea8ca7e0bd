// SPDX-License-Identifier: GPL-2.0
/*
 * The reference loop for ksbench's overhead benchmark: the spinlock
 * workload's own work (spin_lock, a critical section of hold_ns that
 * updates one shared counter, spin_unlock, think_ns) on bound kthreads
 * with no ksbench bookkeeping at all: no ops table, no oracle checks, no
 * phases, a count kept in a register. Only the stop check and
 * cond_resched() every batch remain, which any safe kernel loop needs.
 * With <oracle> 1 the section also runs ksbench's exclusive oracle (an
 * owner mark checked on entry and exit), to show what share of ksbench's
 * cost is its correctness check.
 *
 *   echo "<cpus> <hold_ns> <think_ns> <duration_ms> <oracle>" > .../ksbench_ref/run
 *   cat .../ksbench_ref/run     ->  "ops <n> elapsed_ns <ns>"
 *
 * The write returns when the run is over. For the overhead benchmark only.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#define REF_BATCH	256
#define REF_MAX_NS	1000000
#define REF_MAX_MS	60000

static DEFINE_SPINLOCK(ref_lock);
static unsigned long ref_data;		/* what ref_lock protects */
static int ref_owner = -1;		/* the oracle's owner mark */
static unsigned long ref_violations;
static DEFINE_MUTEX(ref_mutex);		/* one run at a time */
static struct dentry *ref_dir;
static bool ref_stop;
static u64 ref_ops, ref_elapsed_ns;

struct ref_worker {
	struct task_struct *task;
	struct completion *go;
	u64 hold_ns;
	u64 think_ns;
	u64 ops;
	int id;
	bool oracle;
};

/* The same checks as kmod/oracle.h's ksb_excl_enter() and _exit(). */
static __always_inline void ref_section(struct ref_worker *w)
{
	if (w->oracle) {
		if (READ_ONCE(ref_owner) != -1)
			ref_violations++;
		WRITE_ONCE(ref_owner, w->id);
	}
	WRITE_ONCE(ref_data, ref_data + 1);
	if (w->hold_ns)
		ndelay(w->hold_ns);
	if (w->oracle) {
		if (READ_ONCE(ref_owner) != w->id)
			ref_violations++;
		WRITE_ONCE(ref_owner, -1);
	}
}

static int ref_worker_fn(void *arg)
{
	struct ref_worker *w = arg;
	u64 ops = 0;
	unsigned int i;

	if (wait_for_completion_interruptible(w->go))
		return 0;
	while (!READ_ONCE(ref_stop)) {
		for (i = 0; i < REF_BATCH; i++) {
			spin_lock(&ref_lock);
			ref_section(w);
			spin_unlock(&ref_lock);
			if (w->think_ns)
				ndelay(w->think_ns);
		}
		ops += REF_BATCH;
		cond_resched();
	}
	w->ops = ops;
	return 0;
}

static int ref_run(unsigned int cpus, u64 hold_ns, u64 think_ns, u64 ms,
		   bool oracle)
{
	DECLARE_COMPLETION_ONSTACK(go);
	struct ref_worker *workers;
	unsigned int i, started = 0;
	u64 start;
	int err = 0;

	workers = kcalloc(cpus, sizeof(*workers), GFP_KERNEL);
	if (!workers)
		return -ENOMEM;
	WRITE_ONCE(ref_stop, false);
	for (i = 0; i < cpus; i++) {
		struct task_struct *t;

		workers[i].go = &go;
		workers[i].hold_ns = hold_ns;
		workers[i].think_ns = think_ns;
		workers[i].id = i;
		workers[i].oracle = oracle;
		t = kthread_create(ref_worker_fn, &workers[i], "ksbench_ref/%u", i);
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			break;
		}
		get_task_struct(t);
		kthread_bind(t, i);
		workers[i].task = t;
		wake_up_process(t);
		started++;
	}
	start = ktime_get_ns();
	complete_all(&go);
	if (!err && msleep_interruptible(ms))
		err = -EINTR;
	WRITE_ONCE(ref_stop, true);
	ref_elapsed_ns = ktime_get_ns() - start;
	ref_ops = 0;
	for (i = 0; i < started; i++) {
		kthread_stop(workers[i].task);
		put_task_struct(workers[i].task);
		ref_ops += workers[i].ops;
	}
	kfree(workers);
	return err;
}

static ssize_t ref_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	unsigned int cpus, oracle;
	u64 hold_ns, think_ns, ms;
	char buf[96];
	int err;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%u %llu %llu %llu %u", &cpus, &hold_ns, &think_ns,
		   &ms, &oracle) != 5)
		return -EINVAL;
	if (!cpus || cpus > num_online_cpus() || hold_ns > REF_MAX_NS ||
	    think_ns > REF_MAX_NS || !ms || ms > REF_MAX_MS || oracle > 1)
		return -ERANGE;
	if (mutex_lock_interruptible(&ref_mutex))
		return -EINTR;
	err = ref_run(cpus, hold_ns, think_ns, ms, oracle);
	mutex_unlock(&ref_mutex);
	return err ? err : count;
}

static ssize_t ref_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	char buf[96];
	int len;

	len = scnprintf(buf, sizeof(buf),
			"ops %llu elapsed_ns %llu violations %lu\n",
			ref_ops, ref_elapsed_ns, ref_violations);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations ref_fops = {
	.owner = THIS_MODULE,
	.read = ref_read,
	.write = ref_write,
};

static int __init ref_init(void)
{
	ref_dir = debugfs_create_dir("ksbench_ref", NULL);
	debugfs_create_file("run", 0600, ref_dir, NULL, &ref_fops);
	return 0;
}

static void __exit ref_exit(void)
{
	debugfs_remove_recursive(ref_dir);
}

module_init(ref_init);
module_exit(ref_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksbench overhead benchmark: uninstrumented spinlock loop");
