//! ATA disk requests (type 0x03, linux/hdreg.h) with a struct argument; the rest are
//! `forms` rows.

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::bytes::{klong, le, print_enum, read_bytes, read_or_addr};
use crate::decode::fmt::Quote;

/// The kernel's EIO: HDIO_DRIVE_CMD still returns the status registers with it.
const EIO: u64 = 5;

pub(super) fn hdio(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "HDIO_GETGEO" => {
            // struct hd_geometry: heads, sectors (u8), cylinders (u16), start (long).
            let l = klong(c);
            if let Some(b) = read_or_addr(c, arg, 2 * l, true, o) {
                let mut s = Fields::new(o);
                s.dec("heads", le(&b, 0, 1));
                s.dec("sectors", le(&b, 1, 1));
                s.dec("cylinders", le(&b, 2, 2));
                s.dec("start", le(&b, l, l));
                s.end();
            }
        }
        "HDIO_DRIVE_CMD" => drive_cmd(c, arg, o),
        _ => return None,
    }
    Some(Arg::Shown)
}

/// The 4-byte command header as it was at entry (`super::capture`), else as memory
/// holds it now.
fn drive_cmd(c: &Ctx, arg: u64, o: &mut String) {
    let saved = c.saved.get(2).copied().unwrap_or(0);
    let hdr = if saved >> 32 == 1 {
        (saved as u32).to_le_bytes().to_vec()
    } else {
        match read_or_addr(c, arg, 4, false, o) {
            Some(b) => b,
            None => return,
        }
    };
    let mut s = Fields::new(o);
    print_enum(
        c,
        "hdio_drive_cmds",
        le(&hdr, 0, 1),
        "ATA_CMD_???",
        s.f("command"),
    );
    s.dec("sector_number", le(&hdr, 1, 1));
    s.dec("feature", le(&hdr, 2, 1));
    s.dec("sector_count", le(&hdr, 3, 1));
    s.end();
    let errno = c.rec.errno();
    if errno.is_some_and(|e| e != EIO) || !c.exiting() {
        return;
    }
    let Some(b) = read_bytes(c, arg, 4) else {
        return;
    };
    o.push_str(" => ");
    let mut s = Fields::new(o);
    s.hex("status", le(&b, 0, 1));
    s.dec("error", le(&b, 1, 1));
    s.dec("nsector", le(&b, 2, 1));
    let count = le(&b, 3, 1);
    if count != 0 {
        let o = s.f("buf");
        let q = Quote {
            force_hex: true,
            ..Quote::default()
        };
        crate::decode::bytes::print_strn_as(c, arg + 4, count * 512, false, q, o);
    }
    s.end();
}
