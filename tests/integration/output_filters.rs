//! Integration tests: `-e status=`, `-z`, `-Z`, `-P`, `-e trace-fds=`, `-ff` and
//! `-e quiet=` against strace 6.1 (trace-fds, newer than 6.1, against exact lines).

use crate::util::*;
use std::process::{Command, Stdio};

/// Threads and processes that succeed and fail at syscalls, and exit inside one.
const MIXED: &str = r#"
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
static void *worker(void *a) {
    close(open("/nonexistent/worker", O_RDONLY));
    write(1, "w\n", 2);
    return 0;
}
int main(void) {
    pthread_t t;
    pthread_create(&t, 0, worker, 0);
    pthread_join(t, 0);
    int fd = open("/etc/hostname", O_RDONLY);
    char buf[64];
    read(fd, buf, sizeof buf);
    close(fd);
    close(fd);
    if (fork() == 0) { access("/nonexistent/child", F_OK); _exit(0); }
    wait(NULL);
    return 0;
}
"#;

/// Scheduler-dependent in any run: when SIGCHLD arrives, and wait4 around it; the
/// futex that joins the thread names its tid.
const RACY: [&str; 3] = ["SIGCHLD", "wait4", "futex("];

#[test]
fn status_filters_like_strace() {
    let exe = compiled_or_skip!(compile("mixed", MIXED, &["-pthread"]), e => "gcc failed: {e}");
    let exe = exe.to_str().unwrap();
    for flags in [
        &["-z"][..],
        &["-Z"],
        &["--successful-only"],
        &["--failed-only"],
        &["-e", "status=failed,unfinished"],
        &["-e", "status=!successful"],
        &["--status=unfinished"],
        &["-e", "status=none"],
        &["-z", "-e", "trace=%file"],
        &["-Z", "-y"],
    ] {
        assert_like_strace(flags, &[exe], &RACY);
    }
    assert_like_strace(&["-Z"], &["ls", "/nonexistent", "/"], &[]);
}

#[test]
fn status_filtered_lines_are_never_split() {
    let exe = compiled_or_skip!(compile("mixed", MIXED, &["-pthread"]), e => "gcc failed: {e}");
    let r = run_trace(&["-f", "-z"], &[exe.to_str().unwrap()]);
    assert!(!r.log.contains("unfinished"), "{}", r.log);
    assert!(!r.log.contains("resumed"), "{}", r.log);
    // exit_group never returns: not "successful".
    assert!(!r.log.contains("exit_group("), "{}", r.log);
    assert_eq!(r.find("close(3)").len(), 3, "{}", r.log);
    assert!(!r.log.contains("EBADF"), "{}", r.log);
}

#[test]
fn trace_path_like_strace() {
    let exe = compiled_or_skip!(compile("mixed", MIXED, &["-pthread"]), e => "gcc failed: {e}");
    let exe = exe.to_str().unwrap();
    assert_like_strace(&["-P", "/etc/hostname"], &[exe], &[]);
    assert_like_strace(
        &["--trace-path=/nonexistent/child", "-P", "/etc/hostname"],
        &[exe],
        &[],
    );
    assert_like_strace(&["-P", "/etc/ld.so.cache", "-y"], &["ls", "/"], &[]);
}

#[test]
fn trace_path_resolves_symlinks_and_says_so() {
    let dir = tmpdir("trace_path");
    let link = dir.join("hostname.link");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
    let link = link.to_str().unwrap();
    let target = std::fs::canonicalize("/etc/hostname").unwrap();
    let target = target.to_str().unwrap();
    let r = run_trace(&["-P", link], &["cat", link]);
    assert_eq!(
        r.stderr.lines().next(),
        Some(&*format!(
            "trace: Requested path \"{link}\" resolved into \"{target}\""
        )),
    );
    let r = run_trace(&["-P", link, "-e", "quiet=path-resolution"], &["cat", link]);
    assert_eq!(r.stderr, "");
    // The open names the link; the fd it returns is the target's.
    assert_like_strace(&["-P", link], &["cat", link], &[]);
    assert_like_strace(&["-P", target], &["cat", link], &[]);
}

#[test]
fn trace_fds_shows_calls_on_those_fds_only() {
    let src = r#"
#include <unistd.h>
int main(void) {
    write(1, "out\n", 4);
    write(2, "err\n", 4);
    dup2(2, 5);
    close(5);
    return 0;
}
"#;
    let exe = compiled_or_skip!(compile("fds", src, &[]), e => "gcc failed: {e}");
    let exe = exe.to_str().unwrap();
    let r = run_trace(&["--trace-fds=2"], &[exe]);
    assert_eq!(
        r.lines(),
        [
            "write(2, \"err\\n\", 4)                    = 4",
            "dup2(2, 5)                              = 5",
            "+++ exited with 0 +++",
        ]
    );
    let r = run_trace(&["-e", "trace-fds=5", "-e", "trace=close"], &[exe]);
    assert_eq!(
        r.lines(),
        [
            "close(5)                                = 0",
            "+++ exited with 0 +++"
        ]
    );
}

#[test]
fn output_separately_writes_a_file_per_thread_like_strace() {
    let exe = compiled_or_skip!(compile("mixed", MIXED, &["-pthread"]), e => "gcc failed: {e}");
    let exe = exe.to_str().unwrap();
    if !have("strace") {
        eprintln!("SKIPPED: strace is not installed (apt-get install strace)");
        return;
    }
    let logs = |tracer: &str| -> Vec<String> {
        let dir = tmpdir(&format!("ff_{tracer}"));
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let _ = std::fs::remove_file(e.path());
        }
        let base = dir.join("out");
        let st = Command::new(tracer)
            .args(["-ff", "-o"])
            .arg(&base)
            .arg(exe)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success());
        let files: Vec<(u32, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let pid = name.strip_prefix("out.").and_then(|p| p.parse().ok());
                (
                    pid.expect("only out.PID files"),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        // Pids are printed in the files, not as a column: write them PID.
        let pid = regex::Regex::new(r"\b\d{2,}\b").unwrap();
        let pids: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
        let mut files: Vec<(u32, String)> = files
            .into_iter()
            .map(|(p, text)| {
                let masked = pid.replace_all(&text, |c: &regex::Captures| {
                    if pids.contains(&c[0].to_string()) {
                        "PID".to_string()
                    } else {
                        c[0].to_string()
                    }
                });
                (p, masked.into_owned())
            })
            .collect();
        files.sort();
        files.into_iter().map(|(_, text)| text).collect()
    };
    let s = logs("strace");
    let t = logs(trace_bin());
    assert_eq!(s.len(), 3);
    assert_eq!(t.len(), s.len(), "files: one per thread and process");
    for (s, t) in s.iter().zip(&t) {
        let run = |log: &str| Run {
            status: std::process::ExitStatus::default(),
            log: log.to_string(),
            stdout: String::new(),
            stderr: String::new(),
        };
        compare_logs(&run(s), &run(t), &RACY);
    }
}

/// Runs a tracer with its log on stderr; the log with pids and addresses masked
/// and strace's name written as trace's.
fn stderr_log(tracer: &str, flags: &[&str], cmd: &[&str]) -> Vec<String> {
    let mut c = Command::new(tracer);
    if let Some(name) = std::path::Path::new(tracer).file_name() {
        // By name, as a user runs it: messages start with argv[0].
        std::os::unix::process::CommandExt::arg0(&mut c, name);
    }
    let out = c
        .args(flags)
        .args(cmd)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let num = regex::Regex::new(r"\b\d{3,}\b|0x[0-9a-f]{5,}").unwrap();
    let rand = regex::Regex::new(r#"getrandom\("[^"]*""#).unwrap();
    // CPU times in siginfo differ between any two runs.
    let times =
        regex::Regex::new(r"si_utime=\d+( /\* [^*]* \*/)?, si_stime=\d+( /\* [^*]* \*/)?").unwrap();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(|l| {
            let l = l.replacen("strace: ", "trace: ", 1);
            let l = rand.replace(&l, "getrandom(\"R\"");
            let l = times.replace(&l, "si_utime=T, si_stime=T");
            num.replace_all(&l, "N").into_owned()
        })
        .collect()
}

#[test]
fn quiet_sets_and_stderr_messages_like_strace() {
    let exe32 = compiled_or_skip!(
        compile("quiet32", "int main(void) { return 3; }", &["-m32"]),
        e => "gcc -m32 failed (gcc-multilib missing?): {e}"
    );
    let exe32 = exe32.to_str().unwrap();
    if !have("strace") {
        eprintln!("SKIPPED: strace is not installed (apt-get install strace)");
        return;
    }
    let shell = format!("{exe32}; true");
    for flags in [
        &[][..],
        &["-q"],
        &["-qq"],
        &["-qqq"],
        &["-e", "quiet=personality"],
        &["-e", "quiet=!exit"],
        &["--quiet=attach,exit"],
        &["--silent=none"],
    ] {
        for cmd in [&[exe32][..], &["sh", "-c", &shell]] {
            let mut f = vec!["-f", "-e", "trace=execve,brk,exit_group"];
            f.extend(flags);
            // Two processes print in scheduler order: compare the lines as sets.
            let mut s = stderr_log("strace", &f, cmd);
            let mut t = stderr_log(trace_bin(), &f, cmd);
            s.sort();
            t.sort();
            assert_eq!(t, s, "flags {f:?} on {cmd:?}");
        }
    }
}

#[test]
fn bad_qualifiers_are_errors_like_strace() {
    for (expr, msg) in [
        ("status=bogus", "trace: invalid status 'bogus'"),
        ("quiet=bogus", "trace: invalid quiet 'bogus'"),
        ("trace-fds=x", "trace: invalid descriptor 'x'"),
        ("bogus=1", "trace: invalid system call 'bogus=1'"),
    ] {
        let r = run_trace(&["-e", expr], &["true"]);
        assert_eq!(r.status.code(), Some(1), "{expr}");
        assert_eq!(r.stderr.trim_end(), msg, "{expr}");
    }
}
