//! strace's default log format: one line per syscall, `<unfinished ...>` /
//! `<... name resumed>` when threads interleave, `--- SIG ---` and `+++ exited +++`.

use super::columns::Columns;
pub use super::columns::{Precision, Stamps};
use crate::arch::Arch;
use crate::decode::{self, Ctx, DecodeOptions};
use crate::event::{Sink, Tid, Timing};
use crate::pidns::TranslatingMemory;
use crate::record::{MemoryReader, SyscallRecord};
use crate::table::Signature;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

/// How lines are prefixed with the thread id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PidPrefix {
    /// Single process, or never.
    None,
    /// `-f -o FILE`: `1234  ` on every line.
    Column,
    /// Output to stderr: `[pid  1234] ` once several threads are traced.
    BracketWhenMany,
}

pub struct TextOptions {
    pub decode: DecodeOptions,
    pub prefix: PidPrefix,
    /// Column that ` = ` is aligned to (strace's -a, default 40).
    pub align: usize,
    /// Colour names, errors, signals and exits (a terminal, `--color`).
    pub color: bool,
    /// `-t`, `-tt`, `-ttt`: wall-clock time at the start of each line.
    pub stamps: Stamps,
    /// `-r`: time since the previous line, before the line.
    pub relative: bool,
    /// `-r`'s digits (`--relative-timestamps=PRECISION`).
    pub relative_precision: Precision,
    /// `-T`: time spent in each syscall, after its return value.
    pub syscall_time: bool,
    /// `-T`'s digits (`--syscall-times=PRECISION`).
    pub syscall_time_precision: Precision,
    /// `-n`: `[ NR] ` before each line, the thread's syscall number.
    pub syscall_number: bool,
    /// `-i`: `[00007f...] ` before each line, where the thread stopped.
    pub instruction_pointer: bool,
    /// `--pidns-translation`: pids the tracee sees, also as trace sees them.
    pub pidns: Option<std::sync::Arc<crate::pidns::Translator>>,
    /// `+++ exited with N +++` / `+++ killed by SIG +++` lines (off with `-qq`).
    pub show_exits: bool,
    /// Render each call whole at its exit (no `<unfinished ...>`), so that it can
    /// still be dropped then (`-e status=`, `-z`, `-Z`).
    pub staged: bool,
    /// `[ Process PID=N runs in 32 bit mode. ]` when a thread changes personality
    /// (strace prints these on stderr only, and not with `-q`).
    pub personality_notes: bool,
    /// `+++ superseded by execve in pid N +++` (off with `-e quiet=thread-execve`).
    pub show_superseded: bool,
    /// `trace: Process N attached` for each new child with `-f` (strace prints these
    /// when its log is stderr, and not with `-q`).
    pub announce_children: bool,
}

impl TextOptions {
    /// strace's defaults: no prefix, column 40, no colour, stamps or notes.
    pub fn plain(decode: DecodeOptions) -> Self {
        TextOptions {
            decode,
            prefix: PidPrefix::None,
            align: 40,
            color: false,
            stamps: Stamps::None,
            relative: false,
            relative_precision: Precision::Us,
            syscall_time: false,
            syscall_time_precision: Precision::Us,
            syscall_number: false,
            instruction_pointer: false,
            pidns: None,
            show_exits: true,
            staged: false,
            personality_notes: false,
            show_superseded: true,
            announce_children: false,
        }
    }
}

/// What a coloured span is.
#[derive(Clone, Copy)]
enum Paint {
    Name,
    Error,
    Signal,
    Exit,
}

struct Pending {
    rec: SyscallRecord,
    name: Cow<'static, str>,
    sig: Option<&'static Signature>,
    saved: decode::Saved,
    /// Whether an argument has been printed on the line so far.
    printed: bool,
    /// The entry printed every argument (nothing left for exit).
    complete_at_entry: bool,
    /// Staged mode: the line so far, and its colour escapes' length.
    text: String,
    invisible: usize,
}

pub struct TextSink<W: Write> {
    out: W,
    opts: TextOptions,
    threads: usize,
    pending: HashMap<Tid, Pending>,
    /// Each thread's last finished syscall: restart_syscall names it.
    previous: HashMap<Tid, Cow<'static, str>>,
    /// The thread whose line is unfinished; its text so far is `line`.
    open: Option<Tid>,
    /// The line being built. Kept until the line ends, so that a trailing separator
    /// can still be taken back; `written` bytes of it are already out (flushed while
    /// the thread was blocked).
    line: String,
    written: usize,
    /// Bytes of colour escapes in `line`, which take no column.
    invisible: usize,
    /// The time and per-thread columns after the pid (boxed: most logs use none).
    columns: Box<Columns>,
    /// Output failed (e.g. EPIPE): stop writing.
    pub broken: bool,
}

impl<W: Write> TextSink<W> {
    pub fn new(out: W, opts: TextOptions) -> Self {
        TextSink {
            out,
            opts,
            threads: 1,
            pending: HashMap::new(),
            previous: HashMap::new(),
            open: None,
            line: String::with_capacity(512),
            written: 0,
            invisible: 0,
            columns: Box::default(),
            broken: false,
        }
    }

    pub fn into_inner(self) -> W {
        self.out
    }

    /// Writes what is not yet written of `line`, keeping it. A trailing separator is
    /// held back: the exit may print nothing after it.
    fn write_pending(&mut self) {
        let end = if self.open.is_some() && self.line.ends_with(", ") {
            self.line.len() - 2
        } else {
            self.line.len()
        };
        let rest = &self.line.as_bytes()[self.written.min(end)..end];
        if !self.broken && !rest.is_empty() && self.out.write_all(rest).is_err() {
            self.broken = true;
        }
        self.written = self.written.max(end);
    }

    /// Writes and ends the current line.
    fn emit(&mut self) {
        self.write_pending();
        self.line.clear();
        self.written = 0;
        self.invisible = 0;
    }

    /// Appends `text` in the colour of `what` when colouring, plain otherwise.
    fn paint(&mut self, what: Paint, text: &str) {
        use crossterm::style::{Attribute, Color, Stylize};
        if !self.opts.color {
            self.line.push_str(text);
            return;
        }
        let styled = match what {
            Paint::Name => text.with(Color::Cyan).attribute(Attribute::Bold),
            Paint::Error => text.with(Color::Red),
            Paint::Signal => text.with(Color::Yellow),
            Paint::Exit => text.with(Color::Magenta),
        }
        .to_string();
        self.invisible += styled.len() - text.len();
        self.line.push_str(&styled);
    }

    /// Ends another thread's unfinished line, as strace does before printing anything.
    fn close_open_line(&mut self) {
        if self.open.take().is_some() {
            self.line.push_str(" <unfinished ...>\n");
            self.emit();
        }
    }

    /// Takes the open line back for `tid`, or starts `<... name resumed>`; staged,
    /// takes up the call's own text.
    fn resume(&mut self, tid: Tid, p: &mut Pending) {
        let name = &p.name;
        if self.opts.staged {
            self.line = std::mem::take(&mut p.text);
            self.invisible = p.invisible;
            self.written = 0;
        } else if self.open == Some(tid) {
            self.open = None;
        } else {
            self.close_open_line();
            self.leader(tid);
            self.line.push_str("<... ");
            self.paint(Paint::Name, name);
            self.line.push_str(" resumed>");
        }
    }

    fn leader(&mut self, tid: Tid) {
        use std::fmt::Write as _;
        match self.opts.prefix {
            PidPrefix::Column => {
                let _ = write!(self.line, "{tid:<5} ");
            }
            PidPrefix::BracketWhenMany if self.threads > 1 => {
                let _ = write!(self.line, "[pid {tid:>5}] ");
            }
            _ => {}
        }
        self.columns.write(&mut self.line, tid, &self.opts);
    }

    /// Pads to the alignment column and finishes the line with the return value.
    fn finish(&mut self, p: &Pending, mem: &dyn MemoryReader, timing: Option<&Timing>) {
        self.line.push_str(") ");
        self.pad();
        let ctx = Ctx {
            rec: &p.rec,
            mem,
            opts: &self.opts.decode,
            saved: &p.saved,
        };
        let mut ret = String::new();
        let tampered = timing.map(|t| t.tampered).unwrap_or_default();
        let failed = p.rec.errno().is_some() && !tampered.forced_success;
        match p.rec.ret {
            // `retval=` in the errno range is a success as strace shows it.
            Some(r) if tampered.forced_success => {
                use std::fmt::Write as _;
                let _ = write!(ret, "= {r}");
            }
            _ => decode::print_return(&ctx, p.sig, &mut ret),
        }
        ret.push_str(tampered.note());
        if failed {
            self.paint(Paint::Error, &ret);
        } else {
            self.line.push_str(&ret);
        }
        if self.opts.syscall_time
            && let Some(t) = timing
        {
            use std::fmt::Write as _;
            let _ = write!(self.line, " <{}", t.wall.as_secs());
            self.opts
                .syscall_time_precision
                .push_fraction(&mut self.line, t.wall.subsec_nanos());
            self.line.push('>');
        }
        self.line.push('\n');
    }

    fn note_personality(&mut self, tid: Tid, arch: Arch) {
        use std::fmt::Write as _;
        if self.opts.personality_notes {
            self.close_open_line();
            let mode = match arch {
                Arch::I386 | Arch::Arm => "32 bit",
                Arch::X32 => "x32",
                _ => "64 bit",
            };
            self.leader(tid);
            let _ = writeln!(self.line, "[ Process PID={tid} runs in {mode} mode. ]");
            self.emit();
        }
    }

    fn pad(&mut self) {
        let col = self.line.chars().count() - self.invisible;
        for _ in col..self.opts.align {
            self.line.push(' ');
        }
    }
}

struct NoMemory;
impl MemoryReader for NoMemory {
    fn read(&self, _: u64, _: &mut [u8]) -> usize {
        0
    }
}

impl<W: Write> Sink for TextSink<W> {
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        let pidns = self.opts.pidns.clone();
        let translating;
        let mem = match &pidns {
            Some(t) => {
                translating = TranslatingMemory::new(mem, tid, t);
                &translating as &dyn MemoryReader
            }
            None => mem,
        };
        self.close_open_line();
        // Staged: the entry is built aside and kept with the call.
        let outer = self.opts.staged.then(|| {
            (
                std::mem::replace(&mut self.line, String::with_capacity(256)),
                std::mem::take(&mut self.invisible),
            )
        });
        self.columns.called(tid, rec.nr);
        self.leader(tid);
        // i386/arm glibc sends socket and SysV IPC calls through socketcall/ipc; strace
        // shows the sub-call, decoded from the multiplexer's argument block.
        let sub_rec;
        let (rec, (name, sig)) = match decode::compat::demux(rec, mem) {
            Some(sub) => {
                sub_rec = SyscallRecord {
                    args: sub.args,
                    ..rec.clone()
                };
                let sig = crate::table::signature_by_name(rec.arch, sub.sig);
                (&sub_rec, (Cow::Borrowed(sub.name), sig))
            }
            None => (rec, decode::describe(rec.arch, rec.nr)),
        };
        let sig = decode::raw_signature(&self.opts.decode, rec, sig);
        self.paint(Paint::Name, &name);
        self.line.push('(');
        let zero = decode::Saved::default();
        let ctx = Ctx {
            rec,
            mem,
            opts: &self.opts.decode,
            saved: &zero,
        };
        let saved = decode::capture(&ctx, sig);
        let (at_entry, total) = decode::arg_split(sig);
        let prev = (name == "restart_syscall")
            .then(|| self.previous.get(&tid))
            .flatten();
        let mut printed = if let Some(prev) = prev {
            decode::signal::print_restart_syscall(Some(prev), &mut self.line);
            true
        } else {
            decode::print_args(&ctx, sig, 0, at_entry, &mut self.line, false)
        };
        if at_entry < total && printed {
            self.line.push_str(", ");
            printed = true;
        }
        let (text, invisible) = match outer {
            Some((line, invisible)) => (
                std::mem::replace(&mut self.line, line),
                std::mem::replace(&mut self.invisible, invisible),
            ),
            None => {
                self.open = Some(tid);
                (String::new(), 0)
            }
        };
        self.pending.insert(
            tid,
            Pending {
                rec: rec.clone(),
                name,
                sig,
                saved,
                printed,
                complete_at_entry: at_entry >= total,
                text,
                invisible,
            },
        );
    }

    fn syscall_exit(
        &mut self,
        tid: Tid,
        rec: &SyscallRecord,
        mem: &dyn MemoryReader,
        timing: &Timing,
    ) {
        let Some(mut p) = self.pending.remove(&tid) else {
            return;
        };
        let pidns = self.opts.pidns.clone();
        let translating;
        let mem = match &pidns {
            Some(t) => {
                translating = TranslatingMemory::new(mem, tid, t);
                &translating as &dyn MemoryReader
            }
            None => mem,
        };
        p.rec.ret = rec.ret;
        self.resume(tid, &mut p);
        let (at_entry, total) = decode::arg_split(p.sig);
        let ctx = Ctx {
            rec: &p.rec,
            mem,
            opts: &self.opts.decode,
            saved: &p.saved,
        };
        // The separator before the first exit argument was printed at entry.
        let printed = decode::print_args(&ctx, p.sig, at_entry, total, &mut self.line, false);
        if !printed
            && p.printed
            && at_entry < total
            && self.line.ends_with(", ")
            && self.line.len() - 2 >= self.written
        {
            // Every exit argument was omitted: take back the entry's separator.
            self.line.truncate(self.line.len() - 2);
        }
        self.finish(&p, mem, Some(timing));
        if self.opts.decode.read_fds.is_some() || self.opts.decode.write_fds.is_some() {
            let ctx = Ctx {
                rec: &p.rec,
                mem,
                opts: &self.opts.decode,
                saved: &p.saved,
            };
            super::dump::dump_io(&ctx, &p.name, tid, &mut self.line);
        }
        self.emit();
        self.previous.insert(tid, p.name);
    }

    fn syscall_never_returns(&mut self, tid: Tid) {
        let Some(mut p) = self.pending.remove(&tid) else {
            return;
        };
        self.resume(tid, &mut p);
        if !p.complete_at_entry {
            self.line.push_str(" <unfinished ...>");
        }
        let mut rec = p.rec.clone();
        rec.ret = None;
        let p = Pending { rec, ..p };
        self.finish(&p, &NoMemory, None);
        self.emit();
    }

    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        self.close_open_line();
        self.leader(tid);
        let mut text = String::from("--- ");
        match &self.opts.pidns {
            Some(t) => decode::signal::print_siginfo_event_pids(
                &mut text,
                arch,
                siginfo,
                self.opts.decode.xlat,
                &TranslatingMemory::new(&NoMemory, tid, t),
            ),
            None => decode::signal::print_siginfo_event_styled(
                &mut text,
                arch,
                siginfo,
                self.opts.decode.xlat,
            ),
        }
        text.push_str(" ---");
        self.paint(Paint::Signal, &text);
        self.line.push('\n');
        self.emit();
    }

    fn stopped(&mut self, tid: Tid, sig: i32) {
        self.close_open_line();
        self.leader(tid);
        let mut text = String::from("--- stopped by ");
        decode::signal::print_signame(&mut text, sig);
        text.push_str(" ---");
        self.paint(Paint::Signal, &text);
        self.line.push('\n');
        self.emit();
    }

    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        use std::fmt::Write as _;
        if self.open == Some(old) {
            let _ = writeln!(self.line, " <pid changed to {pid} ...>");
            self.open = None;
            self.emit();
        } else {
            self.close_open_line();
        }
        self.pending.remove(&pid);
        if let Some(p) = self.pending.remove(&old) {
            self.pending.insert(pid, p);
        }
        if self.opts.show_superseded {
            self.leader(pid);
            let _ = writeln!(self.line, "+++ superseded by execve in pid {old} +++");
            self.emit();
        }
    }

    fn personality(&mut self, tid: Tid, arch: Arch) {
        self.note_personality(tid, arch);
    }

    fn child_attached(&mut self, tid: Tid) {
        use std::fmt::Write as _;
        if self.opts.announce_children {
            // Straight out, as strace's message is: an open line goes on after it.
            self.write_pending();
            let mut msg = String::new();
            let _ = writeln!(msg, "{}: Process {tid} attached", crate::progname());
            if !self.broken && self.out.write_all(msg.as_bytes()).is_err() {
                self.broken = true;
            }
        }
    }

    fn syscall_discard(&mut self, tid: Tid) {
        // Staged calls have written nothing yet.
        self.pending.remove(&tid);
    }

    fn detached(&mut self, tid: Tid) {
        if self.opts.staged
            && let Some(mut p) = self.pending.remove(&tid)
        {
            self.resume(tid, &mut p);
            self.line.push_str(" <detached ...>\n");
            self.emit();
        } else if self.open == Some(tid) {
            self.open = None;
            self.line.push_str(" <detached ...>\n");
            self.emit();
        }
        self.pending.remove(&tid);
        self.previous.remove(&tid);
    }

    fn exited(&mut self, tid: Tid, code: i32) {
        if let Some(t) = &self.opts.pidns {
            t.forget(tid);
        }
        self.columns.gone(tid);
        self.pending.remove(&tid);
        self.previous.remove(&tid);
        if !self.opts.show_exits {
            self.columns.forget(tid);
            return;
        }
        self.close_open_line();
        self.leader(tid);
        self.paint(Paint::Exit, &format!("+++ exited with {code} +++"));
        self.line.push('\n');
        self.emit();
        self.columns.forget(tid);
    }

    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        if let Some(t) = &self.opts.pidns {
            t.forget(tid);
        }
        self.columns.gone(tid);
        self.pending.remove(&tid);
        self.previous.remove(&tid);
        if !self.opts.show_exits {
            self.columns.forget(tid);
            return;
        }
        self.close_open_line();
        self.leader(tid);
        let mut text = String::from("+++ killed by ");
        decode::signal::print_signame(&mut text, sig);
        if core {
            text.push_str(" (core dumped)");
        }
        text.push_str(" +++");
        self.paint(Paint::Exit, &text);
        self.line.push('\n');
        self.emit();
        self.columns.forget(tid);
    }

    fn syscall_hidden(&mut self, tid: Tid, rec: &SyscallRecord) {
        self.columns.called(tid, rec.nr);
    }

    fn instruction_pointer(&mut self, tid: Tid, arch: Arch, ip: Option<u64>) {
        self.columns.stopped_at(tid, arch, ip);
    }

    fn set_thread_count(&mut self, n: usize) {
        self.threads = n;
    }

    fn broken(&self) -> bool {
        self.broken
    }

    fn flush(&mut self) {
        // A thread about to block shows its call so far, as strace does.
        self.write_pending();
        if !self.broken && self.out.flush().is_err() {
            self.broken = true;
        }
    }
}

/// Renders one finished syscall as the log line strace prints for it (no pid prefix),
/// decoding entry and exit against the same memory. For fixtures and unit tests.
pub fn render_one(rec: &SyscallRecord, mem: &dyn MemoryReader, decode: &DecodeOptions) -> String {
    let mut sink = TextSink::new(Vec::new(), TextOptions::plain(decode.clone()));
    let mut entry = rec.clone();
    entry.ret = None;
    sink.syscall_entry(1, &entry, mem);
    if rec.ret.is_some() {
        sink.syscall_exit(1, rec, mem, &Timing::default());
    } else {
        sink.syscall_never_returns(1);
    }
    String::from_utf8_lossy(&sink.into_inner())
        .trim_end_matches('\n')
        .to_string()
}

/// [`render_one`] for a syscall named on `arch`, with default options; panics on an
/// unknown name (tests only).
pub fn render_named(
    arch: Arch,
    name: &str,
    args: [u64; 6],
    ret: Option<i64>,
    mem: &dyn MemoryReader,
) -> String {
    let nr = arch
        .syscall_number(name)
        .unwrap_or_else(|| panic!("no syscall {name} on {arch:?}"));
    let rec = SyscallRecord {
        arch,
        nr,
        args,
        ret,
    };
    render_one(&rec, mem, &DecodeOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::RecordedMemory;

    /// xorshift64*: enough randomness to shake decoders, reproducible by seed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    /// Every syscall of every architecture, with random registers pointing into random
    /// memory (and at unmapped addresses), renders without panicking.
    #[test]
    fn no_panic_on_any_register_or_memory_content() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let opts = [
            DecodeOptions::default(),
            DecodeOptions {
                string_limit: 0,
                hex: crate::decode::HexStyle::All,
                fd_detail: crate::decode::FD_ALL,
                verbose: true,
                ..DecodeOptions::default()
            },
        ];
        for arch in Arch::ALL {
            for (nr, _) in arch.syscalls() {
                for round in 0..6 {
                    let mut mem = RecordedMemory::new();
                    let mut args = [0u64; 6];
                    for a in args.iter_mut() {
                        *a = match rng.next() % 6 {
                            0 => 0,
                            1 => rng.next() % 64,
                            2 => u64::MAX - rng.next() % 8,
                            3 => rng.next(),
                            _ => 0x10000 + (rng.next() % 16) * 0x1000,
                        };
                    }
                    for page in 0..16u64 {
                        if !rng.next().is_multiple_of(3) {
                            let bytes: Vec<u8> = (0..4096).map(|_| rng.next() as u8).collect();
                            mem = mem.with(0x10000 + page * 0x1000, bytes);
                        }
                    }
                    let ret = match round {
                        0 => None,
                        1 => Some(-2),
                        2 => Some(-512),
                        3 => Some((rng.next() % 4096) as i64),
                        4 => Some(0x10000 + (rng.next() % 0x10000) as i64),
                        _ => Some(rng.next() as i64),
                    };
                    let rec = SyscallRecord {
                        arch,
                        nr,
                        args,
                        ret,
                    };
                    let line = render_one(&rec, &mem, &opts[round % 2]);
                    assert!(!line.is_empty());
                }
            }
            // Numbers outside the table too.
            let rec = SyscallRecord {
                arch,
                nr: u64::MAX,
                args: [u64::MAX; 6],
                ret: Some(-38),
            };
            assert_eq!(
                render_one(&rec, &RecordedMemory::new(), &opts[0]),
                "syscall_0xffffffffffffffff(0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff) = -1 ENOSYS (Function not implemented)"
                    .replace("0xffffffffffffffff, ", if arch.word_bytes() == 4 { "0xffffffff, " } else { "0xffffffffffffffff, " })
                    .replace("0xffffffffffffffff)", if arch.word_bytes() == 4 { "0xffffffff)" } else { "0xffffffffffffffff)" })
            );
        }
    }

    #[test]
    fn fractions_are_truncated_to_the_precision() {
        let cases = [
            (Precision::S, ""),
            (Precision::Ms, ".012"),
            (Precision::Us, ".012345"),
            (Precision::Ns, ".012345678"),
        ];
        for (p, want) in cases {
            let mut s = String::new();
            p.push_fraction(&mut s, 12_345_678);
            assert_eq!(s, want, "{p:?}");
        }
    }

    #[test]
    fn syscall_number_prefixes_calls_and_the_thread_s_later_lines() {
        let mut opts = TextOptions::plain(DecodeOptions::default());
        opts.syscall_number = true;
        let mut sink = TextSink::new(Vec::new(), opts);
        let mem = RecordedMemory::new();
        let mut rec = SyscallRecord::new(Arch::X86_64, 39, [0; 6]);
        sink.syscall_entry(7, &rec, &mem);
        rec.ret = Some(7);
        sink.syscall_exit(7, &rec, &mem, &Timing::default());
        sink.exited(7, 0);
        sink.exited(8, 0);
        assert_eq!(
            String::from_utf8(sink.into_inner()).unwrap(),
            "[  39] getpid()                         = 7\n[  39] +++ exited with 0 +++\n[   0] +++ exited with 0 +++\n"
        );
    }

    #[test]
    fn instruction_pointer_prefixes_lines_as_wide_as_the_personality() {
        let mut opts = TextOptions::plain(DecodeOptions::default());
        opts.instruction_pointer = true;
        let mut sink = TextSink::new(Vec::new(), opts);
        let mem = RecordedMemory::new();
        sink.instruction_pointer(7, Arch::I386, Some(0xf7f0_1549));
        let mut rec = SyscallRecord::new(Arch::I386, 20, [0; 6]);
        sink.syscall_entry(7, &rec, &mem);
        rec.ret = Some(7);
        sink.syscall_exit(7, &rec, &mem, &Timing::default());
        sink.exited(7, 0);
        sink.instruction_pointer(8, Arch::X86_64, None);
        sink.exited(8, 0);
        assert_eq!(
            String::from_utf8(sink.into_inner()).unwrap(),
            "[f7f01549] getpid()                     = 7\n[????????] +++ exited with 0 +++\n\
             [????????????????] +++ exited with 0 +++\n"
        );
    }

    #[test]
    fn unknown_syscall_prints_like_strace() {
        let rec = SyscallRecord {
            arch: Arch::X86_64,
            nr: 0x1ff,
            args: [1, 0, 0, 0, 0, 0x7fff_0000_0000],
            ret: Some(-38),
        };
        assert_eq!(
            render_one(&rec, &RecordedMemory::new(), &DecodeOptions::default()),
            "syscall_0x1ff(0x1, 0, 0, 0, 0, 0x7fff00000000) = -1 ENOSYS (Function not implemented)"
        );
    }
}
