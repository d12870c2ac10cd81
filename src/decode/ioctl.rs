//! fd I/O and multiplexing: read/write and their vector and positional forms, pipes,
//! dup, fcntl, ioctl (terminal requests and strace's generic `_IOC(...)` form),
//! poll/select/epoll, eventfd, sendfile/splice/tee, memfd_create and friends.
//!
//! Several of these calls print differently depending on another argument (fcntl's
//! command, ioctl's request) or append a summary to the return value (`= 1 ([{fd=3,
//! revents=POLLIN}])`), so besides argument types this module registers return types.

use super::basic::print_fd;
use super::fmt::{self, Quote};
use super::{ArgType, Ctx, RetType, ty};
use crate::arch::Arch;
use crate::table::{self, ArgSpec, Param, Xlat};
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    // read/write data: basic's `buf`, but fetching -s+1 bytes as strace does (a buffer
    // whose memory ends right at the limit prints as an address).
    ty("iobuf", |c, a, o| {
        let addr = c.arg(a.index);
        if a.out && c.failed() {
            fmt::addr(o, addr);
        } else {
            print_strn(c, addr, c.len_of(a.param(0)).unwrap_or(0), o);
        }
        true
    }),
    ty("iovec", |c, a, o| {
        let n = c.len_of(a.param(0)).unwrap_or(0);
        print_iovec(c, c.arg(a.index), n, None, o);
        true
    }),
    ty("iovec_out", |c, a, o| {
        let n = c.len_of(a.param(0)).unwrap_or(0);
        if c.failed() {
            // Nothing was read: strace still walks the array, printing addresses.
            print_iovec_addrs(c, c.arg(a.index), n, o);
        } else {
            let limit = c.len_of(a.param(1)).unwrap_or(0);
            print_iovec(c, c.arg(a.index), n, Some(limit), o);
        }
        true
    }),
    ty("fd_pair", |c, a, o| {
        print_fd_pair(c, c.arg(a.index), o);
        true
    }),
    // A flag set with strace's own dflt comment (`flags_dflt(splice_flags,SPLICE_F_???)`)
    // where the shared `flags` type would guess it from the first name's prefix.
    ty("flags_dflt", |c, a, o| {
        match a.xlat() {
            Some(x) => xflags(o, c, &x.name, c.arg(a.index), word_param(a)),
            None => fmt::hex(o, c.arg(a.index)),
        }
        true
    }),
    ty("enum_dflt", |c, a, o| {
        match a.xlat() {
            Some(x) => xenum(o, c, &x.name, c.arg(a.index), word_param(a)),
            None => fmt::hex(o, c.arg(a.index)),
        }
        true
    }),
    ty("whence", |c, a, o| {
        xenum(
            o,
            c,
            "whence_codes",
            c.arg(a.index) & 0xffff_ffff,
            "SEEK_???",
        );
        true
    }),
    // A loff_t argument (pread64's offset): a register pair on 32-bit personalities.
    ty("lld", |c, a, o| {
        fmt::dec(o, lld(c, a.index, true));
        true
    }),
    // preadv's offset: explicit low and high words, never realigned.
    ty("lld_lohi", |c, a, o| {
        fmt::dec(o, lld(c, a.index, false));
        true
    }),
    // The argument after an `lld` at the previous position (readahead's count).
    ty("ulong_after_lld", |c, a, o| {
        let (_, next) = lld_regs(c, a.index.saturating_sub(1), true);
        fmt::dec(o, c.arg(next));
        true
    }),
    ty("int64ptr", |c, a, o| {
        print_num(c, c.arg(a.index), 8, true, o);
        true
    }),
    ArgType {
        name: "sendfile_off",
        print: |c, a, o| {
            print_off_inout(c, a, c.word(), o);
            true
        },
        capture: Some(capture_off),
    },
    ArgType {
        name: "sendfile64_off",
        print: |c, a, o| {
            print_off_inout(c, a, 8, o);
            true
        },
        capture: Some(capture_off),
    },
    ty("fcntl_cmd", |c, a, o| {
        let cmd = c.iarg(a.index) as u32;
        xenum(o, c, "fcntlcmds", cmd.into(), "F_???");
        true
    }),
    ty("fcntl_arg", print_fcntl_arg),
    ArgType {
        name: "ioctl_req",
        print: |c, a, o| {
            print_ioctl_req(c, c.iarg(a.index) as u32, o);
            true
        },
        // The request's slot keeps SIOCGIFCONF's entry ifc_buf (the arg's slot keeps
        // its length).
        capture: Some(capture_ifconf_buf),
    },
    ArgType {
        name: "ioctl_arg",
        print: print_ioctl_arg,
        capture: Some(capture_ifconf),
    },
    ty("pollfd", |c, a, o| {
        let n = u64::from(c.iarg(a.param_arg(1)) as u32);
        print_pollfds(c, c.arg(a.index), n, o);
        true
    }),
    ty("fdset", |c, a, o| {
        print_fdset(c, c.arg(a.index), o);
        true
    }),
    ty("pselect6_sig", |c, a, o| {
        print_sigmask_pair(c, c.arg(a.index), o);
        true
    }),
    ty("epoll_event", |c, a, o| {
        let op = c.iarg(a.param_arg(1));
        let addr = c.arg(a.index);
        if op == 2 {
            // EPOLL_CTL_DEL ignores the event.
            fmt::addr(o, addr);
        } else if let Some(b) = fetch(c, addr, epoll_event_size(c.arch()), false, o) {
            print_epoll_event(c, &b, o);
        }
        true
    }),
    ty("epoll_events", |c, a, o| {
        let n = if c.failed() {
            u64::MAX
        } else {
            c.ret().unwrap_or(0) as u64
        };
        let size = epoll_event_size(c.arch());
        print_array(c, c.arg(a.index), n, size, o, |c, b, o| {
            print_epoll_event(c, b, o)
        });
        true
    }),
    ty("memfd_flags", |c, a, o| {
        print_memfd_flags(c, c.iarg(a.index) as u32, o);
        true
    }),
    ty("iocbpp", |c, a, o| {
        let nr = c.sarg(a.param_arg(1));
        let addr = c.arg(a.index);
        if nr < 0 {
            fmt::addr(o, addr);
        } else {
            let w = c.word();
            print_array(c, addr, nr as u64, w, o, |c, b, o| {
                let p = le(b, 0, w);
                if let Some(cb) = fetch(c, p, 64, false, o) {
                    print_iocb(c, &cb, false, o);
                }
            });
        }
        true
    }),
    ty("iocb_header", |c, a, o| {
        let addr = c.arg(a.index);
        if let Some(cb) = fetch(c, addr, 64, false, o) {
            print_iocb(c, &cb, true, o);
        }
        true
    }),
    ty("io_events", |c, a, o| {
        let n = if c.failed() {
            u64::MAX
        } else {
            c.ret().unwrap_or(0) as u64
        };
        print_array(c, c.arg(a.index), n, 32, o, print_io_event);
        true
    }),
    ty("io_event", |c, a, o| {
        if let Some(b) = fetch(c, c.arg(a.index), 32, true, o) {
            print_io_event(c, &b, o);
        }
        true
    }),
    ty("io_ctx_out", |c, a, o| {
        // io_setup's `[ctx]`: a pointer-sized number, address when it failed.
        let addr = c.arg(a.index);
        if let Some(b) = fetch(c, addr, c.word(), true, o) {
            o.push('[');
            fmt::addr(o, le(&b, 0, c.word()));
            o.push(']');
        }
        true
    }),
];

pub static RETS: &[RetType] = &[
    RetType {
        name: "fcntl_ret",
        print: print_fcntl_ret,
    },
    RetType {
        name: "poll_ret",
        print: |c, o| print_poll_ret(c, None, o),
    },
    RetType {
        name: "ppoll_ret",
        print: |c, o| print_poll_ret(c, Some(TimeKind::Timespec(c.word())), o),
    },
    RetType {
        name: "ppoll64_ret",
        print: |c, o| print_poll_ret(c, Some(TimeKind::Timespec(8)), o),
    },
    RetType {
        name: "select_ret",
        print: |c, o| print_select_ret(c, TimeKind::Timeval(c.word()), o),
    },
    RetType {
        name: "pselect6_ret",
        print: |c, o| print_select_ret(c, TimeKind::Timespec(c.word()), o),
    },
    RetType {
        name: "pselect6_64_ret",
        print: |c, o| print_select_ret(c, TimeKind::Timespec(8), o),
    },
];

trait ParamArg {
    /// The argument named by the first param (`argN`), or `dflt` when there is none.
    fn param_arg(&self, dflt: usize) -> usize;
}

impl ParamArg for ArgSpec {
    fn param_arg(&self, dflt: usize) -> usize {
        match self.param(0) {
            Some(Param::Arg(i)) => *i,
            _ => dflt,
        }
    }
}

/// The first plain-word param of a row (a dflt string), or "".
fn word_param(a: &ArgSpec) -> &str {
    a.params
        .iter()
        .find_map(|p| match p {
            Param::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .unwrap_or("")
}

// ---------------------------------------------------------------------------
// Small helpers (candidates for sharing: fetch = strace's umove_or_printaddr,
// printstrn with strace's -s+1 fetch, print_array, printnum_*, xflags' zero rule).

fn set(name: &str) -> Option<&'static Xlat> {
    table::xlat(name)
}

/// printflags: names joined by `|`, unknown rest in hex, `0x.. /* DFLT */` when no name
/// matched (no comment when `dflt` is empty).
/// Zero prints the first row's name when that row is zero, else `0` only when the
/// caller has a dflt: strace's printflags prints nothing for `0` without one, which is
/// why termios fields can end in a bare `|`.
fn xflags(o: &mut String, c: &Ctx, name: &str, v: u64, dflt: &str) {
    match set(name) {
        Some(x) if v == 0 => match x.entries(c.arch()).next() {
            Some((n, 0)) => o.push_str(n),
            _ if !dflt.is_empty() => o.push('0'),
            _ => {}
        },
        Some(x) => {
            fmt::xlat_flags(o, x, c, v, dflt);
        }
        None => fmt::hex(o, v),
    }
}

/// printxval: the name, or `0x.. /* DFLT */`.
fn xenum(o: &mut String, c: &Ctx, name: &str, v: u64, dflt: &str) {
    match set(name) {
        Some(x) => fmt::xlat_enum(o, x, c, v, dflt),
        None => fmt::hex(o, v),
    }
}

fn xname(c: &Ctx, name: &str, v: u64) -> Option<&'static str> {
    set(name).and_then(|x| x.name_of(c.arch(), v))
}

/// Little-endian unsigned field of `size` bytes at `off`; 0 when out of bounds.
fn le(b: &[u8], off: usize, size: usize) -> u64 {
    let mut w = [0u8; 8];
    if size <= 8
        && let Some(s) = b.get(off..off + size)
    {
        w[..size].copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

fn les(b: &[u8], off: usize, size: usize) -> i64 {
    let v = le(b, off, size);
    match size {
        1 => v as u8 as i8 as i64,
        2 => v as u16 as i16 as i64,
        4 => v as u32 as i32 as i64,
        _ => v as i64,
    }
}

fn read_bytes(c: &Ctx, addr: u64, len: usize) -> Option<Vec<u8>> {
    let mut b = vec![0u8; len];
    c.mem.read_exact(addr, &mut b).then_some(b)
}

/// strace's umove_or_printaddr: prints `NULL`, or the address when the struct is
/// unreadable or (`exit_data`) the call failed and the kernel wrote nothing.
fn fetch(c: &Ctx, addr: u64, len: usize, exit_data: bool, o: &mut String) -> Option<Vec<u8>> {
    if addr == 0 {
        o.push_str("NULL");
        return None;
    }
    if exit_data && c.failed() {
        fmt::addr(o, addr);
        return None;
    }
    match read_bytes(c, addr, len) {
        Some(b) => Some(b),
        None => {
            fmt::addr(o, addr);
            None
        }
    }
}

/// printstrn: `len` bytes at `addr`, cut at `-s`. Like strace it fetches one byte past
/// the limit, so a buffer whose memory ends right after the limit prints as an address.
fn print_strn(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let limit = c.opts.string_limit;
    let size = len.min((limit as u64).saturating_add(1)) as usize;
    let Some(bytes) = read_bytes(c, addr, size) else {
        fmt::addr(o, addr);
        return;
    };
    // The extra byte only decides whether the fetch succeeds: escapes never look
    // past the shown bytes.
    fmt::quote_into(o, &bytes[..size.min(limit)], Quote::default(), c.opts.hex);
    if len > limit as u64 {
        o.push_str("...");
    }
}

/// print_array with strace's abbreviation (`-s` elements unless `-v`), `...` for the
/// rest, and `... /* addr */` when memory ends inside the array.
fn print_array(
    c: &Ctx,
    addr: u64,
    n: u64,
    elem: usize,
    o: &mut String,
    mut each: impl FnMut(&Ctx, &[u8], &mut String),
) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if n == 0 {
        o.push_str("[]");
        return;
    }
    let Some(size) = n.checked_mul(elem as u64) else {
        fmt::addr(o, addr);
        return;
    };
    let end = addr.wrapping_add(size);
    if end <= addr {
        fmt::addr(o, addr);
        return;
    }
    let max = c.opts.string_limit as u64;
    let abbrev = !c.opts.verbose && max < n;
    for i in 0..n {
        let cur = addr + i * elem as u64;
        if i > 0 {
            o.push_str(", ");
        }
        let Some(b) = read_bytes(c, cur, elem) else {
            if i == 0 {
                fmt::addr(o, cur);
                return;
            }
            let _ = write!(o, "... /* {cur:#x} */");
            break;
        };
        if i == 0 {
            o.push('[');
        }
        if abbrev && i >= max {
            o.push_str("...");
            break;
        }
        each(c, &b, o);
    }
    o.push(']');
}

/// printnum_int64 / printnum_ulong: `[value]`.
fn print_num(c: &Ctx, addr: u64, size: usize, signed: bool, o: &mut String) -> bool {
    match fetch(c, addr, size, false, o) {
        Some(b) => {
            o.push('[');
            if signed {
                fmt::dec(o, les(&b, 0, size));
            } else {
                fmt::dec(o, le(&b, 0, size));
            }
            o.push(']');
            true
        }
        None => false,
    }
}

/// Where a 64-bit argument that a row lists at position `i` lives: its first register
/// and the register after it. 32-bit personalities split it over two registers, and
/// arm EABI starts such a pair on an even register.
fn lld_regs(c: &Ctx, i: usize, aligned: bool) -> (usize, usize) {
    match c.arch() {
        _ if c.word() == 8 => (i, i + 1),
        Arch::Arm if aligned && i % 2 == 1 => (i + 1, i + 3),
        _ => (i, i + 2),
    }
}

/// The 64-bit value at row position `i` (low word first on 32-bit personalities).
fn lld(c: &Ctx, i: usize, aligned: bool) -> i64 {
    let (lo, _) = lld_regs(c, i, aligned);
    if c.word() == 4 {
        ((c.arg(lo + 1) << 32) | c.arg(lo)) as i64
    } else {
        c.arg(lo) as i64
    }
}

// ---------------------------------------------------------------------------
// iovec arrays.

/// An iovec array of `n` elements as strace prints it, the data of all elements
/// together limited to `data_limit` bytes (a read's return value). Shared with the
/// msghdr decoder.
pub fn print_iovec(c: &Ctx, addr: u64, n: u64, data_limit: Option<u64>, o: &mut String) {
    let w = c.word();
    let mut left = data_limit.unwrap_or(u64::MAX);
    print_array(c, addr, n, 2 * w, o, |c, b, o| {
        let base = le(b, 0, w);
        let len = le(b, w, w);
        let shown = len.min(left);
        if left != u64::MAX {
            left -= shown;
        }
        o.push_str("{iov_base=");
        print_strn(c, base, shown, o);
        let _ = write!(o, ", iov_len={len}}}");
    });
}

/// An iovec array with buffer addresses only (a failed read).
pub fn print_iovec_addrs(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    let w = c.word();
    print_array(c, addr, n, 2 * w, o, |_, b, o| {
        o.push_str("{iov_base=");
        fmt::addr(o, le(b, 0, w));
        let _ = write!(o, ", iov_len={}}}", le(b, w, w));
    });
}

// ---------------------------------------------------------------------------
// pipe, sendfile.

fn print_fd_pair(c: &Ctx, addr: u64, o: &mut String) {
    if let Some(b) = fetch(c, addr, 8, true, o) {
        o.push('[');
        print_fd(c, les(&b, 0, 4), o);
        o.push_str(", ");
        print_fd(c, les(&b, 4, 4), o);
        o.push(']');
    }
}

fn capture_off(c: &Ctx, a: &ArgSpec) -> u64 {
    let size = if a.ty.name == "sendfile64_off" {
        8
    } else {
        c.word()
    };
    c.mem.read_uint(c.arg(a.index), size).unwrap_or(0)
}

/// sendfile's offset: `[before]`, and ` => [after]` when data moved.
fn print_off_inout(c: &Ctx, a: &ArgSpec, size: usize, o: &mut String) {
    let addr = c.arg(a.index);
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if c.mem.read_uint(addr, size).is_none() {
        fmt::addr(o, addr);
        return;
    }
    let _ = write!(o, "[{}]", c.saved[a.index]);
    // sendfile (not sendfile64) with a zero count is complete at entry in strace.
    let decoded_at_entry = size != 8 && c.arg(a.index + 1) == 0;
    if c.rec.succeeded()
        && c.ret() != Some(0)
        && !decoded_at_entry
        && let Some(v) = c.mem.read_uint(addr, size)
    {
        let _ = write!(o, " => [{v}]");
    }
}

// ---------------------------------------------------------------------------
// fcntl.

const F_DUPFD: u32 = 0;
const F_GETFD: u32 = 1;
const F_SETFD: u32 = 2;
const F_GETFL: u32 = 3;
const F_SETFL: u32 = 4;
const F_GETLK: u32 = 5;
const F_SETLK: u32 = 6;
const F_SETLKW: u32 = 7;
const F_SETOWN: u32 = 8;
const F_GETOWN: u32 = 9;
const F_SETSIG: u32 = 10;
const F_GETSIG: u32 = 11;
const F_GETLK64: u32 = 12;
const F_SETLK64: u32 = 13;
const F_SETLKW64: u32 = 14;
const F_SETOWN_EX: u32 = 15;
const F_GETOWN_EX: u32 = 16;
const F_OFD_GETLK: u32 = 36;
const F_OFD_SETLK: u32 = 37;
const F_OFD_SETLKW: u32 = 38;
const F_SETLEASE: u32 = 1024;
const F_GETLEASE: u32 = 1025;
const F_NOTIFY: u32 = 1026;
const F_DUPFD_CLOEXEC: u32 = 1030;
const F_SETPIPE_SZ: u32 = 1031;
const F_GETPIPE_SZ: u32 = 1032;
const F_ADD_SEALS: u32 = 1033;
const F_GET_SEALS: u32 = 1034;

fn syscall_is(c: &Ctx, name: &str) -> bool {
    c.arch().syscall_name(c.rec.nr) == Some(name)
}

fn print_fcntl_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let cmd = c.iarg(a.index.saturating_sub(1)) as u32;
    let arg = c.arg(a.index);
    let is64 = syscall_is(c, "fcntl64");
    match cmd {
        F_SETFD => xflags(o, c, "fdflags", arg, "FD_???"),
        F_SETOWN => fmt::dec(o, arg as u32 as i32),
        F_SETPIPE_SZ | F_DUPFD | F_DUPFD_CLOEXEC => fmt::dec(o, arg as i64),
        F_SETFL => print_open_modes(o, c, arg),
        F_SETLK | F_SETLKW => print_flock(c, arg, false, false, false, o),
        F_OFD_SETLK | F_OFD_SETLKW => print_flock(c, arg, true, false, false, o),
        F_SETLK64 | F_SETLKW64 if is64 => print_flock(c, arg, true, false, false, o),
        F_GETLK => print_flock(c, arg, false, true, true, o),
        F_OFD_GETLK => print_flock(c, arg, true, true, true, o),
        F_GETLK64 if is64 => print_flock(c, arg, true, true, true, o),
        F_SETOWN_EX => print_owner_ex(c, arg, false, o),
        F_GETOWN_EX => print_owner_ex(c, arg, true, o),
        F_NOTIFY => xflags(o, c, "notifyflags", arg, "DN_???"),
        F_SETLEASE => xenum(o, c, "lockfcmds", arg, "F_???"),
        F_ADD_SEALS => xflags(o, c, "f_seals", arg, "F_SEAL_???"),
        F_SETSIG => super::signal::print_signame(o, arg as i32),
        F_GETOWN | F_GETPIPE_SZ | F_GETFD | F_GETFL | F_GETLEASE | F_GET_SEALS | F_GETSIG => {
            return false;
        }
        _ => fmt::hex(o, arg),
    }
    true
}

/// The access mode by name, then the other open flags: `O_RDWR|O_NONBLOCK`.
fn print_open_modes(o: &mut String, c: &Ctx, v: u64) {
    let acc = v & 3;
    match xname(c, "open_access", acc) {
        Some(n) => o.push_str(n),
        None => fmt::hex(o, acc),
    }
    let rest = v & !3;
    if rest != 0 {
        o.push('|');
        xflags(o, c, "open_mode_flags", rest, "");
    }
}

/// struct flock (`wide`: flock64) in this personality's layout.
fn print_flock(c: &Ctx, addr: u64, wide: bool, getlk: bool, exit_data: bool, o: &mut String) {
    // (size, l_start offset, field size, l_pid offset)
    let (size, start, fsz, pid) = match (c.arch(), wide) {
        (Arch::I386, true) => (24, 4, 8, 20),
        (Arch::Arm, true) => (32, 8, 8, 24),
        (_, _) if c.word() == 8 => (32, 8, 8, 24),
        (Arch::X32, _) => (32, 8, 8, 24),
        _ => (16, 4, 4, 12),
    };
    let Some(b) = fetch(c, addr, size, exit_data, o) else {
        return;
    };
    o.push_str("{l_type=");
    xenum(o, c, "lockfcmds", le(&b, 0, 2), "F_???");
    o.push_str(", l_whence=");
    xenum(o, c, "whence_codes", le(&b, 2, 2), "SEEK_???");
    let _ = write!(
        o,
        ", l_start={}, l_len={}",
        les(&b, start, fsz),
        les(&b, start + fsz, fsz)
    );
    if getlk {
        let _ = write!(o, ", l_pid={}", les(&b, pid, 4));
    }
    o.push('}');
}

fn print_owner_ex(c: &Ctx, addr: u64, exit_data: bool, o: &mut String) {
    if let Some(b) = fetch(c, addr, 8, exit_data, o) {
        o.push_str("{type=");
        xenum(o, c, "f_owner_types", le(&b, 0, 4), "F_OWNER_???");
        let _ = write!(o, ", pid={}}}", les(&b, 4, 4));
    }
}

fn print_fcntl_ret(c: &Ctx, o: &mut String) {
    let rv = c.arch().long(c.ret().unwrap_or(0) as u64);
    let urv = c.arch().ulong(rv as u64);
    let cmd = c.iarg(1) as u32;
    match cmd {
        F_DUPFD | F_DUPFD_CLOEXEC => print_fd(c, rv, o),
        F_GETFD if rv != 0 => {
            fmt::hex(o, urv);
            o.push_str(" (flags ");
            xflags(o, c, "fdflags", urv, "");
            o.push(')');
        }
        F_GETFL => {
            fmt::hex(o, urv);
            o.push_str(" (flags ");
            print_open_modes(o, c, urv);
            o.push(')');
        }
        F_GETLEASE => {
            fmt::hex(o, urv);
            if let Some(n) = xname(c, "lockfcmds", urv) {
                let _ = write!(o, " ({n})");
            }
        }
        F_GET_SEALS if rv != 0 => {
            fmt::hex(o, urv);
            o.push_str(" (seals ");
            xflags(o, c, "f_seals", urv, "");
            o.push(')');
        }
        F_GETSIG if rv != 0 => {
            fmt::dec(o, rv);
            o.push_str(" (");
            super::signal::print_signame(o, rv as i32);
            o.push(')');
        }
        _ => fmt::dec(o, rv),
    }
}

// ---------------------------------------------------------------------------
// ioctl.

const IOC_NRBITS: u32 = 8;
const IOC_TYPEBITS: u32 = 8;
const IOC_SIZEBITS: u32 = 14;

/// Request names that share `code`, joined like strace: `FIOQSIZE or ...`; else the
/// decoded `_IOC(dir, type, nr, size)`.
fn print_ioctl_req(c: &Ctx, code: u32, o: &mut String) {
    let mut n = 0;
    if let Some(x) = set("ioctl_names") {
        for (name, v) in x.entries(c.arch()) {
            if v == u64::from(code) {
                if n > 0 {
                    o.push_str(" or ");
                }
                o.push_str(name);
                n += 1;
            }
        }
    }
    if n > 0 {
        return;
    }
    let nr = code & ((1 << IOC_NRBITS) - 1);
    let typ = (code >> IOC_NRBITS) & ((1 << IOC_TYPEBITS) - 1);
    let size = (code >> (IOC_NRBITS + IOC_TYPEBITS)) & ((1 << IOC_SIZEBITS) - 1);
    let dir = code >> (IOC_NRBITS + IOC_TYPEBITS + IOC_SIZEBITS);
    o.push_str("_IOC(");
    xflags(o, c, "ioctl_dirs", dir.into(), "_IOC_???");
    o.push_str(", ");
    fmt::hex(o, typ.into());
    o.push_str(", ");
    fmt::hex(o, nr.into());
    o.push_str(", ");
    fmt::hex(o, size.into());
    o.push(')');
}

const TCGETS: u32 = 0x5401;
const TCSETS: u32 = 0x5402;
const TCSETSW: u32 = 0x5403;
const TCSETSF: u32 = 0x5404;
const TCGETA: u32 = 0x5405;
const TCSETA: u32 = 0x5406;
const TCSETAW: u32 = 0x5407;
const TCSETAF: u32 = 0x5408;
const TCSBRK: u32 = 0x5409;
const TCXONC: u32 = 0x540a;
const TCFLSH: u32 = 0x540b;
const TIOCEXCL: u32 = 0x540c;
const TIOCNXCL: u32 = 0x540d;
const TIOCSCTTY: u32 = 0x540e;
const TIOCGPGRP: u32 = 0x540f;
const TIOCSPGRP: u32 = 0x5410;
const TIOCOUTQ: u32 = 0x5411;
const TIOCSTI: u32 = 0x5412;
const TIOCGWINSZ: u32 = 0x5413;
const TIOCSWINSZ: u32 = 0x5414;
const TIOCMGET: u32 = 0x5415;
const TIOCMBIS: u32 = 0x5416;
const TIOCMBIC: u32 = 0x5417;
const TIOCMSET: u32 = 0x5418;
const TIOCGSOFTCAR: u32 = 0x5419;
const TIOCSSOFTCAR: u32 = 0x541a;
const FIONREAD: u32 = 0x541b;
const TIOCCONS: u32 = 0x541d;
const TIOCSSERIAL: u32 = 0x541f;
const TIOCPKT: u32 = 0x5420;
const FIONBIO: u32 = 0x5421;
const TIOCNOTTY: u32 = 0x5422;
const TIOCSETD: u32 = 0x5423;
const TIOCGETD: u32 = 0x5424;
const TCSBRKP: u32 = 0x5425;
const TIOCSBRK: u32 = 0x5427;
const TIOCCBRK: u32 = 0x5428;
const TIOCGSID: u32 = 0x5429;
const TCGETS2: u32 = 0x802c_542a;
const TCSETS2: u32 = 0x402c_542b;
const TCSETSW2: u32 = 0x402c_542c;
const TCSETSF2: u32 = 0x402c_542d;
const TIOCGPTN: u32 = 0x8004_5430;
const TIOCSPTLCK: u32 = 0x4004_5431;
const TIOCGDEV: u32 = 0x8004_5432;
const TIOCVHANGUP: u32 = 0x5437;
const TIOCGEXCL: u32 = 0x8004_5440;
const FIONCLEX: u32 = 0x5450;
const FIOCLEX: u32 = 0x5451;
const FIOASYNC: u32 = 0x5452;
const TIOCGLCKTRMIOS: u32 = 0x5456;
const TIOCSLCKTRMIOS: u32 = 0x5457;

const FICLONE: u32 = 0x4004_9409;
const FICLONERANGE: u32 = 0x4020_940d;
const FS_IOC32_GETFLAGS: u32 = 0x8004_6601;
const FS_IOC32_SETFLAGS: u32 = 0x4004_6602;
const FS_IOC64_GETFLAGS: u32 = 0x8008_6601;
const FS_IOC64_SETFLAGS: u32 = 0x4008_6602;

/// FS_IOC_GETFLAGS is sized by `long`; strace also accepts the 32-bit code from 64-bit
/// tracees.
fn is_fs_getflags(c: &Ctx, code: u32) -> bool {
    code == FS_IOC32_GETFLAGS || (c.word() == 8 && code == FS_IOC64_GETFLAGS)
}

fn is_fs_setflags(c: &Ctx, code: u32) -> bool {
    code == FS_IOC32_SETFLAGS || (c.word() == 8 && code == FS_IOC64_SETFLAGS)
}

fn print_fs_flags(c: &Ctx, addr: u64, exit_data: bool, o: &mut String) {
    if let Some(b) = fetch(c, addr, 4, exit_data, o) {
        o.push('[');
        xflags(o, c, "fs_ioc_flags", le(&b, 0, 4), "FS_???_FL");
        o.push(']');
    }
}

/// struct file_clone_range of FICLONERANGE.
fn print_clone_range(c: &Ctx, addr: u64, o: &mut String) {
    if let Some(b) = fetch(c, addr, 32, false, o) {
        o.push_str("{src_fd=");
        print_fd(c, les(&b, 0, 8), o);
        let _ = write!(
            o,
            ", src_offset={}, src_length={}, dest_offset={}}}",
            le(&b, 8, 8),
            le(&b, 16, 8),
            le(&b, 24, 8)
        );
    }
}

const FIOSETOWN: u32 = 0x8901;
const SIOCSPGRP: u32 = 0x8902;
const FIOGETOWN: u32 = 0x8903;
const SIOCGPGRP: u32 = 0x8904;
const SIOCATMARK: u32 = 0x8905;
const SIOCGIFNAME: u32 = 0x8910;
const SIOCGIFFLAGS: u32 = 0x8913;
const SIOCSIFFLAGS: u32 = 0x8914;
const SIOCGIFMETRIC: u32 = 0x891d;
const SIOCSIFMETRIC: u32 = 0x891e;
const SIOCGIFMTU: u32 = 0x8921;
const SIOCSIFMTU: u32 = 0x8922;
const SIOCSIFNAME: u32 = 0x8923;
const SIOCGIFINDEX: u32 = 0x8933;
const SIOCGIFCONF: u32 = 0x8912;
const SIOCGIFADDR: u32 = 0x8915;
const SIOCSIFADDR: u32 = 0x8916;
const SIOCGIFDSTADDR: u32 = 0x8917;
const SIOCSIFDSTADDR: u32 = 0x8918;
const SIOCGIFBRDADDR: u32 = 0x8919;
const SIOCSIFBRDADDR: u32 = 0x891a;
const SIOCGIFNETMASK: u32 = 0x891b;
const SIOCSIFNETMASK: u32 = 0x891c;
const SIOCSIFHWADDR: u32 = 0x8924;
const SIOCGIFHWADDR: u32 = 0x8927;
const SIOCGIFSLAVE: u32 = 0x8929;
const SIOCSIFSLAVE: u32 = 0x8930;
const SIOCADDMULTI: u32 = 0x8931;
const SIOCDELMULTI: u32 = 0x8932;
const SIOCSIFHWBROADCAST: u32 = 0x8937;
const SIOCGIFMAP: u32 = 0x8970;
const SIOCSIFMAP: u32 = 0x8971;
const SIOCGIFTXQLEN: u32 = 0x8942;
const SIOCSIFTXQLEN: u32 = 0x8943;

/// struct ifreq: a 16-byte name, then a union as large as struct ifmap.
fn ifreq_size(c: &Ctx) -> usize {
    16 + if c.word() == 8 { 24 } else { 16 }
}

/// A fixed-size char array as strace's print_quoted_cstring: up to the NUL, `...`
/// when the array holds none.
fn print_cstring_field(c: &Ctx, b: &[u8], o: &mut String) {
    let q = Quote {
        nul_terminated: true,
        ..Quote::default()
    };
    // The last byte is reserved for the NUL; only a non-NUL there means truncation.
    let shown = &b[..b.len().saturating_sub(1)];
    if !fmt::quote_into(o, shown, q, c.opts.hex) && b.last().is_some_and(|&x| x != 0) {
        o.push_str("...");
    }
}

/// The union member of an ifreq that `code` reads or writes.
fn print_ifreq_member(c: &Ctx, code: u32, b: &[u8], o: &mut String) {
    match code {
        SIOCGIFFLAGS | SIOCSIFFLAGS => {
            o.push_str("ifr_flags=");
            xflags(o, c, "iffflags", le(b, 16, 2), "IFF_???");
        }
        SIOCGIFINDEX => {
            let _ = write!(o, "ifr_ifindex={}", les(b, 16, 4));
        }
        SIOCGIFMETRIC | SIOCSIFMETRIC => {
            let _ = write!(o, "ifr_metric={}", les(b, 16, 4));
        }
        SIOCGIFMTU | SIOCSIFMTU => {
            let _ = write!(o, "ifr_mtu={}", les(b, 16, 4));
        }
        SIOCGIFTXQLEN | SIOCSIFTXQLEN => {
            let _ = write!(o, "ifr_qlen={}", les(b, 16, 4));
        }
        SIOCGIFADDR | SIOCSIFADDR => {
            o.push_str("ifr_addr=");
            print_sockaddr16(c, b.get(16..32).unwrap_or(&[]), o);
        }
        SIOCGIFDSTADDR | SIOCSIFDSTADDR => {
            o.push_str("ifr_dstaddr=");
            print_sockaddr16(c, b.get(16..32).unwrap_or(&[]), o);
        }
        SIOCGIFBRDADDR | SIOCSIFBRDADDR => {
            o.push_str("ifr_broadaddr=");
            print_sockaddr16(c, b.get(16..32).unwrap_or(&[]), o);
        }
        SIOCGIFNETMASK | SIOCSIFNETMASK => {
            o.push_str("ifr_netmask=");
            print_sockaddr16(c, b.get(16..32).unwrap_or(&[]), o);
        }
        SIOCGIFHWADDR | SIOCSIFHWADDR | SIOCSIFHWBROADCAST | SIOCADDMULTI | SIOCDELMULTI => {
            o.push_str("ifr_hwaddr=");
            print_hwaddr16(c, b.get(16..32).unwrap_or(&[]), o);
        }
        SIOCGIFMAP | SIOCSIFMAP => {
            let w = c.word();
            let at = 16 + 2 * w;
            o.push_str("ifr_map={mem_start=");
            fmt::hex(o, le(b, 16, w));
            o.push_str(", mem_end=");
            fmt::hex(o, le(b, 16 + w, w));
            o.push_str(", base_addr=");
            fmt::hex(o, le(b, at, 2));
            o.push_str(", irq=");
            fmt::hex(o, le(b, at + 2, 1));
            o.push_str(", dma=");
            fmt::hex(o, le(b, at + 3, 1));
            o.push_str(", port=");
            fmt::hex(o, le(b, at + 4, 1));
            o.push('}');
        }
        SIOCGIFSLAVE | SIOCSIFSLAVE => {
            o.push_str("ifr_slave=");
            print_cstring_field(c, b.get(16..32).unwrap_or(&[]), o);
        }
        SIOCSIFNAME => {
            o.push_str("ifr_newname=");
            print_cstring_field(c, b.get(16..32).unwrap_or(&[]), o);
        }
        SIOCGIFNAME => {
            o.push_str("ifr_name=");
            print_cstring_field(c, b.get(..16).unwrap_or(&[]), o);
        }
        _ => {}
    }
}

/// A 16-byte struct sockaddr (the ifreq union member): AF_INET and AF_UNIX fit,
/// other families print their raw sa_data.
fn print_sockaddr16(c: &Ctx, b: &[u8], o: &mut String) {
    let family = le(b, 0, 2);
    o.push_str("{sa_family=");
    xenum(o, c, "addrfams", family, "AF_???");
    match family {
        2 => {
            let port = u16::from_be_bytes([
                b.get(2).copied().unwrap_or(0),
                b.get(3).copied().unwrap_or(0),
            ]);
            let ip = b.get(4..8).unwrap_or(&[0, 0, 0, 0]);
            let _ = write!(
                o,
                ", sin_port=htons({port}), sin_addr=inet_addr(\"{}.{}.{}.{}\")}}",
                ip[0], ip[1], ip[2], ip[3]
            );
        }
        1 => {
            o.push_str(", sun_path=");
            let path = b.get(2..).unwrap_or(&[]);
            let q = Quote {
                nul_terminated: true,
                ..Quote::default()
            };
            fmt::quote_into(o, path, q, c.opts.hex);
            o.push('}');
        }
        _ => {
            o.push_str(", sa_data=");
            fmt::quote_into(o, b.get(2..).unwrap_or(&[]), Quote::default(), c.opts.hex);
            o.push('}');
        }
    }
}

/// Hardware address bytes of an ARPHRD_* type, as many as that type uses.
fn hwaddr_len(devtype: u64) -> usize {
    match devtype {
        0 | 3 => 7,
        1 | 6 | 772 | 774 | 780 | 801..=803 => 6,
        7 | 773 | 290 | 820 | 821 => 1,
        15 => 2,
        24 | 769 | 823 => 16,
        27 | 804 | 805 | 825 => 8,
        32 => 20,
        256 | 271 | 280 | 512 | 518 | 519 | 777 | 779 | 822 | 824 | 826 => 0,
        270 => 5,
        768 | 776 | 778 | 783 => 4,
        _ => 255,
    }
}

fn print_hwaddr16(c: &Ctx, b: &[u8], o: &mut String) {
    let devtype = le(b, 0, 2);
    o.push_str("{sa_family=");
    xenum(o, c, "arp_hardware_types", devtype, "ARPHRD_???");
    o.push_str(", sa_data=");
    let data = b.get(2..).unwrap_or(&[]);
    for (i, byte) in data.iter().take(hwaddr_len(devtype)).enumerate() {
        if i > 0 {
            o.push(':');
        }
        let _ = write!(o, "{byte:02x}");
    }
    o.push('}');
}

/// `ifc_len` with strace's `/* N * sizeof(struct ifreq) */` when it divides evenly.
fn print_ifc_len(c: &Ctx, len: i32, o: &mut String) {
    fmt::dec(o, len);
    let size = ifreq_size(c) as i32;
    if len > 0 && len % size == 0 {
        let _ = write!(o, " /* {} * sizeof(struct ifreq) */", len / size);
    }
}

/// Entry state of SIOCGIFCONF, for the `before => after` of ifc_len: the length,
/// whether ifc_buf was set, whether the struct was readable.
fn capture_ifconf(c: &Ctx, a: &ArgSpec) -> u64 {
    let code = c.iarg(a.index.saturating_sub(1)) as u32;
    if code != SIOCGIFCONF {
        return 0;
    }
    let w = c.word();
    match read_bytes(c, c.arg(a.index), 2 * w) {
        Some(b) => le(&b, 0, 4) | (u64::from(le(&b, w, w) != 0) << 32) | (1 << 33),
        None => 0,
    }
}

fn capture_ifconf_buf(c: &Ctx, a: &ArgSpec) -> u64 {
    if c.iarg(a.index) as u32 != SIOCGIFCONF {
        return 0;
    }
    let w = c.word();
    c.mem
        .read_uint(c.arg(a.index + 1).wrapping_add(w as u64), w)
        .unwrap_or(0)
}

fn print_ifconf(c: &Ctx, a: &ArgSpec, addr: u64, o: &mut String) {
    let saved = c.saved.get(a.index).copied().unwrap_or(0);
    if saved & (1 << 33) == 0 {
        fmt::addr(o, addr);
        return;
    }
    let len0 = saved as u32 as i32;
    let had_buf = saved & (1 << 32) != 0;
    let w = c.word();
    o.push_str("{ifc_len=");
    if had_buf {
        print_ifc_len(c, len0, o);
    }
    let Some(b) = read_bytes(c, addr, 2 * w) else {
        if !had_buf {
            print_ifc_len(c, len0, o);
        }
        // The struct went away: what was there at entry.
        o.push_str(", ifc_buf=");
        fmt::addr(
            o,
            c.saved.get(a.index.saturating_sub(1)).copied().unwrap_or(0),
        );
        o.push('}');
        return;
    };
    let len = le(&b, 0, 4) as u32 as i32;
    let buf = le(&b, w, w);
    if had_buf && len != len0 {
        o.push_str(" => ");
    }
    if !had_buf || len != len0 {
        print_ifc_len(c, len, o);
    }
    o.push_str(", ifc_buf=");
    if !had_buf || c.failed() {
        let buf0 = c.saved.get(a.index.saturating_sub(1)).copied().unwrap_or(0);
        fmt::addr(o, buf0);
        if buf0 != buf {
            o.push_str(" => ");
            fmt::addr(o, buf);
        }
    } else {
        let n = (len.max(0) as usize / ifreq_size(c)) as u64;
        print_array(c, buf, n, ifreq_size(c), o, |c, r, o| {
            o.push_str("{ifr_name=");
            print_cstring_field(c, r.get(..16).unwrap_or(&[]), o);
            o.push_str(", ifr_addr=");
            print_sockaddr16(c, r.get(16..32).unwrap_or(&[]), o);
            o.push('}');
        });
    }
    o.push('}');
}

/// SIOCGIF*: the key strace printed at entry (name, or index for SIOCGIFNAME), then
/// the result when the call succeeded.
fn print_ifreq_get(c: &Ctx, code: u32, addr: u64, o: &mut String) {
    let Some(b) = fetch(c, addr, ifreq_size(c), false, o) else {
        return;
    };
    if code == SIOCGIFNAME {
        let _ = write!(o, "{{ifr_ifindex={}", les(&b, 16, 4));
    } else {
        o.push_str("{ifr_name=");
        print_cstring_field(c, &b[..16], o);
    }
    if !c.failed() {
        o.push_str(", ");
        print_ifreq_member(c, code, &b, o);
    }
    o.push('}');
}

fn print_ifreq_set(c: &Ctx, code: u32, addr: u64, o: &mut String) {
    if let Some(b) = fetch(c, addr, ifreq_size(c), false, o) {
        o.push_str("{ifr_name=");
        print_cstring_field(c, &b[..16], o);
        o.push_str(", ");
        print_ifreq_member(c, code, &b, o);
        o.push('}');
    }
}

/// How strace prints the argument of requests that need no struct decoder.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Simple {
    /// The value itself, decimal.
    ValU,
    ValInt,
    /// No argument is printed.
    NoArg,
    /// `[n]` read back at exit (the kernel's answer); the width and signedness.
    Out(usize, bool),
    /// `[n]` passed in.
    In(usize, bool),
    /// `[a, b]` of two u64 passed in.
    PairU64,
}

/// Block-device, random and inotify requests, by name: their codes differ per
/// personality (sizes of long), so they are looked up in `ioctl_names`.
const SIMPLE_FORMS: &[(&str, Simple)] = &[
    ("BLKRASET", Simple::ValU),
    ("BLKFRASET", Simple::ValU),
    ("BLKSECTGET", Simple::Out(2, false)),
    ("BLKROTATIONAL", Simple::Out(2, false)),
    ("BLKROGET", Simple::Out(4, true)),
    ("BLKBSZGET", Simple::Out(4, true)),
    ("BLKSSZGET", Simple::Out(4, true)),
    ("BLKALIGNOFF", Simple::Out(4, true)),
    ("BLKROSET", Simple::In(4, true)),
    ("BLKBSZSET", Simple::In(4, true)),
    ("BLKPBSZGET", Simple::Out(4, false)),
    ("BLKIOMIN", Simple::Out(4, false)),
    ("BLKIOOPT", Simple::Out(4, false)),
    ("BLKDISCARDZEROES", Simple::Out(4, false)),
    ("BLKGETZONESZ", Simple::Out(4, false)),
    ("BLKGETNRZONES", Simple::Out(4, false)),
    ("BLKRAGET", Simple::Out(0, true)),
    ("BLKFRAGET", Simple::Out(0, true)),
    ("BLKGETSIZE", Simple::Out(0, false)),
    ("BLKGETSIZE64", Simple::Out(8, false)),
    ("BLKGETDISKSEQ", Simple::Out(8, false)),
    ("BLKDISCARD", Simple::PairU64),
    ("BLKSECDISCARD", Simple::PairU64),
    ("BLKZEROOUT", Simple::PairU64),
    ("BLKRRPART", Simple::NoArg),
    ("BLKFLSBUF", Simple::NoArg),
    ("BLKTRACESTART", Simple::NoArg),
    ("BLKTRACESTOP", Simple::NoArg),
    ("BLKTRACETEARDOWN", Simple::NoArg),
    ("RNDGETENTCNT", Simple::Out(4, true)),
    ("RNDADDTOENTCNT", Simple::In(4, true)),
    ("RNDZAPENTCNT", Simple::NoArg),
    ("RNDCLEARPOOL", Simple::NoArg),
    ("RNDRESEEDCRNG", Simple::NoArg),
    ("INOTIFY_IOC_SETNEXTWD", Simple::ValInt),
];

fn simple_form(c: &Ctx, code: u32) -> Option<Simple> {
    let x = set("ioctl_names")?;
    // Only the block (0x12), random ('R') and inotify ('I') types have such forms.
    let typ = (code >> 8) & 0xff;
    if !matches!(typ, 0x12 | 0x52 | 0x49) {
        return None;
    }
    SIMPLE_FORMS
        .iter()
        .find(|(name, _)| x.value_of(c.arch(), name) == Some(u64::from(code)))
        .map(|&(_, f)| f)
}

/// Returns whether anything was printed.
fn print_simple(c: &Ctx, form: Simple, arg: u64, o: &mut String) -> bool {
    match form {
        Simple::ValU => fmt::dec(o, arg),
        Simple::ValInt => fmt::dec(o, arg as u32 as i32),
        Simple::NoArg => return false,
        Simple::Out(size, signed) | Simple::In(size, signed) => {
            let size = if size == 0 { c.word() } else { size };
            if let Some(b) = fetch(c, arg, size, matches!(form, Simple::Out(..)), o) {
                o.push('[');
                if signed {
                    fmt::dec(o, les(&b, 0, size));
                } else {
                    fmt::dec(o, le(&b, 0, size));
                }
                o.push(']');
            }
        }
        Simple::PairU64 => {
            if let Some(b) = fetch(c, arg, 16, false, o) {
                let _ = write!(o, "[{}, {}]", le(&b, 0, 8), le(&b, 8, 8));
            }
        }
    }
    true
}

#[derive(Clone, Copy)]
enum Termios {
    /// struct termio: 16-bit flags, 8 control characters.
    Old,
    /// struct termios.
    Plain,
    /// struct termios2: termios plus input and output speeds.
    Two,
}

fn print_ioctl_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let code = c.iarg(a.index.saturating_sub(1)) as u32;
    let arg = c.arg(a.index);
    match code {
        TCGETS2 => print_termios(c, arg, Termios::Two, true, o),
        TCSETS2 | TCSETSW2 | TCSETSF2 => print_termios(c, arg, Termios::Two, false, o),
        TCGETS | TIOCGLCKTRMIOS => print_termios(c, arg, Termios::Plain, true, o),
        TCSETS | TCSETSW | TCSETSF | TIOCSLCKTRMIOS => {
            print_termios(c, arg, Termios::Plain, false, o)
        }
        TCGETA => print_termios(c, arg, Termios::Old, true, o),
        TCSETA | TCSETAW | TCSETAF => print_termios(c, arg, Termios::Old, false, o),
        TIOCGWINSZ => print_winsize(c, arg, true, o),
        TIOCSWINSZ => print_winsize(c, arg, false, o),
        TCXONC => xenum(o, c, "tcxonc_options", arg, "TC???"),
        TCFLSH => xenum(o, c, "tcflsh_options", arg, "TC???"),
        TCSBRK | TCSBRKP | TIOCSCTTY => fmt::dec(o, arg as u32 as i32),
        TIOCMGET => print_modem(c, arg, true, o),
        TIOCMBIS | TIOCMBIC | TIOCMSET => print_modem(c, arg, false, o),
        TIOCGPGRP | TIOCGSID | TIOCGETD | TIOCGSOFTCAR | TIOCGPTN | FIONREAD | TIOCOUTQ
        | TIOCGEXCL | TIOCGDEV => print_int_indirect(c, arg, true, o),
        TIOCSPGRP | TIOCSETD | FIONBIO | FIOASYNC | TIOCPKT | TIOCSSOFTCAR | TIOCSPTLCK => {
            print_int_indirect(c, arg, false, o)
        }
        TIOCSTI => print_strn(c, arg, 1, o),
        FICLONE => fmt::dec(o, arg as u32 as i32),
        FIOGETOWN | SIOCATMARK | SIOCGPGRP => print_int_indirect(c, arg, true, o),
        FIOSETOWN | SIOCSPGRP => print_int_indirect(c, arg, false, o),
        SIOCGIFNAME | SIOCGIFFLAGS | SIOCGIFMETRIC | SIOCGIFMTU | SIOCGIFINDEX | SIOCGIFTXQLEN => {
            print_ifreq_get(c, code, arg, o)
        }
        SIOCSIFFLAGS | SIOCSIFMETRIC | SIOCSIFMTU | SIOCSIFTXQLEN | SIOCSIFNAME => {
            print_ifreq_set(c, code, arg, o)
        }
        SIOCGIFADDR | SIOCGIFDSTADDR | SIOCGIFBRDADDR | SIOCGIFNETMASK | SIOCGIFHWADDR
        | SIOCGIFMAP | SIOCGIFSLAVE => print_ifreq_get(c, code, arg, o),
        SIOCSIFADDR | SIOCSIFDSTADDR | SIOCSIFBRDADDR | SIOCSIFNETMASK | SIOCSIFHWADDR
        | SIOCSIFHWBROADCAST | SIOCADDMULTI | SIOCDELMULTI | SIOCSIFMAP | SIOCSIFSLAVE => {
            print_ifreq_set(c, code, arg, o)
        }
        SIOCGIFCONF => print_ifconf(c, a, arg, o),
        FICLONERANGE => print_clone_range(c, arg, o),
        _ if is_fs_getflags(c, code) => print_fs_flags(c, arg, true, o),
        _ if let Some(form) = simple_form(c, code) => return print_simple(c, form, arg, o),
        _ if is_fs_setflags(c, code) => print_fs_flags(c, arg, false, o),
        TIOCSBRK | TIOCCBRK | TIOCCONS | TIOCNOTTY | TIOCEXCL | TIOCNXCL | FIOCLEX | FIONCLEX
        | TIOCVHANGUP | TIOCSSERIAL => return false,
        _ => fmt::hex(o, arg),
    }
    true
}

fn print_int_indirect(c: &Ctx, addr: u64, exit_data: bool, o: &mut String) {
    if let Some(b) = fetch(c, addr, 4, exit_data, o) {
        let _ = write!(o, "[{}]", les(&b, 0, 4));
    }
}

fn print_modem(c: &Ctx, addr: u64, exit_data: bool, o: &mut String) {
    if let Some(b) = fetch(c, addr, 4, exit_data, o) {
        o.push('[');
        xflags(o, c, "modem_flags", le(&b, 0, 4), "TIOCM_???");
        o.push(']');
    }
}

fn print_winsize(c: &Ctx, addr: u64, exit_data: bool, o: &mut String) {
    if let Some(b) = fetch(c, addr, 8, exit_data, o) {
        let _ = write!(
            o,
            "{{ws_row={}, ws_col={}, ws_xpixel={}, ws_ypixel={}}}",
            le(&b, 0, 2),
            le(&b, 2, 2),
            le(&b, 4, 2),
            le(&b, 6, 2)
        );
    }
}

const CBAUD: u64 = 0o10017;
const CIBAUD: u64 = 0o2003600000;
const IBSHIFT: u32 = 16;
const CSIZE: u64 = 0o60;

fn print_termios(c: &Ctx, addr: u64, kind: Termios, exit_data: bool, o: &mut String) {
    let (size, fsz, ncc) = match kind {
        Termios::Old => (18, 2, 8),
        Termios::Plain => (36, 4, 19),
        Termios::Two => (44, 4, 19),
    };
    let Some(b) = fetch(c, addr, size, exit_data, o) else {
        return;
    };
    let iflag = le(&b, 0, fsz);
    let oflag = le(&b, fsz, fsz);
    let cflag = le(&b, 2 * fsz, fsz);
    let lflag = le(&b, 3 * fsz, fsz);
    o.push_str("{c_iflag=");
    xflags(o, c, "term_iflags", iflag, "");
    o.push_str(", c_oflag=");
    let mut rest = oflag;
    for (set, mask, dflt) in [
        ("term_oflags_nldly", 0o400, "NL?"),
        ("term_oflags_crdly", 0o3000, "CR?"),
        ("term_oflags_tabdly", 0o14000, "TAB?"),
        ("term_oflags_bsdly", 0o20000, "BS?"),
        ("term_oflags_vtdly", 0o40000, "VT?"),
        ("term_oflags_ffdly", 0o100000, "FF?"),
    ] {
        xenum(o, c, set, rest & mask, dflt);
        o.push('|');
        rest &= !mask;
    }
    xflags(o, c, "term_oflags", rest, "");
    o.push_str(", c_cflag=");
    xenum(o, c, "baud_options", cflag & CBAUD, "B???");
    o.push('|');
    if cflag & CIBAUD != 0 {
        xenum(o, c, "baud_options", (cflag & CIBAUD) >> IBSHIFT, "B???");
        o.push_str("<<IBSHIFT|");
    }
    xenum(o, c, "term_cflags_csize", cflag & CSIZE, "CS?");
    o.push('|');
    xflags(o, c, "term_cflags", cflag & !(CBAUD | CIBAUD | CSIZE), "");
    o.push_str(", c_lflag=");
    xflags(o, c, "term_lflags", lflag, "");
    if !c.opts.verbose {
        o.push_str(", ...}");
        return;
    }
    let line = 4 * fsz;
    o.push_str(", c_line=");
    xenum(o, c, "term_line_discs", le(&b, line, 1), "N_???");
    o.push_str(", c_cc=[");
    for i in 0..ncc {
        if i > 0 {
            o.push_str(", ");
        }
        o.push('[');
        match xname(c, "termios_cc", i as u64) {
            Some(n) => o.push_str(n),
            None => fmt::dec(o, i),
        }
        o.push_str("]=");
        fmt::hex(o, le(&b, line + 1 + i, 1));
    }
    o.push(']');
    if let Termios::Two = kind {
        let _ = write!(
            o,
            ", c_ispeed={}, c_ospeed={}",
            le(&b, 36, 4),
            le(&b, 40, 4)
        );
    }
    o.push('}');
}

// ---------------------------------------------------------------------------
// poll, select.

fn print_pollfds(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    print_array(c, addr, n, 8, o, |c, b, o| {
        let fd = les(b, 0, 4);
        o.push_str("{fd=");
        print_fd(c, fd, o);
        if fd >= 0 {
            o.push_str(", events=");
            xflags(o, c, "pollflags", le(b, 4, 2), "POLL???");
        }
        o.push('}');
    });
}

#[derive(Clone, Copy)]
enum TimeKind {
    /// struct timespec with fields of this many bytes.
    Timespec(usize),
    Timeval(usize),
}

/// strace's sprint_timespec/sprint_timeval for the `left {...}` of poll and select.
fn sprint_time(c: &Ctx, addr: u64, kind: TimeKind, o: &mut String) {
    let (fsz, name) = match kind {
        TimeKind::Timespec(f) => (f, "tv_nsec"),
        TimeKind::Timeval(f) => (f, "tv_usec"),
    };
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    match read_bytes(c, addr, 2 * fsz) {
        Some(b) if !c.failed() => {
            let _ = write!(
                o,
                "{{tv_sec={}, {name}={}}}",
                les(&b, 0, fsz),
                le(&b, fsz, fsz)
            );
        }
        _ => {
            let _ = write!(o, "{addr:#x}");
        }
    }
}

fn print_poll_ret(c: &Ctx, ts: Option<TimeKind>, o: &mut String) {
    let rv = c.arch().long(c.ret().unwrap_or(0) as u64);
    fmt::dec(o, rv);
    if rv == 0 {
        o.push_str(" (Timeout)");
        return;
    }
    let start = c.arg(0);
    let n = u64::from(c.iarg(1) as u32);
    if start == 0 || n == 0 {
        return;
    }
    let mut s = String::new();
    let max = if c.opts.verbose {
        u64::MAX
    } else {
        c.opts.string_limit as u64
    };
    let mut printed = 0u64;
    for i in 0..n {
        let cur = start.wrapping_add(i * 8);
        let Some(b) = read_bytes(c, cur, 8) else {
            s.push_str(if s.is_empty() { "[" } else { ", " });
            let _ = write!(s, "{cur:#x}");
            break;
        };
        let revents = le(&b, 6, 2);
        if revents == 0 {
            continue;
        }
        s.push_str(if s.is_empty() { "[" } else { ", " });
        if printed >= max {
            s.push_str("...");
            break;
        }
        let _ = write!(s, "{{fd={}, revents=", les(&b, 0, 4));
        xflags(&mut s, c, "pollflags", revents, "");
        s.push('}');
        printed += 1;
    }
    if !s.is_empty() {
        s.push(']');
    }
    if let Some(kind) = ts {
        let pts = c.arg(2);
        if pts != 0 {
            s.push_str(if s.is_empty() { "left " } else { ", left " });
            sprint_time(c, pts, kind, &mut s);
        }
    }
    if !s.is_empty() {
        let _ = write!(o, " ({s})");
    }
}

/// Bytes of an fd_set for `nfds`, rounded to the tracee's long like the kernel.
fn fdset_size(c: &Ctx) -> (i32, usize) {
    let nfds = c.iarg(0).clamp(0, 1024 * 1024);
    let w = c.word();
    let size = ((nfds as usize).div_ceil(8) + w - 1) & !(w - 1);
    (nfds, size)
}

fn set_bits(b: &[u8], nfds: i32) -> impl Iterator<Item = i32> + '_ {
    (0..nfds).filter(move |&j| {
        b.get(j as usize / 8)
            .is_some_and(|byte| byte & (1 << (j % 8)) != 0)
    })
}

fn print_fdset(c: &Ctx, addr: u64, o: &mut String) {
    let (nfds, size) = fdset_size(c);
    if size == 0 {
        fmt::addr(o, addr);
        return;
    }
    let Some(b) = fetch(c, addr, size, false, o) else {
        return;
    };
    o.push('[');
    for (k, j) in set_bits(&b, nfds).enumerate() {
        if k > 0 {
            o.push(' ');
        }
        print_fd(c, j.into(), o);
    }
    o.push(']');
}

fn print_select_ret(c: &Ctx, kind: TimeKind, o: &mut String) {
    let rv = c.arch().long(c.ret().unwrap_or(0) as u64);
    fmt::dec(o, rv);
    if rv == 0 {
        o.push_str(" (Timeout)");
        return;
    }
    let (nfds, size) = fdset_size(c);
    let mut ready = rv;
    let mut s = String::new();
    let mut sep = "";
    for (i, label) in ["in", "out", "except"].iter().enumerate() {
        if ready <= 0 {
            break;
        }
        let addr = c.arg(i + 1);
        let Some(b) = (addr != 0 && size > 0)
            .then(|| read_bytes(c, addr, size))
            .flatten()
        else {
            continue;
        };
        let mut first = true;
        for j in set_bits(&b, nfds) {
            if first {
                let _ = write!(s, "{sep}{label} [{j}");
                first = false;
                sep = ", ";
            } else {
                let _ = write!(s, " {j}");
            }
            ready -= 1;
            if ready == 0 {
                break;
            }
        }
        // strace closes the bracket whenever anything was printed so far.
        if !s.is_empty() {
            s.push(']');
        }
    }
    let tv = c.arg(4);
    if tv != 0 {
        let _ = write!(s, "{sep}left ");
        sprint_time(c, tv, kind, &mut s);
    }
    let _ = write!(o, " ({s})");
}

/// pselect6's last argument: `{sigmask=[...], sigsetsize=8}`.
fn print_sigmask_pair(c: &Ctx, addr: u64, o: &mut String) {
    let w = c.word();
    let Some(b) = fetch(c, addr, 2 * w, false, o) else {
        return;
    };
    let mask = le(&b, 0, w);
    let len = le(&b, w, w);
    o.push_str("{sigmask=");
    print_sigset(c, mask, len, o);
    let _ = write!(o, ", sigsetsize={len}}}");
}

/// A kernel sigset of `len` bytes: `[INT TERM]`, `~[...]` when 2/3 or more are set.
fn print_sigset(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    // NSIG_BYTES is 8 on every personality we decode.
    if len == 0 || len > 8 {
        fmt::addr(o, addr);
        return;
    }
    let Some(b) = fetch(c, addr, len as usize, false, o) else {
        return;
    };
    let words = (len as usize).div_ceil(4);
    let mut bits = le(&b, 0, len as usize);
    let nbits = words * 32;
    if (bits.count_ones() as usize) >= nbits * 2 / 3 {
        o.push('~');
        bits = !bits
            & if nbits == 64 {
                u64::MAX
            } else {
                (1u64 << nbits) - 1
            };
    }
    o.push('[');
    let mut first = true;
    for i in 0..nbits {
        if bits & (1 << i) == 0 {
            continue;
        }
        if !first {
            o.push(' ');
        }
        first = false;
        let mut name = String::new();
        super::signal::print_signame(&mut name, i as i32 + 1);
        o.push_str(name.strip_prefix("SIG").unwrap_or(&name));
    }
    o.push(']');
}

// ---------------------------------------------------------------------------
// epoll, memfd.

/// x86 packs struct epoll_event (12 bytes); elsewhere `data` is 8-byte aligned.
fn epoll_event_size(arch: Arch) -> usize {
    match arch {
        Arch::X86_64 | Arch::I386 | Arch::X32 => 12,
        _ => 16,
    }
}

fn print_epoll_event(c: &Ctx, b: &[u8], o: &mut String) {
    let data_off = if b.len() == 12 { 4 } else { 8 };
    o.push_str("{events=");
    xflags(o, c, "epollevents", le(b, 0, 4), "EPOLL???");
    let data = le(b, data_off, 8);
    let _ = write!(o, ", data={{u32={}, u64={data}}}}}", data as u32);
}

// ---------------------------------------------------------------------------
// Linux AIO.

/// struct iocb (the same 64-byte layout on every personality). `header_only` is
/// io_cancel's form: the fields up to aio_fildes.
fn print_iocb(c: &Ctx, b: &[u8], header_only: bool, o: &mut String) {
    let key = le(b, 8, 4);
    let rw_flags = le(b, 12, 4);
    let opcode = le(b, 16, 2);
    let reqprio = les(b, 18, 2);
    let flags = le(b, 56, 4);
    let _ = write!(o, "{{aio_data=");
    fmt::hex(o, le(b, 0, 8));
    if key != 0 {
        let _ = write!(o, ", aio_key={key}");
    }
    if rw_flags != 0 {
        o.push_str(", aio_rw_flags=");
        xflags(o, c, "rwf_flags", rw_flags, "RWF_???");
    }
    o.push_str(", aio_lio_opcode=");
    match xname(c, "aio_cmds", opcode) {
        Some(n) => o.push_str(n),
        None => {
            let _ = write!(o, "{opcode} /* IOCB_CMD_??? */");
        }
    }
    if reqprio != 0 {
        let _ = write!(o, ", aio_reqprio={reqprio}");
    }
    o.push_str(", aio_fildes=");
    print_fd(c, le(b, 20, 4) as u32 as i32 as i64, o);
    if header_only {
        o.push('}');
        return;
    }
    let buf = le(b, 24, 8);
    let nbytes = le(b, 32, 8);
    let offset = les(b, 40, 8);
    // Within the tracee's address space and a non-negative ssize_t.
    let valid = (c.word() == 8 || buf <= u64::from(u32::MAX))
        && (c.word() == 8 || nbytes <= u64::from(u32::MAX))
        && (if c.word() == 8 {
            (nbytes as i64) >= 0
        } else {
            (nbytes as u32 as i32) >= 0
        });
    match opcode {
        0 | 1 => {
            o.push_str(", aio_buf=");
            if opcode == 1 && valid {
                print_strn(c, buf, nbytes, o);
            } else {
                fmt::hex(o, buf);
            }
            let _ = write!(o, ", aio_nbytes={nbytes}, aio_offset={offset}");
            print_iocb_flags(c, b, flags, o);
        }
        7 | 8 => {
            if valid {
                o.push_str(", aio_buf=");
                if opcode == 8 {
                    print_iovec(c, buf, nbytes, None, o);
                } else {
                    print_iovec_addrs(c, buf, nbytes, o);
                }
            } else {
                o.push_str(", aio_buf=");
                fmt::hex(o, buf);
                let _ = write!(o, ", aio_nbytes={nbytes}");
            }
            let _ = write!(o, ", aio_offset={offset}");
            print_iocb_flags(c, b, flags, o);
        }
        5 => {
            o.push_str(", aio_buf=");
            xflags(o, c, "pollflags", buf, "POLL???");
            print_iocb_flags(c, b, flags, o);
        }
        _ => {}
    }
    o.push('}');
}

fn print_iocb_flags(c: &Ctx, b: &[u8], flags: u64, o: &mut String) {
    let resfd = le(b, 60, 4);
    if flags != 0 {
        o.push_str(", aio_flags=");
        xflags(o, c, "aio_iocb_flags", flags, "IOCB_FLAG_???");
    }
    if flags & 1 != 0 {
        o.push_str(", aio_resfd=");
        print_fd(c, resfd as u32 as i32 as i64, o);
    } else if resfd != 0 {
        o.push_str(", aio_resfd=");
        fmt::hex(o, resfd);
    }
}

fn print_io_event(_: &Ctx, b: &[u8], o: &mut String) {
    o.push_str("{data=");
    fmt::hex(o, le(b, 0, 8));
    o.push_str(", obj=");
    fmt::hex(o, le(b, 8, 8));
    let _ = write!(o, ", res={}, res2={}}}", les(b, 16, 8), les(b, 24, 8));
}

const MFD_HUGE_SHIFT: u32 = 26;
const MFD_HUGE_MASK: u32 = 0x3f << MFD_HUGE_SHIFT;

fn print_memfd_flags(c: &Ctx, flags: u32, o: &mut String) {
    if flags == 0 {
        o.push('0');
        return;
    }
    let huge = flags & MFD_HUGE_MASK;
    let rest = flags & !MFD_HUGE_MASK;
    if rest != 0 || huge == 0 {
        xflags(o, c, "memfd_create_flags", rest.into(), "MFD_???");
    }
    if huge != 0 {
        if rest != 0 {
            o.push('|');
        }
        let _ = write!(o, "{}<<MFD_HUGE_SHIFT", huge >> MFD_HUGE_SHIFT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::DecodeOptions;
    use crate::record::RecordedMemory;
    use crate::record::SyscallRecord;
    use crate::render::text::{render_named, render_one};

    /// strace's line: the call, padding to column 40, the result.
    fn line(call: &str, ret: &str) -> String {
        format!("{:<39} = {ret}", call)
    }

    fn x64(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
        render_named(Arch::X86_64, name, args, Some(ret), mem)
    }

    fn i32s(v: &[i32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    fn u64s(v: &[u64]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    #[test]
    fn pipe2_pair_and_failure() {
        let m = RecordedMemory::new().with(0x1000, i32s(&[3, 4]));
        assert_eq!(
            x64("pipe2", [0x1000, 0o2000000, 0, 0, 0, 0], 0, &m),
            line("pipe2([3, 4], O_CLOEXEC)", "0")
        );
        assert_eq!(
            x64("pipe2", [0x1000, 0o4000 | 0o2000000, 0, 0, 0, 0], -24, &m),
            line(
                "pipe2(0x1000, O_NONBLOCK|O_CLOEXEC)",
                "-1 EMFILE (Too many open files)"
            )
        );
        assert_eq!(
            x64("pipe", [0x1000, 0, 0, 0, 0, 0], 0, &m),
            line("pipe([3, 4])", "0")
        );
    }

    #[test]
    fn dup3_and_lseek() {
        let m = RecordedMemory::new();
        assert_eq!(
            x64("dup3", [4, 11, 0o2000000, 0, 0, 0], 11, &m),
            line("dup3(4, 11, O_CLOEXEC)", "11")
        );
        assert_eq!(
            x64("lseek", [7, (-3i64) as u64, 2, 0, 0, 0], 9, &m),
            line("lseek(7, -3, SEEK_END)", "9")
        );
        assert_eq!(
            x64("lseek", [7, 1, 77, 0, 0, 0], -22, &m),
            line(
                "lseek(7, 1, 0x4d /* SEEK_??? */)",
                "-1 EINVAL (Invalid argument)"
            )
        );
    }

    #[test]
    fn readv_limits_data_by_return_value() {
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[0x2000, 4, 0x3000, 100]))
            .with(0x2000, b"hell".to_vec())
            .with(0x3000, b"o world\n".to_vec());
        assert_eq!(
            x64("readv", [7, 0x1000, 2, 0, 0, 0], 12, &m),
            line(
                "readv(7, [{iov_base=\"hell\", iov_len=4}, {iov_base=\"o world\\n\", iov_len=100}], 2)",
                "12"
            )
        );
        assert_eq!(
            x64("readv", [7, 0x1000, 2, 0, 0, 0], -9, &m),
            line(
                "readv(7, [{iov_base=0x2000, iov_len=4}, {iov_base=0x3000, iov_len=100}], 2)",
                "-1 EBADF (Bad file descriptor)"
            )
        );
        // Unreadable array: its address.
        assert_eq!(
            x64("readv", [7, 0x9000, 2, 0, 0, 0], 0, &m),
            line("readv(7, 0x9000, 2)", "0")
        );
    }

    #[test]
    fn writev_i386_layout_and_lookahead() {
        let mut arr = i32s(&[0x2000, 3, 0x3000, 2]);
        arr.truncate(16);
        let m = RecordedMemory::new()
            .with(0x1000, arr)
            .with(0x2000, b"abc".to_vec())
            .with(0x3000, b"\x011".to_vec());
        assert_eq!(
            render_named(Arch::I386, "writev", [1, 0x1000, 2, 0, 0, 0], Some(5), &m),
            line(
                "writev(1, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"\\0011\", iov_len=2}], 2)",
                "5"
            )
        );
        // Escapes never look past the -s limit, even when an octal digit follows.
        let mut data = vec![b'a'; 31];
        data.extend_from_slice(b"\x01234");
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[0x2000, 35]))
            .with(0x2000, data);
        let want = format!(
            "writev(1, [{{iov_base=\"{}\\1\"..., iov_len=35}}], 1)",
            "a".repeat(31)
        );
        assert_eq!(
            x64("writev", [1, 0x1000, 1, 0, 0, 0], 35, &m),
            line(&want, "35")
        );
    }

    #[test]
    fn iovec_array_abbreviated_after_s_elements() {
        let mut arr = Vec::new();
        for _ in 0..40 {
            arr.extend(u64s(&[0x2000, 1]));
        }
        let m = RecordedMemory::new()
            .with(0x1000, arr)
            .with(0x2000, b"x".to_vec());
        let got = x64("writev", [1, 0x1000, 40, 0, 0, 0], 40, &m);
        let elems = vec!["{iov_base=\"x\", iov_len=1}"; 32].join(", ");
        assert_eq!(got, line(&format!("writev(1, [{elems}, ...], 40)"), "40"));
    }

    #[test]
    fn preadv2_flags_after_split_offset() {
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[0x2000, 4]))
            .with(0x2000, b"hell".to_vec());
        assert_eq!(
            x64("preadv2", [7, 0x1000, 1, 0, 0, 8], 4, &m),
            line(
                "preadv2(7, [{iov_base=\"hell\", iov_len=4}], 1, 0, RWF_NOWAIT)",
                "4"
            )
        );
        assert_eq!(
            render_named(Arch::I386, "pwrite64", [7, 0x2000, 2, 1, 1, 0], Some(2), &m),
            line("pwrite64(7, \"he\", 2, 4294967297)", "2")
        );
    }

    #[test]
    fn fcntl_commands() {
        let m = RecordedMemory::new();
        assert_eq!(
            x64("fcntl", [3, 3, 0, 0, 0, 0], 0x8002, &m),
            line("fcntl(3, F_GETFL)", "0x8002 (flags O_RDWR|O_LARGEFILE)")
        );
        assert_eq!(
            x64("fcntl", [3, 1, 0, 0, 0, 0], 1, &m),
            line("fcntl(3, F_GETFD)", "0x1 (flags FD_CLOEXEC)")
        );
        assert_eq!(
            x64("fcntl", [3, 1, 0, 0, 0, 0], 0, &m),
            line("fcntl(3, F_GETFD)", "0")
        );
        assert_eq!(
            x64("fcntl", [3, 4, 0o4002, 0, 0, 0], 0, &m),
            line("fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK)", "0")
        );
        assert_eq!(
            x64("fcntl", [3, 1030, 30, 0, 0, 0], 30, &m),
            line("fcntl(3, F_DUPFD_CLOEXEC, 30)", "30")
        );
        assert_eq!(
            x64("fcntl", [3, 12345, 7, 0, 0, 0], -22, &m),
            line(
                "fcntl(3, 0x3039 /* F_??? */, 0x7)",
                "-1 EINVAL (Invalid argument)"
            )
        );
        assert_eq!(
            x64("fcntl", [3, 1034, 0, 0, 0, 0], 6, &m),
            line(
                "fcntl(3, F_GET_SEALS)",
                "0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)"
            )
        );
    }

    #[test]
    fn fcntl_flock_layouts() {
        // x86_64 struct flock: shorts, then 8-byte start/len, then pid.
        let mut fl = vec![0u8; 32];
        fl[0..2].copy_from_slice(&2u16.to_le_bytes());
        fl[8..16].copy_from_slice(&0i64.to_le_bytes());
        fl[16..24].copy_from_slice(&5i64.to_le_bytes());
        fl[24..28].copy_from_slice(&77i32.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, fl);
        assert_eq!(
            x64("fcntl", [7, 5, 0x1000, 0, 0, 0], 0, &m),
            line(
                "fcntl(7, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=5, l_pid=77})",
                "0"
            )
        );
        assert_eq!(
            x64("fcntl", [7, 5, 0x1000, 0, 0, 0], -14, &m),
            line("fcntl(7, F_GETLK, 0x1000)", "-1 EFAULT (Bad address)")
        );
        // A set command shows its struct even when it fails.
        assert_eq!(
            x64("fcntl", [7, 6, 0x1000, 0, 0, 0], -11, &m),
            line(
                "fcntl(7, F_SETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=5})",
                "-1 EAGAIN (Resource temporarily unavailable)"
            )
        );
        // i386: 4-byte start/len in struct flock; flock64 packs start at offset 4.
        let mut fl = vec![0u8; 24];
        fl[0..2].copy_from_slice(&1u16.to_le_bytes());
        fl[2..4].copy_from_slice(&1u16.to_le_bytes());
        fl[4..8].copy_from_slice(&10i32.to_le_bytes());
        fl[8..12].copy_from_slice(&20i32.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, fl);
        assert_eq!(
            render_named(Arch::I386, "fcntl64", [7, 6, 0x1000, 0, 0, 0], Some(0), &m),
            line(
                "fcntl64(7, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=10, l_len=20})",
                "0"
            )
        );
        assert_eq!(
            render_named(Arch::I386, "fcntl64", [7, 13, 0x1000, 0, 0, 0], Some(0), &m),
            line(
                "fcntl64(7, F_SETLK64, {l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=85899345930, l_len=0})",
                "0"
            )
        );
    }

    fn termios_bytes() -> Vec<u8> {
        let mut t = i32s(&[
            0o400 | 0o2000,
            0o1 | 0o4,
            0o17 | 0o60 | 0o200,
            0o1 | 0o2 | 0o10,
        ]);
        t.push(0);
        t.extend_from_slice(&[
            3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0,
        ]);
        t
    }

    #[test]
    fn ioctl_terminal_requests() {
        let m = RecordedMemory::new().with(0x1000, termios_bytes());
        assert_eq!(
            x64("ioctl", [1, 0x5401, 0x1000, 0, 0, 0], 0, &m),
            line(
                "ioctl(1, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO, ...})",
                "0"
            )
        );
        let rec = SyscallRecord {
            arch: Arch::X86_64,
            nr: 16,
            args: [0, 0x5401, 0x1000, 0, 0, 0],
            ret: Some(0),
        };
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        assert_eq!(
            render_one(&rec, &m, &opts),
            line(
                "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO, c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, [VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0, [VSTART]=0x11, [VSTOP]=0x13, [VSUSP]=0x1a, [VEOL]=0, [VREPRINT]=0x12, [VDISCARD]=0xf, [VWERASE]=0x17, [VLNEXT]=0x16, [VEOL2]=0, [17]=0, [18]=0]})",
                "0"
            )
        );
        assert_eq!(
            x64("ioctl", [1, 0x5401, 0x7ffd0000, 0, 0, 0], -25, &m),
            line(
                "ioctl(1, TCGETS, 0x7ffd0000)",
                "-1 ENOTTY (Inappropriate ioctl for device)"
            )
        );
        let ws = RecordedMemory::new().with(0x1000, [24u8, 0, 80, 0, 0, 0, 0, 0].to_vec());
        assert_eq!(
            x64("ioctl", [1, 0x5413, 0x1000, 0, 0, 0], 0, &ws),
            line(
                "ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0})",
                "0"
            )
        );
        assert_eq!(
            x64("ioctl", [3, 0x5451, 0, 0, 0, 0], 0, &ws),
            line("ioctl(3, FIOCLEX)", "0")
        );
        assert_eq!(
            x64("ioctl", [3, 0x540b, 0, 0, 0, 0], 0, &ws),
            line("ioctl(3, TCFLSH, TCIFLUSH)", "0")
        );
        let n = RecordedMemory::new().with(0x1000, i32s(&[3]));
        assert_eq!(
            x64("ioctl", [3, 0x541b, 0x1000, 0, 0, 0], 0, &n),
            line("ioctl(3, FIONREAD, [3])", "0")
        );
    }

    #[test]
    fn ioctl_unknown_request_form() {
        let m = RecordedMemory::new();
        assert_eq!(
            x64("ioctl", [7, 0x8008_1234, 0x1000, 0, 0, 0], -25, &m),
            line(
                "ioctl(7, _IOC(_IOC_READ, 0x12, 0x34, 0x8), 0x1000)",
                "-1 ENOTTY (Inappropriate ioctl for device)"
            )
        );
        assert_eq!(
            x64("ioctl", [7, 0xee01, 0, 0, 0, 0], -25, &m),
            line(
                "ioctl(7, _IOC(_IOC_NONE, 0xee, 0x1, 0), 0)",
                "-1 ENOTTY (Inappropriate ioctl for device)"
            )
        );
    }

    #[test]
    fn poll_and_epoll() {
        let mut pf = i32s(&[3]);
        pf.extend_from_slice(&[1, 0, 1, 0]);
        pf.extend(i32s(&[-1]));
        pf.extend_from_slice(&[1, 0, 0, 0]);
        let m = RecordedMemory::new().with(0x1000, pf);
        assert_eq!(
            x64("poll", [0x1000, 2, 0, 0, 0, 0], 1, &m),
            line(
                "poll([{fd=3, events=POLLIN}, {fd=-1}], 2, 0)",
                "1 ([{fd=3, revents=POLLIN}])"
            )
        );
        assert_eq!(
            x64("poll", [0x1000, 2, 100, 0, 0, 0], 0, &m),
            line(
                "poll([{fd=3, events=POLLIN}, {fd=-1}], 2, 100)",
                "0 (Timeout)"
            )
        );
        // x86 packs epoll_event into 12 bytes; aarch64 aligns data to 8.
        let mut ev = 1u32.to_le_bytes().to_vec();
        ev.extend(5u64.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, ev);
        assert_eq!(
            x64("epoll_wait", [4, 0x1000, 8, (-1i64) as u64, 0, 0], 1, &m),
            line(
                "epoll_wait(4, [{events=EPOLLIN, data={u32=5, u64=5}}], 8, -1)",
                "1"
            )
        );
        let mut ev = 4u32.to_le_bytes().to_vec();
        ev.extend([0u8; 4]);
        ev.extend(0x1_0000_0006u64.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, ev);
        assert_eq!(
            render_named(
                Arch::Aarch64,
                "epoll_ctl",
                [4, 1, 6, 0x1000, 0, 0],
                Some(0),
                &m
            ),
            line(
                "epoll_ctl(4, EPOLL_CTL_ADD, 6, {events=EPOLLOUT, data={u32=6, u64=4294967302}})",
                "0"
            )
        );
        assert_eq!(
            x64("epoll_ctl", [4, 2, 6, 0x1000, 0, 0], 0, &m),
            line("epoll_ctl(4, EPOLL_CTL_DEL, 6, 0x1000)", "0")
        );
        assert_eq!(
            x64("epoll_wait", [4, 0x1000, 8, 0, 0, 0], -4, &m),
            line(
                "epoll_wait(4, 0x1000, 8, 0)",
                "-1 EINTR (Interrupted system call)"
            )
        );
    }

    #[test]
    fn memfd_eventfd_sendfile() {
        let m = RecordedMemory::new()
            .with(0x1000, b"mytest\0".to_vec())
            .with(0x2000, 2u64.to_le_bytes().to_vec());
        assert_eq!(
            x64("memfd_create", [0x1000, 3, 0, 0, 0, 0], 14, &m),
            line(
                "memfd_create(\"mytest\", MFD_CLOEXEC|MFD_ALLOW_SEALING)",
                "14"
            )
        );
        assert_eq!(
            x64("memfd_create", [0x1000, 4 | (21 << 26), 0, 0, 0, 0], 15, &m),
            line(
                "memfd_create(\"mytest\", MFD_HUGETLB|21<<MFD_HUGE_SHIFT)",
                "15"
            )
        );
        assert_eq!(
            x64("eventfd2", [0, 0x80801, 0, 0, 0, 0], 13, &m),
            line("eventfd2(0, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK)", "13")
        );
        assert_eq!(
            x64("sendfile", [16, 7, 0x2000, 5, 0, 0], 5, &m),
            line("sendfile(16, 7, [2] => [2], 5)", "5")
        );
        assert_eq!(
            x64("sendfile", [16, 7, 0, 5, 0, 0], 0, &m),
            line("sendfile(16, 7, NULL, 5)", "0")
        );
        assert_eq!(
            x64("splice", [3, 0, 16, 0x2000, 3, 1], 3, &m),
            line("splice(3, NULL, 16, [2], 3, SPLICE_F_MOVE)", "3")
        );
    }

    #[test]
    fn aio_submit_and_cancel() {
        let mut cb = vec![0u8; 64];
        cb[16] = 1; // IOCB_CMD_PWRITE
        cb[20] = 3;
        cb[24..32].copy_from_slice(&0x3000u64.to_le_bytes());
        cb[32..40].copy_from_slice(&2u64.to_le_bytes());
        let m = RecordedMemory::new()
            .with(0x1000, 0x2000u64.to_le_bytes().to_vec())
            .with(0x2000, cb)
            .with(0x3000, b"hi".to_vec());
        assert_eq!(
            x64("io_submit", [0x7f00_0000_0000, 1, 0x1000, 0, 0, 0], 1, &m),
            line(
                "io_submit(0x7f0000000000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3, aio_buf=\"hi\", aio_nbytes=2, aio_offset=0}])",
                "1"
            )
        );
        assert_eq!(
            x64(
                "io_cancel",
                [0x7f00_0000_0000, 0x2000, 0x4000, 0, 0, 0],
                -22,
                &m
            ),
            line(
                "io_cancel(0x7f0000000000, {aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3}, 0x4000)",
                "-1 EINVAL (Invalid argument)"
            )
        );
    }

    /// Arbitrary registers and memory must never panic a decoder.
    #[test]
    fn survives_garbage() {
        let text = include_str!("../../syscall-tables/signatures/fdio.tsv");
        let names: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let garbage: Vec<u8> = (0..4096).map(|_| rnd() as u8).collect();
        let m = RecordedMemory::new().with(0x1000, garbage);
        for arch in Arch::ALL {
            for name in &names {
                let Some(nr) = arch.syscall_number(name) else {
                    continue;
                };
                for round in 0..40u64 {
                    let mut args = [0u64; 6];
                    for a in args.iter_mut() {
                        *a = match rnd() % 5 {
                            0 => 0x1000 + rnd() % 4200,
                            1 => rnd() % 64,
                            2 => rnd(),
                            3 => 0,
                            _ => u64::from(rnd() as u32),
                        };
                    }
                    if name.starts_with("ioctl") || name.starts_with("fcntl") {
                        args[1] = [0x5401, 0x5413, 0x541b, 5, 4, 3, 36, 13, 0x802c_542a]
                            [round as usize % 9];
                    }
                    let ret = [0, -14, 1, 40, 7, -4095][round as usize % 6];
                    let rec = SyscallRecord {
                        arch,
                        nr,
                        args,
                        ret: Some(ret),
                    };
                    let opts = DecodeOptions {
                        verbose: round % 2 == 0,
                        string_limit: (round % 7) as usize * 9,
                        ..DecodeOptions::default()
                    };
                    let _ = render_one(&rec, &m, &opts);
                }
            }
        }
    }

    fn ret_with(
        arch: Arch,
        name: &str,
        args: [u64; 6],
        ret: i64,
        m: &RecordedMemory,
        f: fn(&Ctx, &mut String),
    ) -> String {
        let rec = SyscallRecord {
            arch,
            nr: arch.syscall_number(name).unwrap(),
            args,
            ret: Some(ret),
        };
        let opts = DecodeOptions::default();
        let saved = [0u64; 6];
        let ctx = Ctx {
            rec: &rec,
            mem: m,
            opts: &opts,
            saved: &saved,
        };
        let mut o = String::new();
        f(&ctx, &mut o);
        o
    }

    #[test]
    fn select_and_ppoll_return_summaries() {
        // nfds 5: one long of bits; in-set {3}, out-set {4}; timeval {1, 999}.
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[1 << 3]))
            .with(0x2000, u64s(&[1 << 4]))
            .with(0x3000, u64s(&[1, 999]));
        let sel = |ret| {
            ret_with(
                Arch::X86_64,
                "select",
                [5, 0x1000, 0x2000, 0, 0x3000, 0],
                ret,
                &m,
                |c, o| print_select_ret(c, TimeKind::Timeval(8), o),
            )
        };
        assert_eq!(sel(2), "2 (in [3], out [4], left {tv_sec=1, tv_usec=999})");
        assert_eq!(sel(1), "1 (in [3], left {tv_sec=1, tv_usec=999})");
        assert_eq!(sel(0), "0 (Timeout)");
        let mut o = String::new();
        let rec = SyscallRecord {
            arch: Arch::X86_64,
            nr: 23,
            args: [5, 0x1000, 0, 0, 0, 0],
            ret: None,
        };
        let opts = DecodeOptions::default();
        let ctx = Ctx {
            rec: &rec,
            mem: &m,
            opts: &opts,
            saved: &[0; 6],
        };
        print_fdset(&ctx, 0x1000, &mut o);
        o.push(' ');
        print_fdset(&ctx, 0, &mut o);
        o.push(' ');
        print_fdset(&ctx, 0x9000, &mut o);
        assert_eq!(o, "[3] NULL 0x9000");
        // ppoll: revents at offset 6; the timespec left over.
        let mut pf = i32s(&[7]);
        pf.extend_from_slice(&[1, 0, 4, 0]);
        let m = RecordedMemory::new()
            .with(0x1000, pf)
            .with(0x2000, u64s(&[0, 5000]));
        assert_eq!(
            ret_with(
                Arch::X86_64,
                "ppoll",
                [0x1000, 1, 0x2000, 0, 8, 0],
                1,
                &m,
                |c, o| print_poll_ret(c, Some(TimeKind::Timespec(8)), o)
            ),
            "1 ([{fd=7, revents=POLLOUT}], left {tv_sec=0, tv_nsec=5000})"
        );
        // pselect6's {sigmask, size} pair, i386 layout.
        let m = RecordedMemory::new()
            .with(0x1000, i32s(&[0x2000, 8]))
            .with(0x2000, u64s(&[(1 << 1) | (1 << 14)]));
        let mut o = String::new();
        let rec = SyscallRecord {
            arch: Arch::I386,
            nr: 308,
            args: [0; 6],
            ret: None,
        };
        let ctx = Ctx {
            rec: &rec,
            mem: &m,
            opts: &opts,
            saved: &[0; 6],
        };
        print_sigmask_pair(&ctx, 0x1000, &mut o);
        assert!(o.starts_with("{sigmask=["), "{o}");
        assert!(o.ends_with("], sigsetsize=8}"), "{o}");
    }

    #[test]
    fn split_offsets_per_personality() {
        let m = RecordedMemory::new().with(0x2000, b"hello".to_vec());
        assert_eq!(
            render_named(Arch::Arm, "pwrite64", [7, 0x2000, 2, 0, 1, 1], Some(2), &m),
            line("pwrite64(7, \"he\", 2, 4294967297)", "2")
        );
        assert_eq!(
            render_named(Arch::I386, "readahead", [7, 5, 0, 4096, 0, 0], Some(0), &m),
            line("readahead(7, 5, 4096)", "0")
        );
        assert_eq!(
            render_named(Arch::Arm, "readahead", [7, 0, 5, 0, 4096, 0], Some(0), &m),
            line("readahead(7, 5, 4096)", "0")
        );
        assert_eq!(
            x64("readahead", [7, 5, 4096, 0, 0, 0], 0, &m),
            line("readahead(7, 5, 4096)", "0")
        );
        // preadv's halves are explicit arguments: no realignment on arm.
        let v = RecordedMemory::new()
            .with(0x1000, i32s(&[0x2000, 5]))
            .with(0x2000, b"hello".to_vec());
        assert_eq!(
            render_named(Arch::Arm, "pwritev", [7, 0x1000, 1, 3, 0, 0], Some(5), &v),
            line("pwritev(7, [{iov_base=\"hello\", iov_len=5}], 1, 3)", "5")
        );
    }

    #[test]
    fn ifconf_before_and_after() {
        // struct ifconf {int len; char *buf} with room for 4 ifreqs; the kernel filled 1.
        let mut conf = 40i32.to_le_bytes().to_vec();
        conf.extend([0u8; 4]);
        conf.extend(0x2000u64.to_le_bytes());
        let mut req = b"lo".to_vec();
        req.resize(16, 0);
        req.extend(2u16.to_le_bytes());
        req.extend([0, 0, 127, 0, 0, 1]);
        req.resize(40, 0);
        let m = RecordedMemory::new().with(0x1000, conf).with(0x2000, req);
        assert_eq!(
            x64("ioctl", [3, 0x8912, 0x1000, 0, 0, 0], 0, &m),
            line(
                "ioctl(3, SIOCGIFCONF, {ifc_len=40 /* 1 * sizeof(struct ifreq) */, ifc_buf=[{ifr_name=\"lo\", ifr_addr={sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}]})",
                "0"
            )
        );
    }

    #[test]
    fn strace_dflt_comments() {
        let m = RecordedMemory::new();
        assert_eq!(
            x64("tee", [3, 6, 1, 0x100, 0, 0], -22, &m),
            line(
                "tee(3, 6, 1, 0x100 /* SPLICE_F_??? */)",
                "-1 EINVAL (Invalid argument)"
            )
        );
        assert_eq!(
            x64("epoll_ctl", [7, 9, 3, 0, 0, 0], -22, &m),
            line(
                "epoll_ctl(7, 0x9 /* EPOLL_CTL_??? */, 3, NULL)",
                "-1 EINVAL (Invalid argument)"
            )
        );
    }
}
