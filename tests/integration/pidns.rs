//! Integration tests: `--pidns-translation` on a program whose child runs in a new pid
//! namespace, line for line against strace (pids masked alike).

use crate::util::*;

const PIDNS_C: &str = r#"
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
int main(void) {
    syscall(SYS_getpid);
    if (unshare(CLONE_NEWPID)) return 77;
    pid_t p = fork();
    if (p == 0) {
        syscall(SYS_getpid);
        syscall(SYS_gettid);
        syscall(SYS_getppid);
        syscall(SYS_getpgid, 0);
        syscall(SYS_kill, 1, 0);
        syscall(SYS_kill, -1000000, 0);
        return 0;
    }
    waitpid(p, 0, 0);
    return 0;
}
"#;

fn can_unshare_pid() -> bool {
    std::process::Command::new("unshare")
        .args(["-pf", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn pids_of_a_child_pid_namespace_like_strace() {
    if !can_unshare_pid() {
        skip!("cannot create a pid namespace here (unshare -pf true failed)");
    }
    let exe = compiled_or_skip!(compile("pidns", PIDNS_C, &[]), e => "gcc failed: {e}");
    let exe = exe.to_string_lossy();
    let flags = [
        "--pidns-translation",
        "-e",
        "trace=getpid,gettid,getppid,getpgid,kill,wait4",
        "-e",
        "signal=none",
    ];
    assert_like_strace(&flags, &[&exe], &[]);

    // The child's ids as trace sees them, in the comment; none for the parent's.
    let flags = [
        "-f",
        "-a0",
        "--pidns-translation",
        "-e",
        "trace=getpid,gettid,getppid,getpgid,kill",
        "-e",
        "signal=none",
    ];
    let t = run_trace(&flags, &[&exe]);
    let lines = t.lines();
    let child = lines
        .iter()
        .find_map(|l| l.split_once(" getpid() = 1 /* "))
        .map(|(pid, _)| pid.trim().to_string())
        .unwrap_or_else(|| panic!("no translated getpid:\n{}", t.log));
    let parent = lines[0].split_whitespace().next().unwrap();
    assert_eq!(lines[0], format!("{parent:<5} getpid() = {parent}"));
    let ns = format!(" /* {child} in strace's PID NS */");
    let want = [
        format!("getpid() = 1{ns}"),
        format!("gettid() = 1{ns}"),
        // The parent is outside the child's namespace.
        "getppid() = 0".to_string(),
        "getpgid(0) = 0".to_string(),
        format!("kill(1{ns}, 0) = 0"),
        "kill(-1000000, 0) = -1 ESRCH (No such process)".to_string(),
        "+++ exited with 0 +++".to_string(),
    ];
    let got: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix(&format!("{child:<5} ")))
        .collect();
    assert_eq!(got, want, "{}", t.log);
}

#[test]
fn decode_pids_set_is_checked() {
    let t = run_trace(&["--decode-pids=pids"], &["true"]);
    assert_eq!(t.status.code(), Some(1));
    assert_eq!(
        t.stderr.lines().next(),
        Some("trace: invalid --decode-pids argument: 'pids'")
    );
}

/// strace's second run of its pidns tests: trace itself in a new pid namespace, with
/// /proc still the outer one, so that /proc names every process by another number.
#[test]
fn translates_through_a_proc_of_an_outer_namespace() {
    if !can_unshare_pid() {
        skip!("cannot create a pid namespace here (unshare -pf true failed)");
    }
    let exe = compiled_or_skip!(compile("pidns", PIDNS_C, &[]), e => "gcc failed: {e}");
    let log = tmpdir("pidns-outer").join("log");
    let out = std::process::Command::new("unshare")
        .args(["-pf", trace_bin(), "-f", "-a0", "--pidns-translation"])
        .args(["-e", "trace=getpid,gettid", "-e", "signal=none", "-o"])
        .arg(&log)
        .arg(&exe)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    // trace is 1 in its namespace: the program 2, its child 3 (1 in its own).
    assert_eq!(
        lines,
        [
            "2     getpid() = 2",
            "3     getpid() = 1 /* 3 in strace's PID NS */",
            "3     gettid() = 1 /* 3 in strace's PID NS */",
            "3     +++ exited with 0 +++",
            "2     +++ exited with 0 +++",
        ],
        "{log}"
    );
}
