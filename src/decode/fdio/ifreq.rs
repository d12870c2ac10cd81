//! Socket ioctls: owner and out-of-band requests, struct ifreq (interface name, index,
//! flags, addresses, hardware address, map) and SIOCGIFCONF's ifconf, whose ifc_len
//! is compared with the value captured at entry.

use super::super::Ctx;
use super::super::fmt::{self, Quote};
use crate::decode::array::print_array;
use crate::decode::bytes::{
    le, print_dec_at, print_enum, print_flags, read_or_addr, read_struct, sle,
};
use crate::table::ArgSpec;
use std::fmt::Write;

const FIOSETOWN: u32 = 0x8901;
const SIOCSPGRP: u32 = 0x8902;
const FIOGETOWN: u32 = 0x8903;
const SIOCGPGRP: u32 = 0x8904;
const SIOCATMARK: u32 = 0x8905;
const SIOCGIFNAME: u32 = 0x8910;
const SIOCGIFFLAGS: u32 = 0x8913;
const SIOCSIFFLAGS: u32 = 0x8914;
const SIOCGIFMETRIC: u32 = 0x891d;
const SIOCSIFMETRIC: u32 = 0x891e;
const SIOCGIFMTU: u32 = 0x8921;
const SIOCSIFMTU: u32 = 0x8922;
const SIOCSIFNAME: u32 = 0x8923;
const SIOCGIFINDEX: u32 = 0x8933;
const SIOCGIFCONF: u32 = 0x8912;
const SIOCGIFADDR: u32 = 0x8915;
const SIOCSIFADDR: u32 = 0x8916;
const SIOCGIFDSTADDR: u32 = 0x8917;
const SIOCSIFDSTADDR: u32 = 0x8918;
const SIOCGIFBRDADDR: u32 = 0x8919;
const SIOCSIFBRDADDR: u32 = 0x891a;
const SIOCGIFNETMASK: u32 = 0x891b;
const SIOCSIFNETMASK: u32 = 0x891c;
const SIOCSIFHWADDR: u32 = 0x8924;
const SIOCGIFHWADDR: u32 = 0x8927;
const SIOCGIFSLAVE: u32 = 0x8929;
const SIOCSIFSLAVE: u32 = 0x8930;
const SIOCADDMULTI: u32 = 0x8931;
const SIOCDELMULTI: u32 = 0x8932;
const SIOCSIFHWBROADCAST: u32 = 0x8937;
const SIOCGIFMAP: u32 = 0x8970;
const SIOCSIFMAP: u32 = 0x8971;
const SIOCGIFTXQLEN: u32 = 0x8942;
const SIOCSIFTXQLEN: u32 = 0x8943;

/// The argument of a socket request; false, printing nothing, when `code` is not one.
pub(super) fn print_sock_arg(c: &Ctx, a: &ArgSpec, code: u32, arg: u64, o: &mut String) -> bool {
    match code {
        FIOGETOWN | SIOCATMARK | SIOCGPGRP => print_dec_at(c, arg, true, 4, true, o),
        FIOSETOWN | SIOCSPGRP => print_dec_at(c, arg, false, 4, true, o),
        SIOCGIFCONF => print_ifconf(c, a, arg, o),
        _ => match IFREQ_REQUESTS
            .iter()
            .find(|r| r.0.contains(&code) || r.1.contains(&code))
        {
            Some(&(get, _, name, member)) => {
                print_ifreq(c, arg, get.contains(&code), name, member, o)
            }
            None => return false,
        },
    }
    true
}

/// How an ifreq union member prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Member {
    /// IFF_* flags (a short).
    Flags,
    /// An int.
    Int,
    /// A 16-byte struct sockaddr.
    Sockaddr,
    /// A struct sockaddr holding a hardware address.
    Hwaddr,
    /// struct ifmap.
    Map,
    /// A 16-byte interface name in the union.
    Name,
    /// SIOCGIFNAME: keyed by ifr_ifindex, answered in ifr_name (the first 16 bytes).
    IfName,
}

/// The ifreq requests: the codes that read the member (their result only shows when
/// the call succeeded), the codes that write it, the member's name, how it prints.
const IFREQ_REQUESTS: &[(&[u32], &[u32], &str, Member)] = &[
    (&[SIOCGIFNAME], &[], "ifr_name", Member::IfName),
    (&[SIOCGIFFLAGS], &[SIOCSIFFLAGS], "ifr_flags", Member::Flags),
    (&[SIOCGIFINDEX], &[], "ifr_ifindex", Member::Int),
    (
        &[SIOCGIFMETRIC],
        &[SIOCSIFMETRIC],
        "ifr_metric",
        Member::Int,
    ),
    (&[SIOCGIFMTU], &[SIOCSIFMTU], "ifr_mtu", Member::Int),
    (&[SIOCGIFTXQLEN], &[SIOCSIFTXQLEN], "ifr_qlen", Member::Int),
    (&[SIOCGIFADDR], &[SIOCSIFADDR], "ifr_addr", Member::Sockaddr),
    (
        &[SIOCGIFDSTADDR],
        &[SIOCSIFDSTADDR],
        "ifr_dstaddr",
        Member::Sockaddr,
    ),
    (
        &[SIOCGIFBRDADDR],
        &[SIOCSIFBRDADDR],
        "ifr_broadaddr",
        Member::Sockaddr,
    ),
    (
        &[SIOCGIFNETMASK],
        &[SIOCSIFNETMASK],
        "ifr_netmask",
        Member::Sockaddr,
    ),
    (
        &[SIOCGIFHWADDR],
        &[
            SIOCSIFHWADDR,
            SIOCSIFHWBROADCAST,
            SIOCADDMULTI,
            SIOCDELMULTI,
        ],
        "ifr_hwaddr",
        Member::Hwaddr,
    ),
    (&[SIOCGIFMAP], &[SIOCSIFMAP], "ifr_map", Member::Map),
    (&[SIOCGIFSLAVE], &[SIOCSIFSLAVE], "ifr_slave", Member::Name),
    (&[], &[SIOCSIFNAME], "ifr_newname", Member::Name),
];

/// struct ifreq: a 16-byte name, then a union as large as struct ifmap.
fn ifreq_size(c: &Ctx) -> usize {
    16 + if c.word() == 8 { 24 } else { 16 }
}

/// A fixed-size char array as strace's print_quoted_cstring: up to the NUL, `...`
/// when the array holds none.
pub(in crate::decode::fdio) fn print_cstring_field(c: &Ctx, b: &[u8], o: &mut String) {
    let q = Quote {
        nul_terminated: true,
        ..Quote::default()
    };
    // The last byte is reserved for the NUL; only a non-NUL there means truncation.
    let shown = &b[..b.len().saturating_sub(1)];
    if !fmt::quote_into(o, shown, q, c.opts.hex) && b.last().is_some_and(|&x| x != 0) {
        o.push_str("...");
    }
}

/// `name=value` of the member; `b` is the whole ifreq.
fn print_ifreq_member(c: &Ctx, name: &str, member: Member, b: &[u8], o: &mut String) {
    let _ = write!(o, "{name}=");
    let union = b.get(16..32).unwrap_or(&[]);
    match member {
        Member::Flags => print_flags(c, "iffflags", le(b, 16, 2), "IFF_???", o),
        Member::Int => fmt::dec(o, sle(b, 16, 4)),
        Member::Sockaddr => print_sockaddr16(c, union, o),
        Member::Hwaddr => print_hwaddr16(c, union, o),
        Member::Map => {
            let w = c.word();
            let at = 16 + 2 * w;
            o.push_str("{mem_start=");
            fmt::hex(o, le(b, 16, w));
            o.push_str(", mem_end=");
            fmt::hex(o, le(b, 16 + w, w));
            o.push_str(", base_addr=");
            fmt::hex(o, le(b, at, 2));
            o.push_str(", irq=");
            fmt::hex(o, le(b, at + 2, 1));
            o.push_str(", dma=");
            fmt::hex(o, le(b, at + 3, 1));
            o.push_str(", port=");
            fmt::hex(o, le(b, at + 4, 1));
            o.push('}');
        }
        Member::Name => print_cstring_field(c, union, o),
        Member::IfName => print_cstring_field(c, b.get(..16).unwrap_or(&[]), o),
    }
}

/// A 16-byte struct sockaddr (the ifreq union member): AF_INET and AF_UNIX fit,
/// other families print their raw sa_data.
fn print_sockaddr16(c: &Ctx, b: &[u8], o: &mut String) {
    let family = le(b, 0, 2);
    o.push_str("{sa_family=");
    print_enum(c, "addrfams", family, "AF_???", o);
    match family {
        2 => {
            let port = u16::from_be_bytes([
                b.get(2).copied().unwrap_or(0),
                b.get(3).copied().unwrap_or(0),
            ]);
            let ip = b.get(4..8).unwrap_or(&[0, 0, 0, 0]);
            let _ = write!(
                o,
                ", sin_port=htons({port}), sin_addr=inet_addr(\"{}.{}.{}.{}\")}}",
                ip[0], ip[1], ip[2], ip[3]
            );
        }
        1 => {
            o.push_str(", sun_path=");
            let path = b.get(2..).unwrap_or(&[]);
            let q = Quote {
                nul_terminated: true,
                ..Quote::default()
            };
            fmt::quote_into(o, path, q, c.opts.hex);
            o.push('}');
        }
        _ => {
            o.push_str(", sa_data=");
            fmt::quote_into(o, b.get(2..).unwrap_or(&[]), Quote::default(), c.opts.hex);
            o.push('}');
        }
    }
}

/// Hardware address bytes of an ARPHRD_* type, as many as that type uses.
fn hwaddr_len(devtype: u64) -> usize {
    match devtype {
        0 | 3 => 7,
        1 | 6 | 772 | 774 | 780 | 801..=803 => 6,
        7 | 773 | 290 | 820 | 821 => 1,
        15 => 2,
        24 | 769 | 823 => 16,
        27 | 804 | 805 | 825 => 8,
        32 => 20,
        256 | 271 | 280 | 512 | 518 | 519 | 777 | 779 | 822 | 824 | 826 => 0,
        270 => 5,
        768 | 776 | 778 | 783 => 4,
        _ => 255,
    }
}

fn print_hwaddr16(c: &Ctx, b: &[u8], o: &mut String) {
    let devtype = le(b, 0, 2);
    o.push_str("{sa_family=");
    print_enum(c, "arp_hardware_types", devtype, "ARPHRD_???", o);
    o.push_str(", sa_data=");
    let data = b.get(2..).unwrap_or(&[]);
    for (i, byte) in data.iter().take(hwaddr_len(devtype)).enumerate() {
        if i > 0 {
            o.push(':');
        }
        let _ = write!(o, "{byte:02x}");
    }
    o.push('}');
}

/// `ifc_len` with strace's `/* N * sizeof(struct ifreq) */` when it divides evenly.
fn print_ifc_len(c: &Ctx, len: i32, o: &mut String) {
    fmt::dec(o, len);
    let size = ifreq_size(c) as i32;
    if len > 0 && len % size == 0 {
        let _ = write!(o, " /* {} * sizeof(struct ifreq) */", len / size);
    }
}

/// Entry state of SIOCGIFCONF, for the `before => after` of ifc_len: the length,
/// whether ifc_buf was set, whether the struct was readable.
pub(super) fn capture_ifconf(c: &Ctx, a: &ArgSpec) -> u64 {
    let code = c.iarg(a.index.saturating_sub(1)) as u32;
    if code != SIOCGIFCONF {
        return super::ioctl::capture(c, code, c.arg(a.index));
    }
    let w = c.word();
    match read_struct(c, c.arg(a.index), 2 * w) {
        Some(b) => le(&b, 0, 4) | (u64::from(le(&b, w, w) != 0) << 32) | (1 << 33),
        None => 0,
    }
}

pub(super) fn capture_ifconf_buf(c: &Ctx, a: &ArgSpec) -> u64 {
    let code = c.iarg(a.index) as u32;
    if code != SIOCGIFCONF {
        return super::ioctl::capture_req(c, code, c.arg(a.index + 1));
    }
    let w = c.word();
    c.mem
        .read_uint(c.arg(a.index + 1).wrapping_add(w as u64), w)
        .unwrap_or(0)
}

fn print_ifconf(c: &Ctx, a: &ArgSpec, addr: u64, o: &mut String) {
    let saved = c.saved.get(a.index).copied().unwrap_or(0);
    if saved & (1 << 33) == 0 {
        fmt::addr(o, addr);
        return;
    }
    let len0 = saved as u32 as i32;
    let had_buf = saved & (1 << 32) != 0;
    // ifc_buf at entry, captured in the request's slot.
    let buf0 = c.saved.get(a.index.saturating_sub(1)).copied().unwrap_or(0);
    let w = c.word();
    o.push_str("{ifc_len=");
    if had_buf {
        print_ifc_len(c, len0, o);
    }
    let Some(b) = read_struct(c, addr, 2 * w) else {
        if !had_buf {
            print_ifc_len(c, len0, o);
        }
        // The struct went away: what was there at entry.
        o.push_str(", ifc_buf=");
        fmt::addr(o, buf0);
        o.push('}');
        return;
    };
    let len = le(&b, 0, 4) as u32 as i32;
    let buf = le(&b, w, w);
    if had_buf && len != len0 {
        o.push_str(" => ");
    }
    if !had_buf || len != len0 {
        print_ifc_len(c, len, o);
    }
    o.push_str(", ifc_buf=");
    if !had_buf || c.failed() {
        fmt::addr(o, buf0);
        if buf0 != buf {
            o.push_str(" => ");
            fmt::addr(o, buf);
        }
    } else {
        let n = (len.max(0) as usize / ifreq_size(c)) as u64;
        print_array(c, buf, n, ifreq_size(c), o, |o, r| {
            print_ifreq_fields(c, r, true, "ifr_addr", Member::Sockaddr, o)
        });
    }
    o.push('}');
}

/// struct ifreq: the key strace printed at entry (the name, or the index for
/// SIOCGIFNAME), then the member; a getter's member only when the call succeeded.
fn print_ifreq(c: &Ctx, addr: u64, get: bool, name: &str, member: Member, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, ifreq_size(c), false, o) {
        print_ifreq_fields(c, &b, !(get && c.failed()), name, member, o);
    }
}

/// The key and, when `show_member`, the member of the ifreq in `b`.
fn print_ifreq_fields(
    c: &Ctx,
    b: &[u8],
    show_member: bool,
    name: &str,
    member: Member,
    o: &mut String,
) {
    if member == Member::IfName {
        let _ = write!(o, "{{ifr_ifindex={}", sle(b, 16, 4));
    } else {
        o.push_str("{ifr_name=");
        print_cstring_field(c, b.get(..16).unwrap_or(&[]), o);
    }
    if show_member {
        o.push_str(", ");
        print_ifreq_member(c, name, member, b, o);
    }
    o.push('}');
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;

    #[test]
    fn ifconf_before_and_after() {
        // struct ifconf {int len; char *buf} with room for 4 ifreqs; the kernel filled 1.
        let mut conf = 40i32.to_le_bytes().to_vec();
        conf.extend([0u8; 4]);
        conf.extend(0x2000u64.to_le_bytes());
        let mut req = b"lo".to_vec();
        req.resize(16, 0);
        req.extend(2u16.to_le_bytes());
        req.extend([0, 0, 127, 0, 0, 1]);
        req.resize(40, 0);
        let m = RecordedMemory::new().with(0x1000, conf).with(0x2000, req);
        assert_eq!(
            x64("ioctl", [3, 0x8912, 0x1000, 0, 0, 0], 0, &m),
            line(
                "ioctl(3, SIOCGIFCONF, {ifc_len=40 /* 1 * sizeof(struct ifreq) */, ifc_buf=[{ifr_name=\"lo\", ifr_addr={sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}]})",
                "0"
            )
        );
    }
}
