//! `--cpu-placement`: trace pins itself, never the traced program.

use crate::util::*;
use std::process::Command;

fn allowed_list(status: &str) -> String {
    status
        .lines()
        .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
        .unwrap_or("")
        .trim()
        .to_string()
}

/// The traced program (and what it starts) sees the mask it would see untraced, in
/// every mode; trace itself runs on one CPU in `same` and `auto` (one thread traced)
/// and keeps its mask in `free`.
#[test]
fn tracer_pins_itself_not_the_tracee() {
    let own = allowed_list(&std::fs::read_to_string("/proc/self/status").unwrap());
    let script =
        "grep Cpus_allowed_list /proc/self/status; exec grep Cpus_allowed_list /proc/$PPID/status";
    for mode in ["auto", "same", "free"] {
        let flag = format!("--cpu-placement={mode}");
        let run = run_trace(&[&flag], &["sh", "-c", script]);
        assert!(run.status.success(), "{mode}: {}", run.stderr);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{mode}: {}", run.stdout);
        assert_eq!(allowed_list(lines[0]), own, "{mode}: the tracee's mask");
        let tracer = allowed_list(lines[1]);
        if mode == "free" || !own.contains([',', '-']) {
            assert_eq!(tracer, own, "{mode}: trace's mask");
        } else {
            let cpu: usize = tracer
                .parse()
                .unwrap_or_else(|_| panic!("{mode}: {tracer}"));
            assert!(own_cpus(&own).contains(&cpu), "{mode}: {cpu} not in {own}");
        }
        assert_eq!(
            run.find("execve(\"/usr/bin/grep\"").len(),
            1,
            "{mode}: {}",
            run.log
        );
    }
}

/// The CPUs of a list like `0-3,6`.
fn own_cpus(list: &str) -> Vec<usize> {
    let mut cpus = Vec::new();
    for part in list.split(',') {
        match part.split_once('-') {
            Some((a, b)) => cpus.extend(a.parse::<usize>().unwrap()..=b.parse().unwrap()),
            None => cpus.push(part.parse().unwrap()),
        }
    }
    cpus
}

#[test]
fn bad_placement_is_one_line() {
    let out = Command::new(trace_bin())
        .args(["--cpu-placement=fast", "true"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trace: invalid --cpu-placement value: 'fast' (auto, same, free)\n"
    );
}
