//! The struct requests of random ('R') and nsfs (0xb7), and nsfs's return values;
//! their plain requests, and all of watchdog's and nbd's, are `forms` rows.

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_strn, read_or_addr};
use crate::decode::fmt;

pub(super) fn random(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "RNDADDENTROPY" => {
            // struct rand_pool_info: entropy_count, buf_size, then the bytes.
            if let Some(b) = read_or_addr(c, arg, 8, false, o) {
                let size = le(&b, 4, 4) as u32 as i32;
                let mut s = Fields::new(o);
                s.dec("entropy_count", le(&b, 0, 4) as u32 as i32);
                s.dec("buf_size", size);
                let o = s.f("buf");
                print_strn(c, arg + 8, i64::from(size) as u64, false, o);
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}

pub(super) fn nsfs(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "NS_GET_OWNER_UID" => {
            if let Some(b) = read_or_addr(c, arg, 4, true, o) {
                o.push('[');
                let uid = le(&b, 0, 4) as u32;
                if uid == u32::MAX {
                    o.push_str("-1");
                } else {
                    fmt::dec(o, uid);
                }
                o.push(']');
            }
            Some(Arg::Shown)
        }
        _ => None,
    }
}

/// What the nsfs requests return: a new fd, or a CLONE_NEW* type.
pub(super) fn nsfs_ret(c: &Ctx, name: &str, o: &mut String) -> bool {
    let ret = c.ret().unwrap_or(0);
    match name {
        "NS_GET_USERNS" | "NS_GET_PARENT" => print_fd(c, ret, o),
        "NS_GET_NSTYPE" => {
            fmt::dec(o, ret);
            if let Some(n) = crate::decode::bytes::xlat_name(c, "setns_types", ret as u64) {
                o.push_str(" (");
                o.push_str(n);
                o.push(')');
            }
        }
        _ => return false,
    }
    true
}
