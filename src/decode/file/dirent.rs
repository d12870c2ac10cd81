//! Directory reading: the entries of getdents/getdents64, and getcwd's buffer, both
//! printed as names of bounded length.

use super::super::Ctx;
use super::super::fmt::{self, Quote};
use super::common::le;
use crate::decode::bytes::{klong, print_enum};
use crate::table::ArgSpec;
use std::fmt::Write;

/// A d_name of `n` bytes at most: quoted, `...` when no NUL came within `n + 1`.
fn print_name_n(c: &Ctx, addr: u64, n: usize, o: &mut String) -> bool {
    match c.mem.read_cstr(addr, n + 1) {
        None => {
            fmt::addr(o, addr);
            false
        }
        Some((bytes, terminated)) => {
            let shown = &bytes[..bytes.len().min(n)];
            fmt::quote_into(o, shown, Quote::default(), c.opts.hex);
            if !terminated {
                o.push_str("...");
            }
            true
        }
    }
}

/// strace's note on a d_reclen that leaves the buffer or the header; without the
/// entry printed before it, the note names the field.
fn reclen_comment(o: &mut String, abbrev: bool, bytes: usize, what: &str) {
    let field = if abbrev { "d_reclen " } else { "" };
    let _ = write!(o, " /* {field}{bytes} bytes {what} */");
}

/// The buffer of getdents/getdents64: `0x... /* 30 entries */`, or the entries under -v.
pub(super) fn print_dirents(c: &Ctx, a: &ArgSpec, is64: bool, o: &mut String) {
    let mut addr = c.arg(a.index);
    let count = c.len_of(a.param(0)).unwrap_or(c.arg(2)) as u32;
    let ret = c.arch().ulong(c.ret().unwrap_or(0) as u64);
    // `-e verbose=` without this call: the buffer is not read at all.
    if c.failed() || ret > u64::from(count) || !c.derefs() {
        fmt::addr(o, addr);
        return;
    }
    let w = if is64 { 8 } else { klong(c) };
    // Offset of d_name: ino, off, then a 16-bit reclen (and d_type for getdents64).
    let header = 2 * w + 2 + usize::from(is64);
    let abbrev = !c.unabbreviated();
    let mut len = ret as usize;
    let mut n = 0u32;
    if abbrev {
        fmt::addr(o, addr);
    }
    loop {
        if len < header {
            if !abbrev {
                if len == 0 {
                    o.push('[');
                    n += 1;
                } else {
                    super::super::basic::print_buf(c, addr, len as u64, o, false, true);
                }
            }
            break;
        }
        let mut h = vec![0u8; header];
        if !c.mem.read_exact(addr, &mut h) {
            if !abbrev {
                if n > 0 {
                    let _ = write!(o, "... /* {addr:#x} */");
                } else {
                    fmt::addr(o, addr);
                }
            }
            break;
        }
        if !abbrev && n == 0 {
            o.push('[');
        }
        n += 1;
        let ino = le(&h, 0, w);
        let off = le(&h, w, w);
        let mut reclen = le(&h, 2 * w, 2) as usize;
        if !abbrev {
            let _ = write!(o, "{{d_ino={ino}, d_off={off}, d_reclen={reclen}");
        }
        let mut next_addr = 0u64;
        let next_len;
        if reclen > len {
            reclen_comment(o, abbrev, reclen - len, "overflow");
            reclen = len;
            next_len = 0;
        } else if reclen < header {
            reclen_comment(o, abbrev, header - reclen, "underflow");
            reclen = header;
            next_len = len - header;
        } else {
            next_len = len - reclen;
            if next_len > 0 {
                next_addr = addr.wrapping_add(reclen as u64);
            }
        }
        len = next_len;
        if !abbrev {
            let tail = reclen - header;
            let name_addr = addr.wrapping_add(header as u64);
            let mut ok = true;
            if is64 {
                o.push_str(", d_type=");
                print_enum(c, "dirent_types", u64::from(h[header - 1]), "DT_???", o);
                if tail > 0 {
                    o.push_str(", d_name=");
                    ok = print_name_n(c, name_addr, tail.min(256) - 1, o);
                }
            } else if tail > 0 {
                let name_len = tail - 1;
                if name_len > 0 {
                    o.push_str(", d_name=");
                    ok = print_name_n(c, name_addr, name_len.min(256) - 1, o);
                }
                o.push_str(", d_type=");
                let ta = name_addr.wrapping_add(name_len as u64);
                match c.mem.read_uint(ta, 1) {
                    Some(t) => print_enum(c, "dirent_types", t, "DT_???", o),
                    None => {
                        fmt::addr(o, ta);
                        ok = false;
                    }
                }
            }
            o.push('}');
            if next_addr != 0 {
                o.push_str(", ");
                if !ok {
                    o.push_str("...");
                    break;
                }
            }
        }
        if next_addr == 0 {
            break;
        }
        addr = next_addr;
    }
    if abbrev {
        let _ = write!(o, " /* {n}{} entries */", if len > 0 { "+" } else { "" });
    } else if n > 0 {
        o.push(']');
    }
}

pub(super) fn print_getcwd_buf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    if addr == 0 {
        o.push_str("NULL");
        return true;
    }
    let n = c.ret().unwrap_or(0).saturating_sub(1).clamp(0, 4095) as usize;
    print_name_n(c, addr, n, o);
    true
}
