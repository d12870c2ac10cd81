//! File-system requests of types 'X' (FITRIM, FIFREEZE, FS_IOC_FS[GS]ETXATTR) and 'f'
//! (FS_IOC_FIEMAP; the 'f' flag requests are `request`'s).

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::array::print_array;
use crate::decode::bytes::{le, print_flags, read_or_addr};

/// struct fsxattr: five u32 and 8 bytes of padding.
const FSXATTR_SIZE: usize = 28;

pub(super) fn fs_x(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "FITRIM" => {
            if let Some(b) = read_or_addr(c, arg, 24, false, o) {
                let mut s = Fields::new(o);
                s.hex("start", le(&b, 0, 8));
                s.dec("len", le(&b, 8, 8));
                s.dec("minlen", le(&b, 16, 8));
                s.end();
            }
        }
        "FS_IOC_FSGETXATTR" | "FS_IOC_FSSETXATTR" => {
            let get = name == "FS_IOC_FSGETXATTR";
            if let Some(b) = read_or_addr(c, arg, FSXATTR_SIZE, get, o) {
                let mut s = Fields::new(o);
                print_flags(
                    c,
                    "fs_xflags",
                    le(&b, 0, 4),
                    "FS_XFLAG_???",
                    s.f("fsx_xflags"),
                );
                s.dec("fsx_extsize", le(&b, 4, 4));
                if get {
                    s.dec("fsx_nextents", le(&b, 8, 4));
                }
                s.hex("fsx_projid", le(&b, 12, 4));
                s.dec("fsx_cowextsize", le(&b, 16, 4));
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}

/// struct fiemap's header; struct fiemap_extent follows it, 56 bytes each.
const FIEMAP_SIZE: usize = 32;
const EXTENT_SIZE: usize = 56;

pub(super) fn fs_f(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    if name != "FS_IOC_FIEMAP" {
        return None;
    }
    // What strace shows at entry; the kernel leaves these fields as they were, so the
    // exit-time memory shows them too.
    let Some(b) = read_or_addr(c, arg, FIEMAP_SIZE, false, o) else {
        return Some(Arg::Shown);
    };
    let mut s = Fields::new(o);
    s.dec("fm_start", le(&b, 0, 8));
    s.dec("fm_length", le(&b, 8, 8));
    print_flags(
        c,
        "fiemap_flags",
        le(&b, 16, 4),
        "FIEMAP_FLAG_???",
        s.f("fm_flags"),
    );
    s.dec("fm_extent_count", le(&b, 24, 4));
    s.end();
    if c.failed() {
        return Some(Arg::Shown);
    }
    o.push_str(" => ");
    let Some(b) = read_or_addr(c, arg, FIEMAP_SIZE, true, o) else {
        return Some(Arg::Shown);
    };
    let mapped = le(&b, 20, 4);
    let mut s = Fields::new(o);
    print_flags(
        c,
        "fiemap_flags",
        le(&b, 16, 4),
        "FIEMAP_FLAG_???",
        s.f("fm_flags"),
    );
    s.dec("fm_mapped_extents", mapped);
    if c.unabbreviated() {
        let o = s.f("fm_extents");
        print_array(
            c,
            arg + FIEMAP_SIZE as u64,
            mapped,
            EXTENT_SIZE,
            o,
            |o, e| {
                let mut s = Fields::new(o);
                s.dec("fe_logical", le(e, 0, 8));
                s.dec("fe_physical", le(e, 8, 8));
                s.dec("fe_length", le(e, 16, 8));
                print_flags(
                    c,
                    "fiemap_extent_flags",
                    le(e, 40, 4),
                    "FIEMAP_EXTENT_???",
                    s.f("fe_flags"),
                );
                s.end();
            },
        );
    } else {
        s.more();
    }
    s.end();
    Some(Arg::Shown)
}
