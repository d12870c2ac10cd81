//! Resolved, validated options: what the rest of trace runs on.

use crate::decode::DecodeOptions;
use crate::render::summary::SummaryOptions;
use crate::render::text::Stamps;

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
    /// `-e trace=`: the syscalls shown (and counted); all when `None`.
    pub filter: Option<crate::filter::SyscallFilter>,
    /// `-e signal=`: the signals shown; all when `None`.
    pub signals: Option<crate::filter::SignalFilter>,
    /// `-q` count: 1 hides attach/detach messages, 2 also `+++ exited` lines.
    pub quiet: u8,
    /// `-A`: append to the `-o` file.
    pub append: bool,
    /// `--record FILE`: write a fixture line per syscall (see `fixture`).
    pub record: Option<String>,
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
            filter: None,
            signals: None,
            quiet: 0,
            append: false,
            record: None,
        }
    }
}
