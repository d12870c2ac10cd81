//! Integration tests: the tracer loop itself (exit codes, signals, -f, errors).

use crate::util::*;

#[test]
fn exit_status_is_handed_on() {
    let r = run_trace(&[], &["sh", "-c", "exit 7"]);
    assert_eq!(r.status.code(), Some(7));
    assert_eq!(r.lines().last().copied(), Some("+++ exited with 7 +++"));
}

#[test]
fn missing_command_is_a_clear_error() {
    let r = run_trace(&[], &["/nonexistent/cmd"]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        r.stderr.trim_end(),
        "trace: Can't stat '/nonexistent/cmd': No such file or directory"
    );
}
