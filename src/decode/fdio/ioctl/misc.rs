//! The struct requests of counter ('>'), random ('R') and nsfs (0xb7), and nsfs's
//! return values;
//! their plain requests, and all of watchdog's and nbd's, are `forms` rows.

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_enum, print_strn, read_or_addr};
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

pub(super) fn counter(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    if name != "COUNTER_ADD_WATCH_IOCTL" {
        return None;
    }
    // struct counter_watch: component {type, scope, parent, id}, event, channel; all u8.
    if let Some(b) = read_or_addr(c, arg, 6, false, o) {
        let mut s = Fields::new(o);
        {
            let o = s.f("component");
            let mut k = Fields::new(o);
            let t = k.f("type");
            print_enum(
                c,
                "counter_ioctl_component_types",
                le(&b, 0, 1),
                "COUNTER_COMPONENT_???",
                t,
            );
            let t = k.f("scope");
            print_enum(
                c,
                "counter_ioctl_scopes",
                le(&b, 1, 1),
                "COUNTER_SCOPE_???",
                t,
            );
            k.dec("parent", le(&b, 2, 1));
            k.dec("id", le(&b, 3, 1));
            k.end();
        }
        print_enum(
            c,
            "counter_ioctl_event_types",
            le(&b, 4, 1),
            "COUNTER_EVENT_???",
            s.f("event"),
        );
        s.dec("channel", le(&b, 5, 1));
        s.end();
    }
    Some(Arg::Shown)
}

/// PERF_EVENT_IOC_QUERY_BPF's struct perf_event_query_bpf: ids_len, then (after
/// success) prog_cnt and the ids. The plain perf requests are `forms` rows;
/// MODIFY_ATTRIBUTES (a perf_event_attr) is not decoded here yet.
pub(super) fn perf(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    if name != "PERF_EVENT_IOC_QUERY_BPF" {
        return None;
    }
    let Some(b) = read_or_addr(c, arg, 4, false, o) else {
        return Some(Arg::Shown);
    };
    let mut s = Fields::new(o);
    s.dec("ids_len", le(&b, 0, 4));
    match c.mem.read_uint(arg + 4, 4).filter(|_| !c.failed()) {
        Some(n) => {
            s.dec("prog_cnt", n);
            let o = s.f("ids");
            crate::decode::array::print_array(c, arg + 8, n, 4, o, |o, e| {
                crate::decode::fmt::dec(o, le(e, 0, 4))
            });
        }
        None => s.more(),
    }
    s.end();
    Some(Arg::Shown)
}
