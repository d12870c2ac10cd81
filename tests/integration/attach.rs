//! Integration tests: `-p` attach and detach, error causes, and a real etcd.

use crate::etcd::{etcdctl, start_etcd};
use crate::util::*;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TICKS_C: &str = r#"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static void *tick(void *arg) {
    for (int i = 0; i < 30; i++) { printf("%ld tick %d\n", (long)arg, i); fflush(stdout); usleep(50000); }
    return 0;
}
int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 0;
    pthread_t t[8];
    for (long i = 0; i < n; i++) pthread_create(&t[i], 0, tick, (void *)(i + 1));
    tick(0);
    for (int i = 0; i < n; i++) pthread_join(t[i], 0);
    return 7;
}
"#;

fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Starts trace with `args`, waits for its `attached` lines (`attached` of them), lets
/// it trace for `run`, then sends it SIGINT. Returns its status and all its stderr.
fn trace_for(
    args: &[String],
    attached: usize,
    run: Duration,
) -> (std::process::ExitStatus, String) {
    use std::io::{BufRead, Read};
    let mut child = trace_command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    while seen.matches(" attached").count() < attached {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        seen.push_str(&line);
    }
    std::thread::sleep(run);
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    // The rest of stderr is read after the exit, so a trace that does not let go
    // fails here instead of hanging the run.
    let status = wait_within(&mut child, Duration::from_secs(20), "trace after SIGINT");
    err.read_to_string(&mut seen).unwrap();
    (status, seen)
}

fn start_ticks(exe: &str, threads: &str) -> Child {
    let c = Command::new(exe)
        .arg(threads)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    c
}

/// After trace let go: the program runs on (not stopped) and ends normally.
fn runs_on_and_finishes(mut prog: Child, lines: usize) {
    let s = state(prog.id());
    assert!(
        matches!(s, Some('R' | 'S')),
        "tracee state after detach: {s:?}"
    );
    let out = std::mem::take(&mut prog.stdout).unwrap();
    let text = std::io::read_to_string(out).unwrap();
    let status = prog.wait().unwrap();
    assert_eq!(status.code(), Some(7));
    assert_eq!(text.lines().count(), lines, "{text}");
}

/// Starts the ticking program with `threads` extra threads, attaches trace to it
/// (`flags` plus `-p PID -o LOG`) for 400 ms, and interrupts trace. Returns the
/// program, trace's status and stderr, and the log; `None` (after a skip note) when
/// the program cannot be built.
fn attach_to_ticks(
    tag: &str,
    threads: &str,
    flags: &[&str],
) -> Option<(Child, std::process::ExitStatus, String, String)> {
    let exe = match compile(tag, TICKS_C, &["-pthread"]) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("SKIPPED: gcc failed: {e}");
            return None;
        }
    };
    let prog = start_ticks(exe.to_str().unwrap(), threads);
    let log = tmpdir(tag).join("log");
    let mut args: Vec<String> = flags.iter().map(|f| f.to_string()).collect();
    args.extend([
        "-p".into(),
        prog.id().to_string(),
        "-o".into(),
        log.display().to_string(),
    ]);
    let (status, err) = trace_for(&args, 1, Duration::from_millis(400));
    let log = std::fs::read_to_string(log).unwrap();
    Some((prog, status, err, log))
}

#[test]
fn attach_and_detach_single_thread() {
    let Some((prog, status, err, log)) = attach_to_ticks("ticks", "0", &[]) else {
        return;
    };
    let pid = prog.id();
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!("trace: Process {pid} attached"),
            format!("trace: Process {pid} detached")
        ]
    );
    assert!(
        log.lines().any(|l| l.starts_with("write(1, \"0 tick ")),
        "{log}"
    );
    assert!(
        log.contains("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=50000000}, NULL) = 0"),
        "{log}"
    );
    runs_on_and_finishes(prog, 30);
}

#[test]
fn attach_and_detach_every_thread_with_f() {
    let Some((prog, status, err, log)) = attach_to_ticks("ticks3", "3", &["-f"]) else {
        return;
    };
    let pid = prog.id();
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!("trace: Process {pid} attached with 4 threads"),
        "{err}"
    );
    assert_eq!(
        lines.iter().filter(|l| l.ends_with(" detached")).count(),
        4,
        "{err}"
    );
    // Every thread's writes were seen, each on its own pid column.
    for t in 0..4 {
        assert!(
            log.contains(&format!("write(1, \"{t} tick ")),
            "thread {t}: {log}"
        );
    }
    runs_on_and_finishes(prog, 120);
}

#[test]
fn attach_errors_name_the_cause() {
    // A process that is gone.
    let mut gone = Command::new("true").spawn().unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    let r = run_trace(&["-p", &gone_pid.to_string()], &[]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        r.stderr.trim_end(),
        format!("trace: attach: ptrace(PTRACE_SEIZE, {gone_pid}): No such process")
    );
    // A zombie: a child of this test that has exited and is not waited for yet.
    let mut zombie = Command::new("true").spawn().unwrap();
    let zpid = zombie.id();
    let start = Instant::now();
    while state(zpid) != Some('Z') && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let r = run_trace(&["-p", &zpid.to_string()], &[]);
    zombie.wait().unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        r.stderr.trim_end(),
        format!(
            "trace: cannot attach to process {zpid}: it is a zombie (it has exited and waits for its parent)"
        )
    );
    // trace itself: the shell execs trace, so $$ is trace's pid.
    let out = Command::new("sh")
        .args(["-c", &format!("exec {} -p $$", trace_bin())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with("it is trace itself\n")
            && err.starts_with(&format!("{}: cannot attach to process ", trace_bin())),
        "{err}"
    );
    // Bad words.
    let r = run_trace(&["-p", "12x"], &[]);
    assert_eq!(r.stderr.trim_end(), "trace: Invalid process id: '12x'");
}

#[test]
fn attach_refused_explains_why() {
    let exe =
        compiled_or_skip!(compile("ticksperm", TICKS_C, &["-pthread"]), e => "gcc failed: {e}");
    let prog = start_ticks(exe.to_str().unwrap(), "0");
    let pid = prog.id().to_string();
    // Another tracer holds it: a second trace is refused and says by whom.
    let mut holder = trace_command()
        .args(["-p", &pid, "-o", "/dev/null"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Only once it says it attached is the process really held.
    let mut said = String::new();
    let mut holder_err = std::io::BufReader::new(holder.stderr.take().unwrap());
    std::io::BufRead::read_line(&mut holder_err, &mut said).unwrap();
    assert!(said.ends_with(" attached\n"), "{said}");
    let r = run_trace(&["-p", &pid], &[]);
    assert_eq!(r.status.code(), Some(1));
    assert!(
        r.stderr.contains(&format!(
            "Operation not permitted: it is already traced by process {} (TracerPid in /proc/{pid}/status)",
            holder.id()
        )),
        "{}",
        r.stderr
    );
    Command::new("kill")
        .args(["-INT", &holder.id().to_string()])
        .status()
        .unwrap();
    let _ = holder.wait_with_output();
    // An unprivileged user may not trace root's process.
    if !have("setpriv") {
        runs_on_and_finishes(prog, 30);
        skip!("setpriv (util-linux) is not installed");
    }
    let out = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            trace_bin(),
            "-p",
            &pid,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Operation not permitted: "), "{err}");
    assert!(err.contains("CAP_SYS_PTRACE"), "{err}");
    runs_on_and_finishes(prog, 30);
}

const SPAWNER_C: &str = r#"
#include <pthread.h>
#include <unistd.h>
static void *linger(void *a) { for (int i = 0; i < 1000; i++) usleep(10000); return a; }
int main(void) {
    for (int n = 0; n < 1500; n++) {
        pthread_t t;
        if (pthread_create(&t, 0, linger, 0) == 0) pthread_detach(t);
        usleep(2000);
    }
    return 0;
}
"#;

/// Regression (trace hung at Ctrl-C on etcd in CI): a thread cloned under `-f -p`
/// that stopped before its parent's clone event was taken for trace's own and traced
/// on after SIGINT, until it ended; etcd's threads never end. Every thread, however
/// new, must be let go at once.
#[test]
fn threads_cloned_under_attach_are_let_go_at_ctrl_c() {
    let exe =
        compiled_or_skip!(compile("spawner", SPAWNER_C, &["-pthread"]), e => "gcc failed: {e}");
    let mut prog = Command::new(&exe).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let pid = prog.id().to_string();
    let mut tracer = trace_command()
        .args(["-q", "-f", "-o", "/dev/null", "-p", &pid])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(600));
    let sent = Instant::now();
    Command::new("kill")
        .args(["-INT", &tracer.id().to_string()])
        .status()
        .unwrap();
    let status = wait_within(&mut tracer, Duration::from_secs(20), "trace after SIGINT");
    let took = sent.elapsed();
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    // Each thread lingers 10 s, so a thread left traced kept trace for seconds.
    assert!(
        took < Duration::from_secs(2),
        "trace took {took:?} to let go"
    );
    let traced: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .filter_map(|e| {
            let tid = e.ok()?.file_name().into_string().ok()?;
            let st = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/status")).ok()?;
            st.lines()
                .any(|l| l.starts_with("TracerPid:") && l.trim_end() != "TracerPid:\t0")
                .then_some(tid)
        })
        .collect();
    assert_eq!(traced, Vec::<String>::new(), "threads still traced");
    assert!(matches!(state(prog.id()), Some('R' | 'S')));
    let _ = prog.kill();
    let _ = prog.wait();
}

#[test]
fn etcd_write_is_seen_and_etcd_stays_healthy_after_detach() {
    if !have("etcd") || !have("etcdctl") || !have("setpriv") {
        skip!(
            "etcd, etcdctl or setpriv is not installed (apt-get install etcd-server etcd-client)"
        );
    }
    let Some(mut etcd) = start_etcd("trace-test", 20000) else {
        panic!("etcd did not become healthy within 20 s");
    };
    let pid = etcd.child.id().to_string();
    let dir = tmpdir("etcdlog");
    let log = dir.join("log");
    let tracer = trace_command()
        .args(["-f", "-y", "-p", &pid, "-o"])
        .arg(&log)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let put = etcdctl(&etcd.endpoint, &["put", "trace-test-key", "s3cr3t-value"]);
    assert!(
        put.status.success(),
        "{}",
        String::from_utf8_lossy(&put.stderr)
    );
    std::thread::sleep(Duration::from_millis(500));
    Command::new("kill")
        .args(["-INT", &tracer.id().to_string()])
        .status()
        .unwrap();
    let out = output_within(tracer, Duration::from_secs(20), "trace after SIGINT");
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{:?}", out.status);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("trace: Process {pid} attached with ")),
        "{err}"
    );
    assert!(
        err.lines().filter(|l| l.ends_with(" detached")).count() >= 2,
        "{err}"
    );
    let log = std::fs::read_to_string(&log).unwrap();
    // The put reaches the write-ahead log, and is synced.
    let wal = |l: &&str| l.contains(".wal>");
    assert!(
        log.lines()
            .filter(wal)
            .any(|l| l.contains("write(") || l.contains("pwrite64(")),
        "no write to the WAL in:\n{log}"
    );
    assert!(
        log.lines().filter(wal).any(|l| l.contains("fdatasync(")),
        "no fdatasync of the WAL in:\n{log}"
    );
    // etcd carries on: not stopped, healthy, and the value is there.
    let s = state(etcd.child.id());
    assert!(
        matches!(s, Some('R' | 'S')),
        "etcd state after detach: {s:?}"
    );
    assert!(
        etcdctl(&etcd.endpoint, &["endpoint", "health"])
            .status
            .success()
    );
    let get = etcdctl(
        &etcd.endpoint,
        &["get", "trace-test-key", "--print-value-only"],
    );
    assert_eq!(String::from_utf8_lossy(&get.stdout).trim(), "s3cr3t-value");
    assert!(etcd.child.try_wait().unwrap().is_none(), "etcd exited");
}

#[test]
fn several_pids_in_one_list_and_summary_at_detach() {
    let exe =
        compiled_or_skip!(compile("tickslist", TICKS_C, &["-pthread"]), e => "gcc failed: {e}");
    let a = start_ticks(exe.to_str().unwrap(), "0");
    let b = start_ticks(exe.to_str().unwrap(), "0");
    let list = format!("{},{}", a.id(), b.id());
    let (status, err) = trace_for(
        &["-c".into(), "-p".into(), list],
        2,
        Duration::from_millis(400),
    );
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    for p in [a.id(), b.id()] {
        assert!(
            err.contains(&format!("trace: Process {p} attached\n")),
            "{err}"
        );
        assert!(
            err.contains(&format!("trace: Process {p} detached\n")),
            "{err}"
        );
    }
    // The -c table is printed when trace lets go.
    assert!(err.contains("% time     seconds  usecs/call"), "{err}");
    assert!(err.lines().any(|l| l.ends_with(" write")), "{err}");
    runs_on_and_finishes(a, 30);
    runs_on_and_finishes(b, 30);
}

/// strace's rule for the pid column in a log file: `-f`, or more than one process from
/// the start. `-p PID CMD` traces two, so every line names its process (strace's
/// attach-p-cmd.test).
#[test]
fn attach_and_command_together_get_the_pid_column() {
    let exe =
        compiled_or_skip!(compile("tickscmd", TICKS_C, &["-pthread"]), e => "gcc failed: {e}");
    let prog = start_ticks(exe.to_str().unwrap(), "0");
    let pid = prog.id().to_string();
    let run = run_trace(&["-e", "trace=write", "-p", &pid], &["echo", "hi"]);
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    let lines = run.lines();
    // The two processes' calls may interleave as `<unfinished ...>`/`resumed` pairs:
    // find the command's pid in the joined per-process streams.
    let cmd_pid = streams(&run.log)
        .into_iter()
        .find(|(_, calls)| {
            calls
                .iter()
                .any(|l| l.starts_with("write(1, \"hi\\n\", 3) "))
        })
        .map(|(p, _)| p)
        .unwrap_or_else(|| panic!("{}", run.log));
    let cmd_pid = cmd_pid.as_str();
    assert_ne!(cmd_pid, pid);
    // The column is strace's `%-5d `: a pid below 10000 gets two spaces.
    let has = |want: String| {
        lines
            .iter()
            .any(|l| l.split_whitespace().eq(want.split(' ')))
    };
    assert!(
        has(format!("{cmd_pid} +++ exited with 0 +++")),
        "{}",
        run.log
    );
    assert!(has(format!("{pid} +++ exited with 7 +++")), "{}", run.log);
    for l in &lines {
        assert!(
            l.starts_with(&format!("{pid} ")) || l.starts_with(&format!("{cmd_pid} ")),
            "{l}"
        );
    }
    // The attached program was traced to its end: trace waits for every tracee.
    let mut prog = prog;
    assert_eq!(prog.wait().unwrap().code(), Some(7));
}

/// Regression: started with SIGINT ignored (a background job, `nohup`), trace still
/// caught it and let go, as strace does; only the command inherits the ignoring.
#[test]
fn sigint_ignored_at_start_still_detaches_and_the_command_keeps_it_ignored() {
    let mut prog = Command::new("sleep").arg("30").spawn().unwrap();
    let mut tracer = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' INT; exec {} -o /dev/null -p {}",
            trace_bin(),
            prog.id()
        ))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    Command::new("kill")
        .args(["-INT", &tracer.id().to_string()])
        .status()
        .unwrap();
    let status = wait_within(&mut tracer, Duration::from_secs(20), "trace after SIGINT");
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    assert!(matches!(state(prog.id()), Some('R' | 'S')));
    let _ = prog.kill();
    let _ = prog.wait();
    // The command sees the same ignored set as without trace (SIGINT, 2, is bit 1).
    let sig_ign = |prefix: String| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "trap '' INT; exec {prefix} grep SigIgn /proc/self/status"
            ))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let plain = sig_ign(String::new());
    let mask = u64::from_str_radix(plain.trim().trim_start_matches("SigIgn:").trim(), 16).unwrap();
    assert_eq!(mask & 2, 2, "{plain}");
    assert_eq!(
        sig_ign(format!("{} -e trace=none -o /dev/null", trace_bin())),
        plain
    );
}
