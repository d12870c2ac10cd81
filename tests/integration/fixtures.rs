//! Recorded fixtures (tests/fixtures/<arch>/*.jsonl, see its README) replayed through
//! the decoder and the text renderer: every architecture's lines, checked on this host.
//! Also records a live run with `--record` and replays it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use trace::arch::Arch;
use trace::fixture::{Fixture, parse, replay};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every fixture of `arch`, with its file and line for messages.
fn load(arch: Arch) -> Vec<(String, Fixture)> {
    let dir = fixture_dir().join(arch.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let fx = parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (i, x) in fx.into_iter().enumerate() {
            out.push((format!("{}/{name} #{}", arch.name(), i + 1), x));
        }
    }
    out
}

/// Replays every fixture of `arch`; returns the names of the calls covered.
fn replay_all(arch: Arch) -> BTreeSet<String> {
    let mut bad = Vec::new();
    let mut names = BTreeSet::new();
    let all = load(arch);
    assert!(all.len() >= 40, "{arch:?}: only {} fixtures", all.len());
    for (at, f) in &all {
        // A 32-bit program's log starts with the 64-bit execve that started it.
        assert!(
            f.arch == arch || f.name == "execve",
            "{at}: a {:?} fixture",
            f.arch
        );
        // The number is the one the syscalls crate gives the name on this arch (a
        // nameless fixture is a number no call has).
        match f.arch.syscall_name(f.nr) {
            Some(name) => {
                assert_eq!(
                    name, f.name,
                    "{at}: number {} is {name} on {:?}",
                    f.nr, f.arch
                );
                names.insert(name.to_string());
            }
            None => assert_eq!(f.name, "", "{at}: {} is no syscall of {:?}", f.nr, f.arch),
        }
        let got = replay(f);
        if got != f.line {
            bad.push(format!("{at}:\n  want {}\n  got  {got}", f.line));
        }
    }
    assert!(
        bad.is_empty(),
        "{} lines differ:\n{}",
        bad.len(),
        bad.join("\n")
    );
    names
}

fn assert_covers(arch: Arch, names: &BTreeSet<String>, want: &[&str]) {
    let missing: Vec<&&str> = want.iter().filter(|w| !names.contains(**w)).collect();
    assert!(missing.is_empty(), "{arch:?} fixtures lack {missing:?}");
}

/// What a dynamic `ls /` calls on every architecture (glibc start-up, the listing, the
/// terminal checks, exit); the per-arch lists add its arch-specific spellings.
const LS_COMMON: &[&str] = &[
    "execve",
    "brk",
    "openat",
    "read",
    "close",
    "mprotect",
    "munmap",
    "set_tid_address",
    "set_robust_list",
    "rseq",
    "getrandom",
    "ioctl",
    "getdents64",
    "write",
    "exit_group",
];

/// The arch-specific cases: clone's argument order, sigaction, epoll_event, 64-bit
/// offsets, stat layouts.
const CASES_COMMON: &[&str] = &[
    "clone",
    "rt_sigaction",
    "epoll_ctl",
    "epoll_wait",
    "pread64",
    "pwrite64",
    "fallocate",
];

#[test]
fn x86_64_fixtures_replay() {
    let n = replay_all(Arch::X86_64);
    assert_covers(Arch::X86_64, &n, LS_COMMON);
    assert_covers(Arch::X86_64, &n, CASES_COMMON);
    let own = [
        "mmap",
        "access",
        "newfstatat",
        "prlimit64",
        "statfs",
        "arch_prctl",
        "fadvise64",
        "ftruncate",
        "truncate",
        "sync_file_range",
    ];
    assert_covers(Arch::X86_64, &n, &own);
}

#[test]
fn i386_fixtures_replay() {
    let n = replay_all(Arch::I386);
    assert_covers(Arch::I386, &n, LS_COMMON);
    assert_covers(Arch::I386, &n, CASES_COMMON);
    let own = [
        "mmap2",
        "access",
        "statx",
        "ugetrlimit",
        "set_thread_area",
        "fadvise64_64",
        "ftruncate64",
        "truncate64",
        "sync_file_range",
        "fstat64",
        "stat64",
        "socketcall",
        "ipc",
        "sigaction",
    ];
    assert_covers(Arch::I386, &n, &own);
}

/// The hand-built fixtures (tests/fixtures/src/handmade.py) share these cases.
const HAND_CASES: &[&str] = &[
    "clone",
    "rt_sigaction",
    "epoll_ctl",
    "pread64",
    "pwrite64",
    "fallocate",
    "wait4",
];

/// The asm-generic 64-bit table's own calls (aarch64 and riscv64 share it).
const GENERIC64_OWN: &[&str] = &[
    "mmap",
    "faccessat",
    "newfstatat",
    "fstat",
    "prlimit64",
    "statfs",
    "epoll_pwait",
    "fadvise64",
    "ftruncate",
    "truncate",
    "sync_file_range",
];

#[test]
fn aarch64_fixtures_replay() {
    let n = replay_all(Arch::Aarch64);
    assert_covers(Arch::Aarch64, &n, LS_COMMON);
    assert_covers(Arch::Aarch64, &n, HAND_CASES);
    assert_covers(Arch::Aarch64, &n, GENERIC64_OWN);
}

#[test]
fn riscv64_fixtures_replay() {
    let n = replay_all(Arch::Riscv64);
    assert_covers(Arch::Riscv64, &n, LS_COMMON);
    assert_covers(Arch::Riscv64, &n, HAND_CASES);
    assert_covers(Arch::Riscv64, &n, GENERIC64_OWN);
    assert_covers(Arch::Riscv64, &n, &["riscv_flush_icache"]);
}

#[test]
fn arm_fixtures_replay() {
    let n = replay_all(Arch::Arm);
    assert_covers(Arch::Arm, &n, LS_COMMON);
    assert_covers(Arch::Arm, &n, HAND_CASES);
    let own = [
        "mmap2",
        "access",
        "fstat64",
        "stat64",
        "ugetrlimit",
        "statfs64",
        "set_tls",
        "epoll_wait",
        "fadvise64_64",
        "ftruncate64",
        "truncate64",
        "sync_file_range2",
        "sigaction",
        "open",
        "cacheflush",
    ];
    assert_covers(Arch::Arm, &n, &own);
}

const ARCHCASES_C: &str = include_str!("../fixtures/src/archcases.c");

/// archcases.c forks and waits: when SIGCHLD arrives around wait4 is the scheduler's.
pub const ARCHCASES_RACY: [&str; 2] = ["SIGCHLD", "wait4("];

/// Runs `cmd` under `trace FLAGS --record`, then checks that every fixture replays to
/// its line, that the fixtures hold exactly the log's syscall lines, and that the log
/// is strace's (normalised). So recorded fixtures are strace's lines.
fn record_and_check(flags: &[&str], cmd: &[&str], ignore: &[&str]) {
    use crate::util::*;
    let dir = tmpdir("record");
    let rec = dir.join("rec.jsonl");
    let mut all = flags.to_vec();
    let rec_s = rec.to_string_lossy().into_owned();
    all.extend(["--record", &rec_s]);
    // archcases.c writes a file in its working directory.
    let run = run_trace_in(&dir, &all, cmd);
    assert!(run.status.success(), "trace failed: {}", run.stderr);
    let fx = parse(&std::fs::read_to_string(&rec).unwrap()).unwrap();
    assert!(fx.len() > 20, "only {} fixtures", fx.len());
    for f in &fx {
        assert_eq!(replay(f), f.line);
    }
    let unpad = |l: &str| {
        regex::Regex::new(r"\) +(= \S)")
            .unwrap()
            .replace(l, ") $1")
            .into_owned()
    };
    let mut logged: Vec<String> = streams(&run.log)
        .into_iter()
        .flat_map(|(_, lines)| lines)
        .filter(|l| !l.starts_with("+++") && !l.starts_with("---"))
        .map(|l| unpad(&l))
        .collect();
    let mut recorded: Vec<String> = fx.iter().map(|f| unpad(&f.line)).collect();
    logged.sort();
    recorded.sort();
    assert_eq!(recorded, logged, "the fixtures are not the log's lines");
    match run_strace_in(&dir, flags, cmd) {
        Some(s) => compare_logs(&s, &run, ignore),
        None => eprintln!("SKIPPED: the strace comparison (strace is not installed)"),
    }
}

#[test]
fn recorded_ls_replays_like_strace() {
    // stdout is a pipe whose inode differs between the two runs.
    record_and_check(&["-f", "-y"], &["ls", "/"], &["pipe:["]);
}

#[test]
fn recorded_arch_cases_replay_like_strace() {
    let exe =
        compiled_or_skip!(crate::util::compile("archcases", ARCHCASES_C, &[]), e => "gcc: {e}");
    record_and_check(&["-f"], &[exe.to_str().unwrap()], &ARCHCASES_RACY);
}

#[test]
fn recorded_i386_arch_cases_replay_like_strace() {
    let exe = compiled_or_skip!(
        crate::util::compile("archcases32", ARCHCASES_C, &["-m32"]),
        e => "cannot compile with -m32 (gcc-multilib): {e}"
    );
    record_and_check(&["-f"], &[exe.to_str().unwrap()], &ARCHCASES_RACY);
}
