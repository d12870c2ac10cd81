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

fn untraced(cmd: &str) -> String {
    let out = Command::new("sh").args(["-c", cmd]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The program reads its real mask (sched_getaffinity: `nproc`), traced or not, and
/// an untraced child inherits it, in every mode; trace itself runs on one
/// CPU with `auto` and `tracer` and keeps its mask with `free`.
#[test]
fn the_program_keeps_its_mask() {
    let own = allowed_list(&std::fs::read_to_string("/proc/self/status").unwrap());
    let nproc = untraced("nproc");
    for mode in ["auto", "tracer", "free"] {
        for follow in [false, true] {
            let flag = format!("--cpu-placement={mode}");
            let flags: &[&str] = if follow { &[&flag, "-f"] } else { &[&flag] };
            // The last command is exec'd by the traced shell: its parent is trace.
            let script = "nproc; grep Cpus_allowed_list /proc/self/status; \
                          exec grep Cpus_allowed_list /proc/$PPID/status";
            let what = format!("{mode} follow={follow}");
            let run = run_trace(flags, &["sh", "-c", script]);
            assert!(run.status.success(), "{what}: {}", run.stderr);
            let lines: Vec<&str> = run.stdout.lines().collect();
            assert_eq!(lines.len(), 3, "{what}: {}", run.stdout);
            assert_eq!(format!("{}\n", lines[0]), nproc, "{what}: nproc in a child");
            if !(mode == "auto" && follow) {
                // An untraced child inherits the real mask. (A traced child that runs
                // alone is pinned with trace, which /proc/PID/status shows.)
                assert_eq!(allowed_list(lines[1]), own, "{what}: a child's mask");
            }
            let tracer = allowed_list(lines[2]);
            if mode == "free" || !own.contains([',', '-']) {
                assert_eq!(tracer, own, "{what}: trace's mask");
            } else {
                let cpu: usize = tracer
                    .parse()
                    .unwrap_or_else(|_| panic!("{what}: {tracer}"));
                assert!(own_cpus(&own).contains(&cpu), "{what}: {cpu} not in {own}");
            }
        }
        // The pinned program itself asks: it gets its real mask.
        let run = run_trace(&[&format!("--cpu-placement={mode}")], &["nproc"]);
        assert_eq!(run.stdout, nproc, "{mode}: traced nproc");
        assert_eq!(
            run.find("sched_getaffinity(").len(),
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
    let out = trace_command()
        .args(["--cpu-placement=fast", "true"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trace: invalid --cpu-placement value: 'fast' (auto, tracer, free)\n"
    );
}

fn mask_of(pid: u32) -> String {
    allowed_list(&std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default())
}

/// An attached process (`-p`) is never pinned; trace itself still follows it.
#[test]
fn attached_process_is_never_pinned() {
    use std::process::Stdio;
    let own = mask_of(std::process::id());
    // A process that makes syscalls all the time (so trace looks at it often).
    let mut prog = Command::new("sh")
        .args(["-c", "while :; do : < /dev/null; done"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let pid = prog.id();
    let mut tracer = trace_command()
        .args(["-q", "-o", "/dev/null", "-p", &pid.to_string()])
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    // Until trace is attached and has looked at the tracee (its first stops).
    let mut traced = false;
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        if status
            .lines()
            .any(|l| l.starts_with("TracerPid:") && l.trim_end() != "TracerPid:\t0")
        {
            traced = true;
            std::thread::sleep(std::time::Duration::from_millis(100));
            break;
        }
    }
    let (prog_mask, tracer_mask) = (mask_of(pid), mask_of(tracer.id()));
    let _ = Command::new("kill")
        .args(["-INT", &tracer.id().to_string()])
        .status();
    wait_within(
        &mut tracer,
        std::time::Duration::from_secs(20),
        "trace after SIGINT",
    );
    let _ = prog.kill();
    let _ = prog.wait();
    assert!(traced, "trace never attached");
    assert_eq!(prog_mask, own, "the attached process's mask");
    if own.contains([',', '-']) {
        assert!(
            tracer_mask.parse::<usize>().is_ok(),
            "trace follows on one CPU: {tracer_mask}"
        );
    }
}
