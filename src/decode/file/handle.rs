//! File handles of name_to_handle_at/open_by_handle_at: `struct file_handle`, whose
//! size field is read at entry and rewritten by the kernel, and the mount id.

use super::super::Ctx;
use super::super::fmt;
use super::common::{le, print_hex_bytes, read_or_addr, sle};
use crate::table::ArgSpec;
use std::fmt::Write;

/// handle_bytes at entry, with bit 32 set when the header was readable.
pub(super) fn capture_handle_bytes(c: &Ctx, a: &ArgSpec) -> u64 {
    c.mem
        .read_uint(c.arg(a.index), 4)
        .map_or(0, |v| v | (1 << 32))
}

fn print_f_handle(c: &Ctx, addr: u64, bytes: u32, o: &mut String) {
    let len = bytes.min(128) as usize;
    let mut h = vec![0u8; len];
    if addr > 0 && c.fetch(addr.wrapping_add(8), &mut h) {
        print_hex_bytes(c, &h, bytes as usize > len, o);
    } else {
        o.push_str("???");
    }
}

/// name_to_handle_at's handle: `{handle_bytes=128 => 8, handle_type=1, f_handle=...}`.
pub(super) fn print_file_handle_out(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let saved = c.saved.get(a.index).copied().unwrap_or(0);
    if saved >> 32 == 0 {
        fmt::addr(o, addr);
        return true;
    }
    let before = saved as u32;
    let _ = write!(o, "{{handle_bytes={before}");
    let eoverflow = c.rec.errno() == Some(75);
    if !c.failed() || eoverflow {
        let mut hdr = [0u8; 8];
        if c.fetch(addr, &mut hdr) {
            let now = le(&hdr, 0, 4) as u32;
            if now != before {
                let _ = write!(o, " => {now}");
            }
            if !c.failed() {
                let _ = write!(o, ", handle_type={}, f_handle=", sle(&hdr, 4, 4));
                print_f_handle(c, addr, now, o);
            }
        }
    }
    o.push('}');
    true
}

pub(super) fn print_mount_id(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let handle_ok = c.saved.get(2).copied().unwrap_or(0) >> 32 != 0;
    if !handle_ok || addr == 0 || c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    match c.fetch_uint(addr, 4) {
        Some(v) => {
            let _ = write!(o, "[{}]", v as u32 as i32);
        }
        None => fmt::addr(o, addr),
    }
    true
}

pub(super) fn print_file_handle_in(c: &Ctx, addr: u64, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, 8, true, o) else {
        return;
    };
    let bytes = le(&b, 0, 4) as u32;
    let _ = write!(
        o,
        "{{handle_bytes={bytes}, handle_type={}, f_handle=",
        sle(&b, 4, 4)
    );
    print_f_handle(c, addr, bytes, o);
    o.push('}');
}
