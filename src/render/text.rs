//! strace's default log format: one line per syscall, `<unfinished ...>` /
//! `<... name resumed>` when threads interleave, `--- SIG ---` and `+++ exited +++`.

use crate::arch::Arch;
use crate::decode::{self, Ctx, DecodeOptions};
use crate::event::{Sink, Tid};
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
}

struct Pending {
    rec: SyscallRecord,
    name: Cow<'static, str>,
    sig: Option<&'static Signature>,
    saved: [u64; 6],
    /// Whether an argument has been printed on the line so far.
    printed: bool,
    /// The entry printed every argument (nothing left for exit).
    complete_at_entry: bool,
}

pub struct TextSink<W: Write> {
    out: W,
    opts: TextOptions,
    threads: usize,
    pending: HashMap<Tid, Pending>,
    /// The thread whose line is unfinished on the output, with its column.
    open: Option<(Tid, usize)>,
    line: String,
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
            open: None,
            line: String::with_capacity(512),
            broken: false,
        }
    }

    pub fn into_inner(self) -> W {
        self.out
    }

    fn emit(&mut self) {
        if !self.broken && self.out.write_all(self.line.as_bytes()).is_err() {
            self.broken = true;
        }
        self.line.clear();
    }

    /// Ends another thread's unfinished line, as strace does before printing anything.
    fn close_open_line(&mut self) {
        if self.open.take().is_some() {
            self.line.push_str(" <unfinished ...>\n");
            self.emit();
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
    }

    /// Pads to the alignment column and finishes the line with the return value.
    fn finish(&mut self, col_start: usize, p: &Pending, mem: &dyn MemoryReader) {
        self.line.push_str(") ");
        self.pad(col_start);
        let ctx = Ctx {
            rec: &p.rec,
            mem,
            opts: &self.opts.decode,
            saved: &p.saved,
        };
        decode::print_return(&ctx, p.sig, &mut self.line);
        self.line.push('\n');
    }

    /// `col_start` is the column the line buffer started at (non-zero when the line
    /// continues what the entry already wrote).
    fn pad(&mut self, col_start: usize) {
        let col = col_start + self.line.chars().count();
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
        self.close_open_line();
        self.leader(tid);
        let (name, sig) = decode::describe(rec.arch, rec.nr);
        let zero = [0u64; 6];
        let ctx = Ctx {
            rec,
            mem,
            opts: &self.opts.decode,
            saved: &zero,
        };
        let saved = decode::capture(&ctx, sig);
        let (at_entry, total) = decode::arg_split(sig);
        self.line.push_str(&name);
        self.line.push('(');
        let mut printed = decode::print_args(&ctx, sig, 0, at_entry, &mut self.line, false);
        if at_entry < total && printed {
            self.line.push_str(", ");
            printed = true;
        }
        let col = self.line.chars().count();
        self.emit();
        self.open = Some((tid, col));
        self.pending.insert(
            tid,
            Pending {
                rec: rec.clone(),
                name,
                sig,
                saved,
                printed,
                complete_at_entry: at_entry >= total,
            },
        );
    }

    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        let Some(mut p) = self.pending.remove(&tid) else {
            return;
        };
        p.rec.ret = rec.ret;
        let col_start = match self.open {
            Some((t, col)) if t == tid => {
                self.open = None;
                col
            }
            _ => {
                self.close_open_line();
                self.leader(tid);
                self.line.push_str("<... ");
                self.line.push_str(&p.name);
                self.line.push_str(" resumed>");
                0
            }
        };
        let (at_entry, total) = decode::arg_split(p.sig);
        let ctx = Ctx {
            rec: &p.rec,
            mem,
            opts: &self.opts.decode,
            saved: &p.saved,
        };
        // The separator before the first exit argument was printed at entry.
        let mark = self.line.len();
        let printed = decode::print_args(&ctx, p.sig, at_entry, total, &mut self.line, false);
        if !printed && p.printed && at_entry < total {
            // Nothing followed the entry's trailing ", ": strace never prints one.
            self.line.truncate(mark);
        }
        self.finish(col_start, &p, mem);
        self.emit();
    }

    fn syscall_never_returns(&mut self, tid: Tid) {
        let Some(p) = self.pending.remove(&tid) else {
            return;
        };
        let col_start = match self.open {
            Some((t, col)) if t == tid => {
                self.open = None;
                col
            }
            _ => {
                self.close_open_line();
                self.leader(tid);
                self.line.push_str("<... ");
                self.line.push_str(&p.name);
                self.line.push_str(" resumed>");
                0
            }
        };
        if !p.complete_at_entry {
            self.line.push_str(" <unfinished ...>");
        }
        let mut rec = p.rec.clone();
        rec.ret = None;
        let p = Pending { rec, ..p };
        self.finish(col_start, &p, &NoMemory);
        self.emit();
    }

    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        self.close_open_line();
        self.leader(tid);
        self.line.push_str("--- ");
        decode::signal::print_siginfo_event(&mut self.line, arch, siginfo);
        self.line.push_str(" ---\n");
        self.emit();
    }

    fn stopped(&mut self, tid: Tid, sig: i32) {
        self.close_open_line();
        self.leader(tid);
        self.line.push_str("--- stopped by ");
        decode::signal::print_signame(&mut self.line, sig);
        self.line.push_str(" ---\n");
        self.emit();
    }

    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        use std::fmt::Write as _;
        match self.open {
            Some((t, _)) if t == old => {
                let _ = writeln!(self.line, " <pid changed to {pid} ...>");
                self.open = None;
                self.emit();
            }
            _ => self.close_open_line(),
        }
        self.pending.remove(&pid);
        if let Some(p) = self.pending.remove(&old) {
            self.pending.insert(pid, p);
        }
        self.leader(pid);
        let _ = writeln!(self.line, "+++ superseded by execve in pid {old} +++");
        self.emit();
    }

    fn exited(&mut self, tid: Tid, code: i32) {
        self.close_open_line();
        self.pending.remove(&tid);
        self.leader(tid);
        use std::fmt::Write as _;
        let _ = writeln!(self.line, "+++ exited with {code} +++");
        self.emit();
    }

    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        self.close_open_line();
        self.pending.remove(&tid);
        self.leader(tid);
        self.line.push_str("+++ killed by ");
        decode::signal::print_signame(&mut self.line, sig);
        if core {
            self.line.push_str(" (core dumped)");
        }
        self.line.push_str(" +++\n");
        self.emit();
    }

    fn set_thread_count(&mut self, n: usize) {
        self.threads = n;
    }

    fn flush(&mut self) {
        if !self.broken && self.out.flush().is_err() {
            self.broken = true;
        }
    }
}

/// Renders one finished syscall as the log line strace prints for it (no pid prefix),
/// decoding entry and exit against the same memory. For fixtures and unit tests.
pub fn render_one(rec: &SyscallRecord, mem: &dyn MemoryReader, decode: &DecodeOptions) -> String {
    let mut sink = TextSink::new(
        Vec::new(),
        TextOptions {
            decode: decode.clone(),
            prefix: PidPrefix::None,
            align: 40,
        },
    );
    let mut entry = rec.clone();
    entry.ret = None;
    sink.syscall_entry(1, &entry, mem);
    if rec.ret.is_some() {
        sink.syscall_exit(1, rec, mem);
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
                fd_detail: 2,
                verbose: true,
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
