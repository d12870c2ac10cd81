//! Small helpers the socket decoders share: number formats, strings, interface names,
//! arrays of already-read data.

use crate::decode::Ctx;
use crate::decode::array::{abbrev_limit, print_elems};
use crate::decode::basic::print_buf;
use crate::decode::bytes::{le, u32_at};
use crate::decode::fmt::{self, Quote};
use crate::table;

pub(super) fn u16_be(b: &[u8], off: usize) -> u16 {
    (le(b, off, 2) as u16).swap_bytes()
}

pub(super) fn quote(c: &Ctx, o: &mut String, bytes: &[u8]) {
    fmt::quote_into(o, bytes, Quote::default(), c.opts.hex);
}

pub(super) fn print_errno_name(o: &mut String, e: u32) {
    match table::errno(u64::from(e)) {
        Some(en) if e != 0 => o.push_str(&en.name),
        _ => fmt::dec(o, e),
    }
}

/// A network interface: `if_nametoindex("lo")` when the index names one, else the number.
/// Under `-X raw` the number; `-X verbose` adds the name in a comment.
pub(crate) fn print_ifindex(c: &Ctx, o: &mut String, idx: u32) {
    match ifname(idx) {
        Some(n) => {
            let mut text = String::from("if_nametoindex(");
            quote(c, &mut text, n.as_bytes());
            text.push(')');
            fmt::named(o, c, &text, |o| fmt::dec(o, idx));
        }
        None => fmt::dec(o, idx),
    }
}

pub(super) fn ifname(idx: u32) -> Option<String> {
    if idx == 0 {
        return None;
    }
    for e in std::fs::read_dir("/sys/class/net").ok()?.flatten() {
        let p = e.path().join("ifindex");
        if let Ok(s) = std::fs::read_to_string(&p)
            && s.trim().parse::<u32>().ok() == Some(idx)
        {
            return Some(e.file_name().to_string_lossy().into_owned());
        }
    }
    None
}

/// Bytes as a hex-escaped string, cut at `-s` (strace's printstr_ex with QUOTE_FORCE_HEX).
pub(super) fn print_hexstr(c: &Ctx, addr: u64, len: usize, o: &mut String) {
    print_buf(c, addr, len as u64, o, false, true);
}

/// `[1, 2]` of `n` tracee u32s.
pub(super) fn print_u32_array(c: &Ctx, addr: u64, n: usize, o: &mut String) {
    print_elems(c, addr, n as u64, 4, abbrev_limit(c), o, |o, _, b| {
        fmt::dec(o, u32_at(b, 0))
    });
}

/// `[a, b]` of the `size`-byte elements of `data` (tracee memory already read), cut at
/// `-s` elements; `each` gets an element's index and bytes.
pub(super) fn print_local_array(
    c: &Ctx,
    data: &[u8],
    size: usize,
    o: &mut String,
    mut each: impl FnMut(&mut String, usize, &[u8]),
) {
    let limit = abbrev_limit(c) as usize;
    o.push('[');
    for (i, elt) in data.chunks_exact(size).enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        if i >= limit {
            o.push_str("...");
            break;
        }
        each(o, i, elt);
    }
    o.push(']');
}
