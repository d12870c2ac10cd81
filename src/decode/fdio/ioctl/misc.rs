//! Small subsystems whose requests carry a number, a flag set or nothing: random
//! ('R'), watchdog ('W'), nbd (0xab) and nsfs (0xb7).

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_dec_at, print_flags, print_strn, read_or_addr};
use crate::decode::fmt;

pub(super) fn random(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "RNDGETENTCNT" | "RNDADDTOENTCNT" => {
            print_dec_at(c, arg, name == "RNDGETENTCNT", 4, true, o);
        }
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
        "RNDZAPENTCNT" | "RNDCLEARPOOL" | "RNDRESEEDCRNG" => return Some(Arg::Hidden),
        _ => return None,
    }
    Some(Arg::Shown)
}

pub(super) fn watchdog(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    let out = match name {
        "WDIOC_GETSTATUS"
        | "WDIOC_GETBOOTSTATUS"
        | "WDIOC_GETTEMP"
        | "WDIOC_GETTIMEOUT"
        | "WDIOC_GETPRETIMEOUT"
        | "WDIOC_GETTIMELEFT" => true,
        "WDIOC_SETTIMEOUT" | "WDIOC_SETPRETIMEOUT" => false,
        // linux/watchdog.h says int, but the kernel ignores it.
        "WDIOC_KEEPALIVE" => return Some(Arg::Hidden),
        _ => return None,
    };
    print_dec_at(c, arg, out, 4, true, o);
    Some(Arg::Shown)
}

pub(super) fn nbd(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "NBD_DISCONNECT" | "NBD_CLEAR_SOCK" | "NBD_DO_IT" | "NBD_CLEAR_QUE" | "NBD_PRINT_DEBUG" => {
            return Some(Arg::Hidden);
        }
        "NBD_SET_SOCK" => {
            print_fd(c, arg as u32 as i32 as i64, o);
        }
        "NBD_SET_BLKSIZE" | "NBD_SET_SIZE" | "NBD_SET_SIZE_BLOCKS" | "NBD_SET_TIMEOUT" => {
            fmt::dec(o, arg);
        }
        "NBD_SET_FLAGS" => {
            print_flags(c, "nbd_ioctl_flags", arg, "NBD_IOC_FLAG_???", o);
        }
        _ => return None,
    }
    Some(Arg::Shown)
}

pub(super) fn nsfs(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "NS_GET_USERNS" | "NS_GET_PARENT" | "NS_GET_NSTYPE" => Some(Arg::Hidden),
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
