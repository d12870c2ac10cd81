//! Opening and creating files: open flags and modes, `struct open_how`, the symbolic
//! `st_mode` of mknod/stat, and device numbers.

use super::super::Ctx;
use super::super::fmt;
use super::common::{arg_param, le, print_hex_bytes, read_or_addr};
use crate::arch::Arch;
use crate::decode::bytes::{print_flags, xlat_name};
use crate::table::{self, ArgSpec};
use std::fmt::Write;

const O_CREAT: u64 = 0o100;
const O_TMPFILE_BIT: u64 = 0o20000000;

/// Whether open flags create a file, and so come with a mode.
fn creates(flags: u64) -> bool {
    flags & (O_CREAT | O_TMPFILE_BIT) != 0
}

/// `O_RDONLY|O_CLOEXEC`: the access mode always comes first, then the other bits
/// (`0x80000 /* O_RDONLY|O_CLOEXEC */` under `-X verbose`).
pub fn print_open_flags(c: &Ctx, flags: u64, o: &mut String) {
    fmt::styled(
        o,
        c,
        |o| fmt::hex(o, flags),
        |c, o| open_flags_text(c, flags, o),
    );
}

fn open_flags_text(c: &Ctx, flags: u64, o: &mut String) {
    let acc = flags & 3;
    match xlat_name(c, "open_access", acc) {
        Some(n) => o.push_str(n),
        None => {
            fmt::hex(o, flags);
            return;
        }
    }
    let mut rest = flags & !3;
    if rest == 0 {
        return;
    }
    if let Some(x) = table::xlat("open_mode_flags") {
        for (name, val) in x.entries(c.arch()) {
            if val != 0 && rest & val == val {
                o.push('|');
                o.push_str(name);
                rest &= !val;
            }
            if rest == 0 {
                break;
            }
        }
    }
    if rest != 0 {
        let _ = write!(o, "|{rest:#x}");
    }
}

/// The mode of open/openat: present only when the flags create a file.
pub(super) fn print_open_mode(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let flags_arg = arg_param(a).unwrap_or(a.index.saturating_sub(1));
    if !creates(c.arg(flags_arg)) {
        return false;
    }
    fmt::octal_mode(o, c.arg(a.index) & 0xffff);
    true
}

/// [`print_symbolic_mode`] in the `-X` style: `0100644 /* S_IFREG|0644 */`.
pub fn print_symbolic_mode_styled(c: &Ctx, o: &mut String, mode: u32) {
    fmt::styled(
        o,
        c,
        |o| fmt::octal_mode(o, u64::from(mode)),
        |_, o| print_symbolic_mode(o, mode),
    );
}

/// strace's print_symbolic_mode_t: `S_IFREG|S_ISUID|0755`.
pub fn print_symbolic_mode(o: &mut String, mode: u32) {
    let fmtbits = mode & 0o170000;
    let ifmt = if fmtbits != 0 {
        match table::xlat("modetypes").and_then(|x| x.name_of(Arch::X86_64, u64::from(fmtbits))) {
            Some(n) => n,
            None => {
                fmt::octal_mode(o, u64::from(mode));
                return;
            }
        }
    } else {
        ""
    };
    o.push_str(ifmt);
    if !ifmt.is_empty() {
        o.push('|');
    }
    if mode & 0o4000 != 0 {
        o.push_str("S_ISUID|");
    }
    if mode & 0o2000 != 0 {
        o.push_str("S_ISGID|");
    }
    if mode & 0o1000 != 0 {
        o.push_str("S_ISVTX|");
    }
    fmt::octal_mode(o, u64::from(mode & 0o777));
}

/// glibc's major()/minor() split of a dev_t.
fn major_minor(dev: u64) -> (u64, u64) {
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    (major & 0xffff_ffff, minor & 0xffff_ffff)
}

/// [`print_dev`] in the `-X` style: `0x103 /* makedev(0x1, 0x3) */`.
pub fn print_dev_styled(c: &Ctx, o: &mut String, dev: u64) {
    fmt::styled(o, c, |o| fmt::hex(o, dev), |_, o| print_dev(o, dev));
}

pub fn print_dev(o: &mut String, dev: u64) {
    let (ma, mi) = major_minor(dev);
    o.push_str("makedev(");
    fmt::hex(o, ma);
    o.push_str(", ");
    fmt::hex(o, mi);
    o.push(')');
}

pub(super) fn print_mknod_dev(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let mode_arg = arg_param(a).unwrap_or(a.index.saturating_sub(1));
    match c.arg(mode_arg) & 0o170000 {
        0o020000 | 0o060000 => {
            print_dev_styled(c, o, c.arg(a.index) & 0xffff_ffff);
            true
        }
        _ => false,
    }
}

pub(super) fn print_open_how(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = c.len_of(a.param(0)).unwrap_or(0);
    if size < 24 {
        fmt::addr(o, addr);
        return true;
    }
    let Some(b) = read_or_addr(c, addr, 24, true, o) else {
        return true;
    };
    let flags = le(&b, 0, 8);
    let mode = le(&b, 8, 8);
    o.push_str("{flags=");
    print_open_flags(c, flags, o);
    if creates(flags) || mode != 0 {
        o.push_str(", mode=");
        fmt::octal_mode(o, mode);
    }
    o.push_str(", resolve=");
    print_flags(c, "open_resolve_flags", le(&b, 16, 8), "RESOLVE_???", o);
    if size > 24 {
        // Bytes past the known struct are shown (from offset 24) only when some are set.
        let extra = (size.min(4096) - 24) as usize;
        let mut rest = vec![0u8; extra];
        if c.fetch(addr.wrapping_add(24), &mut rest) {
            if rest.iter().any(|&x| x != 0) {
                let _ = write!(o, ", /* bytes 24..{} */ ", 24 + extra - 1);
                let shown = extra.min(c.opts.string_limit);
                print_hex_bytes(c, &rest[..shown], shown < extra, o);
            }
        } else {
            o.push_str(", ???");
        }
    }
    o.push('}');
    true
}
