//! struct msghdr, iovec and cmsghdr of sendmsg/recvmsg, in the tracee's layout.

use super::helpers::{print_ifindex, print_local_array, quote};
use super::netlink::{decode_netlink, netlink_proto};
use super::sockaddr::{
    AF_NETLINK, SAVED_OK, SOCKADDR_MAX, decode_sockaddr, print_inet_addr, print_sockaddr, saved_len,
};
use super::sockopt::{SOL_IP, SOL_SOCKET};
use crate::decode::Ctx;
use crate::decode::array::{abbrev_limit, print_elems};
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_enum_noted, print_flags, print_strn, read_bytes, u32_at};
use crate::decode::fmt;
use crate::table::ArgSpec;
use std::fmt::Write;

pub(super) struct MsgHdr {
    name: u64,
    namelen: u32,
    iov: u64,
    iovlen: u64,
    control: u64,
    controllen: u64,
    flags: u32,
}

pub(super) fn msghdr_size(c: &Ctx) -> usize {
    7 * c.word()
}

pub(super) fn read_msghdr(c: &Ctx, addr: u64) -> Option<MsgHdr> {
    if addr == 0 || !c.derefs() {
        return None;
    }
    let w = c.word();
    let b = read_bytes(c, addr, msghdr_size(c))?;
    Some(parse_msghdr(&b, w))
}

pub(super) fn parse_msghdr(b: &[u8], w: usize) -> MsgHdr {
    MsgHdr {
        name: le(b, 0, w),
        namelen: u32_at(b, w),
        iov: le(b, 2 * w, w),
        iovlen: le(b, 3 * w, w),
        control: le(b, 4 * w, w),
        controllen: le(b, 5 * w, w),
        flags: u32_at(b, 6 * w),
    }
}

pub(super) fn print_msghdr_at(
    c: &Ctx,
    addr: u64,
    user_namelen: Option<i32>,
    data_size: u64,
    o: &mut String,
) {
    match read_msghdr(c, addr) {
        Some(m) => print_msghdr(c, &m, user_namelen, data_size, o),
        None => fmt::addr(o, addr),
    }
}

pub(super) fn print_msghdr(
    c: &Ctx,
    m: &MsgHdr,
    user_namelen: Option<i32>,
    data_size: u64,
    o: &mut String,
) {
    let kernel_namelen = m.namelen as i32;
    let namelen = match user_namelen {
        Some(u) if kernel_namelen > u => u,
        _ => kernel_namelen,
    };
    o.push_str("{msg_name=");
    // Netlink addresses make strace decode the data as netlink messages.
    let netlink = (decode_sockaddr(c, m.name, namelen, o) == Some(AF_NETLINK))
        .then(|| netlink_proto(c, c.iarg(0)));
    o.push_str(", msg_namelen=");
    if let Some(u) = user_namelen.filter(|&u| u != kernel_namelen) {
        let _ = write!(o, "{u} => ");
    }
    fmt::dec(o, kernel_namelen);
    o.push_str(", msg_iov=");
    print_iov_upto(c, m.iov, m.iovlen, data_size, netlink, o);
    let _ = write!(o, ", msg_iovlen={}", m.iovlen);
    if m.controllen != 0 {
        o.push_str(", msg_control=");
        print_msg_control(c, m.control, m.controllen, o);
    }
    let _ = write!(o, ", msg_controllen={}, msg_flags=", m.controllen);
    print_flags(c, "msg_flags", u64::from(m.flags), "MSG_???", o);
    o.push('}');
}

/// An iovec array whose data prints up to `data_size` bytes in all (a short read).
/// With `netlink` (the socket's protocol, if known) the data are netlink messages.
pub fn print_iov_upto(
    c: &Ctx,
    addr: u64,
    count: u64,
    mut data_size: u64,
    netlink: Option<Option<u32>>,
    o: &mut String,
) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if count == 0 {
        o.push_str("[]");
        return;
    }
    let w = c.word() as u64;
    let elem = 2 * w;
    let limit = abbrev_limit(c);
    let end = count
        .checked_mul(elem)
        .and_then(|s| addr.checked_add(s))
        .filter(|&e| c.arch().ulong(e) == e);
    let Some(_) = end else {
        fmt::addr(o, addr);
        return;
    };
    print_elems(c, addr, count, elem, limit, o, |o, _, b| {
        let base = le(b, 0, w as usize);
        let len = le(b, w as usize, w as usize);
        let shown = len.min(data_size);
        if data_size != u64::MAX {
            data_size -= shown;
        }
        o.push_str("{iov_base=");
        match netlink {
            Some(proto) => decode_netlink(c, proto, base, shown, o),
            None => print_strn(c, base, shown, false, o),
        }
        let _ = write!(o, ", iov_len={len}}}");
    });
}

/// strace never reads more control data than the socket option memory limit.
pub(super) fn optmem_max() -> u64 {
    std::fs::read_to_string("/proc/sys/net/core/optmem_max")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|&v| v > 0)
        .map_or(8 * (2 * 1024 + 512), |v| (v + 7) & !7)
}

pub(super) fn print_msg_control(c: &Ctx, addr: u64, in_len: u64, o: &mut String) {
    let w = c.word();
    let hdr = if w == 4 { 12 } else { 16 };
    let max = optmem_max();
    let control_len = in_len.min(max) as usize;
    let buf = if control_len < hdr {
        None
    } else {
        read_bytes(c, addr, control_len)
    };
    let Some(buf) = buf else {
        fmt::addr(o, addr);
        return;
    };
    o.push('[');
    let mut off = 0usize;
    let mut left = control_len;
    while left >= hdr {
        let cmsg_len = le(&buf, off, w);
        let level = u32_at(&buf, off + w);
        let ctype = u32_at(&buf, off + w + 4);
        if off != 0 {
            o.push_str(", ");
        }
        let _ = write!(o, "{{cmsg_len={cmsg_len}, cmsg_level=");
        print_enum_noted(c, "socketlayers", u64::from(level), "SOL_???", o);
        o.push_str(", cmsg_type=");
        let len = cmsg_len.min(left as u64) as usize;
        let data = buf.get(off + hdr..off + len.max(hdr)).unwrap_or(&[]);
        print_cmsg_type_data(c, level, ctype, data, o);
        o.push('}');
        if len < hdr {
            left -= hdr;
            break;
        }
        let step = (cmsg_len as usize).saturating_add(w - 1) & !(w - 1);
        if step >= left {
            left = 0;
            break;
        }
        off += step;
        left -= step;
    }
    if left != 0 {
        let _ = write!(
            o,
            ", ... /* {:#x} */",
            addr.wrapping_add((control_len - left) as u64)
        );
    } else if (control_len as u64) < in_len {
        o.push_str(", ...");
    }
    o.push(']');
}

pub(super) fn print_cmsg_type_data(c: &Ctx, level: u32, ctype: u32, data: &[u8], o: &mut String) {
    let n = data.len();
    match level {
        SOL_SOCKET => {
            print_enum_noted(c, "scmvals", u64::from(ctype), "SCM_???", o);
            let w = c.word();
            let min = match ctype {
                1 => 4,
                2 => 12,
                3 | 29 | 35 | 37 | 63 | 64 | 65 => 1,
                _ => return,
            };
            if n < min {
                return;
            }
            o.push_str(", cmsg_data=");
            // The timestamps print whole or not at all.
            let need = match ctype {
                29 | 35 => 2 * w,
                37 => 6 * w,
                63 | 64 => 16,
                65 => 48,
                _ => 0,
            };
            if n < need {
                o.push_str("???");
                return;
            }
            match ctype {
                // SCM_RIGHTS
                1 => print_local_array(c, data, 4, o, |o, _, v| {
                    print_fd(c, i64::from(u32_at(v, 0) as i32), o)
                }),
                // SCM_CREDENTIALS
                2 => {
                    let _ = write!(o, "{{pid={}, uid=", u32_at(data, 0) as i32);
                    crate::decode::basic::print_uid(o, u32_at(data, 4));
                    o.push_str(", gid=");
                    crate::decode::basic::print_uid(o, u32_at(data, 8));
                    o.push('}');
                }
                3 => quote(c, o, data),
                // SO_TIMESTAMP_OLD: a timeval of longs.
                29 => print_time_data(o, data, w, "tv_usec", 1),
                // SO_TIMESTAMPNS_OLD / SO_TIMESTAMPING_OLD
                35 => print_time_data(o, data, w, "tv_nsec", 1),
                37 => print_time_data(o, data, w, "tv_nsec", 3),
                63 => print_time_data(o, data, 8, "tv_usec", 1),
                64 => print_time_data(o, data, 8, "tv_nsec", 1),
                _ => print_time_data(o, data, 8, "tv_nsec", 3),
            }
        }
        SOL_IP => {
            print_enum_noted(c, "ip_cmsg_types", u64::from(ctype), "IP_???", o);
            let min = match ctype {
                8 => 12,
                2 | 23 => 4,
                1 | 6 | 7 | 3 => 1,
                11 => 32,
                20 => 16,
                _ => return,
            };
            if n < min {
                return;
            }
            o.push_str(", cmsg_data=");
            match ctype {
                // IP_PKTINFO
                8 => {
                    o.push_str("{ipi_ifindex=");
                    print_ifindex(c, o, u32_at(data, 0));
                    o.push_str(", ipi_spec_dst=");
                    print_inet_addr(c, o, &data[4..8]);
                    o.push_str(", ipi_addr=");
                    print_inet_addr(c, o, &data[8..12]);
                    o.push('}');
                }
                2 | 23 => print_local_array(c, data, 4, o, |o, _, v| fmt::dec(o, u32_at(v, 0))),
                3 => quote(c, o, data),
                // IP_RECVERR: struct sock_extended_err and the offender's address.
                11 => {
                    let _ = write!(
                        o,
                        "{{ee_errno={}, ee_origin={}, ee_type={}, ee_code={}, ee_info={}, ee_data={}, offender=",
                        u32_at(data, 0),
                        data[4],
                        data[5],
                        data[6],
                        u32_at(data, 8),
                        u32_at(data, 12)
                    );
                    print_sockaddr(c, &data[16..], 16, o);
                    o.push('}');
                }
                20 => print_sockaddr(c, data, n.min(SOCKADDR_MAX), o),
                // IP_TOS, IP_RECVOPTS, IP_RETOPTS: bytes in hex.
                _ => print_local_array(c, data, 1, o, |o, _, b| fmt::hex(o, u64::from(b[0]))),
            }
        }
        _ => fmt::hex(o, u64::from(ctype)),
    }
}

/// timeval/timespec values of `size`-byte fields inside control data.
pub(super) fn print_time_data(o: &mut String, data: &[u8], size: usize, frac: &str, count: usize) {
    let field = |off: usize| {
        let v = le(data, off, size);
        if size == 4 {
            i64::from(v as u32 as i32)
        } else {
            v as i64
        }
    };
    let one = |o: &mut String, off: usize| {
        // The fraction prints zero-extended, as strace does.
        let (sec, f) = (field(off), le(data, off + size, size));
        let _ = write!(o, "{{tv_sec={sec}, {frac}={f}}}");
    };
    if count == 1 {
        one(o, 0);
        return;
    }
    o.push('[');
    for i in 0..count {
        if i > 0 {
            o.push_str(", ");
        }
        one(o, i * 2 * size);
    }
    o.push(']');
}

/// recvmsg: the caller's msg_namelen, captured at entry to show `16 => 0`.
pub(super) fn capture_msg_namelen(c: &Ctx, a: &ArgSpec) -> u64 {
    read_msghdr(c, c.arg(a.index)).map_or(0, |m| SAVED_OK | u64::from(m.namelen))
}

pub(super) fn print_msghdr_out(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let Some(ulen) = saved_len(c, a.index) else {
        fmt::addr(o, addr);
        return true;
    };
    if c.failed() {
        let _ = write!(o, "{{msg_namelen={ulen}}}");
        return true;
    }
    let data = c.ret().unwrap_or(0) as u64;
    print_msghdr_at(c, addr, Some(ulen), data, o);
    true
}
