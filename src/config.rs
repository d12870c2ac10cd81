//! Resolved, validated options: what the rest of trace runs on.

use crate::decode::DecodeOptions;
use crate::render::summary::SummaryOptions;
use crate::render::text::{Precision, Stamps};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when the log goes to a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Stderr,
    File(String),
    /// `-o '|CMD'` (or `'!CMD'`): the log is piped into `sh -c CMD`.
    Pipe(String),
}

#[derive(Clone, Debug)]
pub struct Config {
    /// The command to run; may be empty when `pids` are given.
    pub command: Vec<String>,
    /// Processes to attach to (`-p`).
    pub pids: Vec<i32>,
    pub follow_forks: bool,
    pub output: Output,
    pub align: usize,
    pub decode: DecodeOptions,
    /// Print the syscall log (off with -c).
    pub log: bool,
    /// Count syscalls and print the summary table at the end (-c, -C).
    pub summary: Option<SummaryOptions>,
    /// JSON lines instead of text (`--json`).
    pub json: bool,
    pub color: ColorChoice,
    /// `--live`: redraw the summary on the terminal while tracing.
    pub live: bool,
    /// `-t`/`-tt`/`-ttt`, `-r`, `-T`.
    pub stamps: Stamps,
    pub relative: bool,
    pub syscall_times: bool,
    /// `--relative-timestamps=PRECISION`, `--syscall-times=PRECISION`.
    pub relative_precision: Precision,
    pub syscall_times_precision: Precision,
    /// `-n`: the syscall number before each line.
    pub syscall_number: bool,
    /// `-i`: the instruction pointer before each line.
    pub instruction_pointer: bool,
    /// `--pidns-translation`: pids also as trace's pid namespace sees them.
    pub pidns_translation: bool,
    /// `-e trace=`: the syscalls shown (and counted); all when `None`.
    pub filter: Option<crate::filter::SyscallFilter>,
    /// `-e signal=`: the signals shown; all when `None`.
    pub signals: Option<crate::filter::SignalFilter>,
    /// `-q`, `-e quiet=`: the informational messages left out.
    pub quiet: Quiet,
    /// `-e status=`, `-z`, `-Z`: the log shows only calls that ended so.
    pub status: Option<crate::filter::status::StatusSet>,
    /// `-P PATH`, `-e trace-fds=`: only calls touching these paths or fds.
    pub touch: Option<crate::filter::touch::TouchFilter>,
    /// `-ff -o FILE`: one log per thread, `FILE.TID`.
    pub output_separately: bool,
    /// `-A`: append to the `-o` file.
    pub append: bool,
    /// `--seccomp-bpf` / `--no-seccomp-bpf`.
    pub seccomp: crate::seccomp::Choice,
    /// `--record FILE`: write a fixture line per syscall (see `fixture`).
    pub record: Option<String>,
    /// `--cpu-placement`: where the tracer runs (see tracer/affinity.rs).
    pub cpu_placement: crate::tracer::affinity::CpuPlacement,
    /// `-e inject=`, `-e fault=`: syscall tampering (see filter/inject.rs).
    pub inject: Option<crate::filter::inject::InjectTable>,
    /// `-I`: when fatal signals may interrupt trace (`None`: strace's default).
    pub interruptible: Option<crate::tracer::Interruptible>,
    /// `-b execve`: detach tracees at their execve.
    pub detach_on_exec: bool,
    /// `-u USER`: run the command as that user.
    pub run_as: Option<crate::sys::RunAs>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            command: Vec::new(),
            pids: Vec::new(),
            follow_forks: false,
            output: Output::Stderr,
            align: 40,
            decode: DecodeOptions::default(),
            log: true,
            summary: None,
            json: false,
            color: ColorChoice::Auto,
            live: false,
            stamps: Stamps::None,
            relative: false,
            syscall_times: false,
            relative_precision: Precision::Us,
            syscall_times_precision: Precision::Us,
            syscall_number: false,
            instruction_pointer: false,
            pidns_translation: false,
            filter: None,
            signals: None,
            quiet: Quiet::default(),
            status: None,
            touch: None,
            output_separately: false,
            append: false,
            seccomp: crate::seccomp::Choice::Auto,
            record: None,
            cpu_placement: Default::default(),
            inject: None,
            interruptible: None,
            detach_on_exec: false,
            run_as: None,
        }
    }
}

/// strace's `-e quiet=` messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quiet {
    /// `Process N attached` / `detached`.
    pub attach: bool,
    /// `+++ exited with N +++`, `+++ killed by SIG +++`.
    pub exit: bool,
    /// `Requested path "P" resolved into "R"` (`-P`).
    pub path_resolution: bool,
    /// `[ Process PID=N runs in 32 bit mode. ]`.
    pub personality: bool,
    /// `+++ superseded by execve in pid N +++`.
    pub thread_execve: bool,
}

impl Quiet {
    /// `-q` (attach, personality), `-qq` (and exit), `-qqq` (all).
    pub fn from_count(n: u8) -> Quiet {
        Quiet {
            attach: n >= 1,
            personality: n >= 1,
            exit: n >= 2,
            path_resolution: n >= 3,
            thread_execve: n >= 3,
        }
    }

    /// Adds a `-e quiet=SET`: names, `all`, `none`, `!`; strace's `invalid quiet 'x'`.
    pub fn parse(spec: &str) -> Result<Quiet, String> {
        let (invert, s) = crate::filter::split_invert(spec);
        let mut q = Quiet::default();
        for word in s.split(',') {
            match word {
                "all" => q = Quiet::from_count(3),
                "none" => {}
                "attach" => q.attach = true,
                "exit" | "exits" => q.exit = true,
                "path-resolution" => q.path_resolution = true,
                "personality" => q.personality = true,
                "thread-execve" | "superseded" => q.thread_execve = true,
                _ => return Err(format!("invalid quiet '{word}'")),
            }
        }
        if invert {
            q = Quiet {
                attach: !q.attach,
                exit: !q.exit,
                path_resolution: !q.path_resolution,
                personality: !q.personality,
                thread_execve: !q.thread_execve,
            };
        }
        Ok(q)
    }
}
