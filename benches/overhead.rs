//! The overhead harness (issue 7): how much slower programs run under trace than
//! untraced, under strace, and under the ptrace floor (a loop that only resumes each
//! stop), measured side by side in interleaved rounds so that a change in the
//! machine's load hits every contender alike.
//!
//! `cargo bench --bench overhead` (release build). Settings, from the environment:
//! - `TRACE_BENCH_QUICK=1`: small workloads and one round (a smoke run, ~1 minute);
//! - `TRACE_BENCH_ROUNDS=N`: rounds (default 5, quick 1);
//! - `TRACE_BENCH_ONLY=dd,ls,...`: only these workloads (dd, ls, forks, threads, start);
//! - `TRACE_BENCH_PLACEMENT=1`: also run trace with each `--cpu-placement` mode.
//!
//! Filtered, trace runs with -f (so it uses its seccomp-bpf filter) and is compared
//! with both strace and `strace -f --seccomp-bpf`.
//!
//! The workloads and the floor are C programs in benches/workloads/, compiled here with
//! gcc; each run goes through `measure`, which reports wall time and peak RSS (wait4).
//! strace is skipped with a message when it is not installed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a contender does with the syscalls it sees.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Mode {
    /// The whole log, to /dev/null.
    Log,
    /// `-c`: counting only.
    Count,
    /// `-e trace=openat`, log to /dev/null.
    Filter,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Log => "log",
            Mode::Count => "-c",
            Mode::Filter => "-e trace=openat",
        }
    }
    fn args(self) -> Vec<String> {
        let a: &[&str] = match self {
            Mode::Log => &["-o", "/dev/null"],
            Mode::Count => &["-c", "-o", "/dev/null"],
            Mode::Filter => &["-e", "trace=openat", "-o", "/dev/null"],
        };
        a.iter().map(|s| s.to_string()).collect()
    }
}

struct Workload {
    key: &'static str,
    title: String,
    argv: Vec<String>,
    /// Traced with -f (it forks or starts threads).
    follow: bool,
}

/// One way of running a workload: a label and the words put before its argv.
struct Contender {
    label: String,
    prefix: Vec<String>,
    /// The label of the floor this one is compared with, etc.
    role: Role,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Untraced,
    FloorPinned,
    /// The floor plus the one PTRACE_GET_SYSCALL_INFO per stop a decoder needs.
    FloorInfoPinned,
    FloorFree,
    Strace(Mode),
    StraceSeccomp,
    Trace(Mode),
    Other,
}

#[derive(Clone, Copy)]
struct Sample {
    secs: f64,
    rss_kb: u64,
}

fn sh(words: &[&str]) -> Vec<String> {
    words.iter().map(|s| s.to_string()).collect()
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

fn compile(out_dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/workloads")
        .join(format!("{name}.c"));
    let exe = out_dir.join(name);
    let status = Command::new("gcc")
        .args(["-O2", "-o"])
        .arg(&exe)
        .arg(&src)
        .args(extra)
        .status()
        .unwrap_or_else(|e| panic!("gcc: {e} (the harness needs gcc)"));
    assert!(status.success(), "gcc failed on {}", src.display());
    exe
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd} >/dev/null")])
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `argv` through `measure`; `None` (with a note) when it failed.
fn run(measure: &Path, argv: &[String]) -> Option<Sample> {
    let out = Command::new(measure).args(argv).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let f: Vec<i64> = text
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    if f.len() != 3 || f[2] != 0 {
        eprintln!("  failed ({}): {}", text.trim(), argv.join(" "));
        return None;
    }
    Some(Sample {
        secs: f[0] as f64 / 1e9,
        rss_kb: f[1] as u64,
    })
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn machine() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{cpus} CPUs, {model}, Linux {}", kernel.trim())
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn main() {
    let quick = env_flag("TRACE_BENCH_QUICK");
    let rounds: usize = std::env::var("TRACE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 1 } else { 5 });
    let only: Option<Vec<String>> = std::env::var("TRACE_BENCH_ONLY")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    let placements = env_flag("TRACE_BENCH_PLACEMENT");

    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("overhead");
    std::fs::create_dir_all(&out_dir).expect("bench dir");
    let measure = compile(&out_dir, "measure", &[]);
    let floor = compile(&out_dir, "floor", &[]);
    let threads = compile(&out_dir, "threads", &["-pthread"]);
    let trace = env!("CARGO_BIN_EXE_trace").to_string();
    let strace = have("strace");
    let taskset = have("taskset");

    let bytes = if quick { 2000 } else { 20000 };
    let tree = if quick {
        "/usr/include/linux"
    } else {
        "/usr/include"
    };
    let forks = if quick { 20 } else { 200 };
    let thread_rounds = if quick { 20 } else { 200 };
    let floor_s = floor.display().to_string();
    let mut workloads = vec![
        Workload {
            key: "dd",
            title: format!("dd bs=1 count={bytes} ({} syscalls)", 2 * bytes),
            argv: sh(&["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "status=none"])
                .into_iter()
                .chain([format!("count={bytes}")])
                .collect(),
            follow: false,
        },
        Workload {
            key: "ls",
            title: format!("ls -lR {tree}"),
            argv: sh(&["ls", "-lR", tree]),
            follow: false,
        },
        Workload {
            key: "forks",
            title: format!("sh loop: {forks} x fork+exec /bin/true (-f)"),
            argv: vec![
                "sh".into(),
                "-c".into(),
                format!("i=0; while [ $i -lt {forks} ]; do /bin/true; i=$((i+1)); done"),
            ],
            follow: true,
        },
        Workload {
            key: "threads",
            title: format!("2 threads x {thread_rounds} x (CPU burst + 3 syscalls) (-f)"),
            argv: vec![
                threads.display().to_string(),
                "2".into(),
                thread_rounds.to_string(),
            ],
            follow: true,
        },
        Workload {
            key: "start",
            title: "true (start-up)".into(),
            argv: sh(&["true"]),
            follow: false,
        },
    ];
    if let Some(only) = &only {
        workloads.retain(|w| only.iter().any(|o| o == w.key));
    }

    println!("trace overhead harness: {}", machine());
    println!(
        "rounds: {rounds}{}; load average at start: {}",
        if quick { " (quick)" } else { "" },
        load()
    );
    if !strace {
        println!("strace not installed: its columns are skipped");
    }
    if !taskset {
        println!("taskset not installed: the pinned floor is skipped");
    }

    // Contenders per workload, in the order they run each round.
    let contenders = |w: &Workload| -> Vec<Contender> {
        let f: Vec<String> = if w.follow { sh(&["-f"]) } else { vec![] };
        let mut c = vec![Contender {
            label: "untraced".into(),
            prefix: vec![],
            role: Role::Untraced,
        }];
        if taskset {
            c.push(Contender {
                label: "floor, pinned (taskset -c 0)".into(),
                prefix: [sh(&["taskset", "-c", "0", &floor_s]), f.clone()].concat(),
                role: Role::FloorPinned,
            });
            c.push(Contender {
                label: "floor + syscall info, pinned".into(),
                prefix: [sh(&["taskset", "-c", "0", &floor_s, "-i"]), f.clone()].concat(),
                role: Role::FloorInfoPinned,
            });
        }
        c.push(Contender {
            label: "floor, free".into(),
            prefix: [vec![floor_s.clone()], f.clone()].concat(),
            role: Role::FloorFree,
        });
        for mode in [Mode::Log, Mode::Count, Mode::Filter] {
            if strace {
                c.push(Contender {
                    label: format!("strace {}", mode.name()),
                    prefix: [sh(&["strace"]), f.clone(), mode.args()].concat(),
                    role: Role::Strace(mode),
                });
                if mode == Mode::Filter {
                    // strace's seccomp filter needs -f.
                    c.push(Contender {
                        label: format!("strace --seccomp-bpf {}", mode.name()),
                        prefix: [sh(&["strace", "-f", "--seccomp-bpf"]), mode.args()].concat(),
                        role: Role::StraceSeccomp,
                    });
                }
            }
            // Filtered, trace takes -f always: with it trace installs its seccomp
            // filter (as strace --seccomp-bpf, which needs -f too).
            let tf = if mode == Mode::Filter {
                sh(&["-f"])
            } else {
                f.clone()
            };
            c.push(Contender {
                label: format!(
                    "trace {}{}",
                    if mode == Mode::Filter { "-f " } else { "" },
                    mode.name()
                ),
                prefix: [vec![trace.clone()], tf, mode.args()].concat(),
                role: Role::Trace(mode),
            });
        }
        if placements {
            c.push(Contender {
                label: "floor, tracer pinned (floor -p tracer)".into(),
                prefix: [sh(&[&floor_s, "-p", "tracer"]), f.clone()].concat(),
                role: Role::Other,
            });
            for p in ["tracer", "free"] {
                c.push(Contender {
                    label: format!("trace log --cpu-placement={p}"),
                    prefix: [
                        vec![trace.clone(), format!("--cpu-placement={p}")],
                        f.clone(),
                        Mode::Log.args(),
                    ]
                    .concat(),
                    role: Role::Other,
                });
            }
            if taskset {
                c.push(Contender {
                    label: "trace log, taskset -c 0".into(),
                    prefix: [
                        sh(&["taskset", "-c", "0", &trace]),
                        f.clone(),
                        Mode::Log.args(),
                    ]
                    .concat(),
                    role: Role::Other,
                });
            }
        }
        c
    };

    let plans: Vec<(usize, Vec<Contender>)> = workloads
        .iter()
        .enumerate()
        .map(|(i, w)| (i, contenders(w)))
        .collect();
    // (workload, contender) -> samples
    let mut samples: BTreeMap<(usize, usize), Vec<Sample>> = BTreeMap::new();
    for round in 0..rounds {
        eprintln!("round {}/{rounds} (load {})", round + 1, load());
        for (wi, cs) in &plans {
            let w = &workloads[*wi];
            // A start-up run is short: repeat it to get a steadier median.
            let reps = if w.key == "start" { 5 } else { 1 };
            for (ci, c) in cs.iter().enumerate() {
                for _ in 0..reps {
                    let argv = [c.prefix.clone(), w.argv.clone()].concat();
                    if let Some(s) = run(&measure, &argv) {
                        samples.entry((*wi, ci)).or_default().push(s);
                    }
                }
            }
        }
    }

    for (wi, cs) in &plans {
        let w = &workloads[*wi];
        println!("\n## {}", w.title);
        println!(
            "{:<40} {:>10} {:>10} {:>10}",
            "", "median s", "x untraced", "peak RSS"
        );
        let mut med: Vec<Option<f64>> = Vec::new();
        for (ci, _) in cs.iter().enumerate() {
            let m = samples.get(&(*wi, ci)).map(|v| {
                let mut t: Vec<f64> = v.iter().map(|s| s.secs).collect();
                median(&mut t)
            });
            med.push(m);
        }
        let of = |role: Role| -> Option<f64> {
            cs.iter().position(|c| c.role == role).and_then(|i| med[i])
        };
        let untraced = of(Role::Untraced);
        for (ci, c) in cs.iter().enumerate() {
            let rss = samples
                .get(&(*wi, ci))
                .and_then(|v| v.iter().map(|s| s.rss_kb).max())
                .map_or("-".into(), |k| format!("{k} KB"));
            match med[ci] {
                Some(m) => println!(
                    "{:<40} {:>10.3} {:>10.1} {:>10}",
                    c.label,
                    m,
                    untraced.map_or(f64::NAN, |u| m / u),
                    rss
                ),
                None => println!("{:<40} {:>10}", c.label, "failed"),
            }
        }
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
            _ => "-".into(),
        };
        println!(
            "{:<16} {:>8} {:>14} {:>14} {:>12} {:>10}",
            "trace / ...", "strace", "floor pinned", "+info pinned", "floor free", "untraced"
        );
        for mode in [Mode::Log, Mode::Count, Mode::Filter] {
            let t = of(Role::Trace(mode));
            println!(
                "{:<16} {:>8} {:>14} {:>14} {:>12} {:>10}",
                mode.name(),
                ratio(t, of(Role::Strace(mode))),
                ratio(t, of(Role::FloorPinned)),
                ratio(t, of(Role::FloorInfoPinned)),
                ratio(t, of(Role::FloorFree)),
                ratio(t, untraced)
            );
        }
        if strace {
            println!(
                "trace -e trace=openat / strace --seccomp-bpf: {}",
                ratio(of(Role::Trace(Mode::Filter)), of(Role::StraceSeccomp))
            );
        }
    }
    println!("\nload average at end: {}", load());
}
