//! Integration tests: signal_time. Small C programs exercise the signal and time
//! syscalls (success, failure and interrupted paths) under both strace and trace; the
//! lines of this group's syscalls, the `--- SIG ---` lines and the `+++` lines must be
//! identical once clock readings are masked.

use crate::util::*;
use regex::Regex;

/// Syscalls whose lines these tests compare.
const NAMES: &[&str] = &[
    "adjtimex",
    "alarm",
    "clock_adjtime",
    "clock_adjtime64",
    "clock_getres",
    "clock_getres_time64",
    "clock_gettime",
    "clock_gettime64",
    "clock_nanosleep",
    "clock_nanosleep_time64",
    "clock_settime",
    "getitimer",
    "gettimeofday",
    "kill",
    "nanosleep",
    "pause",
    "restart_syscall",
    "rt_sigaction",
    "rt_sigpending",
    "rt_sigprocmask",
    "rt_sigqueueinfo",
    "rt_sigreturn",
    "rt_sigsuspend",
    "rt_sigtimedwait",
    "rt_sigtimedwait_time64",
    "rt_tgsigqueueinfo",
    "setitimer",
    "sgetmask",
    "sigaction",
    "sigaltstack",
    "signal",
    "signalfd",
    "signalfd4",
    "sigprocmask",
    "sigreturn",
    "sigsuspend",
    "ssetmask",
    "stime",
    "tgkill",
    "time",
    "timer_create",
    "timer_delete",
    "timer_getoverrun",
    "timer_gettime",
    "timer_gettime64",
    "timer_settime",
    "timer_settime64",
    "timerfd_create",
    "timerfd_gettime",
    "timerfd_gettime64",
    "timerfd_settime",
    "timerfd_settime64",
    "tkill",
];

/// The lines of `log` this group answers for, per process (`S0 line`, `S1 line`, in
/// order of first appearance) with calls split by another process (`<unfinished ...>`
/// / `<... resumed>`) joined back, so that scheduling does not matter; pids, addresses,
/// padding and readings of running clocks are masked (they differ between any two runs).
fn group_lines(log: &str) -> Vec<String> {
    let col = Regex::new(r"^(\d+)\s+(.*)$").unwrap();
    let resumed = Regex::new(r"^<\.\.\. [a-z_0-9]+ resumed>").unwrap();
    let mut streams: Vec<(String, Vec<String>)> = Vec::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    for raw in log.lines() {
        let (pid, body) = match col.captures(raw) {
            Some(c) => (c[1].to_string(), c[2].to_string()),
            None => (String::new(), raw.to_string()),
        };
        let body = if let Some(head) = body.strip_suffix(" <unfinished ...>") {
            pending.push((pid.clone(), head.to_string()));
            continue;
        } else if let Some(m) = resumed.find(&body) {
            let head = pending
                .iter()
                .position(|(p, _)| *p == pid)
                .map(|i| pending.remove(i).1)
                .unwrap_or_default();
            format!("{head}{}", &body[m.end()..])
        } else {
            body
        };
        match streams.iter_mut().find(|(p, _)| *p == pid) {
            Some((_, v)) => v.push(body),
            None => streams.push((pid, vec![body])),
        }
    }
    let pids: std::collections::HashSet<String> = streams
        .iter()
        .filter(|(p, _)| !p.is_empty())
        .map(|(p, _)| p.clone())
        .collect();
    let addr = Regex::new(r"0x[0-9a-f]{5,}").unwrap();
    let pad = Regex::new(r"\)\s+= ").unwrap();
    let clock =
        Regex::new(r"\b(tv_sec|tv_nsec|tv_usec|si_utime|si_stime|time)=\d+( /\* [^*]* \*/)?")
            .unwrap();
    let ret_time = Regex::new(r"^time\((.*)\) = \d+ \(.*\)$").unwrap();
    let time_arg = Regex::new(r"^time\(\[\d+ /\* .* \*/\]\)").unwrap();
    let name = Regex::new(r"^([a-z_0-9]+)\(").unwrap();
    let mut out = Vec::new();
    for (i, (_, lines)) in streams.iter().enumerate() {
        for l in lines {
            let ours = l.starts_with("---")
                || l.starts_with("+++")
                || name.captures(l).is_some_and(|c| NAMES.contains(&&c[1]));
            if !ours {
                continue;
            }
            let l = mask_pids(l, &pids);
            let l = addr.replace_all(&l, "0xADDR");
            let l = pad.replace_all(&l, ") = ");
            let l = clock.replace_all(&l, "$1=N");
            let l = time_arg.replace_all(&l, "time([T])");
            let l = ret_time.replace_all(&l, "time($1) = T");
            out.push(format!("S{i} {l}"));
        }
    }
    out
}

/// Runs `exe` under strace and trace with `flags` and compares this group's lines.
fn check(flags: &[&str], exe: &str) {
    let Some(s) = run_strace(flags, &[exe]) else {
        skip!("strace is not installed");
    };
    let t = run_trace(flags, &[exe]);
    let (a, b) = (group_lines(&s.log), group_lines(&t.log));
    if a != b {
        panic!(
            "trace's lines differ from strace's:\n{}",
            line_diffs(&a, &b)
        );
    }
    assert!(!a.is_empty(), "no lines of this group in strace's log");
    assert_eq!(
        s.status.code(),
        t.status.code(),
        "exit status differs from strace's"
    );
}

/// Compiles `src` with `cflags` and compares its lines under `-f`; skips (with a note)
/// when the program cannot be built here.
fn check_program(name: &str, src: &str, cflags: &[&str]) {
    if let Some(exe) = build(name, src, cflags) {
        check(&["-f"], &exe);
    }
}

const SIGNALS_C: &str = r#"
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/signalfd.h>
static void h(int s) { (void)s; }
static void ha(int s, siginfo_t *i, void *u) { (void)s; (void)i; (void)u; }
int main(void) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_sigaction = ha;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigaction(SIGUSR2, &sa, &old);
    sigaction(SIGUSR2, NULL, &old);
    sigaction(SIGKILL, &sa, NULL);
    sigaction(SIGRTMIN + 2, &sa, NULL);
    signal(SIGINT, SIG_IGN);
    signal(SIGINT, SIG_DFL);
    syscall(SYS_rt_sigaction, SIGHUP, (void *)8, NULL, 8);
    sigset_t s, o;
    sigemptyset(&s);
    sigaddset(&s, SIGCHLD);
    sigaddset(&s, SIGRTMIN + 3);
    sigprocmask(SIG_BLOCK, &s, &o);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    sigfillset(&s);
    sigprocmask(SIG_SETMASK, &s, &o);
    sigprocmask(SIG_SETMASK, &o, NULL);
    syscall(SYS_rt_sigprocmask, 7, &s, NULL, 8);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &s, NULL, 3);
    kill(getpid(), SIGUSR1);
    raise(SIGUSR2);
    union sigval v;
    memset(&v, 0, sizeof v);
    v.sival_int = 42;
    sigqueue(getpid(), SIGUSR2, v);
    kill(-999999, 0);
    syscall(SYS_tkill, getpid(), SIGUSR1);
    syscall(SYS_tgkill, getpid(), getpid(), 0);
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, NULL);
    kill(getpid(), SIGUSR1);
    sigset_t p;
    sigpending(&p);
    siginfo_t si;
    struct timespec ts = {0, 1000};
    sigtimedwait(&s, &si, &ts);
    sigtimedwait(&s, &si, &ts);
    sigtimedwait(&s, NULL, &ts);
    int fd = signalfd(-1, &s, SFD_CLOEXEC | SFD_NONBLOCK);
    close(fd);
    stack_t ss, oss;
    ss.ss_sp = malloc(65536);
    ss.ss_size = 65536;
    ss.ss_flags = 0;
    sigaltstack(&ss, &oss);
    sigaltstack(NULL, &oss);
    ss.ss_flags = 12345;
    sigaltstack(&ss, NULL);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    return 0;
}
"#;

#[test]
fn signal_calls_like_strace() {
    check_program("signals", SIGNALS_C, &[]);
}

#[test]
fn signal_calls_i386_like_strace() {
    check_program("signals32", SIGNALS_C, &["-m32"]);
}

const SLEEPS_C: &str = r#"
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/time.h>
static void h(int s) { (void)s; }
/* 200 ms: the call after it must be entered before it fires, even on a loaded machine. */
static void arm(void) {
    struct itimerval it = {{0, 0}, {0, 200000}};
    setitimer(ITIMER_REAL, &it, NULL);
}
int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sigaction(SIGALRM, &sa, NULL);
    struct timespec r = {5, 0}, rem;
    arm();
    nanosleep(&r, &rem);
    arm();
    clock_nanosleep(CLOCK_MONOTONIC, 0, &r, &rem);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_sec += 5;
    arm();
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, &rem);
    arm();
    pause();
    int p[2];
    pipe(p);
    char c;
    arm();
    read(p[0], &c, 1);
    sigset_t e;
    sigemptyset(&e);
    arm();
    sigsuspend(&e);
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    getitimer(ITIMER_VIRTUAL, &cur);
    getitimer(99, &cur);
    alarm(100);
    alarm(0);
    struct timespec bad = {0, 2000000000};
    nanosleep(&bad, NULL);
    nanosleep((void *)8, NULL);
    return 0;
}
"#;

#[test]
fn interrupted_sleeps_like_strace() {
    check_program("sleeps", SLEEPS_C, &[]);
}

#[test]
fn interrupted_sleeps_i386_like_strace() {
    check_program("sleeps32", SLEEPS_C, &["-m32"]);
}

const TIMERS_C: &str = r#"
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/timex.h>
int main(void) {
    signal(SIGALRM, SIG_IGN);
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    clock_getres(CLOCK_REALTIME, &t);
    clock_getres(CLOCK_MONOTONIC_COARSE, &t);
    syscall(SYS_clock_gettime, 12345, &t);
    syscall(SYS_clock_gettime, CLOCK_REALTIME, (void *)8);
    syscall(SYS_clock_gettime, -6, &t);
    syscall(SYS_clock_getres, CLOCK_BOOTTIME, NULL);
    struct timeval tv;
    struct timezone tz;
    syscall(SYS_gettimeofday, &tv, &tz);
    syscall(SYS_gettimeofday, NULL, NULL);
    syscall(SYS_settimeofday, (void *)8, NULL);
    timer_t tid;
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGALRM;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &tid);
    struct itimerspec its = {{0, 0}, {100, 0}}, oits;
    timer_settime(tid, 0, &its, &oits);
    timer_settime(tid, TIMER_ABSTIME, &its, NULL);
    timer_getoverrun(tid);
    timer_delete(tid);
    timer_delete(tid);
    sev.sigev_notify = SIGEV_NONE;
    sev.sigev_value.sival_int = 7;
    syscall(SYS_timer_create, CLOCK_REALTIME, &sev, &tid);
    syscall(SYS_timer_create, CLOCK_REALTIME, NULL, &tid);
    syscall(SYS_timer_create, 99, NULL, &tid);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    struct itimerspec z = {{0, 0}, {0, 0}};
    timerfd_settime(tfd, 0, &its, &oits);
    timerfd_settime(tfd, TFD_TIMER_ABSTIME, &z, NULL);
    timerfd_gettime(tfd, &oits);
    timerfd_create(77, 0);
    close(tfd);
    struct timex tx;
    memset(&tx, 0, sizeof tx);
    syscall(SYS_adjtimex, (void *)8);
    syscall(SYS_time, NULL);
    time_t tt;
    syscall(SYS_time, &tt);
    return 0;
}
"#;

#[test]
fn clocks_and_timers_like_strace() {
    check_program("timers", TIMERS_C, &["-lrt"]);
}

#[test]
fn clocks_and_timers_i386_like_strace() {
    check_program("timers32", TIMERS_C, &["-m32", "-lrt"]);
}

const CHILDREN_C: &str = r#"
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    int st;
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    waitpid(pid, &st, 0);
    pid = fork();
    if (pid == 0)
        *(volatile int *)0 = 1;
    waitpid(pid, &st, 0);
    pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    struct timespec nap = {0, 100000000};
    nanosleep(&nap, NULL);
    kill(pid, SIGTERM);
    waitpid(pid, &st, 0);
    return 0;
}
"#;

#[test]
fn child_signals_like_strace() {
    check_program("children", CHILDREN_C, &[]);
}

const SEGV_C: &str = r#"
#include <signal.h>
int main(void) {
    signal(SIGSEGV, SIG_DFL);
    *(volatile int *)16 = 1;
    return 0;
}
"#;

#[test]
fn killed_by_sigsegv_like_strace() {
    let Some(exe) = build("segv", SEGV_C, &[]) else {
        return;
    };
    check(&["-f"], &exe);
    let t = run_trace(&[], &[&exe]);
    let last = t.lines().last().map(|l| l.to_string()).unwrap_or_default();
    assert!(last.starts_with("+++ killed by SIGSEGV"), "{last}");
    let segv: Vec<&str> = t
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("--- SIGSEGV"))
        .collect();
    assert_eq!(
        segv,
        ["--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---"]
    );
}

const RESTART_C: &str = r#"
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
static void child(void) {
    if (fork() == 0) {
        struct timespec t = {0, 50000000};
        nanosleep(&t, NULL);
        _exit(0);
    }
}
int main(void) {
    child();
    usleep(300000);
    child();
    poll(NULL, 0, 300);
    wait(NULL);
    wait(NULL);
    return 0;
}
"#;

/// A child's SIGCHLD interrupts the parent's sleep and poll, which the kernel resumes
/// with restart_syscall.
#[test]
fn restarted_sleeps_like_strace() {
    let Some(exe) = build("restart", RESTART_C, &[]) else {
        return;
    };
    let Some(s) = run_strace(&[], &[&exe]) else {
        skip!("strace is not installed");
    };
    let t = run_trace(&[], &[&exe]);
    let pick = |log: &str| -> Vec<String> {
        group_lines(log)
            .into_iter()
            .filter(|l| l.contains(" restart_syscall(") || l.contains(" --- SIGCHLD"))
            .map(|l| {
                Regex::new(r"si_pid=\d+")
                    .unwrap()
                    .replace(&l, "si_pid=N")
                    .into_owned()
            })
            .collect()
    };
    assert_eq!(pick(&t.log), pick(&s.log));
    // Under heavy load a child may exit only after the parent's wait ended.
    assert!(
        pick(&t.log).iter().any(|l| l.contains(" restart_syscall(")),
        "{}",
        t.log
    );
}

const OLD32_C: &str = r#"
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>
static void h(int s) { (void)s; }
struct old_sa { unsigned long handler, mask, flags, restorer; };
int main(void) {
    syscall(SYS_signal, SIGUSR1, h);
    syscall(SYS_signal, SIGUSR1, SIG_IGN);
    struct old_sa a = {(unsigned long)h, 1UL << (SIGINT - 1), 0, 0}, o;
    syscall(SYS_sigaction, SIGUSR2, &a, &o);
    syscall(SYS_sigaction, SIGUSR2, NULL, &o);
    unsigned long m = 1UL << (SIGHUP - 1), om;
    syscall(SYS_sigprocmask, SIG_BLOCK, &m, &om);
    syscall(SYS_sigpending, &om);
    syscall(SYS_sgetmask);
    syscall(SYS_ssetmask, 0);
    syscall(SYS_stime, (void *)8);
    long t;
    syscall(SYS_time, &t);
    alarm(100);
    alarm(0);
    /* Long enough that the call is entered before it fires, even on a loaded machine. */
    struct itimerval it = {{0, 0}, {0, 300000}};
    setitimer(ITIMER_REAL, &it, NULL);
    syscall(SYS_sigsuspend, 0, 0, 0);
    return 0;
}
"#;

/// The i386-only signal calls (signal, sigaction, sigprocmask, sgetmask, ...) and the
/// death by a default-action signal.
#[test]
fn old_i386_signal_calls_like_strace() {
    check_program("old32", OLD32_C, &["-m32"]);
}
