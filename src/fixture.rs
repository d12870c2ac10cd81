//! Syscall fixtures: `--record FILE` writes one JSON line per finished syscall (arch,
//! number, arguments, return value, the memory and fd paths the decoder read at entry
//! and at exit, the decode options, and the strace-format line printed), and
//! [`replay`] turns such a line back into its log line on any host. The recorder is a
//! [`Sink`] that passes every event on unchanged, so it works with any log format.

use crate::arch::Arch;
use crate::decode::{DecodeOptions, HexStyle};
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, RecordedMemory, SyscallRecord};
use crate::render::text::{TextOptions, TextSink};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;

/// One recorded syscall and the line it printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fixture {
    pub arch: Arch,
    pub nr: u64,
    /// The syscall's name on `arch` (for readers and a check that `nr` is right).
    #[serde(default)]
    pub name: String,
    #[serde(with = "hex_args")]
    pub args: [u64; 6],
    /// The return value, sign-extended; `null` for a call that never returned.
    pub ret: Option<i64>,
    #[serde(default)]
    pub opts: FixtureOptions,
    /// What the decoder read while printing the entry part of the line.
    #[serde(default)]
    pub entry: RecordedMemory,
    /// What it read at exit.
    #[serde(default)]
    pub exit: RecordedMemory,
    /// The line as printed (alignment padding included, no pid prefix or newline).
    pub line: String,
    /// Where a hand-built fixture's expected line comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The decode flags of the recording run: `-s`, `-x`/`-xx` (0, 1, 2;
/// `--strings-in-hex=non-ascii-chars` 3), `-y`/`-yy` (0, 1, 2; other
/// `--decode-fds` sets as 16 + their bits), `-v`, `-X` (0 abbrev, 1 raw, 2 verbose).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixtureOptions {
    pub s: usize,
    pub x: u8,
    pub y: u8,
    pub v: bool,
    #[serde(default, rename = "X", skip_serializing_if = "is_zero")]
    pub xlat: u8,
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

impl Default for FixtureOptions {
    fn default() -> Self {
        FixtureOptions::from(&DecodeOptions::default())
    }
}

impl From<&DecodeOptions> for FixtureOptions {
    fn from(d: &DecodeOptions) -> Self {
        FixtureOptions {
            s: d.string_limit,
            x: match d.hex {
                HexStyle::None => 0,
                HexStyle::NonAscii => 1,
                HexStyle::All => 2,
                HexStyle::NonAsciiChars => 3,
            },
            y: match d.fd_detail {
                0 => 0,
                crate::decode::FD_PATH => 1,
                crate::decode::FD_ALL => 2,
                bits => 16 | bits,
            },
            v: d.verbose,
            xlat: match d.xlat {
                crate::decode::XlatStyle::Abbrev => 0,
                crate::decode::XlatStyle::Raw => 1,
                crate::decode::XlatStyle::Verbose => 2,
            },
        }
    }
}

impl FixtureOptions {
    pub fn decode(&self) -> DecodeOptions {
        DecodeOptions {
            string_limit: self.s,
            hex: match self.x {
                0 => HexStyle::None,
                1 => HexStyle::NonAscii,
                3 => HexStyle::NonAsciiChars,
                _ => HexStyle::All,
            },
            fd_detail: match self.y {
                0 => 0,
                1 => crate::decode::FD_PATH,
                2..16 => crate::decode::FD_ALL,
                y => y & crate::decode::FD_ALL,
            },
            verbose: self.v,
            xlat: match self.xlat {
                1 => crate::decode::XlatStyle::Raw,
                2 => crate::decode::XlatStyle::Verbose,
                _ => crate::decode::XlatStyle::Abbrev,
            },
            ..DecodeOptions::default()
        }
    }
}

/// Arguments as `"0x..."` strings (addresses stay readable); plain numbers are accepted
/// too, for hand-written fixtures.
mod hex_args {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(args: &[u64; 6], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(args.iter().map(|a| format!("{a:#x}")))
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Arg {
        Num(u64),
        Text(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u64; 6], D::Error> {
        let raw = Vec::<Arg>::deserialize(d)?;
        if raw.len() != 6 {
            return Err(D::Error::custom("args: expected 6 values"));
        }
        let mut out = [0u64; 6];
        for (o, a) in out.iter_mut().zip(raw) {
            *o = match a {
                Arg::Num(n) => n,
                Arg::Text(t) => t
                    .strip_prefix("0x")
                    .and_then(|h| u64::from_str_radix(h, 16).ok())
                    .ok_or_else(|| D::Error::custom(format!("bad argument {t:?}")))?,
            };
        }
        Ok(out)
    }
}

/// A text sink printing one call's line the way the log prints it, without prefixes.
fn line_sink(decode: DecodeOptions) -> TextSink<Vec<u8>> {
    TextSink::new(
        Vec::new(),
        TextOptions {
            show_exits: false,
            ..TextOptions::plain(decode)
        },
    )
}

fn finished_line(sink: TextSink<Vec<u8>>) -> String {
    String::from_utf8_lossy(&sink.into_inner())
        .trim_end_matches('\n')
        .to_string()
}

/// The log line `f` prints: its entry decoded against `f.entry`, its exit against
/// `f.exit`, with the options it was recorded with.
pub fn replay(f: &Fixture) -> String {
    let mut sink = line_sink(f.opts.decode());
    let rec = SyscallRecord {
        arch: f.arch,
        nr: f.nr,
        args: f.args,
        ret: None,
    };
    sink.syscall_entry(1, &rec, &f.entry);
    if f.ret.is_some() {
        let rec = SyscallRecord { ret: f.ret, ..rec };
        sink.syscall_exit(1, &rec, &f.exit, &Timing::default());
    } else {
        sink.syscall_never_returns(1);
    }
    finished_line(sink)
}

/// Parses a `.jsonl` fixture file; errors name the line.
pub fn parse(text: &str) -> Result<Vec<Fixture>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// A reader that passes reads on and keeps a copy of every byte, fd path, removed fd
/// and stack pointer handed out.
pub struct RecordingReader<'a> {
    inner: &'a dyn MemoryReader,
    log: RefCell<RecordedMemory>,
}

impl<'a> RecordingReader<'a> {
    pub fn new(inner: &'a dyn MemoryReader) -> Self {
        RecordingReader {
            inner,
            log: RefCell::new(RecordedMemory::new()),
        }
    }

    pub fn into_recorded(self) -> RecordedMemory {
        self.log.into_inner()
    }
}

impl MemoryReader for RecordingReader<'_> {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        let n = self.inner.read(addr, buf).min(buf.len());
        self.log.borrow_mut().add(addr, &buf[..n]);
        n
    }

    fn fd_path(&self, fd: i64) -> Option<String> {
        // Through the bytes, so a non-UTF-8 name is read once and kept (lossily).
        self.fd_path_bytes(fd)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    fn fd_path_bytes(&self, fd: i64) -> Option<Vec<u8>> {
        let p = self.inner.fd_path_bytes(fd)?;
        self.log
            .borrow_mut()
            .fds
            .insert(fd, String::from_utf8_lossy(&p).into_owned());
        Some(p)
    }

    fn fd_deleted(&self, fd: i64) -> bool {
        let d = self.inner.fd_deleted(fd);
        if d {
            self.log.borrow_mut().deleted.insert(fd);
        }
        d
    }

    fn stack_pointer(&self) -> u64 {
        let sp = self.inner.stack_pointer();
        self.log.borrow_mut().sp = sp;
        sp
    }

    fn fd_socket(&self, fd: i64) -> Option<String> {
        let d = self.inner.fd_socket(fd)?;
        self.log.borrow_mut().sockets.insert(fd, d.clone());
        Some(d)
    }

    fn fd_device(&self, fd: i64) -> Option<String> {
        let d = self.inner.fd_device(fd)?;
        self.log.borrow_mut().devices.insert(fd, d.clone());
        Some(d)
    }

    fn fd_pidfd(&self, fd: i64) -> Option<i64> {
        let p = self.inner.fd_pidfd(fd)?;
        self.log.borrow_mut().pidfds.insert(fd, p);
        Some(p)
    }
}

/// A call between its entry and exit stops.
struct Open {
    rec: SyscallRecord,
    entry: RecordedMemory,
    text: TextSink<Vec<u8>>,
}

/// `--record FILE`: hands every event to `inner` and writes a [`Fixture`] line per
/// finished syscall to `out`. Each call gets its own text sink, so its line is whole
/// (never split by other threads) and replays exactly (restart_syscall is printed
/// without the interrupted call's name, which the fixture does not hold).
pub struct RecordSink<'a, W: Write> {
    inner: &'a mut dyn Sink,
    out: W,
    decode: DecodeOptions,
    open: HashMap<Tid, Open>,
    error: Option<std::io::Error>,
}

impl<'a, W: Write> RecordSink<'a, W> {
    pub fn new(out: W, inner: &'a mut dyn Sink, decode: DecodeOptions) -> Self {
        RecordSink {
            inner,
            out,
            decode,
            open: HashMap::new(),
            error: None,
        }
    }

    /// Flushes the fixture file; the first write error, if any.
    pub fn finish(mut self) -> std::io::Result<()> {
        let flushed = self.out.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }

    fn write(&mut self, call: Open, ret: Option<i64>, exit: RecordedMemory) {
        let line = finished_line(call.text);
        let f = Fixture {
            arch: call.rec.arch,
            nr: call.rec.nr,
            name: call
                .rec
                .arch
                .syscall_name(call.rec.nr)
                .unwrap_or_default()
                .to_string(),
            args: call.rec.args,
            ret,
            opts: FixtureOptions::from(&self.decode),
            entry: call.entry,
            exit,
            line,
            note: String::new(),
        };
        if self.error.is_some() {
            return;
        }
        let res = serde_json::to_writer(&mut self.out, &f)
            .map_err(std::io::Error::other)
            .and_then(|()| self.out.write_all(b"\n"));
        if let Err(e) = res {
            self.error = Some(e);
        }
    }
}

impl<W: Write> Sink for RecordSink<'_, W> {
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        self.inner.syscall_entry(tid, rec, mem);
        let reader = RecordingReader::new(mem);
        let mut text = line_sink(self.decode.clone());
        text.syscall_entry(1, rec, &reader);
        self.open.insert(
            tid,
            Open {
                rec: rec.clone(),
                entry: reader.into_recorded(),
                text,
            },
        );
    }

    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader, t: &Timing) {
        self.inner.syscall_exit(tid, rec, mem, t);
        let Some(mut call) = self.open.remove(&tid) else {
            return;
        };
        let reader = RecordingReader::new(mem);
        call.text.syscall_exit(1, rec, &reader, &Timing::default());
        self.write(call, rec.ret, reader.into_recorded());
    }

    fn syscall_never_returns(&mut self, tid: Tid) {
        self.inner.syscall_never_returns(tid);
        if let Some(mut call) = self.open.remove(&tid) {
            call.text.syscall_never_returns(1);
            self.write(call, None, RecordedMemory::new());
        }
    }

    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        self.inner.signal(tid, arch, siginfo);
    }

    fn syscall_hidden(&mut self, tid: Tid, rec: &SyscallRecord) {
        self.inner.syscall_hidden(tid, rec);
    }
    fn instruction_pointer(&mut self, tid: Tid, arch: Arch, ip: Option<u64>) {
        self.inner.instruction_pointer(tid, arch, ip);
    }
    fn stopped(&mut self, tid: Tid, sig: i32) {
        self.inner.stopped(tid, sig);
    }

    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        self.inner.exec_switched(pid, old);
        // The execve that a non-leader thread made returns in the leader's id.
        self.open.remove(&pid);
        if let Some(call) = self.open.remove(&old) {
            self.open.insert(pid, call);
        }
    }

    fn detached(&mut self, tid: Tid) {
        self.inner.detached(tid);
        self.open.remove(&tid);
    }

    fn exited(&mut self, tid: Tid, code: i32) {
        self.inner.exited(tid, code);
        self.open.remove(&tid);
    }

    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        self.inner.killed(tid, sig, core);
        self.open.remove(&tid);
    }

    fn set_thread_count(&mut self, n: usize) {
        self.inner.set_thread_count(n);
    }

    fn flush(&mut self) {
        self.inner.flush();
        if self.error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.error = Some(e);
        }
    }

    fn broken(&self) -> bool {
        self.inner.broken()
    }
}

#[cfg(test)]
mod tests;
