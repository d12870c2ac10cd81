//! strace's print_array: `[a, b, ...]` of fixed-size elements read one by one from the
//! tracee, cut after `-s` elements unless `-v`, ending in `... /* addr */` where memory
//! runs out. Every decoder that prints a tracee array goes through here so the
//! abbreviation and the unreadable-element forms stay identical across groups.

use super::bytes::read_bytes;
use super::{Ctx, fmt};
use std::fmt::Write;

/// How many elements strace shows before `...` (its abbrev(): all of them under -v).
pub(crate) fn abbrev_limit(c: &Ctx) -> u64 {
    if c.unabbreviated() {
        u64::MAX
    } else {
        c.opts.string_limit as u64
    }
}

/// print_array for a pointer argument: `NULL`, `[]`, the bare address when the array
/// would wrap the address space, else [`print_elems`] cut at [`abbrev_limit`].
pub(crate) fn print_array(
    c: &Ctx,
    addr: u64,
    n: u64,
    size: usize,
    o: &mut String,
    mut each: impl FnMut(&mut String, &[u8]),
) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if n == 0 {
        o.push_str("[]");
        return;
    }
    let total = n.checked_mul(size as u64);
    if total.is_none_or(|t| addr.checked_add(t).is_none()) {
        fmt::addr(o, addr);
        return;
    }
    print_elems(c, addr, n, size as u64, abbrev_limit(c), o, |o, _, b| {
        each(o, b)
    });
}

/// The element loop alone, for callers that print `NULL` themselves (or not at all, as
/// strace does for some socket arrays) and pick their own `limit`; `each` gets an
/// element's index and bytes. An unreadable first element shows the address, a later
/// one `... /* 0x... */` after the elements before it.
pub(crate) fn print_elems(
    c: &Ctx,
    addr: u64,
    count: u64,
    size: u64,
    limit: u64,
    o: &mut String,
    mut each: impl FnMut(&mut String, u64, &[u8]),
) {
    if count == 0 {
        o.push_str("[]");
        return;
    }
    for i in 0..count {
        let cur = addr.wrapping_add(i.wrapping_mul(size));
        // `-e verbose=` without this call: strace fetches nothing, shows the address.
        let Some(b) = read_bytes(c, cur, size as usize).filter(|_| c.derefs()) else {
            if i == 0 {
                fmt::addr(o, addr);
                return;
            }
            let _ = write!(o, ", ... /* {cur:#x} */");
            break;
        };
        o.push_str(if i == 0 { "[" } else { ", " });
        if i >= limit {
            o.push_str("...");
            break;
        }
        each(o, i, &b);
    }
    o.push(']');
}
