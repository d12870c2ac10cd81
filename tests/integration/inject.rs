//! Integration tests: `-e inject=` / `-e fault=` (syscall tampering) on small C
//! programs, line by line against strace 6.1 and against the exact lines strace prints.

#[allow(unused_imports)]
use crate::util::*;

/// getpid six times, getppid twice, a write of "hello\n" twice; SIGUSR1 is caught so
/// that an injected one shows as a delivery.
const CALLS_C: &str = r#"
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
static void on_usr1(int s) { (void) s; }
int main(void) {
    signal(SIGUSR1, on_usr1);
    for (int i = 0; i < 6; i++) syscall(SYS_getpid);
    syscall(SYS_getppid);
    syscall(SYS_getppid);
    char b[] = "hello\n";
    write(1, b, 6);
    write(1, b, 6);
    return 0;
}
"#;

/// Two threads and a child process, each calling getppid three times.
const THREADS_C: &str = r#"
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
static void *run(void *a) {
    (void) a;
    for (int i = 0; i < 3; i++) syscall(SYS_getppid);
    return 0;
}
int main(void) {
    pthread_t t;
    pthread_create(&t, 0, run, 0);
    pthread_join(t, 0);
    run(0);
    pid_t c = fork();
    if (c == 0) { run(0); _exit(0); }
    waitpid(c, 0, 0);
    return 0;
}
"#;

/// trace's log lines (pid column dropped) for the calls `names` start with.
fn calls(flags: &[&str], exe: &str, names: &[&str]) -> Vec<String> {
    let r = run_trace(flags, &[exe]);
    assert!(r.status.success(), "trace failed: {}", r.stderr);
    r.log
        .lines()
        .map(|l| {
            let t = l.trim_start_matches(|c: char| c.is_ascii_digit());
            if t.len() != l.len() {
                t.trim_start()
            } else {
                l
            }
        })
        .filter(|l| names.iter().any(|n| l.starts_with(n)))
        .map(|l| {
            // Pids differ between runs.
            let re = regex::Regex::new(r"= \d{2,}$").unwrap();
            re.replace(l, "= PID").into_owned()
        })
        .collect()
}

fn padded(call: &str, ret: &str) -> String {
    format!("{call:<39} = {ret}")
}

#[test]
fn error_retval_and_when_as_strace() {
    let exe = compiled_or_skip!(compile("inject_calls", CALLS_C, &[]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    let getpid = |ret: &str| padded("getpid()", ret);
    let enoent = "-1 ENOENT (No such file or directory) (INJECTED)";
    for (spec, want) in [
        (
            "getpid:error=ENOENT:when=2..3",
            vec!["PID", enoent, enoent, "PID", "PID", "PID"],
        ),
        (
            "getpid:retval=42:when=2+2",
            vec![
                "PID",
                "42 (INJECTED)",
                "PID",
                "42 (INJECTED)",
                "PID",
                "42 (INJECTED)",
            ],
        ),
        (
            "getpid:error=2:when=5",
            vec!["PID", "PID", "PID", "PID", enoent, "PID"],
        ),
        (
            "getpid:error=enoent:when=3+",
            vec!["PID", "PID", enoent, enoent, enoent, enoent],
        ),
        (
            "getpid:retval=0x10:when=1..6+4",
            vec!["16 (INJECTED)", "PID", "PID", "PID", "16 (INJECTED)", "PID"],
        ),
    ] {
        let flags = ["-e", "trace=getpid", "-e", &format!("inject={spec}")];
        let want: Vec<String> = want.iter().map(|r| getpid(r)).collect();
        assert_eq!(calls(&flags, exe, &["getpid"]), want, "{spec}");
        assert_like_strace(&flags, &[exe], &[]);
    }
}

#[test]
fn fault_defaults_to_enosys_and_long_forms_work() {
    let exe = compiled_or_skip!(compile("inject_calls", CALLS_C, &[]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    let enosys = padded(
        "getppid()",
        "-1 ENOSYS (Function not implemented) (INJECTED)",
    );
    let eperm = padded("getppid()", "-1 EPERM (Operation not permitted) (INJECTED)");
    let flags = ["--trace=getppid", "--fault=getppid:when=2"];
    assert_eq!(
        calls(&flags, exe, &["getppid"]),
        [padded("getppid()", "PID"), enosys]
    );
    assert_like_strace(&flags, &[exe], &[]);
    // The later spec wins for the syscalls both name.
    let flags = [
        "-e",
        "trace=getppid,getpid",
        "-e",
        "fault=getppid,getpid",
        "--inject=getppid:error=EPERM",
    ];
    let got = calls(&flags, exe, &["getppid", "getpid"]);
    assert_eq!(got[6..], [eperm.clone(), eperm]);
    assert!(got[0].ends_with("(Function not implemented) (INJECTED)"));
    assert_like_strace(&flags, &[exe], &[]);
    // Calls not traced are not tampered with, as in strace.
    let flags = ["-e", "trace=getpid", "-e", "fault=getpid,getppid"];
    let r = run_trace(&flags, &[exe]);
    assert!(r.status.success());
    assert!(!r.log.contains("getppid"));
    assert_like_strace(&flags, &[exe], &[]);
}

#[test]
fn signal_is_delivered_after_the_call() {
    let exe = compiled_or_skip!(compile("inject_calls", CALLS_C, &[]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    let flags = [
        "-e",
        "trace=getpid",
        "-e",
        "inject=getpid:signal=SIGUSR1:error=EPERM:when=2",
    ];
    let r = run_trace(&flags, &[exe]);
    let lines: Vec<&str> = r.lines();
    let at = lines
        .iter()
        .position(|l| l.contains("EPERM"))
        .expect("no injected call");
    assert_eq!(
        lines[at],
        padded("getpid()", "-1 EPERM (Operation not permitted) (INJECTED)")
    );
    assert_eq!(
        lines[at + 1],
        "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_KERNEL} ---"
    );
    assert_like_strace(&flags, &[exe], &[]);
    // signal= alone leaves the call as it is.
    let flags = [
        "-e",
        "trace=getpid",
        "-e",
        "inject=getpid:signal=usr1:when=6",
    ];
    assert_like_strace(&flags, &[exe], &[]);
}

#[test]
fn retval_in_errno_range_warns_and_shows_a_success() {
    let exe = compiled_or_skip!(compile("inject_calls", CALLS_C, &[]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    let flags = ["-e", "trace=getppid", "-e", "inject=getppid:retval=-1"];
    let r = run_trace(&flags, &[exe]);
    assert_eq!(
        r.stderr,
        "trace: Inadvertent injection of error 1 is possible for retval=18446744073709551615\n"
    );
    assert_eq!(
        calls(&flags, exe, &["getppid"]),
        [
            padded("getppid()", "-1 (INJECTED)"),
            padded("getppid()", "-1 (INJECTED)")
        ]
    );
    assert_like_strace(&flags, &[exe], &[]);
}

#[test]
fn pokes_and_delays_are_noted() {
    let exe = compiled_or_skip!(compile("inject_calls", CALLS_C, &[]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    let flags = [
        "-e",
        "trace=write",
        "-e",
        "inject=write:poke_enter=@arg2=4142:when=1",
    ];
    let r = run_trace(&flags, &[exe]);
    assert_eq!(r.stdout, "ABllo\nABllo\n");
    assert_eq!(
        calls(&flags, exe, &["write"]),
        [
            padded("write(1, \"ABllo\\n\", 6)", "6 (INJECTED: args)"),
            padded("write(1, \"ABllo\\n\", 6)", "6"),
        ]
    );
    assert_like_strace(&flags, &[exe], &[]);
    let flags = [
        "-e",
        "trace=write",
        "-e",
        "inject=write:poke_exit=@arg2=4142:retval=3:when=1",
    ];
    assert_eq!(
        calls(&flags, exe, &["write"]),
        [
            padded("write(1, \"hello\\n\", 6)", "3 (INJECTED: args, retval)"),
            padded("write(1, \"ABllo\\n\", 6)", "6"),
        ]
    );
    assert_like_strace(&flags, &[exe], &[]);
    let flags = [
        "-T",
        "-e",
        "trace=getppid",
        "-e",
        "inject=getppid:delay_enter=20ms:error=EIO:when=1",
    ];
    let got = calls(&flags, exe, &["getppid"]);
    let want = padded(
        "getppid()",
        "-1 EIO (Input/output error) (INJECTED) (DELAYED) <0.0",
    );
    assert!(got[0].starts_with(&want), "{got:?}");
    let secs: f64 = got[0]
        .rsplit('<')
        .next()
        .unwrap()
        .trim_end_matches('>')
        .parse()
        .unwrap();
    assert!(secs >= 0.02, "{secs}");
}

#[test]
fn counted_per_thread_with_threads_and_forks() {
    let exe =
        compiled_or_skip!(compile("inject_threads", THREADS_C, &["-pthread"]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    for spec in ["getppid:error=EACCES:when=2", "getppid:retval=7:when=1+2"] {
        let flags = [
            "-f",
            "-qq",
            "-e",
            "trace=getppid",
            "-e",
            &format!("inject={spec}"),
        ];
        let r = run_trace(&flags, &[exe]);
        let injected = r.log.lines().filter(|l| l.ends_with("(INJECTED)")).count();
        // Three threads, each counting its own calls.
        assert_eq!(
            injected,
            if spec.contains("when=2") { 3 } else { 6 },
            "{spec}"
        );
        assert_like_strace(&flags, &[exe], &[]);
    }
}

#[test]
fn works_under_the_seccomp_filter() {
    let exe =
        compiled_or_skip!(compile("inject_threads", THREADS_C, &["-pthread"]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    for spec in [
        "inject=getppid:error=EACCES:when=2",
        "fault=getppid:when=1..2",
    ] {
        let flags = ["-f", "--seccomp-bpf", "-e", "trace=getppid", "-e", spec];
        assert_like_strace(&flags, &[exe], &[]);
    }
    // strace 6.1 loses signal= under its filter (a seccomp stop's restart drops the
    // signal); trace sends it at the exit stop instead.
    let exe = compiled_or_skip!(compile("inject_calls", CALLS_C, &[]), e => "gcc: {e}");
    let flags = [
        "-f",
        "--seccomp-bpf",
        "-e",
        "trace=getpid",
        "-e",
        "inject=getpid:signal=SIGUSR1:when=3",
    ];
    let r = run_trace(&flags, &[exe.to_str().unwrap()]);
    let lines: Vec<&str> = r
        .lines()
        .iter()
        .map(|l| l.split_once(' ').unwrap().1.trim_start())
        .collect();
    assert_eq!(
        lines[3], "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_KERNEL} ---",
        "{lines:?}"
    );
}

#[test]
fn i386_tracees_are_tampered_with() {
    let exe = compiled_or_skip!(
        compile("inject_threads32", THREADS_C, &["-m32", "-pthread"]),
        e => "gcc -m32 cannot build here (gcc-multilib missing?): {e}"
    );
    let exe = exe.to_str().unwrap();
    for spec in [
        "inject=getppid:error=EACCES:when=2",
        "inject=getppid:retval=0x100000007:when=3",
        "fault=getppid:when=1",
    ] {
        let flags = ["-f", "-qq", "-e", "trace=getppid", "-e", spec];
        let r = run_trace(&flags, &[exe]);
        assert!(r.status.success(), "{spec}: {}", r.stderr);
        let injected: Vec<&str> = r
            .lines()
            .into_iter()
            .filter(|l| l.ends_with("(INJECTED)"))
            .collect();
        assert_eq!(injected.len(), 3, "{spec}: {injected:?}");
        if spec.contains("retval") {
            assert_eq!(
                r.stderr,
                "trace: Injected return value 4294967303 will be clipped to 7 in compat personality\n"
            );
            // Clipped to the tracee's 32-bit long.
            assert!(injected.iter().all(|l| l.ends_with("= 7 (INJECTED)")));
        }
        assert_like_strace(&flags, &[exe], &[]);
        let filtered = [
            "--seccomp-bpf",
            "-f",
            "-qq",
            "-e",
            "trace=getppid",
            "-e",
            spec,
        ];
        assert_like_strace(&filtered, &[exe], &[]);
    }
}

#[test]
fn bad_specs_fail_with_strace_messages() {
    for (expr, msg) in [
        ("inject=xyz", "invalid system call 'xyz'"),
        ("inject=getpid", "invalid inject argument 'getpid'"),
        (
            "inject=getpid:error=FOO",
            "invalid inject argument 'getpid:error=FOO'",
        ),
        (
            "inject=getpid:when=0:error=1",
            "invalid inject argument 'getpid:when=0:error=1'",
        ),
        (
            "inject=getpid:when=3..2:error=1",
            "invalid inject argument 'getpid:when=3..2:error=1'",
        ),
        (
            "inject=getpid:error=1:retval=2",
            "invalid inject argument 'getpid:error=1:retval=2'",
        ),
        (
            "inject=getpid:retval=1:syscall=open",
            "invalid inject argument 'getpid:retval=1:syscall=open'",
        ),
        ("inject=:error=1", "invalid system call ''"),
        (
            "fault=getpid:retval=1",
            "invalid fault argument 'getpid:retval=1'",
        ),
        (
            "fault=getpid:signal=SIGUSR1",
            "invalid fault argument 'getpid:signal=SIGUSR1'",
        ),
    ] {
        let r = run_trace(&["-e", expr], &["true"]);
        assert_eq!(r.status.code(), Some(1), "{expr}");
        assert_eq!(r.stderr, format!("trace: {msg}\n"), "{expr}");
        if let Some(s) = run_strace(&["-e", expr], &["true"]) {
            assert_eq!(s.stderr, format!("strace: {msg}\n"), "{expr}");
        }
    }
}

#[test]
fn json_marks_tampered_calls() {
    let exe = compiled_or_skip!(compile("inject_calls", CALLS_C, &[]), e => "gcc: {e}");
    let r = run_trace(
        &[
            "--json",
            "-e",
            "trace=getppid",
            "-e",
            "inject=getppid:error=EPERM:when=2",
        ],
        &[exe.to_str().unwrap()],
    );
    let calls: Vec<serde_json::Value> = r
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["type"] == "syscall")
        .collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].get("injected"), None);
    assert_eq!(calls[1]["injected"], "(INJECTED)");
    assert_eq!(calls[1]["errno"], "EPERM");
    assert_eq!(
        calls[1]["text"],
        "getppid() = -1 EPERM (Operation not permitted) (INJECTED)"
    );
}

/// Opens /etc/passwd and /etc/hostname three times each.
const OPENS_C: &str = r#"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    for (int i = 0; i < 3; i++) {
        int a = open("/etc/passwd", O_RDONLY);
        int b = open("/etc/hostname", O_RDONLY);
        close(a);
        close(b);
    }
    return 0;
}
"#;

#[test]
fn only_calls_matching_trace_path_are_tampered_with_and_counted() {
    let exe = compiled_or_skip!(compile("inject_opens", OPENS_C, &[]), e => "gcc: {e}");
    let exe = exe.to_str().unwrap();
    let flags = [
        "-P",
        "/etc/hostname",
        "-e",
        "inject=openat:error=EACCES:when=2",
        "-e",
        "inject=close:retval=0:when=1",
    ];
    let r = run_trace(&flags, &[exe]);
    let open = "openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)";
    assert_eq!(
        r.lines(),
        [
            format!("{open} = 4"),
            padded("close(4)", "0 (INJECTED)"),
            format!("{open} = -1 EACCES (Permission denied) (INJECTED)"),
            format!("{open} = 5"),
            padded("close(5)", "0"),
            "+++ exited with 0 +++".to_string(),
        ]
    );
    assert_like_strace(&flags, &[exe], &[]);
}

/// A child whose getppid is held 800 ms; meanwhile its parent times its own getpid,
/// which exits 1 when that took longer than 300 ms (the tracer waited for the child).
const HELD_C: &str = r#"
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}
int main(void) {
    pid_t c = fork();
    if (c == 0) { syscall(SYS_getppid); _exit(0); }
    usleep(100000);
    double t0 = now();
    syscall(SYS_getpid);
    double took = now() - t0;
    int st;
    waitpid(c, &st, 0);
    return took > 0.3;
}
"#;

#[test]
fn a_delayed_thread_does_not_hold_up_the_others() {
    let exe = compiled_or_skip!(compile("inject_held", HELD_C, &[]), e => "gcc: {e}");
    let flags = [
        "-f",
        "-e",
        "trace=getppid,getpid",
        "-e",
        "inject=getppid:delay_enter=800ms",
    ];
    let r = run_trace(&flags, &[exe.to_str().unwrap()]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "the parent waited for the held child"
    );
    // The parent's calls come while the child is held: its line is split.
    let delayed: Vec<&str> = r
        .lines()
        .into_iter()
        .filter(|l| l.ends_with(" (DELAYED)"))
        .collect();
    assert_eq!(delayed.len(), 1, "{}", r.log);
    assert!(delayed[0].contains("getppid resumed>)"), "{}", r.log);
}
