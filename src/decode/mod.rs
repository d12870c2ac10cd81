//! Pure decoding: (syscall record, signature row, tracee memory view) -> strace-style
//! text. One decoder per argument *type*; the table rows in `syscall-tables/` say which
//! type each argument of each syscall has. Decoders never call ptrace.
//!
//! Adding a type: write `fn(&Ctx, &ArgSpec, &mut String) -> bool` in the module of its
//! group and list it in that module's `TYPES`. Return `false` to omit the argument
//! (strace drops e.g. open's mode when O_CREAT is absent).

pub mod array;
pub mod basic;
pub mod bytes;
pub mod compat;
pub mod fdio;
pub mod file;
pub mod fmt;
pub mod memory;
pub mod net;
pub mod pid;
pub mod process;
pub mod raw;
pub mod signal;
pub mod time;

use crate::arch::Arch;
use crate::record::{MemoryReader, SyscallRecord};
use crate::table::{self, ArgSpec, Param, Signature};
pub use fmt::{HexStyle, XlatStyle};
pub use raw::raw_signature;
use std::fmt::Write;
use std::sync::Arc;

/// `--decode-fds=path` (`-y`): the file an fd is open on.
pub const FD_PATH: u8 = 1;
/// `--decode-fds=socket`: a socket's protocol and endpoints.
pub const FD_SOCKET: u8 = 2;
/// `--decode-fds=dev`: a device file's type and numbers.
pub const FD_DEV: u8 = 4;
/// `--decode-fds=pidfd`: the process a pidfd refers to.
pub const FD_PIDFD: u8 = 8;
/// `--decode-fds=all`, `-yy`.
pub const FD_ALL: u8 = FD_PATH | FD_SOCKET | FD_DEV | FD_PIDFD;

/// Parses a `--decode-fds` set: `path`, `socket`, `dev`, `pidfd`, `all`, `none`,
/// comma-separated, `!` to invert. Errors are strace's: `invalid decode-fds 'x'`.
pub fn parse_decode_fds(spec: &str) -> Result<u8, String> {
    let mut s = spec;
    let mut invert = false;
    while let Some(rest) = s.strip_prefix('!') {
        invert = !invert;
        s = rest;
    }
    let mut bits = 0;
    for token in s.split(',') {
        bits = match token.to_ascii_lowercase().as_str() {
            "all" => FD_ALL,
            "none" => 0,
            "path" => bits | FD_PATH,
            "socket" => bits | FD_SOCKET,
            "dev" => bits | FD_DEV,
            "pidfd" => bits | FD_PIDFD,
            _ => return Err(format!("invalid decode-fds '{token}'")),
        };
    }
    Ok(if invert { !bits & FD_ALL } else { bits })
}

/// Output options that change how values are decoded (strace's -s, -x, -y, -v, -X, and
/// the per-syscall and per-fd sets of -e; the sets are shared, so cloning is cheap).
#[derive(Clone, Debug)]
pub struct DecodeOptions {
    pub string_limit: usize,
    pub hex: HexStyle,
    /// What `<...>` follows an fd with (strace's --decode-fds set): bits [`FD_PATH`]
    /// (`-y`), [`FD_SOCKET`], [`FD_DEV`], [`FD_PIDFD`]; `-yy` sets [`FD_ALL`].
    pub fd_detail: u8,
    /// `-v`: print structures unabbreviated.
    pub verbose: bool,
    /// `-e read=FDS`, `-e write=FDS`: hex dumps of the data read from / written to
    /// these fds, under the call's line.
    pub read_fds: Option<Arc<crate::filter::touch::FdSet>>,
    pub write_fds: Option<Arc<crate::filter::touch::FdSet>>,
    /// `-X`: named constants as names, numbers, or both.
    pub xlat: XlatStyle,
    /// `-e abbrev=SET`: the syscalls whose structures are abbreviated (all unless
    /// given; `-v` turns abbreviation off everywhere).
    pub abbrev: Option<Arc<crate::filter::SyscallFilter>>,
    /// `-e verbose=SET`: the syscalls whose structures are read at all; the others
    /// show their addresses (all unless given).
    pub deref: Option<Arc<crate::filter::SyscallFilter>>,
    /// `-e raw=SET`: the syscalls printed undecoded, every argument in hex.
    pub raw: Option<Arc<crate::filter::SyscallFilter>>,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            string_limit: 32,
            hex: HexStyle::None,
            fd_detail: 0,
            verbose: false,
            read_fds: None,
            write_fds: None,
            xlat: XlatStyle::Abbrev,
            abbrev: None,
            deref: None,
            raw: None,
        }
    }
}

/// Everything a decoder may look at.
pub struct Ctx<'a> {
    pub rec: &'a SyscallRecord,
    pub mem: &'a dyn MemoryReader,
    pub opts: &'a DecodeOptions,
    /// Values captured at entry by the types that need a before/after view
    /// (`[128 => 16]` for socklen pointers), indexed by argument.
    pub saved: &'a Saved,
}

/// What the argument types capture at entry: one value per argument (indexing a
/// `Saved` reads these), and a list for the one type whose entry state is per
/// element: recvmmsg's msg_namelen of each of up to IOV_MAX messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    pub args: [u64; 6],
    pub list: Vec<u64>,
}

impl From<[u64; 6]> for Saved {
    fn from(args: [u64; 6]) -> Self {
        Saved {
            args,
            list: Vec::new(),
        }
    }
}

impl std::ops::Deref for Saved {
    type Target = [u64; 6];
    fn deref(&self) -> &[u64; 6] {
        &self.args
    }
}

/// Captures of a whole list at entry, by argument type name.
type ListCaptureFn = fn(&Ctx, &ArgSpec) -> Vec<u64>;
static LIST_CAPTURES: &[(&str, ListCaptureFn)] = &[
    ("mmsghdr_recv", net::capture_mmsg_namelen_list),
    ("uring_register_arg", fdio::capture_uring_register_list),
];

impl Ctx<'_> {
    pub fn arch(&self) -> Arch {
        self.rec.arch
    }

    /// Argument `i` as the tracee's `unsigned long`.
    pub fn arg(&self, i: usize) -> u64 {
        self.rec
            .arch
            .ulong(self.rec.args.get(i).copied().unwrap_or(0))
    }

    /// Argument `i` as the tracee's `long`.
    pub fn sarg(&self, i: usize) -> i64 {
        self.rec
            .arch
            .long(self.rec.args.get(i).copied().unwrap_or(0))
    }

    /// Argument `i` as a C `int`.
    pub fn iarg(&self, i: usize) -> i32 {
        self.rec.args.get(i).copied().unwrap_or(0) as u32 as i32
    }

    /// Whether structures print in full here (`-v`, or not in `-e abbrev=`).
    pub fn unabbreviated(&self) -> bool {
        self.opts.verbose
            || self
                .opts
                .abbrev
                .as_ref()
                .is_some_and(|s| !s.traced(self.rec.arch, self.rec.nr))
    }

    /// Whether structures are read at all here (`-e verbose=`): strace prints the
    /// address of every structure of the other calls.
    pub fn derefs(&self) -> bool {
        self.opts
            .deref
            .as_ref()
            .is_none_or(|s| s.traced(self.rec.arch, self.rec.nr))
    }

    /// Reads a structure of the tracee for printing: nothing (false) under `-e verbose=`
    /// without this call, as strace's umove_or_printaddr fetches nothing there.
    pub fn fetch(&self, addr: u64, buf: &mut [u8]) -> bool {
        self.derefs() && self.mem.read_exact(addr, buf)
    }

    /// [`Ctx::fetch`] for one unsigned integer of `size` bytes.
    pub fn fetch_uint(&self, addr: u64, size: usize) -> Option<u64> {
        self.mem.read_uint(addr, size).filter(|_| self.derefs())
    }

    pub fn exiting(&self) -> bool {
        self.rec.ret.is_some()
    }

    /// Returned with an error (only meaningful at exit).
    pub fn failed(&self) -> bool {
        self.rec.errno().is_some()
    }

    pub fn ret(&self) -> Option<i64> {
        self.rec.ret
    }

    pub fn word(&self) -> usize {
        self.rec.arch.word_bytes()
    }

    /// A length given by a param: `argN`, `ret` (0 unless the call succeeded), or a number.
    pub fn len_of(&self, p: Option<&Param>) -> Option<u64> {
        match p? {
            Param::Arg(i) => Some(self.arg(*i)),
            Param::Ret => Some(if self.failed() {
                0
            } else {
                self.rec.ret? as u64
            }),
            Param::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// Reads one tracee `long` at `addr`.
    pub fn read_word(&self, addr: u64) -> Option<u64> {
        self.mem.read_uint(addr, self.word())
    }
}

pub type PrintFn = fn(&Ctx, &ArgSpec, &mut String) -> bool;
pub type CaptureFn = fn(&Ctx, &ArgSpec) -> u64;

/// A decoder for one argument type.
pub struct ArgType {
    pub name: &'static str,
    pub print: PrintFn,
    /// Called at entry for types that print a before/after pair; its value is `saved`.
    pub capture: Option<CaptureFn>,
}

impl std::fmt::Debug for ArgType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A decoder for a successful return value (errors print the same for every call).
pub struct RetType {
    pub name: &'static str,
    pub print: fn(&Ctx, &mut String),
}

impl std::fmt::Debug for RetType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Shorthand for registering a type without a capture step.
pub const fn ty(name: &'static str, print: PrintFn) -> ArgType {
    ArgType {
        name,
        print,
        capture: None,
    }
}

static ARG_TYPES: &[&[ArgType]] = &[
    basic::TYPES,
    compat::TYPES,
    file::TYPES,
    fdio::TYPES,
    fdio::mq::TYPES,
    fdio::uring::TYPES,
    memory::TYPES,
    net::TYPES,
    pid::TYPES,
    process::TYPES,
    process::admin::TYPES,
    signal::TYPES,
    time::TYPES,
];

static RET_TYPES: &[&[RetType]] = &[
    basic::RETS,
    compat::RETS,
    file::RETS,
    fdio::RETS,
    memory::RETS,
    net::RETS,
    pid::RETS,
    process::RETS,
    process::admin::RETS,
    signal::RETS,
    time::RETS,
];

pub fn arg_type(name: &str) -> Option<&'static ArgType> {
    ARG_TYPES
        .iter()
        .flat_map(|m| m.iter())
        .find(|t| t.name == name)
}

pub fn ret_type(name: &str) -> Option<&'static RetType> {
    RET_TYPES
        .iter()
        .flat_map(|m| m.iter())
        .find(|t| t.name == name)
}

/// Every registered argument type, for table invariants.
pub fn all_arg_types() -> impl Iterator<Item = &'static ArgType> {
    ARG_TYPES.iter().flat_map(|m| m.iter())
}

/// Name and signature of a stop's syscall. Unknown numbers get strace's
/// `syscall_0x1ff` name and no signature.
pub fn describe(
    arch: Arch,
    nr: u64,
) -> (std::borrow::Cow<'static, str>, Option<&'static Signature>) {
    match table::lookup(arch, nr) {
        Some((name, sig)) => (name.into(), sig),
        None => (format!("syscall_{nr:#x}").into(), None),
    }
}

/// Prints arguments `from..to` of `sig`, with `, ` separators; `printed` says whether an
/// argument was already printed on this line. Returns the new `printed`.
pub fn print_args(
    ctx: &Ctx,
    sig: Option<&Signature>,
    from: usize,
    to: usize,
    out: &mut String,
    mut printed: bool,
) -> bool {
    match sig {
        Some(sig) => {
            for spec in &sig.args[from.min(sig.args.len())..to.min(sig.args.len())] {
                let mark = out.len();
                if printed {
                    out.push_str(", ");
                }
                if (spec.ty.print)(ctx, spec, out) {
                    printed = true;
                } else {
                    out.truncate(mark);
                }
            }
        }
        None => {
            // No signature: strace's printargs, six words in hex.
            for i in from..to.min(6) {
                if printed {
                    out.push_str(", ");
                }
                fmt::hex(out, ctx.arg(i));
                printed = true;
            }
        }
    }
    printed
}

/// Each printed argument of `from..to` on its own: (argument index, text). Omitted
/// arguments (open's mode without O_CREAT) are left out. For machine-readable output.
pub fn arg_texts(
    ctx: &Ctx,
    sig: Option<&Signature>,
    from: usize,
    to: usize,
) -> Vec<(usize, String)> {
    let mut texts = Vec::new();
    match sig {
        Some(sig) => {
            for spec in &sig.args[from.min(sig.args.len())..to.min(sig.args.len())] {
                let mut t = String::new();
                if (spec.ty.print)(ctx, spec, &mut t) {
                    texts.push((spec.index, t));
                }
            }
        }
        None => {
            for i in from..to.min(6) {
                let mut t = String::new();
                fmt::hex(&mut t, ctx.arg(i));
                texts.push((i, t));
            }
        }
    }
    texts
}

/// How many args a call prints at entry and in all.
pub fn arg_split(sig: Option<&Signature>) -> (usize, usize) {
    match sig {
        Some(s) => (s.entry_args(), s.args.len()),
        None => (6, 6),
    }
}

/// Prints `= value` (or the error form) for a finished call.
pub fn print_return(ctx: &Ctx, sig: Option<&Signature>, out: &mut String) {
    let Some(ret) = ctx.rec.ret else {
        out.push_str("= ?");
        return;
    };
    if let Some(e) = ctx.rec.errno() {
        match e {
            512 => out.push_str("= ? ERESTARTSYS (To be restarted if SA_RESTART is set)"),
            513 => out.push_str("= ? ERESTARTNOINTR (To be restarted)"),
            514 => out.push_str("= ? ERESTARTNOHAND (To be restarted if no handler)"),
            516 => out.push_str("= ? ERESTART_RESTARTBLOCK (Interrupted by signal)"),
            _ => {
                let _ = match table::errno(e) {
                    Some(en) => write!(out, "= -1 {} ({})", en.name, en.message),
                    None => write!(out, "= -1 (errno {e})"),
                };
            }
        }
        return;
    }
    out.push_str("= ");
    match sig {
        Some(s) => (s.ret.print)(ctx, out),
        None => fmt::dec(out, ret),
    }
}

/// Values to capture at entry for the args whose type asks for it.
pub fn capture(ctx: &Ctx, sig: Option<&Signature>) -> Saved {
    let mut saved = Saved::default();
    if let Some(sig) = sig {
        for spec in &sig.args {
            if let Some(c) = spec.ty.capture {
                saved.args[spec.index] = c(ctx, spec);
            }
            if let Some((_, c)) = LIST_CAPTURES.iter().find(|(n, _)| *n == spec.ty.name) {
                saved.list = c(ctx, spec);
            }
        }
    }
    saved
}

/// A syscall named on `arch` rendered under `-X xlat` (unit tests of the decoders'
/// `-X raw|verbose` spellings).
#[cfg(test)]
pub(crate) fn test_line_styled(
    arch: crate::arch::Arch,
    name: &str,
    args: [u64; 6],
    ret: i64,
    mem: &dyn crate::record::MemoryReader,
    xlat: XlatStyle,
) -> String {
    let opts = DecodeOptions {
        xlat,
        ..DecodeOptions::default()
    };
    test_line_opts(arch, name, args, ret, mem, &opts)
}

/// A syscall named on `arch` rendered with `opts` (unit tests).
#[cfg(test)]
pub(crate) fn test_line_opts(
    arch: crate::arch::Arch,
    name: &str,
    args: [u64; 6],
    ret: i64,
    mem: &dyn crate::record::MemoryReader,
    opts: &DecodeOptions,
) -> String {
    let nr = arch.syscall_number(name).expect("known syscall");
    let rec = crate::record::SyscallRecord {
        arch,
        nr,
        args,
        ret: Some(ret),
    };
    crate::render::text::render_one(&rec, mem, opts)
}
