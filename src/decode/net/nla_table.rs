//! Attribute layouts as data: a table per attribute list says which xlat set names the
//! attribute types and how each type's data prints (an integer, a named value, a
//! string, a nested list ...). Shapes no row describes stay code (`Nla::Fn`).

use super::helpers::print_ifindex;
use super::nlattr::{decode_nlattr, print_nla_str};
use super::sockaddr::{print_inet_addr, print_inet6_addr};
use crate::decode::Ctx;
use crate::decode::array::{abbrev_limit, print_elems};
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_enum_noted, print_flags, read_bytes, xlat_name};
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

/// How one attribute's data prints; a shape that does not fit the attribute's length
/// falls back to strace's hex dump.
pub(super) enum Nla {
    /// Unsigned decimal of 1, 2, 4 or 8 bytes (the attribute holds at least that).
    U(usize),
    /// Signed decimal.
    S(usize),
    /// Hexadecimal.
    X(usize),
    /// A big-endian u16: `htons(80)`.
    Be16,
    /// An IPv4 address: `inet_addr("1.2.3.4")`.
    InAddr,
    /// An IPv6 address: `inet_pton(AF_INET6, "::1")`.
    In6Addr,
    /// A NUL-terminated string.
    Str,
    /// A u32 interface index.
    Ifindex,
    /// clock_t ticks of up to 8 bytes.
    ClockT,
    /// A value of up to 8 bytes (at least `size`, read as `size` when non-zero)
    /// named by an xlat set; strace's decode_nla_xval.
    Enum(&'static str, &'static str, usize),
    /// The same, as flags (decode_nla_flags).
    Flags(&'static str, &'static str, usize),
    /// An enum of exactly `n` bytes read from an attribute at least that long.
    EnumN(&'static str, &'static str, usize),
    /// The same, as flags.
    FlagsU32(&'static str, &'static str),
    /// A file descriptor (s32), with its path under `-y`.
    Fd,
    /// An array of `size`-byte (signed when true) integers printed with their index
    /// named by a set: `[[DEVCONF_FORWARDING]=1, ...]`.
    Indexed(&'static str, &'static str, usize, bool),
    /// A nested attribute list.
    Nested(&'static NlaTable),
    /// Code for the rest.
    Fn(fn(&Ctx, u64, u64, &mut String) -> bool),
}

/// One attribute list: the set naming its types, strace's text after an unknown one,
/// and the data of each known type by its name in that set (unlisted types print as
/// hex). Rows name the constants so the numbers live in the xlat file only.
pub(super) struct NlaTable {
    pub(super) set: &'static str,
    pub(super) dflt: &'static str,
    pub(super) rows: &'static [(&'static str, Nla)],
}

/// `[{nla_len=.., nla_type=..}, data]...` of the attributes in `len` bytes at `addr`.
pub(super) fn decode_nla_table(c: &Ctx, t: &NlaTable, addr: u64, len: u64, o: &mut String) {
    decode_nlattr(c, addr, len, t.set, t.dflt, o, &|c, ty, a, l, o| {
        nla_row(c, t, ty, a, l, o)
    });
}

/// The data of one attribute of shape `kind`; false for the hex dump.
pub(super) fn print_nla(c: &Ctx, kind: &Nla, a: u64, l: u64, o: &mut String) -> bool {
    match *kind {
        Nla::U(n) => read_int(c, a, l, n, o, |o, v| {
            let _ = write!(o, "{v}");
        }),
        Nla::S(n) => read_int(c, a, l, n, o, |o, v| {
            let shift = 64 - 8 * n as u32;
            let _ = write!(o, "{}", ((v << shift) as i64) >> shift);
        }),
        Nla::X(n) => read_int(c, a, l, n, o, fmt::hex),
        Nla::Be16 => read_int(c, a, l, 2, o, |o, v| {
            let _ = write!(o, "htons({})", (v as u16).swap_bytes());
        }),
        Nla::InAddr | Nla::In6Addr => {
            let n = if matches!(kind, Nla::InAddr) { 4 } else { 16 };
            if l < n {
                return false;
            }
            match read_bytes(c, a, n as usize) {
                Some(b) => styled_bytes(c, o, &b, |o| {
                    if n == 4 {
                        print_inet_addr(c, o, &b);
                    } else {
                        print_inet6_addr(c, o, &b, "");
                    }
                }),
                None => fmt::addr(o, a),
            }
            true
        }
        Nla::Str => {
            print_nla_str(c, a, l, o);
            true
        }
        Nla::Ifindex => read_int(c, a, l, 4, o, |o, v| print_ifindex(c, o, v as u32)),
        Nla::ClockT => {
            if l > 8 {
                return false;
            }
            read_upto8(c, a, l, o, |o, v| fmt::clock_t(o, c.opts.xlat, v))
        }
        Nla::Enum(set, dflt, size) | Nla::Flags(set, dflt, size) => {
            if l > 8 || l < size as u64 {
                return false;
            }
            let n = if size > 0 { size as u64 } else { l };
            let flags = matches!(kind, Nla::Flags(..));
            read_upto8(c, a, n, o, |o, v| {
                if flags {
                    print_flags(c, set, v, dflt, o);
                } else {
                    print_enum_noted(c, set, v, dflt, o);
                }
            })
        }
        Nla::EnumN(set, dflt, n) => {
            read_int(c, a, l, n, o, |o, v| print_enum_noted(c, set, v, dflt, o))
        }
        Nla::FlagsU32(set, dflt) => read_int(c, a, l, 4, o, |o, v| print_flags(c, set, v, dflt, o)),
        Nla::Fd => read_int(c, a, l, 4, o, |o, v| {
            print_fd(c, i64::from(v as u32 as i32), o)
        }),
        Nla::Indexed(set, dflt, size, signed) => {
            let n = l / size as u64;
            if n == 0 {
                return false;
            }
            print_elems(c, a, n, size as u64, abbrev_limit(c), o, |o, i, b| {
                o.push('[');
                match xlat_name(c, set, i) {
                    Some(name) => fmt::named(o, c, name, |o| fmt::dec(o, i)),
                    None if c.opts.xlat == fmt::XlatStyle::Raw => fmt::dec(o, i),
                    None => {
                        let _ = write!(o, "{i} /* {dflt} */");
                    }
                }
                o.push_str("]=");
                let v = le(b, 0, size);
                if signed {
                    let shift = 64 - 8 * size as u32;
                    let _ = write!(o, "{}", ((v << shift) as i64) >> shift);
                } else {
                    let _ = write!(o, "{v}");
                }
            });
            true
        }
        Nla::Nested(t) => {
            decode_nla_table(c, t, a, l, o);
            true
        }
        Nla::Fn(f) => f(c, a, l, o),
    }
}

/// An integer of `n` bytes when the attribute holds that many.
fn read_int(
    c: &Ctx,
    a: u64,
    l: u64,
    n: usize,
    o: &mut String,
    show: impl FnOnce(&mut String, u64),
) -> bool {
    if l < n as u64 {
        return false;
    }
    read_upto8(c, a, n as u64, o, show)
}

/// A little-endian integer of `n` (at most 8) bytes, or the address when unreadable.
fn read_upto8(
    c: &Ctx,
    a: u64,
    n: u64,
    o: &mut String,
    show: impl FnOnce(&mut String, u64),
) -> bool {
    if n == 0 {
        show(o, 0);
        return true;
    }
    match c.mem.read_uint(a, n as usize) {
        Some(v) => show(o, v),
        None => fmt::addr(o, a),
    }
    true
}

/// The row decoder of table `t` for one attribute (for [`super::nlattr::Attrs`]).
pub(super) fn nla_row(c: &Ctx, t: &NlaTable, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    let Some(name) = xlat_name(c, t.set, u64::from(ty)) else {
        return false;
    };
    match t.rows.iter().find(|r| r.0 == name) {
        Some((_, kind)) => print_nla(c, kind, a, l, o),
        None => false,
    }
}

/// A value strace shows decoded by default, but as its bytes under `-X raw` (and as the
/// bytes then the decoded text in a comment under `-X verbose`): addresses, MACs.
pub(super) fn styled_bytes(c: &Ctx, o: &mut String, b: &[u8], text: impl FnOnce(&mut String)) {
    fmt::styled(
        o,
        c,
        |o| {
            let q = Quote {
                force_hex: true,
                ..Quote::default()
            };
            fmt::quote_into(o, b, q, c.opts.hex);
        },
        |_, o| text(o),
    );
}
