//! Integration tests: `-e trace=` against strace.

use crate::util::*;

#[test]
fn trace_sets_like_strace() {
    for set in [
        "trace=openat,close",
        "trace=%file",
        "trace=!read,write,mmap",
        "trace=/^(open|close)",
        "trace=%memory",
        "trace=%process",
        "trace=%%stat",
        "trace=?nosuchcall,brk",
        "openat",
    ] {
        assert_like_strace(&["-e", set], &["ls", "/"], &[]);
    }
    assert_like_strace(&["--trace=%network"], &["ls", "-l", "/"], &[]);
}

#[test]
fn filtered_calls_are_not_counted() {
    let r = run_trace(&["-c", "-e", "trace=openat"], &["ls", "/"]);
    let rows: Vec<&str> = r.log.lines().filter(|l| l.ends_with(" openat")).collect();
    assert_eq!(rows.len(), 1, "{}", r.log);
    // Only openat, then the rule and the total.
    assert_eq!(r.log.lines().count(), 5, "{}", r.log);
}

#[test]
fn bad_expressions_are_errors() {
    let r = run_trace(&["-e", "trace=read,bogus"], &["true"]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(r.stderr.trim_end(), "trace: invalid system call 'bogus'");
    let r = run_trace(&["-e", "trace=/("], &["true"]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(r.stderr, "trace: regcomp: (: unclosed group\n");
}

#[test]
fn signal_sets_like_strace() {
    let src = r#"
#include <signal.h>
#include <unistd.h>
static void h(int s) {}
int main(void) {
    signal(SIGUSR1, h); signal(SIGUSR2, h);
    kill(getpid(), SIGUSR1); kill(getpid(), SIGUSR2);
    return 0;
}
"#;
    let exe = compiled_or_skip!(compile("sigset", src, &[]), e => "gcc failed: {e}");
    let exe = exe.to_str().unwrap();
    for set in ["signal=none", "signal=SIGUSR2", "signal=!usr2", "signal=10"] {
        assert_like_strace(&["-e", set], &[exe], &[]);
    }
    let r = run_trace(&["-e", "signal=SIGNOPE"], &["true"]);
    assert_eq!(r.stderr.trim_end(), "trace: invalid signal 'SIGNOPE'");
}

/// Prints the `Seccomp:` line of the program's own /proc status, then exits.
const SECCOMP_STATUS: &str = r#"
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "Seccomp:", 8) == 0) fputs(line, stdout);
    fflush(stdout);
    if (fork() == 0) { getppid(); _exit(0); }
    wait(NULL);
    return 0;
}
"#;

#[test]
fn seccomp_filter_is_installed_only_with_f_and_a_trace_set() {
    let exe =
        compiled_or_skip!(compile("seccomp_status", SECCOMP_STATUS, &[]), e => "gcc failed: {e}");
    let exe = exe.to_str().unwrap();
    for (flags, mode) in [
        (&["-f", "-e", "trace=getppid"][..], "2"),
        (&["-f", "-e", "trace=getppid", "--no-seccomp-bpf"][..], "0"),
        (&["-f"][..], "0"),
        (&["-e", "trace=getppid"][..], "0"),
    ] {
        let r = run_trace(flags, &[exe]);
        assert_eq!(r.stdout, format!("Seccomp:\t{mode}\n"), "{flags:?}");
        assert_eq!(r.status.code(), Some(0));
    }
    // The filtered trace still shows the traced call, in the child too.
    let r = run_trace(&["-f", "-e", "trace=getppid"], &[exe]);
    // The child's getppid, returning the parent's pid (the last line's).
    let parent = r
        .log
        .lines()
        .last()
        .and_then(|l| l.split(' ').next())
        .unwrap();
    let calls: Vec<&str> = r
        .log
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(_, rest)| rest.trim_start()))
        .filter(|l| !l.starts_with("+++") && !l.starts_with("---"))
        .collect();
    assert_eq!(
        calls,
        [format!("getppid()                         = {parent}")],
        "{}",
        r.log
    );
    assert_eq!(
        r.log.matches("+++ exited with 0 +++").count(),
        2,
        "{}",
        r.log
    );
}

#[test]
fn seccomp_bpf_without_f_warns_like_strace() {
    let r = run_trace(&["--seccomp-bpf", "-e", "trace=openat"], &["true"]);
    assert_eq!(
        r.stderr.lines().next(),
        Some("trace: --seccomp-bpf cannot be used without -f/--follow-forks, disabling")
    );
    assert_eq!(r.status.code(), Some(0));
}

#[test]
fn seccomp_filtered_trace_matches_strace_for_forks_and_32_bit_programs() {
    let exe =
        compiled_or_skip!(compile("seccomp_status", SECCOMP_STATUS, &[]), e => "gcc failed: {e}");
    let exe = exe.to_str().unwrap();
    let racy = ["SIGCHLD", "wait4"];
    assert_like_strace(&["-e", "trace=getppid,openat,exit_group"], &[exe], &racy);
    // When SIGCHLD and wait4 come is up to the scheduler; rt_sigreturn returns the
    // interrupted wait4's value (a child's pid).
    assert_like_strace(
        &["-e", "trace=!read,write"],
        &["sh", "-c", "ls / | wc -l"],
        &["SIGCHLD", "wait4", "rt_sigreturn"],
    );
    let exe32 = compiled_or_skip!(
        compile("seccomp_status32", SECCOMP_STATUS, &["-m32"]),
        e => "gcc -m32 failed (gcc-multilib missing?): {e}"
    );
    let exe32 = exe32.to_str().unwrap();
    assert_like_strace(&["-e", "trace=getppid,openat,exit_group"], &[exe32], &racy);
    assert_like_strace(&["-e", "trace=%file"], &[exe32], &racy);
    // Personality suffixes: the 64-bit execve, then only the 32-bit calls.
    assert_like_strace(&["-e", "trace=%file@64,brk@32,getppid@32"], &[exe32], &racy);
    assert_like_strace(&["-e", "trace=!all@32"], &[exe32], &racy);
}
