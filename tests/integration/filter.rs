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
    let r = run_trace(&["-e", "status=failed"], &["true"]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        r.stderr.trim_end(),
        "trace: -e status= is not supported yet"
    );
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
