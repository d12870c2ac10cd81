//! UBI volume requests ('O' and 'o', mtd/ubi-user.h); the plain ones are `forms`
//! rows.

use super::super::super::Ctx;
use super::super::ifreq::print_cstring_field;
use super::{Arg, Fields};
use crate::decode::bytes::{le, print_dec_at, print_enum, print_flags, read_or_addr, sle};

/// A name of `len` bytes in a field of `cap`: strace shows `len` (clamped) plus the
/// NUL.
fn name(c: &Ctx, b: &[u8], at: usize, len: i64, cap: usize, o: &mut String) {
    let n = 1 + len.clamp(0, cap as i64 - 1) as usize;
    print_cstring_field(c, b.get(at..at + n).unwrap_or(&[]), o);
}

pub(super) fn ubi(c: &Ctx, req: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match req {
        "UBI_IOCMKVOL" => {
            let Some(b) = read_or_addr(c, arg, 152, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            s.dec("vol_id", sle(&b, 0, 4));
            s.dec("alignment", sle(&b, 4, 4));
            s.dec("bytes", sle(&b, 8, 8));
            let t = s.f("vol_type");
            print_enum(c, "ubi_volume_types", le(&b, 16, 1), "UBI_???_VOLUME", t);
            print_flags(
                c,
                "ubi_volume_flags",
                le(&b, 17, 1),
                "UBI_VOL_???",
                s.f("flags"),
            );
            let len = sle(&b, 18, 2);
            s.dec("name_len", len);
            name(c, &b, 24, len, 128, s.f("name"));
            s.end();
            after(c, arg, o);
        }
        "UBI_IOCATT" => {
            let Some(b) = read_or_addr(c, arg, 24, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            s.dec("ubi_num", sle(&b, 0, 4));
            s.dec("mtd_num", sle(&b, 4, 4));
            s.dec("vid_hdr_offset", sle(&b, 8, 4));
            s.dec("max_beb_per1024", sle(&b, 12, 2));
            s.end();
            after(c, arg, o);
        }
        "UBI_IOCRSVOL" => {
            if let Some(b) = read_or_addr(c, arg, 12, false, o) {
                let mut s = Fields::new(o);
                s.dec("bytes", sle(&b, 0, 8));
                s.dec("vol_id", sle(&b, 8, 4));
                s.end();
            }
        }
        "UBI_IOCRNVOL" => {
            if let Some(b) = read_or_addr(c, arg, 4368, false, o) {
                let count = sle(&b, 0, 4);
                let mut s = Fields::new(o);
                s.dec("count", count);
                let o = s.f("ents");
                let n = count.clamp(0, 32) as usize;
                let limit = if c.unabbreviated() {
                    usize::MAX
                } else {
                    c.opts.string_limit
                };
                o.push('[');
                for i in 0..n {
                    if i > 0 {
                        o.push_str(", ");
                    }
                    if i >= limit {
                        o.push_str("...");
                        break;
                    }
                    let e = 16 + 136 * i;
                    let mut k = Fields::new(o);
                    k.dec("vol_id", sle(&b, e, 4));
                    let len = sle(&b, e + 4, 2);
                    k.dec("name_len", len);
                    name(c, &b, e + 8, len, 128, k.f("name"));
                    k.end();
                }
                o.push(']');
                s.end();
            }
        }
        "UBI_IOCEBCH" => {
            if let Some(b) = read_or_addr(c, arg, 16, false, o) {
                let mut s = Fields::new(o);
                s.dec("lnum", sle(&b, 0, 4));
                s.dec("bytes", sle(&b, 4, 4));
                print_enum(c, "ubi_data_types", le(&b, 8, 1), "UBI_???", s.f("dtype"));
                s.end();
            }
        }
        "UBI_IOCEBMAP" => {
            if let Some(b) = read_or_addr(c, arg, 8, false, o) {
                let mut s = Fields::new(o);
                s.dec("lnum", sle(&b, 0, 4));
                print_enum(c, "ubi_data_types", le(&b, 4, 1), "UBI_???", s.f("dtype"));
                s.end();
            }
        }
        "UBI_IOCSETVOLPROP" => {
            if let Some(b) = read_or_addr(c, arg, 16, false, o) {
                let mut s = Fields::new(o);
                let t = s.f("property");
                print_enum(c, "ubi_volume_props", le(&b, 0, 1), "UBI_VOL_PROP_???", t);
                s.hex("value", le(&b, 8, 8));
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}

/// ` => [n]`: the number the kernel wrote over the request.
fn after(c: &Ctx, arg: u64, o: &mut String) {
    if !c.failed() {
        o.push_str(" => ");
        print_dec_at(c, arg, true, 4, true, o);
    }
}
