//! Integration tests: the `-c` / `-C` / `-w` / `-S` / `-U` summary against strace's.

use crate::util::*;
use std::collections::BTreeMap;

/// (calls, errors) per syscall name, from every table of a `-c` output.
fn counts(table: &str) -> BTreeMap<String, (u64, u64)> {
    let mut m = BTreeMap::new();
    for l in table.lines() {
        let w: Vec<&str> = l.split_whitespace().collect();
        // Data rows: % time, seconds, usecs/call, calls, [errors], name.
        if w.len() < 5 || w[0].parse::<f64>().is_err() || w.last() == Some(&"total") {
            continue;
        }
        let calls = w[3].parse().unwrap();
        let errors = if w.len() == 6 {
            w[4].parse().unwrap()
        } else {
            0
        };
        m.insert(w[w.len() - 1].to_string(), (calls, errors));
    }
    m
}

/// Same calls and errors per syscall as strace -c, minus names whose count depends on
/// scheduling.
fn counts_like_strace(flags: &[&str], cmd: &[&str], unstable: &[&str]) {
    let Some(s) = run_strace(flags, cmd) else {
        skip!("strace is not installed (apt-get install strace)");
    };
    let t = run_trace(flags, cmd);
    let (mut a, mut b) = (counts(&s.log), counts(&t.log));
    for n in unstable {
        a.remove(*n);
        b.remove(*n);
    }
    assert!(!a.is_empty(), "no rows in strace's table:\n{}", s.log);
    assert_eq!(a, b, "strace:\n{}\ntrace:\n{}", s.log, t.log);
    assert_eq!(s.status.code(), t.status.code());
}

const FILES_C: &str = r#"
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
int main(void) {
    char b[16]; struct stat st;
    for (int i = 0; i < 20; i++) {
        int fd = open("/etc/passwd", O_RDONLY);
        read(fd, b, sizeof b);
        fstat(fd, &st);
        close(fd);
        open("/nonexistent", O_RDONLY);
        close(-1);
    }
    return 0;
}
"#;

#[test]
fn counts_match_strace() {
    let Some(exe) = build("sumfiles", FILES_C, &[]) else {
        return;
    };
    counts_like_strace(&["-c"], &[&exe], &[]);
    counts_like_strace(&["-c", "-w"], &[&exe], &[]);
}

#[test]
fn counts_match_strace_for_ls() {
    counts_like_strace(&["-c"], &["ls", "/"], &[]);
}

#[test]
fn counts_match_strace_with_threads_and_forks() {
    let src = r#"
#include <pthread.h>
#include <unistd.h>
#include <sys/wait.h>
static void *work(void *a) { for (int i = 0; i < 50; i++) getppid(); return a; }
int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, work, 0);
    for (int i = 0; i < 4; i++) pthread_join(t[i], 0);
    for (int i = 0; i < 3; i++) { pid_t c = fork(); if (c == 0) { getpid(); _exit(0); } waitpid(c, 0, 0); }
    return 0;
}
"#;
    let Some(exe) = build("sumthreads", src, &["-pthread"]) else {
        return;
    };
    // Whether a join or a wait blocks (futex, rt_sigreturn after SIGCHLD) is timing.
    counts_like_strace(&["-f", "-c"], &[&exe], &["futex", "rt_sigreturn"]);
}

#[test]
fn i386_counts_get_their_own_table() {
    let Some(exe) = build("sum32", FILES_C, &["-m32"]) else {
        return;
    };
    let t = run_trace(&["-c"], &[&exe]);
    assert!(
        t.log
            .contains("\nSystem call usage summary for 32 bit mode:\n"),
        "{}",
        t.log
    );
    counts_like_strace(&["-c"], &[&exe], &[]);
}

#[test]
fn table_layout_and_sort_order() {
    let Some(exe) = build("sumlayout", FILES_C, &[]) else {
        return;
    };
    let t = run_trace(&["-c", "-w"], &[&exe]);
    let lines: Vec<&str> = t.log.lines().collect();
    let rule = "------ ----------- ----------- --------- --------- ----------------";
    assert_eq!(
        lines[0],
        "% time     seconds  usecs/call     calls    errors syscall"
    );
    assert_eq!(lines[1], rule);
    assert_eq!(lines[lines.len() - 2], rule);
    let total: Vec<&str> = lines[lines.len() - 1].split_whitespace().collect();
    assert_eq!(total[0], "100.00");
    assert_eq!(total.last(), Some(&"total"));
    // Rows by time, longest first; calls add up to the total.
    let rows = &lines[2..lines.len() - 2];
    let secs: Vec<f64> = rows
        .iter()
        .map(|l| l[7..18].trim().parse().unwrap())
        .collect();
    assert!(secs.windows(2).all(|w| w[0] >= w[1]), "{}", t.log);
    let calls: u64 = counts(&t.log).values().map(|c| c.0).sum();
    assert_eq!(total[3].parse::<u64>().unwrap(), calls);
    // Every row lines up under the header's columns.
    for l in rows {
        assert_eq!(&l[6..7], " ", "{l}");
        assert_eq!(&l[18..19], " ", "{l}");
        assert_eq!(&l[30..31], " ", "{l}");
    }
}

#[test]
fn sort_by_calls_and_pick_columns() {
    let Some(exe) = build("sumsort", FILES_C, &[]) else {
        return;
    };
    let t = run_trace(&["-c", "-S", "calls", "-U", "name,calls,errors"], &[&exe]);
    let lines: Vec<&str> = t.log.lines().collect();
    assert_eq!(lines[0], "syscall              calls    errors");
    assert_eq!(lines[1], "---------------- --------- ---------");
    let calls: Vec<u64> = lines[2..lines.len() - 2]
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap().parse().unwrap())
        .collect();
    assert!(calls.windows(2).all(|w| w[0] >= w[1]), "{}", t.log);
    // Right-aligned counts under their headers: 20 failed close(-1) calls.
    let close = lines.iter().find(|l| l.starts_with("close ")).unwrap();
    assert_eq!(close.len(), 36, "{close}");
    assert!(close.ends_with("        20"), "{close}");
    let by_name = run_trace(&["-c", "-S", "name", "-U", "name,calls"], &[&exe]);
    let names: Vec<&str> = by_name
        .log
        .lines()
        .skip(2)
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let body = &names[..names.len() - 2];
    assert!(body.windows(2).all(|w| w[0] <= w[1]), "{}", by_name.log);
}

#[test]
fn log_and_summary_together() {
    let t = run_trace(&["-C"], &["true"]);
    assert!(t.log.starts_with("execve(\"/usr/bin/true\""), "{}", t.log);
    let table = t
        .log
        .find("% time     seconds")
        .expect("a summary after the log");
    assert!(
        t.log[..table].contains("+++ exited with 0 +++\n"),
        "{}",
        t.log
    );
}

#[test]
fn bad_summary_options_are_errors() {
    let r = run_trace(&["-c", "-S", "bogus"], &["true"]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        r.stderr.trim_end(),
        "trace: invalid sortby: 'bogus'\nTry 'trace -h' for more information."
    );
    let r = run_trace(&["-c", "-U", "calls,nope"], &["true"]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        r.stderr.trim_end(),
        "trace: unknown column name: 'nope'\nTry 'trace -h' for more information."
    );
}

#[test]
fn summary_is_printed_when_the_tracee_is_killed() {
    let r = run_trace(&["-c"], &["sh", "-c", "kill -KILL $$"]);
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(r.status.signal(), Some(9));
    assert!(r.log.contains(" total\n"), "{}", r.log);
}

/// `trace -c CMD` (log on stderr: strace's interactive mode) gets `sig`: the command
/// gets it too, and the summary is still printed.
fn interrupted_run_prints_summary(sig: &str) {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    // Run as a background job, the tests inherit SIGINT ignored, and so does the
    // command (as under strace): it would sleep on, holding trace's stderr.
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let ignored = status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        .unwrap_or(0);
    let signo = if sig == "INT" {
        libc::SIGINT
    } else {
        libc::SIGTERM
    };
    if ignored & (1 << (signo - 1)) != 0 {
        skip!("SIG{sig} is ignored in this environment, so the command ignores it too");
    }
    let child = trace_command()
        .args(["-c", "sleep", "10"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the command runs (trace's child has exec'd sleep), as a user would.
    let children = format!("/proc/{0}/task/{0}/children", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        let kid = std::fs::read_to_string(&children).unwrap_or_default();
        let comm = kid
            .split_whitespace()
            .next()
            .and_then(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).ok());
        if comm.as_deref() == Some("sleep\n") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    let started = std::time::Instant::now();
    Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .unwrap();
    let out = output_within(
        child,
        std::time::Duration::from_secs(30),
        "trace after the signal",
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "sleep was not interrupted"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("% time     seconds  usecs/call"), "{err}");
    assert!(err.lines().any(|l| l.ends_with(" total")), "{err}");
    let expected = if sig == "TERM" { 15 } else { 2 };
    assert_eq!(out.status.signal(), Some(expected), "{err}");
}

#[test]
fn summary_is_printed_on_sigterm() {
    interrupted_run_prints_summary("TERM");
}

#[test]
fn summary_is_printed_on_sigint() {
    interrupted_run_prints_summary("INT");
}

#[test]
fn live_view_on_a_terminal_then_the_final_table() {
    let Some(screen) = on_terminal("-c --live sh -c 'sleep 1.2; ls / >/dev/null'", &[]) else {
        skip!("util-linux `script` is not installed");
    };
    // Redrawn in place at least twice (once a second, and the final table).
    assert!(
        screen.matches("\x1b[1;1H\x1b[2J").count() >= 2,
        "{screen:?}"
    );
    assert!(screen.contains("Top syscalls by time:"), "{screen:?}");
    assert!(screen.contains("Top syscalls by calls:"), "{screen:?}");
    let last = screen.rsplit("\x1b[1;1H\x1b[2J").next().unwrap();
    assert!(
        last.starts_with("% time     seconds  usecs/call"),
        "{last:?}"
    );
    assert!(
        last.lines().any(|l| l.trim_end().ends_with(" total")),
        "{last:?}"
    );
}

#[test]
fn live_falls_back_to_the_plain_table_off_a_terminal() {
    let out = trace_command()
        .args(["-c", "--live", "true"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("% time     seconds  usecs/call"), "{err}");
    assert!(!err.contains('\x1b'), "{err}");
    let r = run_trace(&["--live"], &["true"]);
    assert_eq!(r.stderr.trim_end(), "trace: --live needs -c or -C");
}
