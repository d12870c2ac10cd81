//! Argument types that need no knowledge of a syscall's domain: integers, addresses,
//! strings, byte buffers, fds, and values named by an xlat set.

use super::fmt::{self, Quote};
use super::{ArgType, Ctx, RetType, ty};
use crate::table::{ArgSpec, Param};

pub static TYPES: &[ArgType] = &[
    ty("int", |c, a, o| {
        fmt::dec(o, c.iarg(a.index));
        true
    }),
    ty("uint", |c, a, o| {
        fmt::dec(o, c.iarg(a.index) as u32);
        true
    }),
    ty("long", |c, a, o| {
        fmt::dec(o, c.sarg(a.index));
        true
    }),
    ty("ulong", |c, a, o| {
        fmt::dec(o, c.arg(a.index));
        true
    }),
    ty("hex", |c, a, o| {
        fmt::hex(o, c.arg(a.index));
        true
    }),
    ty("xint", |c, a, o| {
        fmt::hex(o, u64::from(c.iarg(a.index) as u32));
        true
    }),
    ty("ptr", |c, a, o| {
        fmt::addr(o, c.arg(a.index));
        true
    }),
    ty("fd", |c, a, o| {
        print_fd(c, c.iarg(a.index).into(), o);
        true
    }),
    ty("dirfd", |c, a, o| {
        print_dirfd(c, c.iarg(a.index), o);
        true
    }),
    ty("uid", |c, a, o| {
        print_uid(o, c.iarg(a.index) as u32);
        true
    }),
    ty("mode", |c, a, o| {
        fmt::octal_mode(o, u64::from(c.iarg(a.index) as u32));
        true
    }),
    ty("path", |c, a, o| {
        print_path(c, c.arg(a.index), o);
        true
    }),
    ty("str", |c, a, o| {
        print_cstr(c, c.arg(a.index), o);
        true
    }),
    // A C string the kernel reads at most N bytes of: `strn(250)`.
    ty("strn", |c, a, o| {
        let bound = c.len_of(a.param(0)).unwrap_or(u64::MAX);
        let bound = usize::try_from(bound).unwrap_or(usize::MAX);
        print_cstr_bounded(c, c.arg(a.index), c.opts.string_limit, bound, o);
        true
    }),
    ty("buf", print_buf_arg),
    ty("hexbuf", |c, a, o| {
        let len = c.len_of(a.param(0)).unwrap_or(0);
        print_buf(c, c.arg(a.index), len, o, a.out, true);
        true
    }),
    // strace's printflags/printxval take an `unsigned int`: the upper half of the
    // register is not part of the value. The *64 types are for the few 64-bit sets.
    ty("flags", |c, a, o| {
        print_set(c, a, o, u64::from(c.arg(a.index) as u32), true)
    }),
    ty("flags64", |c, a, o| {
        print_set(c, a, o, c.arg(a.index), true)
    }),
    ty("enum", |c, a, o| {
        print_set(c, a, o, u64::from(c.arg(a.index) as u32), false)
    }),
    ty("enum64", |c, a, o| {
        print_set(c, a, o, c.arg(a.index), false)
    }),
    ty("enum_dec", |c, a, o| {
        match a.xlat() {
            Some(x) => fmt::xlat_enum_dec(o, x, c, c.iarg(a.index).into(), &fmt::unknown_label(x)),
            None => fmt::dec(o, c.iarg(a.index)),
        }
        true
    }),
    // A pointer to an int: `[42]`.
    ty("intptr", |c, a, o| {
        print_int_ptr(c, c.arg(a.index), o);
        true
    }),
    ty("ignore", |_, _, _| false),
];

pub static RETS: &[RetType] = &[
    RetType {
        name: "int",
        print: |c, o| fmt::dec(o, c.arch().long(c.ret().unwrap_or(0) as u64)),
    },
    RetType {
        name: "uint",
        print: |c, o| fmt::dec(o, c.arch().ulong(c.ret().unwrap_or(0) as u64)),
    },
    RetType {
        name: "hex",
        print: |c, o| fmt::hex(o, c.arch().ulong(c.ret().unwrap_or(0) as u64)),
    },
    RetType {
        name: "fd",
        print: |c, o| print_fd(c, c.ret().unwrap_or(0), o),
    },
    RetType {
        name: "octal",
        print: |c, o| fmt::octal_mode(o, c.ret().unwrap_or(0) as u64),
    },
    RetType {
        name: "none",
        print: |_, o| {
            // Calls that never return (exit, exit_group).
            o.push('?');
        },
    },
];

/// A value of the row's xlat set: as flags or as one name; hex when there is no set.
fn print_set(c: &Ctx, a: &ArgSpec, o: &mut String, v: u64, flags: bool) -> bool {
    match a.xlat() {
        Some(x) if flags => {
            fmt::xlat_flags(o, x, c, v, &fmt::unknown_label(x));
        }
        Some(x) => fmt::xlat_enum(o, x, c, v, &fmt::unknown_label(x)),
        None => fmt::hex(o, v),
    }
    true
}

/// An fd, with `<path>` under `-y`.
pub fn print_fd(c: &Ctx, fd: i64, o: &mut String) {
    fmt::dec(o, fd);
    if fd >= 0 {
        print_fd_detail(c, fd, o);
    }
}

/// `<path>` of an fd (or of the cwd for AT_FDCWD) under `-y`; under `-yy` a socket's
/// endpoints (`<TCP:[1.2.3.4:5->6.7.8.9:10]>`), a device's numbers
/// (`</dev/null<char 1:3>>`) and a pidfd's process (`<pid:42>`) instead, in strace's
/// order of preference.
fn print_fd_detail(c: &Ctx, fd: i64, o: &mut String) {
    use crate::decode::{FD_DEV, FD_PATH, FD_PIDFD, FD_SOCKET};
    let want = |bit: u8| c.opts.fd_detail & bit != 0;
    if fd >= 0 {
        if want(FD_SOCKET)
            && let Some(s) = c.mem.fd_socket(fd)
        {
            o.push('<');
            o.push_str(&s);
            o.push('>');
            return;
        }
        if want(FD_DEV)
            && let Some(dev) = c.mem.fd_device(fd)
            && let Some(p) = c.mem.fd_path_bytes(fd)
        {
            o.push('<');
            quote_fd_path(c, &p, o);
            o.push('<');
            o.push_str(&dev);
            o.push_str(">>");
            return;
        }
        if want(FD_PIDFD)
            && let Some(pid) = c.mem.fd_pidfd(fd)
        {
            let _ = std::fmt::Write::write_fmt(o, format_args!("<pid:{pid}>"));
            return;
        }
    }
    if want(FD_PATH)
        && let Some(p) = c.mem.fd_path_bytes(fd)
    {
        // The kernel marks a removed file's link " (deleted)"; strace prints that
        // after the brackets, and quotes the path with its delimiters escaped.
        let (path, deleted) = match p.strip_suffix(b" (deleted)") {
            Some(path) if c.mem.fd_deleted(fd) => (path, true),
            _ => (&p[..], false),
        };
        o.push('<');
        quote_fd_path(c, path, o);
        o.push('>');
        if deleted {
            o.push_str("(deleted)");
        }
    }
}

/// A path inside `<...>`: quoted without quotes, its delimiters escaped.
fn quote_fd_path(c: &Ctx, path: &[u8], o: &mut String) {
    let q = Quote {
        bare: true,
        escape: b"<>",
        ..Quote::default()
    };
    fmt::quote_into(o, path, q, c.opts.hex);
}

/// The dirfd meaning "the current directory"; its `-y` path is the cwd.
pub const AT_FDCWD: i32 = -100;

/// A directory fd of the *at calls: `AT_FDCWD` or an fd.
pub fn print_dirfd(c: &Ctx, fd: i32, o: &mut String) {
    if fd == AT_FDCWD {
        fmt::named(o, c, "AT_FDCWD", |o| fmt::dec(o, fd));
        print_fd_detail(c, AT_FDCWD.into(), o);
    } else {
        print_fd(c, fd.into(), o);
    }
}

/// uid/gid: unsigned, but -1 ("no change") printed as -1.
pub fn print_uid(o: &mut String, v: u32) {
    if v == u32::MAX {
        o.push_str("-1");
    } else {
        fmt::dec(o, v);
    }
}

/// A path: the whole C string (strace ignores -s for paths, up to PATH_MAX).
pub fn print_path(c: &Ctx, addr: u64, o: &mut String) {
    print_cstr_limit(c, addr, 4095, o);
}

/// A C string cut at `-s`.
pub fn print_cstr(c: &Ctx, addr: u64, o: &mut String) {
    print_cstr_limit(c, addr, c.opts.string_limit, o);
}

pub fn print_cstr_limit(c: &Ctx, addr: u64, limit: usize, o: &mut String) {
    print_cstr_bounded(c, addr, limit, usize::MAX, o);
}

/// A C string cut at `limit`, of which the kernel reads at most `bound` bytes
/// (memfd_create's name): memory past `bound` is never needed, as in strace.
pub fn print_cstr_bounded(c: &Ctx, addr: u64, limit: usize, bound: usize, o: &mut String) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    // One byte more than the limit tells whether the string goes on past it.
    match c.mem.read_cstr(addr, limit.saturating_add(1).min(bound)) {
        None => fmt::addr(o, addr),
        Some((bytes, terminated)) => {
            let shown = &bytes[..bytes.len().min(limit)];
            fmt::quote_into(o, shown, Quote::default(), c.opts.hex);
            if !terminated {
                o.push_str("...");
            }
        }
    }
}

fn print_buf_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let len = c.len_of(a.param(0)).unwrap_or(0);
    print_buf(c, c.arg(a.index), len, o, a.out, false);
    true
}

/// A byte buffer of `len` bytes, cut at `-s`. An out buffer of a failed call is only
/// its address, as the kernel wrote nothing meaningful. A buffer longer than `-s` is
/// read one byte past it, as strace's printstrn does: when that byte is unreadable
/// the buffer shows as its address (printstrn-umoven.gen.test).
pub fn print_buf(c: &Ctx, addr: u64, len: u64, o: &mut String, out: bool, force_hex: bool) {
    if crate::decode::bytes::null_or_unwritten(c, addr, out, o) {
        return;
    }
    let q = Quote {
        force_hex,
        ..Quote::default()
    };
    crate::decode::bytes::print_strn_as(c, addr, len, true, q, o);
}

/// `[value]` of a pointer to int, or its address when unreadable.
pub fn print_int_ptr(c: &Ctx, addr: u64, o: &mut String) {
    crate::decode::bytes::print_dec_at(c, addr, false, 4, true, o);
}

/// Whether the param list names `ret` as the length (read-type buffers).
pub fn len_is_ret(a: &ArgSpec) -> bool {
    matches!(a.param(0), Some(Param::Ret))
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    /// A string running into unmapped memory before its NUL prints as its address, as
    /// strace's umovestr fails there (mount.gen.test, futimesat.gen.test).
    #[test]
    fn string_cut_by_unmapped_memory_is_an_address() {
        let m = RecordedMemory::new().with(0x1ffe, b"ab".to_vec());
        assert_eq!(
            render_named(
                Arch::X86_64,
                "chdir",
                [0x1ffe, 0, 0, 0, 0, 0],
                Some(-14),
                &m
            ),
            "chdir(0x1ffe)                           = -1 EFAULT (Bad address)"
        );
    }

    /// memfd_create's name is read for at most 250 bytes: a name that fills them up to
    /// unmapped memory still prints, cut (memfd_create.gen.test).
    #[test]
    fn bounded_string_stops_at_its_bound() {
        let name = vec![b'x'; 250];
        let m = RecordedMemory::new().with(0x1f06, name);
        let opts = crate::decode::DecodeOptions {
            string_limit: 256,
            ..Default::default()
        };
        let nr = Arch::X86_64.syscall_number("memfd_create").unwrap();
        let rec = crate::record::SyscallRecord {
            arch: Arch::X86_64,
            nr,
            args: [0x1f06, 0, 0, 0, 0, 0],
            ret: Some(-22),
        };
        assert_eq!(
            crate::render::text::render_one(&rec, &m, &opts),
            format!(
                "memfd_create(\"{}\"..., 0) = -1 EINVAL (Invalid argument)",
                "x".repeat(250)
            )
        );
    }

    /// `-y` paths are quoted like strings, with `<` and `>` escaped (fsync-y.gen.test).
    #[test]
    fn fd_paths_are_quoted() {
        let mut m = RecordedMemory::new();
        m.fds.insert(3, "/tmp/a<b>\\\n\"c".replace("\\n", "\n"));
        let opts = crate::decode::DecodeOptions {
            fd_detail: crate::decode::FD_PATH,
            ..Default::default()
        };
        let nr = Arch::X86_64.syscall_number("fsync").unwrap();
        let rec = crate::record::SyscallRecord {
            arch: Arch::X86_64,
            nr,
            args: [3, 0, 0, 0, 0, 0],
            ret: Some(0),
        };
        assert_eq!(
            crate::render::text::render_one(&rec, &m, &opts),
            "fsync(3</tmp/a\\74b\\76\\\\\\n\\\"c>)          = 0"
        );
    }

    /// strace's test suite passes garbage in the upper half of int flags; strace's
    /// printflags takes an unsigned int and ignores it (pipe2.gen.test).
    #[test]
    fn int_flags_ignore_the_upper_register_half() {
        let m = RecordedMemory::new().with(0x1000, [3u8, 0, 0, 0, 4, 0, 0, 0].to_vec());
        let bad = 0xffff_ffff_0000_0000_u64;
        assert_eq!(
            render_named(
                Arch::X86_64,
                "pipe2",
                [0x1000, bad | 0o4000, 0, 0, 0, 0],
                Some(0),
                &m
            ),
            "pipe2([3, 4], O_NONBLOCK)               = 0"
        );
        assert_eq!(
            render_named(
                Arch::X86_64,
                "pipe2",
                [0x2000, bad, 0, 0, 0, 0],
                Some(-14),
                &m
            ),
            "pipe2(0x2000, 0)                        = -1 EFAULT (Bad address)"
        );
    }
}
