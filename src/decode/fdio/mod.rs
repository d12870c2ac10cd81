//! fd I/O and multiplexing: read/write and their vector and positional forms, pipes,
//! dup, fcntl, ioctl (terminal requests and strace's generic `_IOC(...)` form),
//! poll/select/epoll, eventfd, sendfile/splice/tee, memfd_create and friends.
//!
//! Several of these calls print differently depending on another argument (fcntl's
//! command, ioctl's request) or append a summary to the return value (`= 1 ([{fd=3,
//! revents=POLLIN}])`), so besides argument types this module registers return types.
//!
//! This file holds the registries; the decoders are split by topic: `rw` (offsets,
//! iovecs, pipe, sendfile, memfd), `fcntl`, `request` (ioctl names, terminal, file
//! and block requests), `ifreq` (socket ioctls), `poll` (poll, select, epoll) and
//! `aio`; strace's fetch and print primitives they use are `bytes`' and `array`'s. The
//! registries stay here so that one list shows every type name the fdio signatures may
//! use.

use super::fmt;
use super::{ArgType, Ctx, RetType, ty};
use crate::decode::array::print_array;
use crate::decode::bytes::{
    le, print_dec_at, print_enum, print_enum_of, print_flags_of, print_strn, read_or_addr,
    word_param,
};
use crate::table::{ArgSpec, Param, Xlat};
use aio::{print_io_event, print_iocb};
use fcntl::{print_fcntl_arg, print_fcntl_ret};
use ifreq::{capture_ifconf, capture_ifconf_buf};
use poll::{
    TimeKind, epoll_event_size, print_epoll_event, print_fdset, print_poll_ret, print_pollfds,
    print_select_ret, print_sigmask_pair,
};
use request::{print_ioctl_arg, print_ioctl_req};
use rw::{capture_off, lld, lld_regs, print_fd_pair, print_memfd_flags, print_off_inout};

mod aio;
mod fcntl;
mod ifreq;
pub(crate) mod mq;
mod poll;
mod request;
mod rw;
#[cfg(test)]
mod test_util;
pub(crate) mod uring;
mod uring_register;
pub(crate) use uring_register::capture_uring_register_list;

pub use rw::{print_iovec, print_iovec_addrs};

pub static TYPES: &[ArgType] = &[
    // Its entry capture is a list: see decode::LIST_CAPTURES.
    ty(
        "uring_register_arg",
        uring_register::print_uring_register_arg,
    ),
    // read/write data: basic's `buf`, but fetching -s+1 bytes as strace does (a buffer
    // whose memory ends right at the limit prints as an address).
    ty("iobuf", |c, a, o| {
        let addr = c.arg(a.index);
        if a.out && c.failed() {
            fmt::addr(o, addr);
        } else {
            print_strn(c, addr, c.len_of(a.param(0)).unwrap_or(0), true, o);
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
        print_xlat_dflt(c, a, print_flags_of, o)
    }),
    ty("enum_dflt", |c, a, o| {
        print_xlat_dflt(c, a, print_enum_of, o)
    }),
    ty("whence", |c, a, o| {
        print_enum(
            c,
            "whence_codes",
            c.arg(a.index) & 0xffff_ffff,
            "SEEK_???",
            o,
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
        print_dec_at(c, c.arg(a.index), false, 8, true, o);
        true
    }),
    ArgType {
        name: "sendfile_off",
        print: print_off_inout,
        capture: Some(capture_off),
    },
    ArgType {
        name: "sendfile64_off",
        print: print_off_inout,
        capture: Some(capture_off),
    },
    ty("fcntl_cmd", |c, a, o| {
        let cmd = c.iarg(a.index) as u32;
        print_enum(c, "fcntlcmds", cmd.into(), "F_???", o);
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
        } else if let Some(b) = read_or_addr(c, addr, epoll_event_size(c.arch()), false, o) {
            print_epoll_event(c, &b, o);
        }
        true
    }),
    ty("epoll_events", |c, a, o| {
        let n = filled(c);
        let size = epoll_event_size(c.arch());
        print_array(c, c.arg(a.index), n, size, o, |o, b| {
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
            print_array(c, addr, nr as u64, w, o, |o, b| {
                print_iocb(c, le(b, 0, w), false, o);
            });
        }
        true
    }),
    ty("iocb_header", |c, a, o| {
        print_iocb(c, c.arg(a.index), true, o);
        true
    }),
    ty("io_events", |c, a, o| {
        print_array(c, c.arg(a.index), filled(c), 32, o, |o, b| {
            print_io_event(c, b, o)
        });
        true
    }),
    ty("io_event", |c, a, o| {
        if let Some(b) = read_or_addr(c, c.arg(a.index), 32, true, o) {
            print_io_event(c, &b, o);
        }
        true
    }),
    ty("io_ctx_out", |c, a, o| {
        // io_setup's `[ctx]`: a pointer-sized number, address when it failed.
        let addr = c.arg(a.index);
        if let Some(b) = read_or_addr(c, addr, c.word(), true, o) {
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

/// A `flags_dflt`/`enum_dflt` row: its xlat printed by `print` with the row's dflt,
/// hex when the row names no xlat.
fn print_xlat_dflt(
    c: &Ctx,
    a: &ArgSpec,
    print: fn(&Ctx, Option<&Xlat>, u64, &str, &mut String),
    o: &mut String,
) -> bool {
    // Flags and enums are `int`s (strace's printflags/printxval): low 32 bits.
    let v = u64::from(c.arg(a.index) as u32);
    print(c, a.xlat(), v, word_param(a).unwrap_or(""), o);
    true
}

/// Elements of an output array the kernel filled: the return value, or unbounded when
/// the call failed (print_array then stops where memory ends, like strace).
fn filled(c: &Ctx) -> u64 {
    if c.failed() {
        u64::MAX
    } else {
        c.ret().unwrap_or(0) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::test_util::*;

    /// Arbitrary registers and memory must never panic a decoder.
    #[test]
    fn survives_garbage() {
        let text = include_str!("../../../syscall-tables/signatures/fdio.tsv");
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
