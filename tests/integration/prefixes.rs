//! Integration tests: the columns before a line's syscall (`--timestamps`,
//! `--relative-timestamps`, `--syscall-times`, `-n`), checked against strace's lines
//! with the digits of times masked.

use crate::util::*;
use regex::Regex;

/// The log's lines with every digit run of a time masked (`N`): the shape stays.
fn shapes(log: &str) -> Vec<String> {
    let digits = Regex::new(r"\d+").unwrap();
    log.lines()
        .filter(|l| !l.contains("execve("))
        .map(|l| digits.replace_all(l, "N").into_owned())
        .collect()
}

fn compare_shapes(flags: &[&str], cmd: &[&str]) {
    let Some(s) = run_strace(flags, cmd) else {
        skip!("strace is not installed (apt-get install strace)");
    };
    let t = run_trace(flags, cmd);
    let (s, t) = (shapes(&s.log), shapes(&t.log));
    assert!(!s.is_empty(), "strace printed nothing for {flags:?}");
    assert_eq!(s, t, "{flags:?}:\n{}", line_diffs(&s, &t));
}

#[test]
fn timestamp_formats_and_precisions_like_strace() {
    let cmd = ["sh", "-c", "exit 3"];
    for flags in [
        &["--timestamps"][..],
        &["--timestamps=unix,ns"],
        &["--timestamps=time,ms"],
        &["--timestamps=unix,s"],
        &["--timestamps=none"],
        &[
            "--absolute-timestamps=format:unix",
            "--absolute-timestamps=precision:ms",
        ],
        &["--relative-timestamps=ns"],
        &["--relative-timestamps=s"],
        &["-tt", "--relative-timestamps=ms"],
        &["--syscall-times=ms"],
        &["--syscall-times=s"],
    ] {
        let mut all = flags.to_vec();
        all.extend(["-e", "trace=exit_group,getpid"]);
        compare_shapes(&all, &cmd);
    }
}

/// The exact digits, where they are not a time: the number of digits after the point.
#[test]
fn precision_sets_the_digits_after_the_point() {
    let t = run_trace(
        &[
            "--timestamps=unix,ms",
            "--syscall-times=ns",
            "-e",
            "trace=getppid",
        ],
        &["sh", "-c", "exec /bin/true"],
    );
    let line = Regex::new(r"^\d{10}\.\d{3} \+\+\+ exited with 0 \+\+\+$").unwrap();
    let last = t.lines().last().copied().unwrap_or_default().to_string();
    assert!(line.is_match(&last), "{last:?}");
}

const SEGV_C: &str = r#"
#include <unistd.h>
int main(void) { getuid(); *(volatile int *)0 = 0; return 0; }
"#;

#[test]
fn syscall_numbers_like_strace() {
    let exe = compiled_or_skip!(compile("prefixes_segv", SEGV_C, &[]), e => "gcc failed: {e}");
    let exe = exe.to_string_lossy();
    // The signal and the kill show the thread's latest syscall (getuid).
    if !assert_like_strace(&["-n", "-e", "trace=getuid"], &[&exe], &[]) {
        return;
    }
    // Calls left out still count as the thread's latest (strace stops at every call).
    let t = run_trace(&["-n", "-e", "trace=none", "--no-seccomp-bpf"], &[&exe]);
    let lines = t.lines();
    assert_eq!(
        lines[0],
        "[ 102] --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---"
    );
    // `(core dumped)` or not, by the machine's core limit.
    assert!(
        lines[1].starts_with("[ 102] +++ killed by SIGSEGV"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    let t = run_trace(&["-n", "-e", "trace=exit_group"], &["sh", "-c", "exit 2"]);
    assert_eq!(
        t.lines(),
        [
            "[ 231] exit_group(2)                    = ?",
            "[ 231] +++ exited with 2 +++"
        ]
    );
}

#[test]
fn bad_timestamp_arguments_are_errors_like_strace() {
    for flags in [
        &["--timestamps=foo"][..],
        &["--absolute-timestamps=precision:time"],
        &["--relative-timestamps=m"],
        &["--syscall-times=sec"],
        &["-t", "--timestamps=unix"],
    ] {
        let t = run_trace(flags, &["true"]);
        assert_eq!(t.status.code(), Some(1), "{flags:?}");
        let first = t.stderr.lines().next().unwrap_or_default();
        if let Some(s) = run_strace(flags, &["true"]) {
            let want = s.stderr.lines().next().unwrap_or_default();
            assert_eq!(first, want.replacen("strace:", "trace:", 1), "{flags:?}");
        }
    }
}

/// `-i` lines with the addresses masked (they move with ASLR); their width stays.
fn ip_shapes(log: &str) -> Vec<String> {
    let ip = Regex::new(r"\[[0-9a-f]{8}([0-9a-f]{8})?\]").unwrap();
    let pid = Regex::new(r"(si_pid=|kill\()\d+").unwrap();
    log.lines()
        .filter(|l| !l.contains("execve("))
        .map(|l| {
            let l = ip.replace_all(l, |c: &regex::Captures| {
                format!("[{}]", "X".repeat(c[0].len() - 2))
            });
            pid.replace_all(&l, "${1}PID").into_owned()
        })
        .collect()
}

#[test]
fn instruction_pointers_like_strace() {
    let exe = compiled_or_skip!(compile("prefixes_segv", SEGV_C, &[]), e => "gcc failed: {e}");
    let exe = exe.to_string_lossy().into_owned();
    let mut runs = vec![(vec!["-i", "-n", "-e", "trace=getuid"], vec![exe.clone()])];
    runs.push((
        vec!["-i", "-e", "trace=getuid,kill"],
        vec!["sh".into(), "-c".into(), "kill -USR1 $$".into()],
    ));
    // A 32-bit program's addresses are 8 digits wide.
    if let Some(exe32) = build("prefixes_segv32", SEGV_C, &["-m32"]) {
        runs.push((vec!["-i", "-e", "trace=getuid32"], vec![exe32]));
    }
    for (flags, cmd) in runs {
        let cmd: Vec<&str> = cmd.iter().map(String::as_str).collect();
        let Some(s) = run_strace(&flags, &cmd) else {
            skip!("strace is not installed (apt-get install strace)");
        };
        let t = run_trace(&flags, &cmd);
        let (s, t) = (ip_shapes(&s.log), ip_shapes(&t.log));
        assert!(s.len() >= 3, "{s:?}");
        assert_eq!(s, t, "{flags:?}:\n{}", line_diffs(&s, &t));
    }
}
