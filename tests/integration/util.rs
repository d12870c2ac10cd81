//! Helpers: compile C, run trace and strace, normalise and compare logs.

#![allow(dead_code)]

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Prints why a test did not run and returns from it.
macro_rules! skip {
    ($($t:tt)*) => {{
        eprintln!("SKIPPED: {}", format!($($t)*));
        return;
    }};
}

/// The program `compile` built, or a skip of the test: `$err` names gcc's complaint
/// for the message, as in `compiled_or_skip!(compile(..), e => "gcc failed: {e}")`.
macro_rules! compiled_or_skip {
    ($compiled:expr, $err:ident => $($msg:tt)*) => {
        match $compiled {
            Ok(exe) => exe,
            Err($err) => skip!($($msg)*),
        }
    };
}

pub fn trace_bin() -> &'static str {
    env!("CARGO_BIN_EXE_trace")
}

/// A command running trace as a user does, by the name `trace` (its messages start with
/// its argv[0], as strace's do).
pub fn trace_command() -> Command {
    use std::os::unix::process::CommandExt;
    let mut c = Command::new(trace_bin());
    c.arg0("trace");
    c
}

/// Waits for `child` to end, at most `limit`: past it the child is killed and the
/// test fails naming `what`, so that a tracer that does not let go fails one test
/// instead of hanging the whole run. Its piped stdout/stderr are read meanwhile.
pub fn output_within(mut child: Child, limit: Duration, what: &str) -> Output {
    use std::io::Read;
    fn drain<R: Read + Send + 'static>(r: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut v);
            }
            v
        })
    }
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            let err = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
            panic!("{what} did not end within {limit:?}; its stderr:\n{err}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

/// Waits for `child` at most `limit`, then kills it and fails the test naming `what`.
pub fn wait_within(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A fresh directory for one test.
pub fn tmpdir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "trace-test-{}-{}-{}",
        std::process::id(),
        tag,
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn have(cmd: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {cmd}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Compiles `src` with gcc and `flags` (e.g. `-static`, `-m32`, `-pthread`).
/// `Err` carries gcc's complaint, for a skip message.
pub fn compile(name: &str, src: &str, flags: &[&str]) -> Result<PathBuf, String> {
    let dir = tmpdir(name);
    let c = dir.join(format!("{name}.c"));
    let exe = dir.join(name);
    std::fs::write(&c, src).unwrap();
    let out = Command::new("gcc")
        .args(["-O0", "-w", "-o"])
        .arg(&exe)
        .arg(&c)
        .args(flags)
        .output()
        .map_err(|e| format!("gcc: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .take(3)
            .collect::<Vec<_>>()
            .join("; "));
    }
    Ok(exe)
}

pub struct Run {
    pub status: ExitStatus,
    pub log: String,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn lines(&self) -> Vec<&str> {
        self.log.lines().collect()
    }

    /// Lines that start with `prefix` (after any pid column).
    pub fn find(&self, prefix: &str) -> Vec<String> {
        self.log
            .lines()
            .map(strip_pid)
            .filter(|l| l.starts_with(prefix))
            .map(str::to_string)
            .collect()
    }
}

fn strip_pid(l: &str) -> &str {
    let t = l.trim_start_matches(|c: char| c.is_ascii_digit());
    if t.len() != l.len() && t.starts_with(' ') {
        t.trim_start()
    } else {
        l
    }
}

fn run_tracer(bin: &str, flags: &[&str], cmd: &[&str], cwd: Option<&Path>) -> Run {
    let dir = tmpdir("log");
    let log = dir.join("log");
    let mut c = Command::new(bin);
    if let Some(name) = Path::new(bin).file_name() {
        // By name, as a user runs it: messages start with argv[0].
        std::os::unix::process::CommandExt::arg0(&mut c, name);
    }
    c.args(flags).arg("-o").arg(&log).arg("--").args(cmd);
    c.stdin(Stdio::null());
    if let Some(d) = cwd {
        c.current_dir(d);
    }
    let child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("running {bin}: {e}"));
    let out = output_within(child, Duration::from_secs(180), bin);
    Run {
        status: out.status,
        log: std::fs::read_to_string(&log).unwrap_or_default(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `trace FLAGS -o LOG -- CMD`.
pub fn run_trace(flags: &[&str], cmd: &[&str]) -> Run {
    run_tracer(trace_bin(), flags, cmd, None)
}

pub fn run_trace_in(dir: &Path, flags: &[&str], cmd: &[&str]) -> Run {
    run_tracer(trace_bin(), flags, cmd, Some(dir))
}

/// Runs strace the same way, or `None` when strace is not installed.
pub fn run_strace(flags: &[&str], cmd: &[&str]) -> Option<Run> {
    have("strace").then(|| run_tracer("strace", flags, cmd, None))
}

pub fn run_strace_in(dir: &Path, flags: &[&str], cmd: &[&str]) -> Option<Run> {
    have("strace").then(|| run_tracer("strace", flags, cmd, Some(dir)))
}

/// Splits a log into per-pid streams (pid column or `[pid N]` prefix), joining
/// `<unfinished ...>` / `<... name resumed>` pairs into whole lines.
pub fn streams(log: &str) -> Vec<(String, Vec<String>)> {
    let col = Regex::new(r"^(\d+)\s+(.*)$").unwrap();
    let bracket = Regex::new(r"^\[pid\s+(\d+)\] (.*)$").unwrap();
    let resumed = Regex::new(r"^<\.\.\. \S+ resumed>(.*)$").unwrap();
    let mut order: Vec<(String, Vec<String>)> = Vec::new();
    let mut pending: std::collections::HashMap<String, String> = Default::default();
    for raw in log.lines() {
        let (pid, body) = match col.captures(raw).or_else(|| bracket.captures(raw)) {
            Some(c) => (c[1].to_string(), c[2].to_string()),
            None => ("main".to_string(), raw.to_string()),
        };
        let idx = match order.iter().position(|(p, _)| *p == pid) {
            Some(i) => i,
            None => {
                order.push((pid.clone(), Vec::new()));
                order.len() - 1
            }
        };
        if let Some(head) = body.strip_suffix(" <unfinished ...>") {
            pending.insert(pid, head.to_string());
            continue;
        }
        if let Some(c) = resumed.captures(&body)
            && let Some(head) = pending.remove(&pid)
        {
            order[idx].1.push(format!("{head}{}", &c[1]));
            continue;
        }
        order[idx].1.push(body);
    }
    for (pid, head) in pending {
        if let Some(s) = order.iter_mut().find(|(p, _)| *p == pid) {
            s.1.push(format!("{head} <unfinished ...>"));
        }
    }
    order
}

/// `line` with the numbers in `pids` written `PID` where pids are printed (si_pid=,
/// parent_tid=, the args and results of calls that take or return pids). A pid that
/// happens to equal a read size elsewhere on the line (low pids on a fresh machine)
/// stays as it is.
pub fn mask_pids(line: &str, pids: &std::collections::HashSet<String>) -> String {
    use std::sync::OnceLock;
    static FIELD: OnceLock<Regex> = OnceLock::new();
    static CALL: OnceLock<Regex> = OnceLock::new();
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let field = FIELD
        .get_or_init(|| Regex::new(r"(si_pid=|parent_tid=\[|child_tid=\[|in pid )(\d+)").unwrap());
    let call = CALL.get_or_init(|| {
        Regex::new(
            r"^(clone3?|v?fork|wait4|waitid|waitpid|getpid|gettid|set_tid_address|getpgrp|getpgid|setpgid|setsid|getsid|kill|tkill|tgkill|sched_\w+|prlimit64|pidfd_open|pidfd_send_signal|ptrace|rt_t?g?sigqueueinfo|get_robust_list|getpriority|setpriority)\(",
        )
        .unwrap()
    });
    let number = NUMBER.get_or_init(|| Regex::new(r"\b\d+\b").unwrap());
    let l = field.replace_all(line, |c: &regex::Captures| {
        if pids.contains(&c[2]) {
            format!("{}PID", &c[1])
        } else {
            c[0].to_string()
        }
    });
    if call.is_match(&l) {
        number
            .replace_all(&l, |c: &regex::Captures| {
                if pids.contains(&c[0]) {
                    "PID".to_string()
                } else {
                    c[0].to_string()
                }
            })
            .into_owned()
    } else {
        l.into_owned()
    }
}

/// Normalises a log for comparison: per-process streams, every traced pid written as
/// `PID`, addresses (5+ hex digits) replaced, random bytes, CPU times and alignment
/// padding dropped. Streams are sorted so that scheduling order does not matter.
pub fn normalize(log: &str) -> Vec<Vec<String>> {
    let addr = Regex::new(r"0x[0-9a-f]{5,}").unwrap();
    let rand = Regex::new(r#"getrandom\("[^"]*"(\.\.\.)?"#).unwrap();
    let pad = Regex::new(r"\)\s+= ").unwrap();
    // -t/-tt/-ttt/-r stamps and -T durations differ between any two runs.
    let stamps =
        Regex::new(r"^(\d\d:\d\d:\d\d(\.\d+)? |\d+\.\d{6} )?(\(\+ *\d+\.\d+\) | *\d+\.\d{6} )?")
            .unwrap();
    let durations = Regex::new(r" <\d+\.\d+>$").unwrap();
    let times =
        Regex::new(r"si_utime=\d+( /\* [^*]* \*/)?, si_stime=\d+( /\* [^*]* \*/)?").unwrap();
    // The first process's parent is the tracer itself, different in each run.
    let ppid = Regex::new(r"getppid\(\)\s+= \d+").unwrap();
    // clone3 reads back parent_tid after the call; a thread that has already exited
    // has cleared it (CLONE_CHILD_CLEARTID on the same word).
    let tid_back = Regex::new(r"parent_tid=\[(PID|0)\]").unwrap();
    let st = streams(log);
    let pids: std::collections::HashSet<String> = st
        .iter()
        .filter(|(p, _)| p != "main")
        .map(|(p, _)| p.clone())
        .collect();
    let mut out: Vec<Vec<String>> = st
        .into_iter()
        .map(|(_, lines)| {
            lines
                .into_iter()
                .map(|l| {
                    // Stamps first, so that a line starts with its syscall's name.
                    let l = stamps.replace(&l, "").into_owned();
                    let l = durations.replace(&l, "").into_owned();
                    let mut l = mask_pids(&l, &pids);
                    l = addr.replace_all(&l, "0xADDR").into_owned();
                    l = rand.replace_all(&l, "getrandom(\"RANDOM\"").into_owned();
                    l = times.replace_all(&l, "si_utime=T, si_stime=T").into_owned();
                    l = ppid.replace_all(&l, "getppid() = PPID").into_owned();
                    l = tid_back.replace_all(&l, "parent_tid=[TID]").into_owned();
                    pad.replace_all(&l, ") = ").into_owned()
                })
                .collect()
        })
        .collect();
    out.sort();
    out
}

/// Asserts that trace and strace print the same normalised lines for `cmd`, with the
/// lines `ignore` matches dropped from both. Skips (returns false) without strace.
pub fn assert_like_strace(flags: &[&str], cmd: &[&str], ignore: &[&str]) -> bool {
    // -f puts pids on every line, so that pids inside lines can be normalised.
    let mut with_f = vec!["-f"];
    with_f.extend(flags.iter().filter(|f| **f != "-f"));
    let flags = &with_f[..];
    let Some(s) = run_strace(flags, cmd) else {
        eprintln!("SKIPPED: strace is not installed (apt-get install strace)");
        return false;
    };
    let t = run_trace(flags, cmd);
    compare_logs(&s, &t, ignore);
    assert_eq!(
        s.status.code(),
        t.status.code(),
        "exit status differs from strace's"
    );
    true
}

pub fn compare_logs(strace: &Run, trace: &Run, ignore: &[&str]) {
    let keep = |v: Vec<Vec<String>>| -> Vec<Vec<String>> {
        v.into_iter()
            .map(|s| {
                s.into_iter()
                    .filter(|l| !ignore.iter().any(|i| l.contains(i)))
                    .collect()
            })
            .collect()
    };
    let s = keep(normalize(&strace.log));
    let t = keep(normalize(&trace.log));
    if s != t {
        let mut msg = format!(
            "trace's log differs from strace's ({} vs {} processes):\n",
            t.len(),
            s.len()
        );
        for (a, b) in s.iter().zip(t.iter()) {
            msg.push_str(&line_diffs(a, b));
        }
        panic!("{msg}");
    }
}

/// Runs `trace ARGS` on a pseudo-terminal (util-linux `script`), returning what the
/// terminal showed, or `None` when `script` is missing.
pub fn on_terminal(args: &str, env: &[(&str, &str)]) -> Option<String> {
    if !have("script") {
        return None;
    }
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("{} {args}", trace_bin()), "/dev/null"])
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `line N:` with strace's and trace's versions for each line where the two differ
/// (`<none>` past the end of the shorter), for a comparison's failure message.
pub fn line_diffs(strace: &[String], trace: &[String]) -> String {
    let mut msg = String::new();
    for i in 0..strace.len().max(trace.len()) {
        let x = strace.get(i).map_or("<none>", String::as_str);
        let y = trace.get(i).map_or("<none>", String::as_str);
        if x != y {
            msg.push_str(&format!("line {}:\n  strace: {x}\n  trace:  {y}\n", i + 1));
        }
    }
    msg
}

/// The path of `src` compiled with `flags`, or `None` after a note when it cannot be
/// built here (the caller's test then passes without comparing).
pub fn build(name: &str, src: &str, flags: &[&str]) -> Option<String> {
    match compile(name, src, flags) {
        Ok(p) => Some(p.to_string_lossy().into_owned()),
        Err(e) => {
            eprintln!("SKIPPED: cannot compile {name}: {e}");
            None
        }
    }
}
