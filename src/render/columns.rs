//! The columns strace prints between the pid and the call: the time of day (`-t`,
//! `--timestamps`), the time since the previous line (`-r`), the syscall number (`-n`)
//! and the instruction pointer (`-i`), and the per-thread state the last two need.

use super::text::TextOptions;
use crate::arch::Arch;
use crate::event::Tid;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// strace's `-t` family and `--timestamps=FORMAT,PRECISION`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stamps {
    #[default]
    None,
    /// `-t` (seconds), `-tt` (microseconds): the time of day, `HH:MM:SS[.fff]`.
    Time(Precision),
    /// `-ttt`: seconds since the epoch, `SSSSSSSSSS[.fff]`.
    Unix(Precision),
}

/// How finely a time is printed: strace's `s`, `ms`, `us`, `ns` (digits after the
/// point: none, 3, 6, 9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Precision {
    S,
    Ms,
    #[default]
    Us,
    Ns,
}

impl Precision {
    /// `s`, `ms`, `us`, `ns`; `None` for anything else.
    pub fn parse(word: &str) -> Option<Precision> {
        match word {
            "s" => Some(Precision::S),
            "ms" => Some(Precision::Ms),
            "us" => Some(Precision::Us),
            "ns" => Some(Precision::Ns),
            _ => None,
        }
    }

    pub fn digits(self) -> usize {
        match self {
            Precision::S => 0,
            Precision::Ms => 3,
            Precision::Us => 6,
            Precision::Ns => 9,
        }
    }

    /// Appends `.` and the fraction of a second `nanos` at this precision (truncated,
    /// as strace divides), or nothing at `s`.
    pub fn push_fraction(self, out: &mut String, nanos: u32) {
        use std::fmt::Write as _;
        let digits = self.digits();
        if digits > 0 {
            let scaled = nanos / 10u32.pow(9 - digits as u32);
            let _ = write!(out, ".{scaled:0digits$}");
        }
    }
}

/// What the columns remember between lines.
#[derive(Default)]
pub(super) struct Columns {
    /// Each thread's latest syscall number (`-n`).
    nr: HashMap<Tid, u64>,
    /// Each thread's instruction pointer at its latest stop, and its personality's word
    /// size (the width); `None` when it could not be read (`-i`).
    ip: HashMap<Tid, (Option<u64>, usize)>,
    /// The previous line's start (`-r`).
    last_line_at: Option<Instant>,
}

impl Columns {
    /// Appends the columns `opts` asks for, for a line of thread `tid`.
    pub(super) fn write(&mut self, line: &mut String, tid: Tid, opts: &TextOptions) {
        let (now, precision, unix) = match opts.stamps {
            Stamps::None => (None, Precision::S, false),
            Stamps::Time(p) => (Some(SystemTime::now()), p, false),
            Stamps::Unix(p) => (Some(SystemTime::now()), p, true),
        };
        if let Some(now) = now {
            let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
            let secs = now.as_secs() as i64;
            match crate::sys::local_time(secs).filter(|_| !unix) {
                Some(t) => {
                    let _ = write!(line, "{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
                }
                None => {
                    let _ = write!(line, "{secs}");
                }
            }
            precision.push_fraction(line, now.subsec_nanos());
            line.push(' ');
        }
        if opts.relative {
            let now = Instant::now();
            let d = self.last_line_at.map_or(Duration::ZERO, |t| now - t);
            self.last_line_at = Some(now);
            // strace's `%6ld` and the fraction, in `(+...)` after an absolute time.
            let stamped = opts.stamps != Stamps::None;
            let _ = write!(line, "{}{:6}", if stamped { "(+" } else { "" }, d.as_secs());
            opts.relative_precision
                .push_fraction(line, d.subsec_nanos());
            line.push_str(if stamped { ") " } else { " " });
        }
        if opts.syscall_number {
            // The thread's latest syscall, also on signal and exit lines (strace's
            // true_scno, 0 before the first).
            let nr = self.nr.get(&tid).copied().unwrap_or(0);
            let _ = write!(line, "[{nr:4}] ");
        }
        if opts.instruction_pointer {
            // A thread that is gone (its exit line) has no registers: `????????`.
            let (ip, bytes) = self.ip.get(&tid).copied().unwrap_or((None, 8));
            let width = bytes * 2;
            let _ = match ip {
                Some(ip) => write!(line, "[{ip:0width$x}] "),
                None => write!(line, "[{}] ", "?".repeat(width)),
            };
        }
    }

    /// Thread `tid` entered syscall `nr` (shown or not).
    pub(super) fn called(&mut self, tid: Tid, nr: u64) {
        self.nr.insert(tid, nr);
    }

    /// Where thread `tid` stopped, told before the event of that stop.
    pub(super) fn stopped_at(&mut self, tid: Tid, arch: Arch, ip: Option<u64>) {
        self.ip.insert(tid, (ip, arch.word_bytes()));
    }

    /// Thread `tid` is gone: its registers cannot be read any more.
    pub(super) fn gone(&mut self, tid: Tid) {
        if let Some(ip) = self.ip.get_mut(&tid) {
            ip.0 = None;
        }
    }

    /// Thread `tid`'s last line is written.
    pub(super) fn forget(&mut self, tid: Tid) {
        self.nr.remove(&tid);
        self.ip.remove(&tid);
    }
}
