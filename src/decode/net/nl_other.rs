//! Netlink payloads of the smaller protocols: netfilter's nfgenmsg header, SELinux
//! notifications, and the udev messages sent on NETLINK_KOBJECT_UEVENT sockets.

use super::helpers::print_hexstr;
use super::netlink::{NLMSG_DONE, NLMSG_MIN_TYPE, NlMsgHdr};
use super::nl_types::{NETLINK_NETFILTER, NETLINK_SELINUX, print_htonl};
use super::nlattr::decode_nlattr;
use crate::decode::Ctx;
use crate::decode::bytes::{print_enum_noted, print_strn, read_bytes, u32_at};
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

/// NFNL_SUBSYS_NFTABLES (linux/netfilter/nfnetlink.h).
const NFNL_SUBSYS_NFTABLES: u16 = 10;
/// NFNL_MSG_BATCH_END: batch control messages carry no attributes.
const NFNL_MSG_BATCH_END: u16 = 17;

/// The payload of a message of another protocol than route and sock_diag; false when
/// the protocol has nothing to say about it (the caller dumps it).
pub(super) fn decode_other(
    c: &Ctx,
    family: Option<u32>,
    h: &NlMsgHdr,
    addr: u64,
    len: u64,
    o: &mut String,
) -> bool {
    match family {
        Some(NETLINK_NETFILTER) if h.ty != NLMSG_DONE => {
            decode_nfgenmsg(c, h.ty, addr, len, o);
            true
        }
        Some(NETLINK_SELINUX) => decode_selinux(c, h.ty, addr, len, o),
        _ => false,
    }
}

/// struct nfgenmsg, then the attributes (whose types only the subsystem knows).
fn decode_nfgenmsg(c: &Ctx, ty: u16, addr: u64, len: u64, o: &mut String) {
    if len < 4 {
        print_hexstr(c, addr, len as usize, o);
        return;
    }
    let Some(b) = read_bytes(c, addr, 4) else {
        fmt::addr(o, addr);
        return;
    };
    o.push_str("{nfgen_family=");
    print_enum_noted(c, "addrfams", u64::from(b[0]), "AF_???", o);
    o.push_str(", version=");
    print_enum_noted(c, "netfilter_versions", u64::from(b[1]), "NFNETLINK_???", o);
    o.push_str(", res_id=");
    // res_id is big-endian, but nftables long sent it in host order: strace names both.
    let raw = u16::from_le_bytes([b[2], b[3]]);
    let res_id = raw.swap_bytes();
    let nftables = ty >> 8 == NFNL_SUBSYS_NFTABLES;
    if nftables && res_id == NFNL_SUBSYS_NFTABLES {
        o.push_str("htons(NFNL_SUBSYS_NFTABLES)");
    } else if nftables && raw == NFNL_SUBSYS_NFTABLES {
        o.push_str("NFNL_SUBSYS_NFTABLES");
    } else {
        let _ = write!(o, "htons({res_id})");
    }
    o.push('}');
    if len > 4 {
        o.push_str(", ");
        let (a, l) = (addr.wrapping_add(4), len - 4);
        if ty < NLMSG_MIN_TYPE || ty <= NFNL_MSG_BATCH_END {
            print_hexstr(c, a, l as usize, o);
        } else {
            decode_nlattr(c, a, l, "", "", o, &|_, _, _, _, _| false);
        }
    }
}

/// SELNL_MSG_SETENFORCE's {val} and SELNL_MSG_POLICYLOAD's {seqno}.
fn decode_selinux(c: &Ctx, ty: u16, addr: u64, len: u64, o: &mut String) -> bool {
    let field = match ty {
        16 => "val",
        17 => "seqno",
        _ => return false,
    };
    if len < 4 {
        print_hexstr(c, addr, len as usize, o);
        return true;
    }
    match read_bytes(c, addr, 4) {
        Some(b) if ty == 16 => {
            let _ = write!(o, "{{{field}={}}}", u32_at(&b, 0) as i32);
        }
        Some(b) => {
            let _ = write!(o, "{{{field}={}}}", u32_at(&b, 0));
        }
        None => fmt::addr(o, addr),
    }
    true
}

/// The size of struct udev_monitor_netlink_header (libudev's, as strace knows it).
const UDEV_HDR: usize = 40;

/// A udev monitor message: its header when it starts with "libudev\0", then the
/// properties as a string; anything else (the kernel's own "action@devpath" messages)
/// is a plain string.
pub(super) fn decode_kobject_uevent(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    let hdr = (addr != 0 && len >= UDEV_HDR as u64)
        .then(|| read_bytes(c, addr, UDEV_HDR))
        .flatten()
        .filter(|b| b[..8] == *b"libudev\0");
    let Some(b) = hdr else {
        print_strn(c, addr, len, false, o);
        return;
    };
    let more = len > UDEV_HDR as u64;
    if more {
        o.push('[');
    }
    o.push_str("{prefix=");
    fmt::quote_into(o, b"libudev", Quote::default(), c.opts.hex);
    o.push_str(", magic=");
    print_htonl(o, &b, 8);
    let _ = write!(
        o,
        ", header_size={}, properties_off={}, properties_len={}",
        u32_at(&b, 12),
        u32_at(&b, 16),
        u32_at(&b, 20)
    );
    for (name, off) in [
        ("filter_subsystem_hash", 24),
        ("filter_devtype_hash", 28),
        ("filter_tag_bloom_hi", 32),
        ("filter_tag_bloom_lo", 36),
    ] {
        let _ = write!(o, ", {name}=");
        print_htonl(o, &b, off);
    }
    o.push('}');
    if more {
        o.push_str(", ");
        print_strn(
            c,
            addr.wrapping_add(UDEV_HDR as u64),
            len - UDEV_HDR as u64,
            false,
            o,
        );
        o.push(']');
    }
}
