//! userfaultfd requests (0xaa, linux/userfaultfd.h): the request at entry, and what
//! the kernel filled in (ioctls masks, copied byte counts) when the call succeeded.

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::bytes::{le, print_flags, read_bytes, read_or_addr, sle};

fn range(b: &[u8], at: usize, o: &mut String) {
    let mut s = Fields::new(o);
    s.hex("start", le(b, at, 8));
    s.hex("len", le(b, at + 8, 8));
    s.end();
}

/// The exit-time bytes of a successful call.
fn after(c: &Ctx, arg: u64, size: usize) -> Option<Vec<u8>> {
    if c.failed() {
        None
    } else {
        read_bytes(c, arg, size)
    }
}

pub(super) fn uffdio(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "UFFDIO_API" => {
            // struct uffdio_api: api, features, ioctls (u64).
            let Some(b) = read_or_addr(c, arg, 24, false, o) else {
                return Some(Arg::Shown);
            };
            // The entry features (`super::capture`), else the exit memory's.
            let entry = match c.saved.get(2) {
                Some(&m) if m >> 32 == 1 => c.saved.get(1).copied().unwrap_or(0),
                _ => le(&b, 8, 8),
            };
            let mut s = Fields::new(o);
            s.hex("api", le(&b, 0, 8));
            print_flags(
                c,
                "uffd_api_features",
                entry,
                "UFFD_FEATURE_???",
                s.f("features"),
            );
            if let Some(x) = after(c, arg, 24) {
                let features = le(&x, 8, 8);
                if features != entry {
                    let o = s.raw();
                    o.push_str(" => ");
                    o.push_str("features=");
                    print_flags(c, "uffd_api_features", features, "UFFD_FEATURE_???", o);
                }
                print_flags(
                    c,
                    "uffd_api_flags",
                    le(&x, 16, 8),
                    "_UFFDIO_???",
                    s.f("ioctls"),
                );
            }
            s.end();
        }
        "UFFDIO_COPY" => {
            let Some(b) = read_or_addr(c, arg, 40, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            s.hex("dst", le(&b, 0, 8));
            s.hex("src", le(&b, 8, 8));
            s.hex("len", le(&b, 16, 8));
            print_flags(
                c,
                "uffd_copy_flags",
                le(&b, 24, 8),
                "UFFDIO_COPY_???",
                s.f("mode"),
            );
            if let Some(x) = after(c, arg, 40) {
                s.hex("copy", sle(&x, 32, 8) as u64);
            }
            s.end();
        }
        "UFFDIO_REGISTER" => {
            let Some(b) = read_or_addr(c, arg, 32, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            range(&b, 0, s.f("range"));
            let t = s.f("mode");
            print_flags(
                c,
                "uffd_register_mode_flags",
                le(&b, 16, 8),
                "UFFDIO_REGISTER_MODE_???",
                t,
            );
            if let Some(x) = after(c, arg, 32) {
                let t = s.f("ioctls");
                print_flags(
                    c,
                    "uffd_register_ioctl_flags",
                    le(&x, 24, 8),
                    "UFFDIO_???",
                    t,
                );
            }
            s.end();
        }
        "UFFDIO_UNREGISTER" | "UFFDIO_WAKE" => {
            if let Some(b) = read_or_addr(c, arg, 16, false, o) {
                range(&b, 0, o);
            }
        }
        "UFFDIO_ZEROPAGE" => {
            let Some(b) = read_or_addr(c, arg, 32, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            range(&b, 0, s.f("range"));
            let t = s.f("mode");
            print_flags(
                c,
                "uffd_zeropage_flags",
                le(&b, 16, 8),
                "UFFDIO_ZEROPAGE_???",
                t,
            );
            if let Some(x) = after(c, arg, 32) {
                s.hex("zeropage", sle(&x, 24, 8) as u64);
            }
            s.end();
        }
        _ => return None,
    }
    Some(Arg::Shown)
}
