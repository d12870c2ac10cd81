//! Integration tests: memory and process syscalls, compared with strace line by line.
//! Only the lines of this group's syscalls are compared, so the tests stay meaningful
//! while other groups' decoders are still missing.

#[allow(unused_imports)]
use crate::util::*;
use regex::Regex;

/// Syscalls whose lines these tests compare.
const NAMES: &[&str] = &[
    "brk",
    "mmap",
    "munmap",
    "mprotect",
    "madvise",
    "mremap",
    "msync",
    "mlock",
    "mlock2",
    "munlock",
    "mlockall",
    "munlockall",
    "mincore",
    "membarrier",
    "pkey_alloc",
    "pkey_free",
    "pkey_mprotect",
    "remap_file_pages",
    "execve",
    "clone",
    "clone3",
    "fork",
    "vfork",
    "wait4",
    "waitpid",
    "exit",
    "exit_group",
    "getpid",
    "getppid",
    "gettid",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getgroups",
    "setgroups",
    "setuid",
    "setgid",
    "setreuid",
    "setregid",
    "setresuid",
    "setresgid",
    "getresuid",
    "getresgid",
    "setfsuid",
    "setfsgid",
    "getpgid",
    "setpgid",
    "getpgrp",
    "setsid",
    "getsid",
    "prctl",
    "arch_prctl",
    "set_tid_address",
    "set_robust_list",
    "get_robust_list",
    "rseq",
    "futex",
    "prlimit64",
    "getrlimit",
    "setrlimit",
    "ugetrlimit",
    "uname",
    "getpriority",
    "setpriority",
    "sched_yield",
    "sched_getaffinity",
    "sched_setaffinity",
    "sched_getparam",
    "sched_setparam",
    "sched_getscheduler",
    "sched_setscheduler",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_getattr",
    "sched_setattr",
    "personality",
    "capget",
    "capset",
    "getrandom",
    "unshare",
    "setns",
    "pidfd_open",
    "pidfd_getfd",
    "kcmp",
    "ptrace",
    "syslog",
    "sethostname",
    "setdomainname",
    "iopl",
    "ioperm",
    "seccomp",
    "getuid32",
    "geteuid32",
    "getgid32",
    "getegid32",
    "getgroups32",
    "setgroups32",
    "setuid32",
    "setgid32",
    "setreuid32",
    "setregid32",
    "setresuid32",
    "setresgid32",
    "getresuid32",
    "getresgid32",
    "ugetrlimit",
    "setfsuid32",
    "setfsgid32",
    "futex_time64",
    "perf_event_open",
    "set_thread_area",
    "get_mempolicy",
    "set_mempolicy",
];

/// Calls whose arguments or results hold pids.
const PID_CALLS: &[&str] = &[
    "clone",
    "clone3",
    "fork",
    "vfork",
    "wait4",
    "waitpid",
    "getpid",
    "gettid",
    "set_tid_address",
    "kcmp",
    "prlimit64",
    "getpgid",
    "getsid",
    "setpgid",
    "getpgrp",
    "setsid",
    "pidfd_open",
    "ptrace",
    "capget",
    "sched_getaffinity",
    "sched_setaffinity",
    "sched_getparam",
    "sched_setparam",
    "sched_getscheduler",
    "sched_setscheduler",
    "sched_getattr",
    "sched_setattr",
    "get_robust_list",
];

fn ours(body: &str) -> bool {
    let name = body.split('(').next().unwrap_or("");
    NAMES.contains(&name)
}

/// Splits a `-f` log into per-process streams with `<unfinished ...>`/`resumed>` pairs
/// joined, so scheduling differences between the two tracers do not matter.
fn streams(log: &str) -> Vec<(String, Vec<String>)> {
    let line = Regex::new(r"^(\d+)\s+(.*)$").unwrap();
    let resumed = Regex::new(r"^<\.\.\. \S+ resumed>\s?(.*)$").unwrap();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    for raw in log.lines() {
        let Some(m) = line.captures(raw) else {
            continue;
        };
        let (pid, body) = (m[1].to_string(), m[2].trim_end().to_string());
        let i = match out.iter().position(|(p, _)| *p == pid) {
            Some(i) => i,
            None => {
                out.push((pid.clone(), Vec::new()));
                out.len() - 1
            }
        };
        if let Some(head) = body.strip_suffix("<unfinished ...>") {
            pending.push((pid, head.trim_end().to_string()));
            continue;
        }
        let body = match (
            resumed.captures(&body),
            pending.iter().position(|(p, _)| *p == pid),
        ) {
            (Some(r), Some(k)) => {
                let (_, head) = pending.remove(k);
                let tail = r[1].to_string();
                let glue = if head.ends_with(['(', '[', '{', ' '])
                    || tail.starts_with([',', ')', ']', '}'])
                {
                    ""
                } else {
                    " "
                };
                format!("{head}{glue}{tail}")
            }
            _ => body,
        };
        out[i].1.push(body);
    }
    out
}

/// Per-process lines of this group, pids named P0.. in the order the parent (then each
/// child) created them, addresses and other run-dependent values replaced.
fn group_lines(log: &str) -> Vec<Vec<String>> {
    group_lines_except(log, &[])
}

/// [`group_lines`] without the calls named in `skip` (those whose presence depends on
/// scheduling, like a futex wait in pthread_join).
fn group_lines_except(log: &str, skip: &[&str]) -> Vec<Vec<String>> {
    let procs = streams(log);
    let pids: Vec<&str> = procs.iter().map(|(p, _)| p.as_str()).collect();
    let mut order: Vec<usize> = Vec::new();
    if !procs.is_empty() {
        order.push(0);
    }
    let ret = Regex::new(r"= (\d+)$").unwrap();
    let mut k = 0;
    while k < order.len() {
        for l in &procs[order[k]].1 {
            if let Some(j) = ret
                .captures(l)
                .and_then(|c| pids.iter().position(|p| *p == &c[1]))
                && !order.contains(&j)
            {
                order.push(j);
            }
        }
        k += 1;
    }
    for j in 0..procs.len() {
        if !order.contains(&j) {
            order.push(j);
        }
    }
    let addr = Regex::new(r"0x[0-9a-f]{5,}").unwrap();
    let rand = Regex::new(r#"getrandom\("[^"]*"(\.\.\.)?"#).unwrap();
    let pad = Regex::new(r"\)\s+= ").unwrap();
    let ppid = Regex::new(r"^getppid\(\) = \d+").unwrap();
    // The kernel clears a thread's tid word when it exits, so the value read back after
    // clone3 depends on timing (strace itself shows 0 sometimes).
    let ptid = Regex::new(r"=> \{parent_tid=\[(\d+|P\d+)\]").unwrap();
    let pid_re: Vec<(Regex, String)> = order
        .iter()
        .enumerate()
        .map(|(n, &j)| {
            (
                Regex::new(&format!(r"\b{}\b", pids[j])).unwrap(),
                format!("P{n}"),
            )
        })
        .collect();
    order
        .iter()
        .map(|&j| {
            procs[j]
                .1
                .iter()
                .filter(|l| ours(l) && !skip.iter().any(|n| l.starts_with(&format!("{n}("))))
                .map(|l| {
                    let mut l = pad.replace_all(l, ") = ").into_owned();
                    l = ppid.replace(&l, "getppid() = PPID").into_owned();
                    // Only where pids appear: small numbers elsewhere (sizes) may equal one.
                    if PID_CALLS.iter().any(|n| l.starts_with(&format!("{n}("))) {
                        for (re, name) in &pid_re {
                            l = re.replace_all(&l, name.as_str()).into_owned();
                        }
                    }
                    l = ptid.replace_all(&l, "=> {parent_tid=[TID]").into_owned();
                    l = addr.replace_all(&l, "0xADDR").into_owned();
                    rand.replace_all(&l, "getrandom(\"RANDOM\"").into_owned()
                })
                .collect()
        })
        .collect()
}

/// Runs `cmd` under strace and trace with `flags` and compares this group's lines,
/// leaving out the syscalls in `skip`.
fn assert_group_like_strace_except(flags: &[&str], cmd: &[&str], skip: &[&str]) {
    let Some(s) = run_strace(flags, cmd) else {
        eprintln!("SKIPPED: strace is not installed (apt-get install strace)");
        return;
    };
    let t = run_trace(flags, cmd);
    let (a, b) = (
        group_lines_except(&s.log, skip),
        group_lines_except(&t.log, skip),
    );
    assert!(
        a.iter().any(|p| !p.is_empty()),
        "strace printed none of the group's lines:\n{}",
        s.log
    );
    if a != b {
        let mut msg = String::from("trace's lines differ from strace's:\n");
        for p in 0..a.len().max(b.len()) {
            let (x, y) = (
                a.get(p).cloned().unwrap_or_default(),
                b.get(p).cloned().unwrap_or_default(),
            );
            for i in 0..x.len().max(y.len()) {
                let u = x.get(i).map(String::as_str).unwrap_or("<none>");
                let v = y.get(i).map(String::as_str).unwrap_or("<none>");
                if u != v {
                    msg.push_str(&format!(
                        "process P{p} line {}:\n  strace: {u}\n  trace:  {v}\n",
                        i + 1
                    ));
                }
            }
        }
        panic!("{msg}");
    }
    assert_eq!(
        s.status.code(),
        t.status.code(),
        "exit status differs from strace's"
    );
}

const MEM_C: &str = r#"
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/membarrier.h>
int main(void) {
    char *p = mmap(NULL, 3*4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    unsigned char vec[4];
    mincore(p, 3*4096, vec);
    mincore((void*)1, 4096, vec);
    mprotect(p, 4096, PROT_READ);
    mprotect(p, 4096, PROT_READ|PROT_WRITE|PROT_EXEC|0x100);
    madvise(p, 4096, MADV_DONTNEED);
    madvise(p, 4096, 77);
    msync(p, 4096, MS_SYNC|MS_INVALIDATE);
    mlock(p, 4096); munlock(p, 4096);
    syscall(SYS_mlock2, p, 4096, 1);
    mlockall(MCL_CURRENT|MCL_FUTURE); munlockall();
    char *q = mremap(p, 4096, 8*4096, MREMAP_MAYMOVE);
    mremap(q, 4096, 4096, MREMAP_MAYMOVE|MREMAP_FIXED, (void*)0x200000000);
    munmap(q, 8*4096);
    mmap((void*)0x300000000, 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE|MAP_NORESERVE, -1, 0);
    mmap(NULL, 4096, PROT_READ, MAP_SHARED, 99, 4096);
    mmap(NULL, 2*1024*1024, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|(21<<26), -1, 0);
    mmap(NULL, 4096, PROT_READ, 0, -1, 0);
    mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK|MAP_GROWSDOWN, -1, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0);
    int k = syscall(SYS_pkey_alloc, 0, 1);
    syscall(SYS_pkey_mprotect, p, 4096, PROT_READ, k);
    syscall(SYS_pkey_free, k);
    remap_file_pages(p, 4096, 0, 0, 0);
    void *b = sbrk(0); brk((char*)b + 4096);
    return 0;
}
"#;

const PROC_C: &str = r#"
#define _GNU_SOURCE
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <linux/futex.h>
#include <linux/capability.h>
#include <time.h>
#include <grp.h>
int main(void) {
    getpid(); getppid(); getuid(); geteuid(); getgid(); getegid();
    gid_t g[64]; getgroups(64, g); getgroups(0, NULL); setgroups(0, NULL);
    setuid(getuid()); setgid(getgid()); setreuid(-1, -1); setregid(-1, -1);
    setresuid(-1, -1, -1); setresgid(-1, -1, -1);
    uid_t r, e, s; getresuid(&r, &e, &s); getresgid(&r, &e, &s);
    setfsuid(-1); setfsgid(-1);
    setpgid(0, 0); getpgrp(); setsid();
    struct rlimit rl; getrlimit(RLIMIT_NOFILE, &rl); setrlimit(RLIMIT_NOFILE, &rl);
    prlimit(0, RLIMIT_CORE, NULL, &rl);
    getrlimit(RLIMIT_STACK, (void *)16);
    struct utsname u; uname(&u);
    getpriority(PRIO_PROCESS, 0); setpriority(PRIO_PROCESS, 0, 0);
    sched_yield();
    struct sched_param sp; sched_getparam(0, &sp); sched_setparam(0, &sp);
    sched_getscheduler(0); sched_setscheduler(0, SCHED_OTHER, &sp);
    sched_get_priority_max(SCHED_FIFO); sched_get_priority_min(SCHED_RR);
    personality(0xffffffff); personality(PER_LINUX);
    prctl(PR_SET_NAME, "hello"); char nm[16]; prctl(PR_GET_NAME, nm);
    prctl(PR_SET_PDEATHSIG, SIGTERM); int sig; prctl(PR_GET_PDEATHSIG, &sig);
    prctl(PR_GET_DUMPABLE); prctl(PR_SET_DUMPABLE, 1); prctl(PR_CAPBSET_READ, 21);
    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0); prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(PR_GET_KEEPCAPS); prctl(PR_SET_KEEPCAPS, 0); prctl(PR_GET_SECUREBITS);
    prctl(PR_SET_TIMERSLACK, 50000); prctl(PR_GET_CHILD_SUBREAPER, &sig);
    prctl(9999, 1, 2, 3, 4);
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    syscall(SYS_capget, &h, d);
    char buf[8]; getrandom(buf, 8, GRND_NONBLOCK);
    int fw = 0; syscall(SYS_futex, &fw, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    struct timespec to = {0, 1000};
    syscall(SYS_futex, &fw, FUTEX_WAIT, 1, &to, NULL, 0);
    syscall(SYS_futex, &fw, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
    void *head; size_t len; syscall(SYS_get_robust_list, 0, &head, &len);
    int st;
    pid_t p = fork();
    if (p == 0) _exit(3);
    waitpid(p, &st, 0);
    p = fork();
    if (p == 0) { kill(getpid(), SIGKILL); _exit(0); }
    waitpid(p, &st, 0);
    wait4(-1, &st, WNOHANG, NULL);
    unshare(0); setns(-1, CLONE_NEWNET);
    syscall(SYS_kcmp, getpid(), getpid(), 99, 5, 6);
    return 0;
}
"#;

const EXEC_C: &str = r#"
#include <unistd.h>
#include <stdio.h>
int main(void) {
    char *av[41]; char b[40][8];
    for (int i = 0; i < 40; i++) { snprintf(b[i], 8, "a%d", i); av[i] = b[i]; }
    av[40] = NULL;
    char *ev[] = {"X=1", "Y=2", NULL};
    execve("/nonexistent/prog", av, ev);
    execve("/nonexistent/prog", NULL, NULL);
    av[3] = NULL;
    execve("/bin/true", av, ev);
    return 1;
}
"#;

const THREAD_C: &str = r#"
#include <pthread.h>
#include <unistd.h>
void *f(void *a) { return NULL; }
int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, f, NULL);
    pthread_join(t, NULL);
    return 0;
}
"#;

const SECCOMP_C: &str = r#"
#include <linux/seccomp.h>
#include <linux/filter.h>
#include <linux/audit.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stddef.h>
int main(void) {
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD|BPF_W|BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD|BPF_W|BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, __NR_getppid, 0, 1),
        BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|1),
        BPF_STMT(BPF_MISC|BPF_TAX, 0),
        BPF_STMT(BPF_ALU|BPF_AND|BPF_K, 0xff),
        BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog p = { sizeof f / sizeof f[0], f };
    unsigned act = SECCOMP_RET_LOG;
    syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &act);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG, &p);
    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &p);
    getppid();
    return 0;
}
"#;

const PERF_C: &str = r#"
#include <linux/perf_event.h>
#include <linux/hw_breakpoint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <string.h>
int main(void) {
    struct perf_event_attr a; memset(&a, 0, sizeof a);
    a.type = PERF_TYPE_HARDWARE; a.size = sizeof a; a.config = PERF_COUNT_HW_INSTRUCTIONS;
    a.disabled = 1; a.exclude_kernel = 1; a.exclude_hv = 1;
    syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
    a.type = PERF_TYPE_SOFTWARE; a.config = PERF_COUNT_SW_TASK_CLOCK; a.freq = 1; a.sample_freq = 1000;
    a.sample_type = PERF_SAMPLE_IP|PERF_SAMPLE_TID|PERF_SAMPLE_BRANCH_STACK; a.read_format = PERF_FORMAT_ID;
    a.precise_ip = 2; a.use_clockid = 1; a.clockid = 1; a.watermark = 1; a.wakeup_watermark = 4;
    syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    a.type = PERF_TYPE_HW_CACHE; a.config = (PERF_COUNT_HW_CACHE_L1D) | (PERF_COUNT_HW_CACHE_OP_READ << 8) | (PERF_COUNT_HW_CACHE_RESULT_MISS << 16);
    a.size = 200;
    syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
    a.type = PERF_TYPE_BREAKPOINT; a.bp_type = HW_BREAKPOINT_W; a.bp_addr = 0x1000; a.bp_len = 4; a.size = 64;
    syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
    syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0);
    a.size = 10;
    syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
    return 0;
}
"#;

/// Compiles `src` with `cflags` and compares this group's lines with strace's under each
/// of the trace flag sets in `runs`, ignoring the syscalls in `skip`. False (the test
/// is skipped) when it cannot be compiled.
fn compiled_like_strace(
    name: &str,
    src: &str,
    cflags: &[&str],
    runs: &[&[&str]],
    skip: &[&str],
) -> bool {
    let Some(exe) = build(name, src, cflags) else {
        return false;
    };
    for flags in runs {
        assert_group_like_strace_except(flags, &[&exe], skip);
    }
    true
}

#[test]
fn memory_calls_like_strace() {
    compiled_like_strace("memcalls", MEM_C, &[], &[&["-f"]], &[]);
}

#[test]
fn process_calls_like_strace() {
    compiled_like_strace("proccalls", PROC_C, &[], &[&["-f"]], &[]);
}

#[test]
fn execve_argv_and_env_like_strace() {
    compiled_like_strace(
        "execargs",
        EXEC_C,
        &[],
        &[&["-f"], &["-f", "-v"], &["-f", "-s", "2"]],
        &[],
    );
}

#[test]
fn thread_clone3_like_strace() {
    compiled_like_strace("threads", THREAD_C, &["-pthread"], &[&["-f"]], &["futex"]);
}

#[test]
fn shell_pipeline_like_strace() {
    // Which pipeline child exits first decides what each wait4 returns.
    assert_group_like_strace_except(&["-f"], &["sh", "-c", "ls / | wc -l"], &["wait4"]);
}

#[test]
fn i386_memory_and_process_like_strace() {
    if !compiled_like_strace("memcalls32", MEM_C, &["-m32"], &[&["-f"]], &[]) {
        return;
    }
    if !compiled_like_strace(
        "threads32",
        THREAD_C,
        &["-m32", "-pthread"],
        &[&["-f"]],
        &["futex", "futex_time64"],
    ) {
        return;
    }
    compiled_like_strace("proccalls32", PROC_C, &["-m32"], &[&["-f"]], &[]);
}

#[test]
fn exit_group_and_fork_lines() {
    let Some(exe) = build(
        "forkexit",
        "#include <unistd.h>\n#include <sys/wait.h>\nint main(void){ if (fork() == 0) _exit(5); int s; wait(&s); return 2; }\n",
        &[],
    ) else {
        return;
    };
    let t = run_trace(&["-f"], &[&exe]);
    let lines: Vec<String> = group_lines(&t.log).concat();
    let assert_line = |pred: fn(&str) -> bool| {
        assert!(lines.iter().any(|l| pred(l)), "{}", t.log);
    };
    assert_line(|l| l.ends_with("exit_group(5) = ?"));
    assert_line(|l| l.ends_with("exit_group(2) = ?"));
    assert_line(|l| l.contains("wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 5}], 0, NULL) = P1"));
    assert_line(|l| {
        l.contains("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0xADDR) = P1")
    });
}

#[test]
fn seccomp_filters_like_strace() {
    compiled_like_strace("seccompf", SECCOMP_C, &[], &[&["-f"], &["-f", "-v"]], &[]);
}

#[test]
fn perf_event_attr_like_strace() {
    compiled_like_strace("perfattr", PERF_C, &[], &[&["-f"]], &[]);
}
