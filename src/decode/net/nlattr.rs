//! Netlink attributes: the {nla_len, nla_type} framing of attribute lists, and the
//! printers of attribute values that several message kinds share.

use super::helpers::print_hexstr;
use super::netlink::walk_nl_records;
use super::nla_table::styled_bytes;
use super::sockaddr::{AF_INET, AF_INET6, print_inet_addr, print_inet6_addr};
use crate::decode::Ctx;
use crate::decode::array::{abbrev_limit, print_elems};
use crate::decode::bytes::{le, print_enum_noted, read_bytes};
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

pub(super) type NlaDecoder<'a> = dyn Fn(&Ctx, u16, u64, u64, &mut String) -> bool + 'a;

/// The attributes of a message: the xlat set and default of their types, and the
/// decoder of one attribute's data (false for strace's hex dump).
pub(super) struct Attrs<'a> {
    pub(super) set: &'a str,
    pub(super) dflt: &'a str,
    pub(super) data: &'a NlaDecoder<'a>,
}

/// `[{nla_len=8, nla_type=IFLA_MTU}, 1500]` of the attributes in `len` bytes at `addr`;
/// `data` decodes one attribute's data, falling back to a hex dump.
pub(super) fn decode_nlattr(
    c: &Ctx,
    addr: u64,
    len: u64,
    set: &str,
    dflt: &str,
    o: &mut String,
    data: &NlaDecoder,
) {
    walk_nl_records(
        c,
        addr,
        len,
        4,
        o,
        |b| le(b, 0, 2),
        |b, addr, len, o| {
            let nla_len = le(b, 0, 2);
            let nla_type = le(b, 2, 2) as u16;
            let shown = nla_len.min(len);
            if shown > 4 {
                o.push('[');
            }
            let _ = write!(o, "{{nla_len={nla_len}, nla_type=");
            if nla_type & 0x8000 != 0 {
                o.push_str("NLA_F_NESTED|");
            }
            if nla_type & 0x4000 != 0 {
                o.push_str("NLA_F_NET_BYTEORDER|");
            }
            // Attributes of an unknown layout (no set) show their type as a number.
            if set.is_empty() {
                fmt::hex(o, u64::from(nla_type & 0x3fff));
            } else {
                print_enum_noted(c, set, u64::from(nla_type & 0x3fff), dflt, o);
            }
            o.push('}');
            if shown > 4 {
                o.push_str(", ");
                let mark = o.len();
                if !data(c, nla_type & 0x3fff, addr.wrapping_add(4), shown - 4, o) {
                    o.truncate(mark);
                    print_hexstr(c, addr.wrapping_add(4), (shown - 4) as usize, o);
                }
                o.push(']');
            }
        },
    );
}

/// A string attribute (strace's QUOTE_OMIT_TRAILING_0|QUOTE_EXPECT_TRAILING_0): the
/// trailing NUL is dropped, a missing one shows as `...`. In hex mode strace prints
/// every byte, the NUL too, and always the `...`.
pub(super) fn print_nla_str(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    let limit = c.opts.string_limit;
    let Some(b) = read_bytes(c, addr, len.min(limit as u64 + 1) as usize) else {
        fmt::addr(o, addr);
        return;
    };
    let bytes = &b[..b.len().min(limit)];
    let usehex = match c.opts.hex {
        fmt::HexStyle::All => true,
        fmt::HexStyle::NonAscii => bytes
            .iter()
            .any(|&x| x > 0x7e || (x < b' ' && !(9..=13).contains(&x))),
        fmt::HexStyle::None | fmt::HexStyle::NonAsciiChars => false,
    };
    let q = Quote {
        force_hex: usehex,
        ..Quote::default()
    };
    let ended = !usehex && bytes.last() == Some(&0);
    let shown = if ended {
        &bytes[..bytes.len() - 1]
    } else {
        bytes
    };
    fmt::quote_into(o, shown, q, c.opts.hex);
    if !ended && len > 0 {
        o.push_str("...");
    }
}

/// An attribute holding one native-endian integer of `size` bytes, shown by `show`;
/// false (strace's hex dump) when the attribute is too short for it.
pub(super) fn print_nla_uint(
    c: &Ctx,
    addr: u64,
    len: u64,
    size: usize,
    o: &mut String,
    show: impl FnOnce(&mut String, u64),
) -> bool {
    if len < size as u64 {
        return false;
    }
    match c.mem.read_uint(addr, size) {
        Some(v) => show(o, v),
        None => fmt::addr(o, addr),
    }
    true
}

/// An unsigned decimal attribute of `size` bytes.
pub(super) fn print_nla_dec(c: &Ctx, addr: u64, len: u64, size: usize, o: &mut String) -> bool {
    print_nla_uint(c, addr, len, size, o, fmt::dec)
}

pub(super) fn print_nla_u32(c: &Ctx, addr: u64, len: u64, o: &mut String) -> bool {
    print_nla_dec(c, addr, len, 4, o)
}

/// `{a=1, b=2}` of little-endian fields (name, offset, size) when `l` covers `need`.
pub(super) fn print_fields(
    c: &Ctx,
    a: u64,
    l: u64,
    need: u64,
    fields: &[(&str, usize, usize)],
    o: &mut String,
) -> bool {
    if l < need {
        return false;
    }
    let Some(b) = read_bytes(c, a, need as usize) else {
        fmt::addr(o, a);
        return true;
    };
    o.push('{');
    for (i, (name, off, size)) in fields.iter().enumerate() {
        let v = le(&b, *off, *size);
        let sep = if i > 0 { ", " } else { "" };
        let _ = write!(o, "{sep}{name}={v}");
    }
    o.push('}');
    true
}

/// An address attribute: `inet_addr("127.0.0.1")` for the message's family.
pub(super) fn print_nla_inet_addr(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let size = match u16::from(family) {
        AF_INET => 4,
        AF_INET6 => 16,
        _ => 0,
    };
    if size == 0 || len < size {
        print_hexstr(c, addr, len as usize, o);
        return;
    }
    match read_bytes(c, addr, size as usize) {
        Some(b) => styled_bytes(c, o, &b, |o| {
            if size == 4 {
                print_inet_addr(c, o, &b);
            } else {
                print_inet6_addr(c, o, &b, "");
            }
        }),
        None => fmt::addr(o, addr),
    }
}

/// `{a=1, b=2}` of a struct of consecutive u32 fields, when `l` covers all of them.
pub(super) fn print_u32_fields(c: &Ctx, a: u64, l: u64, names: &[&str], o: &mut String) -> bool {
    let fields: Vec<(&str, usize, usize)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, 4 * i, 4))
        .collect();
    print_fields(c, a, l, 4 * names.len() as u64, &fields, o)
}

/// An attribute holding an array of `size`-byte elements (as many as its length holds),
/// read one by one like strace's print_array: an unreadable element ends the array
/// with `... /* addr */`; false when not even one fits.
pub(super) fn print_nla_array(
    c: &Ctx,
    a: u64,
    l: u64,
    size: usize,
    o: &mut String,
    mut each: impl FnMut(&mut String, usize, &[u8]),
) -> bool {
    let n = l / size as u64;
    if n == 0 {
        return false;
    }
    print_elems(c, a, n, size as u64, abbrev_limit(c), o, |o, i, b| {
        each(o, i as usize, b)
    });
    true
}
