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
    assert!(r.stderr.starts_with("trace: regcomp: (: "), "{}", r.stderr);
    let r = run_trace(&["-e", "signal=none"], &["true"]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        r.stderr.trim_end(),
        "trace: -e signal= is not supported yet"
    );
}
