//! Socket addresses of the common families, and the address lengths that the caller
//! passes in and the kernel updates (accept, getsockname, recvfrom, getsockopt).

use super::helpers::{print_ifindex, quote, u16_be};
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, read_bytes, u32_at};
use crate::decode::fmt::{self, Quote};
use crate::table::{ArgSpec, Param};
use std::fmt::Write;

pub(super) const AF_UNIX: u16 = 1;
pub(super) const AF_INET: u16 = 2;
pub(super) const AF_AX25: u16 = 3;
pub(super) const AF_IPX: u16 = 4;
pub(super) const AF_X25: u16 = 9;
pub(super) const AF_INET6: u16 = 10;
pub(super) const AF_NETLINK: u16 = 16;
pub(super) const AF_PACKET: u16 = 17;
pub(super) const AF_ALG: u16 = 38;
pub(super) const AF_VSOCK: u16 = 40;
/// sizeof(struct sockaddr_storage): strace reads no more of an address.
pub(super) const SOCKADDR_MAX: usize = 128;

/// Prints the socket address at `addr` of `addrlen` bytes; returns its family when it
/// could be read.
pub fn decode_sockaddr(c: &Ctx, addr: u64, addrlen: i32, o: &mut String) -> Option<u16> {
    if addrlen < 2 {
        fmt::addr(o, addr);
        return None;
    }
    let len = (addrlen as usize).min(SOCKADDR_MAX);
    if addr == 0 {
        o.push_str("NULL");
        return None;
    }
    let Some(buf) = read_bytes(c, addr, len).filter(|_| c.derefs()) else {
        fmt::addr(o, addr);
        return None;
    };
    print_sockaddr(c, &buf, len, o);
    Some(le(&buf, 0, 2) as u16)
}

/// `{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}` of the
/// first `addrlen` bytes of `raw`.
pub fn print_sockaddr(c: &Ctx, raw: &[u8], addrlen: usize, o: &mut String) {
    // Bytes past the given length read as zeros, as in strace's padded buffer.
    let mut buf = raw[..raw.len().min(addrlen)].to_vec();
    buf.resize(SOCKADDR_MAX + 1, 0);
    let family = le(&buf, 0, 2) as u16;
    o.push_str("{sa_family=");
    print_enum_noted(c, "addrfams", u64::from(family), "AF_???", o);
    if addrlen > 2 {
        o.push_str(", ");
        let min_len = match family {
            AF_UNIX => 3,
            AF_INET => 16,
            AF_AX25 => super::ax25::SOCKADDR_AX25_SIZE,
            AF_IPX => 16,
            AF_X25 => 18,
            AF_INET6 => 24,
            AF_NETLINK => 12,
            AF_PACKET => 20,
            AF_ALG => 25,
            AF_VSOCK => 16,
            _ => super::sockaddr_more::min_len(family).unwrap_or(usize::MAX),
        };
        if addrlen < min_len {
            print_sa_raw(c, &buf, addrlen, o);
        } else {
            match family {
                AF_UNIX => print_sa_un(c, &buf, addrlen, o),
                AF_INET => print_sa_in(c, &buf, o),
                AF_AX25 => super::ax25::print_sa_ax25(c, &buf, addrlen, o),
                AF_IPX => print_sa_ipx(&buf, o),
                AF_X25 => {
                    o.push_str("sx25_addr={x25_addr=");
                    print_fixed_cstr(c, o, &buf[2..18], 16);
                    o.push('}');
                }
                AF_INET6 => print_sa_in6(c, &buf, addrlen, o),
                AF_NETLINK => print_sa_nl(c, &buf, o),
                AF_PACKET => print_sa_ll(c, &buf, addrlen, o),
                AF_ALG => print_sa_alg(c, &buf, addrlen, o),
                AF_VSOCK => print_sa_vsock(c, &buf, o),
                _ => {
                    if !super::sockaddr_more::print(c, family, &buf, addrlen, o) {
                        print_sa_raw(c, &buf, addrlen, o);
                    }
                }
            }
        }
    }
    o.push('}');
}

pub(super) fn print_sa_raw(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    o.push_str("sa_data=");
    quote(c, o, buf.get(2..addrlen).unwrap_or(&[]));
}

/// struct sockaddr_ipx: port and network in network order, the node's six bytes, the
/// packet type, and the padding byte only when it is set.
fn print_sa_ipx(buf: &[u8], o: &mut String) {
    let _ = write!(
        o,
        "sipx_port=htons({}), sipx_network=htonl({:#x}), sipx_node=[",
        u16_be(buf, 2),
        u32::from_be_bytes([buf[4], buf[5], buf[6], buf[7]])
    );
    for (i, &b) in buf[8..14].iter().enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        fmt::hex(o, b.into());
    }
    o.push_str("], sipx_type=");
    fmt::hex(o, buf[14].into());
    if buf[15] != 0 {
        o.push_str(", sipx_zero=");
        fmt::hex(o, buf[15].into());
    }
}

pub(super) fn print_sa_un(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    // sizeof(struct sockaddr_un) is 110.
    let path_len = addrlen.min(110) - 2;
    let path = buf.get(2..).unwrap_or(&[]);
    o.push_str("sun_path=");
    if path.first().copied().unwrap_or(0) != 0 {
        let n = path_len.min(path.len());
        let end = path[..n].iter().position(|&b| b == 0).unwrap_or(n);
        quote(c, o, &path[..end]);
    } else {
        o.push('@');
        quote(c, o, path.get(1..path_len).unwrap_or(&[]));
    }
}

/// strace's PRINT_FIELD_STRING with QUOTE_0_TERMINATED|QUOTE_EXPECT_TRAILING_0 over a
/// `size`-byte field: up to the NUL, `...` when none ends it.
pub(super) fn print_fixed_cstr(c: &Ctx, o: &mut String, field: &[u8], size: usize) {
    let n = size.saturating_sub(1).min(field.len());
    match field[..n].iter().position(|&b| b == 0) {
        Some(end) => quote(c, o, &field[..end]),
        None => {
            quote(c, o, &field[..n]);
            if field.get(n).copied().unwrap_or(0) != 0 {
                o.push_str("...");
            }
        }
    }
}

pub(super) fn print_sa_alg(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    let feat = |o: &mut String, v: u32| {
        // The comment stays under -X verbose as in the default style; raw drops it.
        if v == 0 || c.opts.xlat == fmt::XlatStyle::Raw {
            fmt::hex(o, v.into());
        } else if v == 0x1000 {
            o.push_str("0x1000 /* CRYPTO_ALG_KERN_DRIVER_ONLY */");
        } else if v & 0x1000 != 0 {
            let _ = write!(
                o,
                "{v:#x} /* CRYPTO_ALG_KERN_DRIVER_ONLY|{:#x} */",
                v & !0x1000
            );
        } else {
            let _ = write!(o, "{v:#x} /* CRYPTO_ALG_??? */");
        }
    };
    o.push_str("salg_type=");
    print_fixed_cstr(c, o, buf.get(2..16).unwrap_or(&[]), 14);
    o.push_str(", salg_feat=");
    feat(o, u32_at(buf, 16));
    o.push_str(", salg_mask=");
    feat(o, u32_at(buf, 20));
    o.push_str(", salg_name=");
    print_fixed_cstr(
        c,
        o,
        buf.get(24..).unwrap_or(&[]),
        addrlen.saturating_sub(24),
    );
}

pub(super) fn print_sa_vsock(c: &Ctx, buf: &[u8], o: &mut String) {
    let reserved = le(buf, 2, 2);
    if reserved != 0 {
        let _ = write!(o, "svm_reserved1={reserved:#x}, ");
    }
    let cid = u32_at(buf, 8);
    o.push_str("svm_cid=");
    let cid_name = match cid {
        0 => Some("VMADDR_CID_HYPERVISOR"),
        1 => Some("VMADDR_CID_LOCAL"),
        2 => Some("VMADDR_CID_HOST"),
        u32::MAX => Some("VMADDR_CID_ANY"),
        _ => None,
    };
    match cid_name {
        Some(n) => fmt::named(o, c, n, |o| fmt::hex(o, cid.into())),
        None => fmt::hex(o, cid.into()),
    }
    let port = u32_at(buf, 4);
    o.push_str(", svm_port=");
    if port == u32::MAX {
        fmt::named(o, c, "VMADDR_PORT_ANY", |o| fmt::hex(o, port.into()));
    } else {
        fmt::hex(o, u64::from(port));
    }
    let flags = le(buf, 12, 1);
    o.push_str(", svm_flags=");
    match flags {
        0 => o.push('0'),
        v if v & 1 != 0 => {
            let text = match v & !1 {
                0 => "VMADDR_FLAG_TO_HOST".to_string(),
                rest => format!("VMADDR_FLAG_TO_HOST|{rest:#x}"),
            };
            fmt::named(o, c, &text, |o| fmt::hex(o, v));
        }
        v => {
            fmt::hex(o, v);
            if c.opts.xlat != fmt::XlatStyle::Raw {
                o.push_str(" /* VMADDR_FLAG_??? */");
            }
        }
    }
    let zero = buf.get(13..16).unwrap_or(&[]);
    if zero.iter().any(|&b| b != 0) {
        o.push_str(", svm_zero=");
        let q = Quote {
            force_hex: true,
            ..Quote::default()
        };
        fmt::quote_into(o, zero, q, c.opts.hex);
    }
}

pub(super) fn inet_ntoa(a: &[u8]) -> String {
    let g = |i: usize| a.get(i).copied().unwrap_or(0);
    format!("{}.{}.{}.{}", g(0), g(1), g(2), g(3))
}

/// glibc's inet_ntop(AF_INET6): RFC 5952 zero compression, and the IPv4 tail of
/// mapped and compatible addresses.
pub(super) fn inet6_ntop(a: &[u8]) -> String {
    let w: Vec<u16> = (0..8).map(|i| u16_be(a, i * 2)).collect();
    let (mut best, mut best_len) = (usize::MAX, 0);
    let mut i = 0;
    while i < 8 {
        if w[i] == 0 {
            let start = i;
            while i < 8 && w[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best = usize::MAX;
        best_len = 0;
    }
    let mut s = String::new();
    for i in 0..8 {
        if best != usize::MAX && i >= best && i < best + best_len {
            if i == best {
                s.push(':');
            }
            continue;
        }
        if i != 0 {
            s.push(':');
        }
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)) {
            s.push_str(&inet_ntoa(a.get(12..16).unwrap_or(&[])));
            return s;
        }
        let _ = write!(s, "{:x}", w[i]);
    }
    if best != usize::MAX && best + best_len == 8 {
        s.push(':');
    }
    s
}

pub(super) fn print_inet_addr(c: &Ctx, o: &mut String, a: &[u8]) {
    o.push_str("inet_addr(");
    quote(c, o, inet_ntoa(a).as_bytes());
    o.push(')');
}

pub(super) fn print_inet6_addr(c: &Ctx, o: &mut String, a: &[u8], field: &str) {
    o.push_str("inet_pton(AF_INET6, ");
    quote(c, o, inet6_ntop(a).as_bytes());
    if !field.is_empty() {
        let _ = write!(o, ", &{field}");
    }
    o.push(')');
}

/// A sockaddr field held in network byte order: `sin_port=htons(80)`; under `-X raw`
/// its bytes in hex, under `-X verbose` the bytes with the readable form in a comment
/// (`sin_port="\x00\x50" /* htons(80) */`), as strace prints them.
pub(super) fn print_net_field(c: &Ctx, o: &mut String, field: &str, bytes: &[u8], text: &str) {
    let _ = write!(o, "{field}=");
    if c.opts.xlat == fmt::XlatStyle::Abbrev {
        o.push_str(text);
        return;
    }
    let q = fmt::Quote {
        force_hex: true,
        ..fmt::Quote::default()
    };
    fmt::quote_into(o, bytes, q, c.opts.hex);
    if c.opts.xlat == fmt::XlatStyle::Verbose {
        let _ = write!(o, " /* {text} */");
    }
}

pub(super) fn print_sa_in(c: &Ctx, buf: &[u8], o: &mut String) {
    let port = buf.get(2..4).unwrap_or(&[]);
    print_net_field(
        c,
        o,
        "sin_port",
        port,
        &format!("htons({})", u16_be(buf, 2)),
    );
    o.push_str(", ");
    let a = buf.get(4..8).unwrap_or(&[]);
    let mut text = String::new();
    print_inet_addr(c, &mut text, a);
    print_net_field(c, o, "sin_addr", a, &text);
}

pub(super) fn print_sa_in6(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    if c.opts.xlat == fmt::XlatStyle::Abbrev {
        let _ = write!(
            o,
            "sin6_port=htons({}), sin6_flowinfo=htonl({}), ",
            u16_be(buf, 2),
            u32_at(buf, 4).swap_bytes()
        );
    } else {
        let port = buf.get(2..4).unwrap_or(&[]);
        print_net_field(
            c,
            o,
            "sin6_port",
            port,
            &format!("htons({})", u16_be(buf, 2)),
        );
        o.push_str(", ");
        let flow = buf.get(4..8).unwrap_or(&[]);
        let text = format!("htonl({})", u32_at(buf, 4).swap_bytes());
        print_net_field(c, o, "sin6_flowinfo", flow, &text);
        o.push_str(", ");
    }
    let a = buf.get(8..24).unwrap_or(&[]);
    if c.opts.xlat == fmt::XlatStyle::Abbrev {
        print_inet6_addr(c, o, a, "sin6_addr");
    } else {
        let mut text = String::new();
        print_inet6_addr(c, &mut text, a, "");
        print_net_field(c, o, "sin6_addr", a, &text);
    }
    if addrlen <= 24 {
        return;
    }
    let scope = u32_at(buf, 24);
    let b0 = a.first().copied().unwrap_or(0);
    let b1 = a.get(1).copied().unwrap_or(0);
    let link_local = (b0 == 0xfe && b1 & 0xc0 == 0x80) || (b0 == 0xff && b1 & 0x0f == 0x02);
    o.push_str(", sin6_scope_id=");
    if link_local {
        print_ifindex(c, o, scope);
    } else {
        fmt::dec(o, scope);
    }
}

pub(super) fn print_sa_nl(c: &Ctx, buf: &[u8], o: &mut String) {
    let pad = le(buf, 2, 2);
    if pad != 0 {
        let _ = write!(o, "nl_pad={pad:#x}, ");
    }
    o.push_str("nl_pid=");
    let nl_pid = u32_at(buf, 4) as i32;
    crate::decode::pid::print_id(c, o, nl_pid, crate::pidns::PidKind::Tgid);
    o.push_str(", nl_groups=");
    fmt::hex_pad(o, u64::from(u32_at(buf, 8)), 8);
}

pub(super) fn print_sa_ll(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    let mut text = String::from("htons(");
    fmt::abbreviated(c, |c| {
        print_enum_noted(
            c,
            "ethernet_protocols",
            u64::from(u16_be(buf, 2)),
            "ETH_P_???",
            &mut text,
        )
    });
    text.push(')');
    print_net_field(c, o, "sll_protocol", buf.get(2..4).unwrap_or(&[]), &text);
    o.push_str(", sll_ifindex=");
    print_ifindex(c, o, u32_at(buf, 4));
    o.push_str(", sll_hatype=");
    print_enum_noted(c, "arp_hardware_types", le(buf, 8, 2), "ARPHRD_???", o);
    o.push_str(", sll_pkttype=");
    print_enum_noted(c, "af_packet_types", le(buf, 10, 1), "PACKET_???", o);
    let halen = le(buf, 11, 1) as usize;
    let _ = write!(o, ", sll_halen={halen}");
    if halen != 0 {
        let oob = addrlen.saturating_sub(12);
        o.push_str(", sll_addr=[");
        for i in 0..halen {
            if i > 0 {
                o.push_str(", ");
            }
            if i >= oob {
                o.push_str("...");
                break;
            }
            fmt::hex_pad(o, le(buf, 12 + i, 1), 2);
        }
        o.push(']');
    }
}

// accept/getsockname/getpeername/recvfrom/getsockopt: a length the caller passes in and
// the kernel updates. The entry value is captured with a flag bit saying it was read.

pub(super) const SAVED_OK: u64 = 1 << 32;

/// Captures `*socklen` at entry. With a param (the address argument), strace only looks
/// at the length when that address is non-NULL too.
pub(super) fn capture_socklen(c: &Ctx, a: &ArgSpec) -> u64 {
    let lenp = c.arg(a.index);
    if let Some(Param::Arg(i)) = a.param(0)
        && c.arg(*i) == 0
    {
        return 0;
    }
    // `-e verbose=` without this call: strace reads neither the length nor the address.
    if lenp == 0 || !c.derefs() {
        return 0;
    }
    c.mem.read_uint(lenp, 4).map_or(0, |v| SAVED_OK | v)
}

pub(super) fn saved_len(c: &Ctx, i: usize) -> Option<i32> {
    let v = *c.saved.get(i)?;
    (v & SAVED_OK != 0).then_some(v as u32 as i32)
}

/// The length argument that belongs to this argument: its `argN` param.
pub(super) fn len_arg(a: &ArgSpec) -> Option<usize> {
    match a.param(0) {
        Some(Param::Arg(i)) => Some(*i),
        _ => None,
    }
}

/// `(user length, kernel length)` of a finished call, or what to print instead.
pub(super) enum LenState {
    /// Not captured at entry: both pointers print as addresses.
    Raw,
    /// Failed call or unreadable result: the address, and `[ulen]`.
    Failed(i32),
    Done(i32, i32),
}

pub(super) fn len_state(c: &Ctx, len_index: usize) -> LenState {
    let Some(ulen) = saved_len(c, len_index) else {
        return LenState::Raw;
    };
    if c.failed() {
        return LenState::Failed(ulen);
    }
    match c.mem.read_uint(c.arg(len_index), 4) {
        Some(r) => LenState::Done(ulen, r as u32 as i32),
        None => LenState::Failed(ulen),
    }
}

pub(super) fn print_sockaddr_out(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    match len_arg(a).map(|i| len_state(c, i)) {
        Some(LenState::Done(ulen, rlen)) => {
            decode_sockaddr(c, addr, ulen.min(rlen), o);
        }
        _ => fmt::addr(o, addr),
    }
    true
}

pub(super) fn print_socklen_inout(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    match len_state(c, a.index) {
        LenState::Raw => fmt::addr(o, c.arg(a.index)),
        LenState::Failed(ulen) => {
            let _ = write!(o, "[{ulen}]");
        }
        LenState::Done(ulen, rlen) if ulen != rlen => {
            let _ = write!(o, "[{ulen} => {rlen}]");
        }
        LenState::Done(_, rlen) => {
            let _ = write!(o, "[{rlen}]");
        }
    }
    true
}
