//! Helpers: compile C, run trace and strace, normalise and compare logs.

#![allow(dead_code)]

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Prints why a test did not run and returns from it.
macro_rules! skip {
    ($($t:tt)*) => {{
        eprintln!("SKIPPED: {}", format!($($t)*));
        return;
    }};
}

pub fn trace_bin() -> &'static str {
    env!("CARGO_BIN_EXE_trace")
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
    c.args(flags).arg("-o").arg(&log).arg("--").args(cmd);
    c.stdin(Stdio::null());
    if let Some(d) = cwd {
        c.current_dir(d);
    }
    let out = c.output().unwrap_or_else(|e| panic!("running {bin}: {e}"));
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

/// Normalises a log for comparison: pids numbered by first appearance, addresses
/// (5+ hex digits) replaced, random bytes and alignment padding dropped.
pub fn normalize(log: &str) -> Vec<String> {
    let pid_col = Regex::new(r"^(\d+)\s+").unwrap();
    let addr = Regex::new(r"0x[0-9a-f]{5,}").unwrap();
    let rand = Regex::new(r#"getrandom\("[^"]*"(\.\.\.)?"#).unwrap();
    let pad = Regex::new(r"\)\s+= ").unwrap();
    let mut pids: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for l in log.lines() {
        let mut line = l.to_string();
        if let Some(m) = pid_col.captures(l) {
            let p = m[1].to_string();
            let i = pids.iter().position(|x| *x == p).unwrap_or_else(|| {
                pids.push(p.clone());
                pids.len() - 1
            });
            line = format!("P{i} {}", &l[m[0].len()..]);
        }
        for (i, p) in pids.iter().enumerate() {
            let re = Regex::new(&format!(r"\b{p}\b")).unwrap();
            line = re.replace_all(&line, format!("P{i}").as_str()).into_owned();
        }
        line = addr.replace_all(&line, "0xADDR").into_owned();
        line = rand.replace_all(&line, "getrandom(\"RANDOM\"").into_owned();
        line = pad.replace_all(&line, ") = ").into_owned();
        out.push(line);
    }
    out
}

/// Asserts that trace and strace print the same normalised lines for `cmd`, with the
/// lines `ignore` matches dropped from both. Skips (returns false) without strace.
pub fn assert_like_strace(flags: &[&str], cmd: &[&str], ignore: &[&str]) -> bool {
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
    let keep = |l: &String| !ignore.iter().any(|i| l.contains(i));
    let s: Vec<String> = normalize(&strace.log).into_iter().filter(keep).collect();
    let t: Vec<String> = normalize(&trace.log).into_iter().filter(keep).collect();
    if s != t {
        let mut msg = String::from("trace's log differs from strace's:\n");
        for i in 0..s.len().max(t.len()) {
            let a = s.get(i).map(String::as_str).unwrap_or("<none>");
            let b = t.get(i).map(String::as_str).unwrap_or("<none>");
            if a != b {
                msg.push_str(&format!("line {}:\n  strace: {a}\n  trace:  {b}\n", i + 1));
            }
        }
        panic!("{msg}");
    }
}
