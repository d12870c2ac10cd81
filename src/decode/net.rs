//! Sockets: socket types and protocols, socket addresses of the common families,
//! socket options, and the message headers of sendmsg/recvmsg/sendmmsg/recvmmsg, printed
//! the way strace 6.1 does. Struct layouts follow the tracee's word size, so the same
//! rows decode 32-bit programs.

use super::basic::{print_buf, print_fd};
use super::fmt::{self, Quote};
use super::{ArgType, Ctx, RetType, ty};
use crate::table::{self, ArgSpec, Param};
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    ty("sock_family", |c, a, o| {
        xenum(c, o, "addrfams", c.arg(a.index), "AF_???");
        true
    }),
    ty("sock_type", |c, a, o| {
        print_sock_type(c, c.iarg(a.index) as u32, o);
        true
    }),
    ty("sock_proto", print_sock_proto),
    ty("sock_flags", |c, a, o| {
        xflags(c, o, "sock_type_flags", c.arg(a.index), "SOCK_???");
        true
    }),
    ty("sockaddr", |c, a, o| {
        let len = c.len_of(a.param(0)).unwrap_or(0) as u32 as i32;
        decode_sockaddr(c, c.arg(a.index), len, o);
        true
    }),
    ty("sockaddr_out", print_sockaddr_out),
    ArgType {
        name: "socklen_inout",
        print: print_socklen_inout,
        capture: Some(capture_socklen),
    },
    ty("sockbuf", print_sockbuf),
    ty("sockopt_level", |c, a, o| {
        xenum(
            c,
            o,
            "socketlayers",
            u64::from(c.iarg(a.index) as u32),
            "SOL_??",
        );
        true
    }),
    ty("sockopt_name", print_sockopt_name),
    ty("getsockopt_val", print_getsockopt_val),
    ty("setsockopt_val", print_setsockopt_val),
    ty("msghdr", |c, a, o| {
        print_msghdr_at(c, c.arg(a.index), None, u64::MAX, o);
        true
    }),
    ArgType {
        name: "msghdr_out",
        print: print_msghdr_out,
        capture: Some(capture_msg_namelen),
    },
    ty("mmsghdr_send", print_mmsghdr_send),
    ArgType {
        name: "mmsghdr_recv",
        print: print_mmsghdr_recv,
        capture: Some(capture_mmsg_namelens),
    },
    ArgType {
        name: "mmsg_timeout",
        print: print_mmsg_timeout,
        capture: Some(capture_timeout),
    },
];

pub static RETS: &[RetType] = &[RetType {
    name: "recvmmsg",
    print: print_recvmmsg_ret,
}];

// ---------------------------------------------------------------------------------
// Small helpers: named constants, reading tracee memory, number formats.

fn xenum(c: &Ctx, o: &mut String, set: &str, v: u64, dflt: &str) {
    match table::xlat(set) {
        Some(x) => fmt::xlat_enum(o, x, c, v, dflt),
        None => {
            fmt::hex(o, v);
            let _ = write!(o, " /* {dflt} */");
        }
    }
}

fn xflags(c: &Ctx, o: &mut String, set: &str, v: u64, dflt: &str) {
    match table::xlat(set) {
        Some(x) => {
            fmt::xlat_flags(o, x, c, v, dflt);
        }
        None => fmt::hex(o, v),
    }
}

fn xname(c: &Ctx, set: &str, v: u64) -> Option<&'static str> {
    table::xlat(set)?.name_of(c.arch(), v)
}

fn read_vec(c: &Ctx, addr: u64, len: usize) -> Option<Vec<u8>> {
    let mut b = vec![0u8; len];
    c.mem.read_exact(addr, &mut b).then_some(b)
}

fn le(b: &[u8], off: usize, size: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(s) = b.get(off..off.saturating_add(size)) {
        w[..size].copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

fn u16_be(b: &[u8], off: usize) -> u16 {
    (le(b, off, 2) as u16).swap_bytes()
}

fn u32_at(b: &[u8], off: usize) -> u32 {
    le(b, off, 4) as u32
}

/// C's `%#0Nx`: zero-padded to `width` characters, with `0x` unless the value is 0.
fn hex0(o: &mut String, v: u64, width: usize) {
    if v == 0 {
        let _ = write!(o, "{:0width$}", 0);
    } else {
        let _ = write!(o, "{v:#0width$x}");
    }
}

fn quote(c: &Ctx, o: &mut String, bytes: &[u8]) {
    fmt::quote_into(o, bytes, Quote::default(), c.opts.hex);
}

/// strace's printstrn: up to `len` bytes, cut at `-s`, or the address.
fn print_strn(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    print_buf(c, addr, len, o, false, false);
}

/// Whether arrays stop after `-s` elements (strace's abbrev(), off under -v).
fn array_limit(c: &Ctx) -> usize {
    if c.opts.verbose {
        usize::MAX
    } else {
        c.opts.string_limit
    }
}

/// `[42]` of a tracee int, or its address.
fn print_num_int(c: &Ctx, addr: u64, o: &mut String) {
    super::basic::print_int_ptr(c, addr, o);
}

fn print_errno_name(o: &mut String, e: u32) {
    match table::errno(u64::from(e)) {
        Some(en) if e != 0 => o.push_str(&en.name),
        _ => fmt::dec(o, e),
    }
}

/// A network interface: `if_nametoindex("lo")` when the index names one, else the number.
fn print_ifindex(c: &Ctx, o: &mut String, idx: u32) {
    match ifname(idx) {
        Some(n) => {
            o.push_str("if_nametoindex(");
            quote(c, o, n.as_bytes());
            o.push(')');
        }
        None => fmt::dec(o, idx),
    }
}

fn ifname(idx: u32) -> Option<String> {
    if idx == 0 {
        return None;
    }
    for e in std::fs::read_dir("/sys/class/net").ok()?.flatten() {
        let p = e.path().join("ifindex");
        if let Ok(s) = std::fs::read_to_string(&p)
            && s.trim().parse::<u32>().ok() == Some(idx)
        {
            return Some(e.file_name().to_string_lossy().into_owned());
        }
    }
    None
}

// ---------------------------------------------------------------------------------
// socket(), socketpair(), accept4()

fn print_sock_type(c: &Ctx, v: u32, o: &mut String) {
    let mut rest = u64::from(v);
    if let Some(n) = xname(c, "socktypes", rest & 0xf) {
        o.push_str(n);
        rest &= !0xf;
        if rest == 0 {
            return;
        }
        o.push('|');
    }
    xflags(c, o, "sock_type_flags", rest, "SOCK_???");
}

fn print_sock_proto(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let v = c.arg(a.index);
    match c.arg(0) as u32 {
        2 | 10 => xenum(c, o, "inet_protocols", v, "IPPROTO_???"),
        16 => xenum(c, o, "netlink_protocols", v, "NETLINK_???"),
        17 => {
            o.push_str("htons(");
            xenum(
                c,
                o,
                "ethernet_protocols",
                u64::from((v as u16).swap_bytes()),
                "ETH_P_???",
            );
            o.push(')');
        }
        // strace shows AX.25 protocols in its verbose style: number and name.
        3 => {
            fmt::hex(o, v);
            let name = xname(c, "ax25_protocols", v).unwrap_or("AX25_P_???");
            let _ = write!(o, " /* {name} */");
        }
        23 => xenum(c, o, "can_protocols", v, "IRDAPROTO_???"),
        29 => xenum(c, o, "can_protocols", v, "CAN_???"),
        31 => xenum(c, o, "bt_protocols", v, "BTPROTO_???"),
        33 => xenum(c, o, "addrfams", v, "AF_???"),
        34 => xenum(c, o, "isdn_protocols", v, "ISDN_P_???"),
        35 => xenum(c, o, "phonet_protocols", v, "PN_PROTO_???"),
        37 => xenum(c, o, "caif_protocols", v, "CAIFPROTO_???"),
        39 => xenum(c, o, "nfc_protocols", v, "NFC_SOCKPROTO_???"),
        41 => xenum(c, o, "kcm_protocols", v, "KCMPROTO_???"),
        43 => xenum(c, o, "smc_protocols", v, "SMCPROTO_???"),
        _ => fmt::dec(o, v),
    }
    true
}

// ---------------------------------------------------------------------------------
// Socket addresses

const AF_UNIX: u16 = 1;
const AF_INET: u16 = 2;
const AF_INET6: u16 = 10;
const AF_NETLINK: u16 = 16;
const AF_PACKET: u16 = 17;
const AF_ALG: u16 = 38;
const AF_VSOCK: u16 = 40;
/// sizeof(struct sockaddr_storage): strace reads no more of an address.
const SOCKADDR_MAX: usize = 128;

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
    let Some(buf) = read_vec(c, addr, len) else {
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
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    if addrlen > 2 {
        o.push_str(", ");
        let min_len = match family {
            AF_UNIX => 3,
            AF_INET => 16,
            AF_INET6 => 24,
            AF_NETLINK => 12,
            AF_PACKET => 20,
            AF_ALG => 25,
            AF_VSOCK => 16,
            _ => usize::MAX,
        };
        if addrlen < min_len {
            print_sa_raw(c, &buf, addrlen, o);
        } else {
            match family {
                AF_UNIX => print_sa_un(c, &buf, addrlen, o),
                AF_INET => print_sa_in(c, &buf, o),
                AF_INET6 => print_sa_in6(c, &buf, addrlen, o),
                AF_NETLINK => print_sa_nl(&buf, o),
                AF_PACKET => print_sa_ll(c, &buf, addrlen, o),
                AF_ALG => print_sa_alg(c, &buf, addrlen, o),
                AF_VSOCK => print_sa_vsock(c, &buf, o),
                _ => print_sa_raw(c, &buf, addrlen, o),
            }
        }
    }
    o.push('}');
}

fn print_sa_raw(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    o.push_str("sa_data=");
    quote(c, o, buf.get(2..addrlen).unwrap_or(&[]));
}

fn print_sa_un(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
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
fn print_fixed_cstr(c: &Ctx, o: &mut String, field: &[u8], size: usize) {
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

fn print_sa_alg(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    let feat = |o: &mut String, v: u32| {
        if v == 0 {
            o.push('0');
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

fn print_sa_vsock(c: &Ctx, buf: &[u8], o: &mut String) {
    let reserved = le(buf, 2, 2);
    if reserved != 0 {
        let _ = write!(o, "svm_reserved1={reserved:#x}, ");
    }
    let cid = u32_at(buf, 8);
    o.push_str("svm_cid=");
    match cid {
        0 => o.push_str("VMADDR_CID_HYPERVISOR"),
        1 => o.push_str("VMADDR_CID_LOCAL"),
        2 => o.push_str("VMADDR_CID_HOST"),
        u32::MAX => o.push_str("VMADDR_CID_ANY"),
        v => fmt::hex(o, u64::from(v)),
    }
    let port = u32_at(buf, 4);
    o.push_str(", svm_port=");
    if port == u32::MAX {
        o.push_str("VMADDR_PORT_ANY");
    } else {
        fmt::hex(o, u64::from(port));
    }
    let flags = le(buf, 12, 1);
    o.push_str(", svm_flags=");
    match flags {
        0 => o.push('0'),
        1 => o.push_str("VMADDR_FLAG_TO_HOST"),
        v if v & 1 != 0 => {
            let _ = write!(o, "VMADDR_FLAG_TO_HOST|{:#x}", v & !1);
        }
        v => {
            let _ = write!(o, "{v:#x} /* VMADDR_FLAG_??? */");
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

fn inet_ntoa(a: &[u8]) -> String {
    let g = |i: usize| a.get(i).copied().unwrap_or(0);
    format!("{}.{}.{}.{}", g(0), g(1), g(2), g(3))
}

/// glibc's inet_ntop(AF_INET6): RFC 5952 zero compression, and the IPv4 tail of
/// mapped and compatible addresses.
fn inet6_ntop(a: &[u8]) -> String {
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

fn print_inet_addr(c: &Ctx, o: &mut String, a: &[u8]) {
    o.push_str("inet_addr(");
    quote(c, o, inet_ntoa(a).as_bytes());
    o.push(')');
}

fn print_inet6_addr(c: &Ctx, o: &mut String, a: &[u8], field: &str) {
    o.push_str("inet_pton(AF_INET6, ");
    quote(c, o, inet6_ntop(a).as_bytes());
    if !field.is_empty() {
        let _ = write!(o, ", &{field}");
    }
    o.push(')');
}

fn print_sa_in(c: &Ctx, buf: &[u8], o: &mut String) {
    let _ = write!(o, "sin_port=htons({}), sin_addr=", u16_be(buf, 2));
    print_inet_addr(c, o, buf.get(4..8).unwrap_or(&[]));
}

fn print_sa_in6(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    let _ = write!(
        o,
        "sin6_port=htons({}), sin6_flowinfo=htonl({}), ",
        u16_be(buf, 2),
        u32_at(buf, 4).swap_bytes()
    );
    let a = buf.get(8..24).unwrap_or(&[]);
    print_inet6_addr(c, o, a, "sin6_addr");
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

fn print_sa_nl(buf: &[u8], o: &mut String) {
    let pad = le(buf, 2, 2);
    if pad != 0 {
        let _ = write!(o, "nl_pad={pad:#x}, ");
    }
    let _ = write!(o, "nl_pid={}, nl_groups=", u32_at(buf, 4) as i32);
    hex0(o, u64::from(u32_at(buf, 8)), 8);
}

fn print_sa_ll(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    o.push_str("sll_protocol=htons(");
    xenum(
        c,
        o,
        "ethernet_protocols",
        u64::from(u16_be(buf, 2)),
        "ETH_P_???",
    );
    o.push_str("), sll_ifindex=");
    print_ifindex(c, o, u32_at(buf, 4));
    o.push_str(", sll_hatype=");
    xenum(c, o, "arp_hardware_types", le(buf, 8, 2), "ARPHRD_???");
    o.push_str(", sll_pkttype=");
    xenum(c, o, "af_packet_types", le(buf, 10, 1), "PACKET_???");
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
            hex0(o, le(buf, 12 + i, 1), 2);
        }
        o.push(']');
    }
}

// ---------------------------------------------------------------------------------
// accept/getsockname/getpeername/recvfrom/getsockopt: a length the caller passes in and
// the kernel updates. The entry value is captured with a flag bit saying it was read.

const SAVED_OK: u64 = 1 << 32;

/// Captures `*socklen` at entry. With a param (the address argument), strace only looks
/// at the length when that address is non-NULL too.
fn capture_socklen(c: &Ctx, a: &ArgSpec) -> u64 {
    let lenp = c.arg(a.index);
    if let Some(Param::Arg(i)) = a.param(0)
        && c.arg(*i) == 0
    {
        return 0;
    }
    if lenp == 0 {
        return 0;
    }
    c.mem.read_uint(lenp, 4).map_or(0, |v| SAVED_OK | v)
}

fn saved_len(c: &Ctx, i: usize) -> Option<i32> {
    let v = *c.saved.get(i)?;
    (v & SAVED_OK != 0).then_some(v as u32 as i32)
}

/// The length argument that belongs to this argument: its `argN` param.
fn len_arg(a: &ArgSpec) -> Option<usize> {
    match a.param(0) {
        Some(Param::Arg(i)) => Some(*i),
        _ => None,
    }
}

/// `(user length, kernel length)` of a finished call, or what to print instead.
enum LenState {
    /// Not captured at entry: both pointers print as addresses.
    Raw,
    /// Failed call or unreadable result: the address, and `[ulen]`.
    Failed(i32),
    Done(i32, i32),
}

fn len_state(c: &Ctx, len_index: usize) -> LenState {
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

fn print_sockaddr_out(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    match len_arg(a).map(|i| len_state(c, i)) {
        Some(LenState::Done(ulen, rlen)) => {
            decode_sockaddr(c, addr, ulen.min(rlen), o);
        }
        _ => fmt::addr(o, addr),
    }
    true
}

fn print_socklen_inout(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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

// ---------------------------------------------------------------------------------
// Socket options

const SOL_IP: u32 = 0;
const SOL_SOCKET: u32 = 1;
const SOL_TCP: u32 = 6;
const SOL_UDP: u32 = 17;
const SOL_IPV6: u32 = 41;
const SOL_RAW: u32 = 255;
const SOL_PACKET: u32 = 263;
const SOL_NETLINK: u32 = 270;

/// The options whose value is a plain int for strace (SO_DEBUG .. SO_RCVMARK).
const SO_INT_LIKE: &[u32] = &[
    1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 27, 29, 30, 32, 33, 34, 35, 36, 37, 40,
    41, 42, 43, 44, 45, 46, 49, 53, 56, 60, 63, 64, 65, 68, 69, 70, 73, 75,
];
const SO_ERROR: u32 = 4;
const SO_LINGER: u32 = 13;
const SO_PEERCRED: u32 = 17;

fn print_sockopt_name(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let get = matches!(a.param(0), Some(Param::Word(w)) if w == "get");
    let name = u64::from(c.iarg(a.index) as u32);
    let (sets, dflt): (&[&str], &str) = match c.iarg(1) as u32 {
        SOL_SOCKET if get => (&["sock_options", "getsock_options"], "SO_???"),
        SOL_SOCKET => (&["sock_options", "setsock_options"], "SO_???"),
        SOL_IP if get => (&["sock_ip_options", "getsock_ip_options"], "IP_???"),
        SOL_IP => (&["sock_ip_options", "setsock_ip_options"], "IP_???"),
        SOL_IPV6 if get => (&["sock_ipv6_options", "getsock_ipv6_options"], "IPV6_???"),
        SOL_IPV6 => (&["sock_ipv6_options", "setsock_ipv6_options"], "IPV6_???"),
        SOL_TCP => (&["sock_tcp_options"], "TCP_???"),
        SOL_UDP => (&["sock_udp_options"], "UDP_???"),
        SOL_PACKET => (&["sock_packet_options"], "PACKET_???"),
        SOL_RAW => (&["sock_raw_options"], "RAW_???"),
        SOL_NETLINK => (&["sock_netlink_options"], "NETLINK_???"),
        // VMware's vsock checks the address family where a level belongs.
        40 => (&["sock_vsock_options"], "SO_VM_???"),
        101 => (&["sock_can_raw_options"], "CAN_RAW_???"),
        132 => (&["sock_sctp_options"], "SCTP_???"),
        256 => (&["sock_ipx_options"], "IPX_???"),
        257 => (&["sock_ax25_options"], "AX25_???"),
        266 => (&["sock_irda_options"], "IRLMP_???"),
        268 => (&["sock_llc_options"], "LLC_OPT_???"),
        269 => (&["sock_dccp_options"], "DCCP_SOCKOPT_???"),
        271 => (&["sock_tipc_options"], "TIPC_???"),
        272 => (&["sock_rxrpc_options"], "RXRPC_???"),
        273 => (&["sock_pppol2tp_options"], "PPPOL2TP_SO_???"),
        274 => (&["sock_bluetooth_options"], "BT_???"),
        275 => (&["sock_pnp_options"], "PNPIPE_???"),
        276 => (&["sock_rds_options"], "RDS_???"),
        277 => (&["sock_iucv_options"], "SO_???"),
        278 => (&["sock_caif_options"], "CAIFSO_???"),
        279 => (&["sock_alg_options"], "ALG_???"),
        280 => (&["sock_nfcllcp_options"], "NFC_LLCP_???"),
        281 => (&["sock_kcm_options"], "KCM_???"),
        282 => (&["sock_tls_options"], "TLS_???"),
        283 => (&["sock_xdp_options"], "XDP_???"),
        _ => {
            fmt::dec(o, name);
            return true;
        }
    };
    match sets.iter().find_map(|s| xname(c, s, name)) {
        Some(n) => o.push_str(n),
        None => {
            fmt::hex(o, name);
            let _ = write!(o, " /* {dflt} */");
        }
    }
    true
}

fn print_getsockopt_val(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let (ulen, rlen) = match len_arg(a).map(|i| len_state(c, i)) {
        Some(LenState::Done(u, r)) => (u, r),
        _ => {
            fmt::addr(o, addr);
            return true;
        }
    };
    if ulen <= 0 || rlen <= 0 || addr == 0 {
        fmt::addr(o, addr);
        return true;
    }
    let (level, name) = (c.iarg(1) as u32, c.iarg(2) as u32);
    let len = rlen as usize;
    match level {
        SOL_SOCKET => match name {
            SO_LINGER => return print_int_fields(c, addr, len.min(8), &["l_onoff", "l_linger"], o),
            SO_PEERCRED => {
                return print_int_fields(c, addr, len.min(12), &["pid", "uid", "gid"], o);
            }
            // SO_GET_FILTER: the instructions, which only print under -v.
            26 if rlen as u16 as i32 == rlen => {
                if c.opts.verbose {
                    print_sock_filter(c, addr, rlen as u64, o);
                } else {
                    fmt::addr(o, addr);
                }
                return true;
            }
            SO_ERROR if len >= 4 => {
                match c.mem.read_uint(addr, 4) {
                    Some(e) => {
                        o.push('[');
                        print_errno_name(o, e as u32);
                        o.push(']');
                    }
                    None => fmt::addr(o, addr),
                }
                return true;
            }
            SO_ERROR => {
                print_hexstr(c, addr, len, o);
                return true;
            }
            n if SO_INT_LIKE.contains(&n) => {
                if len >= 4 {
                    print_num_int(c, addr, o);
                } else {
                    print_hexstr(c, addr, len, o);
                }
                return true;
            }
            _ => {}
        },
        // PACKET_STATISTICS: the fields the returned length covers.
        SOL_PACKET if name == 6 => {
            let n = len.min(12);
            let Some(b) = read_vec(c, addr, n) else {
                fmt::addr(o, addr);
                return true;
            };
            o.push('{');
            for (i, f) in ["tp_packets", "tp_drops", "tp_freeze_q_cnt"]
                .iter()
                .enumerate()
            {
                if (i + 1) * 4 > n {
                    break;
                }
                let _ = write!(
                    o,
                    "{}{f}={}",
                    if i > 0 { ", " } else { "" },
                    u32_at(&b, i * 4)
                );
            }
            o.push('}');
            return true;
        }
        // ICMP_FILTER
        SOL_RAW if name == 1 => {
            print_icmp_filter(c, addr, rlen, o);
            return true;
        }
        SOL_NETLINK => {
            // NETLINK_LIST_MEMBERSHIPS is an array of u32.
            if name == 9 {
                print_u32_array(c, addr, (ulen.min(rlen) / 4) as usize, o);
            } else {
                print_num_int(c, addr, o);
            }
            return true;
        }
        _ => {}
    }
    if rlen == 4 {
        print_num_int(c, addr, o);
    } else {
        print_strn(c, addr, len as u64, o);
    }
    true
}

fn print_setsockopt_val(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let len = c.iarg(4);
    if addr == 0 {
        o.push_str("NULL");
        return true;
    }
    let (level, name) = (c.iarg(1) as u32, c.iarg(2) as u32);
    match (level, name) {
        (SOL_SOCKET, SO_LINGER) => {
            if len < 8 {
                fmt::addr(o, addr);
            } else {
                print_int_fields(c, addr, 8, &["l_onoff", "l_linger"], o);
            }
            return true;
        }
        // SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF: struct sock_fprog
        (SOL_SOCKET, 26 | 51) => {
            let w = c.word();
            let prog = (len as u32 as usize == 2 * w)
                .then(|| read_vec(c, addr, 2 * w))
                .flatten();
            match prog {
                Some(b) => {
                    // The instructions only print under -v.
                    let _ = write!(o, "{{len={}, filter=", le(&b, 0, 2));
                    if c.opts.verbose {
                        print_sock_filter(c, le(&b, w, w), le(&b, 0, 2), o);
                    } else {
                        fmt::addr(o, le(&b, w, w));
                    }
                    o.push('}');
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        (SOL_SOCKET, n) if SO_INT_LIKE.contains(&n) => {
            if len < 4 {
                fmt::addr(o, addr);
            } else {
                print_num_int(c, addr, o);
            }
            return true;
        }
        // IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP
        (SOL_IP, 35 | 36) => {
            match (len >= 8).then(|| read_vec(c, addr, 8)).flatten() {
                Some(b) => {
                    o.push_str("{imr_multiaddr=");
                    print_inet_addr(c, o, &b[0..4]);
                    o.push_str(", imr_interface=");
                    print_inet_addr(c, o, &b[4..8]);
                    o.push('}');
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        // MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP: struct group_req
        (SOL_IP | SOL_IPV6, 42 | 45) => {
            // gr_group is a sockaddr_storage: 8-byte aligned on 64-bit ABIs.
            let off = if c.word() == 8 { 8 } else { 4 };
            let size = off + SOCKADDR_MAX;
            match ((len as usize) >= size && len >= 0)
                .then(|| read_vec(c, addr, size))
                .flatten()
            {
                Some(b) => {
                    o.push_str("{gr_interface=");
                    print_ifindex(c, o, u32_at(&b, 0));
                    o.push_str(", gr_group=");
                    print_sockaddr(c, &b[off..], SOCKADDR_MAX, o);
                    o.push('}');
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        // IPV6_ADD_MEMBERSHIP, IPV6_DROP_MEMBERSHIP, IPV6_JOIN_ANYCAST, IPV6_LEAVE_ANYCAST
        (SOL_IPV6, 20 | 21 | 27 | 28) => {
            match (len >= 20).then(|| read_vec(c, addr, 20)).flatten() {
                Some(b) => {
                    o.push('{');
                    print_inet6_addr(c, o, &b[0..16], "ipv6mr_multiaddr");
                    o.push_str(", ipv6mr_interface=");
                    print_ifindex(c, o, u32_at(&b, 16));
                    o.push('}');
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        (SOL_RAW, 1) => {
            print_icmp_filter(c, addr, len, o);
            return true;
        }
        // PACKET_ADD_MEMBERSHIP, PACKET_DROP_MEMBERSHIP: struct packet_mreq
        (SOL_PACKET, 1 | 2) => {
            match (len == 16).then(|| read_vec(c, addr, 16)).flatten() {
                Some(b) => {
                    o.push_str("{mr_ifindex=");
                    print_ifindex(c, o, u32_at(&b, 0));
                    o.push_str(", mr_type=");
                    let names = [
                        "PACKET_MR_MULTICAST",
                        "PACKET_MR_PROMISC",
                        "PACKET_MR_ALLMULTI",
                        "PACKET_MR_UNICAST",
                    ];
                    let ty = le(&b, 4, 2);
                    match names.get(ty as usize) {
                        Some(n) => o.push_str(n),
                        None => {
                            let _ = write!(o, "{ty:#x} /* PACKET_MR_??? */");
                        }
                    }
                    let alen = le(&b, 6, 2) as usize;
                    let _ = write!(o, ", mr_alen={alen}, mr_address=");
                    for (i, x) in b[8..8 + alen.min(8)].iter().enumerate() {
                        let _ = write!(o, "{}{x:02x}", if i > 0 { ":" } else { "" });
                    }
                    o.push('}');
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        // PACKET_RX_RING, PACKET_TX_RING: struct tpacket_req
        (SOL_PACKET, 5 | 13) => {
            match (len == 16).then(|| read_vec(c, addr, 16)).flatten() {
                Some(b) => {
                    let _ = write!(
                        o,
                        "{{tp_block_size={}, tp_block_nr={}, tp_frame_size={}, tp_frame_nr={}}}",
                        u32_at(&b, 0),
                        u32_at(&b, 4),
                        u32_at(&b, 8),
                        u32_at(&b, 12)
                    );
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        (SOL_NETLINK, _) => {
            if len < 4 {
                fmt::addr(o, addr);
            } else {
                print_num_int(c, addr, o);
            }
            return true;
        }
        _ => {}
    }
    if len == 4 {
        print_num_int(c, addr, o);
    } else {
        print_strn(c, addr, len as u32 as u64, o);
    }
    true
}

/// ICMP_FILTER's mask of ICMP types: `~[ICMP_ECHOREPLY]` when most bits are set.
fn print_icmp_filter(c: &Ctx, addr: u64, len: i32, o: &mut String) {
    if len <= 0 {
        fmt::addr(o, addr);
        return;
    }
    let n = (len as usize).min(4);
    let Some(b) = read_vec(c, addr, n) else {
        fmt::addr(o, addr);
        return;
    };
    // Bytes the caller did not give stay set, as in strace's ~0 initialised buffer.
    let mut raw = [0xffu8; 4];
    raw[..n].copy_from_slice(&b);
    let mut data = u32::from_le_bytes(raw);
    if data.count_ones() > 16 {
        data = !data;
        o.push('~');
    }
    o.push('[');
    let mut first = true;
    for i in 0..32 {
        if data & (1 << i) != 0 {
            if !first {
                o.push(' ');
            }
            first = false;
            xenum(c, o, "icmp_filter_flags", i, "ICMP_???");
        }
    }
    o.push(']');
}

/// A classic BPF opcode: `BPF_LD|BPF_H|BPF_ABS`.
fn print_bpf_code(o: &mut String, code: u16) {
    let named =
        |o: &mut String, names: &[(u16, &str)], v: u16| match names.iter().find(|(n, _)| *n == v) {
            Some((_, name)) => o.push_str(name),
            None => {
                let _ = write!(o, "{v:#x} /* BPF_??? */");
            }
        };
    const CLASS: [&str; 8] = [
        "BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX", "BPF_ALU", "BPF_JMP", "BPF_RET", "BPF_MISC",
    ];
    const SIZE: [(u16, &str); 3] = [(0, "BPF_W"), (8, "BPF_H"), (0x10, "BPF_B")];
    const MODE: [(u16, &str); 6] = [
        (0, "BPF_IMM"),
        (0x20, "BPF_ABS"),
        (0x40, "BPF_IND"),
        (0x60, "BPF_MEM"),
        (0x80, "BPF_LEN"),
        (0xa0, "BPF_MSH"),
    ];
    const SRC: [(u16, &str); 2] = [(0, "BPF_K"), (8, "BPF_X")];
    const ALU: [(u16, &str); 11] = [
        (0, "BPF_ADD"),
        (0x10, "BPF_SUB"),
        (0x20, "BPF_MUL"),
        (0x30, "BPF_DIV"),
        (0x40, "BPF_OR"),
        (0x50, "BPF_AND"),
        (0x60, "BPF_LSH"),
        (0x70, "BPF_RSH"),
        (0x80, "BPF_NEG"),
        (0x90, "BPF_MOD"),
        (0xa0, "BPF_XOR"),
    ];
    const JMP: [(u16, &str); 5] = [
        (0, "BPF_JA"),
        (0x10, "BPF_JEQ"),
        (0x20, "BPF_JGT"),
        (0x30, "BPF_JGE"),
        (0x40, "BPF_JSET"),
    ];
    const RVAL: [(u16, &str); 3] = [(0, "BPF_K"), (8, "BPF_X"), (0x10, "BPF_A")];
    const MISC: [(u16, &str); 2] = [(0, "BPF_TAX"), (0x80, "BPF_TXA")];
    let class = code & 7;
    let rest = code & !7;
    o.push_str(CLASS[usize::from(class)]);
    let unknown = |o: &mut String, v: u16| {
        if v != 0 {
            let _ = write!(o, "|{v:#x} /* BPF_??? */");
        }
    };
    match class {
        2 | 3 => unknown(o, rest),
        0 | 1 => {
            o.push('|');
            named(o, &SIZE, code & 0x18);
            o.push('|');
            named(o, &MODE, code & 0xe0);
        }
        7 => {
            o.push('|');
            named(o, &MISC, code & 0xf8);
            unknown(o, rest & !0xf8);
        }
        4 | 5 => {
            o.push('|');
            named(o, &SRC, code & 8);
            o.push('|');
            named(o, if class == 4 { &ALU[..] } else { &JMP[..] }, code & 0xf0);
        }
        _ => {
            o.push('|');
            named(o, &RVAL, code & 0x18);
            unknown(o, rest & !0x18);
        }
    }
}

/// The instructions of a socket filter (`-v` only): `[BPF_STMT(...), BPF_JUMP(...)]`.
fn print_sock_filter(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    const SKF_AD: [&str; 16] = [
        "SKF_AD_PROTOCOL",
        "SKF_AD_PKTTYPE",
        "SKF_AD_IFINDEX",
        "SKF_AD_NLATTR",
        "SKF_AD_NLATTR_NEST",
        "SKF_AD_MARK",
        "SKF_AD_QUEUE",
        "SKF_AD_HATYPE",
        "SKF_AD_RXHASH",
        "SKF_AD_CPU",
        "SKF_AD_ALU_XOR_X",
        "SKF_AD_VLAN_TAG",
        "SKF_AD_VLAN_TAG_PRESENT",
        "SKF_AD_PAY_OFFSET",
        "SKF_AD_RANDOM",
        "SKF_AD_VLAN_TPID",
    ];
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if len == 0 {
        o.push_str("[]");
        return;
    }
    for i in 0..len {
        let cur = addr.wrapping_add(8 * i);
        let Some(b) = read_vec(c, cur, 8) else {
            if i == 0 {
                fmt::addr(o, addr);
                return;
            }
            let _ = write!(o, ", ... /* {cur:#x} */");
            break;
        };
        o.push_str(if i == 0 { "[" } else { ", " });
        if i >= 4096 {
            o.push_str("...");
            break;
        }
        let code = le(&b, 0, 2) as u16;
        let (jt, jf, k) = (u64::from(b[2]), u64::from(b[3]), u32_at(&b, 4));
        if jt != 0 || jf != 0 {
            o.push_str("BPF_JUMP(");
            print_bpf_code(o, code);
            o.push_str(", ");
            fmt::hex(o, u64::from(k));
            o.push_str(", ");
            fmt::hex(o, jt);
            o.push_str(", ");
            fmt::hex(o, jf);
        } else {
            o.push_str("BPF_STMT(");
            print_bpf_code(o, code);
            o.push_str(", ");
            // Loads at the special negative offsets name them.
            if code & 7 == 0 && code & 0xe0 == 0x20 && k >= 0xffe0_0000 {
                if k >= 0xffff_f000 {
                    let off = k - 0xffff_f000;
                    o.push_str("SKF_AD_OFF+");
                    match SKF_AD.get((off / 4) as usize).filter(|_| off % 4 == 0) {
                        Some(n) => o.push_str(n),
                        None => {
                            let _ = write!(o, "{off:#x} /* SKF_AD_??? */");
                        }
                    }
                } else if k >= 0xfff0_0000 {
                    let _ = write!(o, "SKF_NET_OFF+{}", k - 0xfff0_0000);
                } else {
                    let _ = write!(o, "SKF_LL_OFF+{}", k - 0xffe0_0000);
                }
            } else {
                fmt::hex(o, u64::from(k));
            }
        }
        o.push(')');
    }
    o.push(']');
}

/// `{a=1, b=2}` of consecutive ints, printing the fields that `len` bytes cover.
fn print_int_fields(c: &Ctx, addr: u64, len: usize, names: &[&str], o: &mut String) -> bool {
    let Some(b) = read_vec(c, addr, len) else {
        fmt::addr(o, addr);
        return true;
    };
    o.push('{');
    for (i, n) in names.iter().enumerate() {
        if (i + 1) * 4 > len {
            break;
        }
        if i > 0 {
            o.push_str(", ");
        }
        let v = u32_at(&b, i * 4);
        // ucred's uid and gid are unsigned; pid and the linger fields are signed.
        if *n == "uid" || *n == "gid" {
            let _ = write!(o, "{n}=");
            super::basic::print_uid(o, v);
        } else {
            let _ = write!(o, "{n}={}", v as i32);
        }
    }
    o.push('}');
    true
}

fn print_hexstr(c: &Ctx, addr: u64, len: usize, o: &mut String) {
    print_buf(c, addr, len as u64, o, false, true);
}

fn print_u32_array(c: &Ctx, addr: u64, n: usize, o: &mut String) {
    if n == 0 {
        o.push_str("[]");
        return;
    }
    let limit = array_limit(c);
    for i in 0..n {
        match c.mem.read_uint(addr.wrapping_add(4 * i as u64), 4) {
            Some(v) => {
                o.push(if i == 0 { '[' } else { ',' });
                if i > 0 {
                    o.push(' ');
                }
                if i >= limit {
                    o.push_str("...");
                    break;
                }
                fmt::dec(o, v);
            }
            None if i == 0 => {
                fmt::addr(o, addr);
                return;
            }
            None => {
                let _ = write!(o, ", ... /* {:#x} */", addr.wrapping_add(4 * i as u64));
                break;
            }
        }
    }
    o.push(']');
}

// ---------------------------------------------------------------------------------
// struct msghdr, iovec and cmsghdr, in the tracee's layout.

struct MsgHdr {
    name: u64,
    namelen: u32,
    iov: u64,
    iovlen: u64,
    control: u64,
    controllen: u64,
    flags: u32,
}

fn msghdr_size(c: &Ctx) -> usize {
    7 * c.word()
}

fn read_msghdr(c: &Ctx, addr: u64) -> Option<MsgHdr> {
    if addr == 0 {
        return None;
    }
    let w = c.word();
    let b = read_vec(c, addr, msghdr_size(c))?;
    Some(parse_msghdr(&b, w))
}

fn parse_msghdr(b: &[u8], w: usize) -> MsgHdr {
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

fn print_msghdr_at(c: &Ctx, addr: u64, user_namelen: Option<i32>, data_size: u64, o: &mut String) {
    match read_msghdr(c, addr) {
        Some(m) => print_msghdr(c, &m, user_namelen, data_size, o),
        None => fmt::addr(o, addr),
    }
}

fn print_msghdr(c: &Ctx, m: &MsgHdr, user_namelen: Option<i32>, data_size: u64, o: &mut String) {
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
    xflags(c, o, "msg_flags", u64::from(m.flags), "MSG_???");
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
    let limit = array_limit(c) as u64;
    let end = count
        .checked_mul(elem)
        .and_then(|s| addr.checked_add(s))
        .filter(|&e| c.arch().ulong(e) == e);
    let Some(_) = end else {
        fmt::addr(o, addr);
        return;
    };
    for i in 0..count {
        let cur = addr.wrapping_add(i * elem);
        let Some(b) = read_vec(c, cur, elem as usize) else {
            if i == 0 {
                fmt::addr(o, addr);
                return;
            }
            let _ = write!(o, ", ... /* {cur:#x} */");
            break;
        };
        if i == 0 {
            o.push('[');
        } else {
            o.push_str(", ");
        }
        if i >= limit {
            o.push_str("...");
            break;
        }
        let base = le(&b, 0, w as usize);
        let len = le(&b, w as usize, w as usize);
        let shown = len.min(data_size);
        if data_size != u64::MAX {
            data_size -= shown;
        }
        o.push_str("{iov_base=");
        match netlink {
            Some(proto) => decode_netlink(c, proto, base, shown, o),
            None => print_strn(c, base, shown, o),
        }
        let _ = write!(o, ", iov_len={len}}}");
    }
    o.push(']');
}

/// strace never reads more control data than the socket option memory limit.
fn optmem_max() -> u64 {
    std::fs::read_to_string("/proc/sys/net/core/optmem_max")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|&v| v > 0)
        .map_or(8 * (2 * 1024 + 512), |v| (v + 7) & !7)
}

fn print_msg_control(c: &Ctx, addr: u64, in_len: u64, o: &mut String) {
    let w = c.word();
    let hdr = if w == 4 { 12 } else { 16 };
    let max = optmem_max();
    let control_len = in_len.min(max) as usize;
    let buf = if control_len < hdr {
        None
    } else {
        read_vec(c, addr, control_len)
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
        xenum(c, o, "socketlayers", u64::from(level), "SOL_???");
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

fn print_cmsg_type_data(c: &Ctx, level: u32, ctype: u32, data: &[u8], o: &mut String) {
    let n = data.len();
    match level {
        SOL_SOCKET => {
            xenum(c, o, "scmvals", u64::from(ctype), "SCM_???");
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
            match ctype {
                // SCM_RIGHTS
                1 => print_local_ints(c, data, o, |c, v, o| print_fd(c, i64::from(v as i32), o)),
                // SCM_CREDENTIALS
                2 => {
                    let _ = write!(o, "{{pid={}, uid=", u32_at(data, 0) as i32);
                    super::basic::print_uid(o, u32_at(data, 4));
                    o.push_str(", gid=");
                    super::basic::print_uid(o, u32_at(data, 8));
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
            xenum(c, o, "ip_cmsg_types", u64::from(ctype), "IP_???");
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
                2 | 23 => print_local_ints(c, data, o, |_, v, o| fmt::dec(o, v)),
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
                _ => {
                    let limit = array_limit(c);
                    o.push('[');
                    for (i, b) in data.iter().enumerate() {
                        if i > 0 {
                            o.push_str(", ");
                        }
                        if i >= limit {
                            o.push_str("...");
                            break;
                        }
                        fmt::hex(o, u64::from(*b));
                    }
                    o.push(']');
                }
            }
        }
        _ => fmt::hex(o, u64::from(ctype)),
    }
}

/// `[a, b]` of the ints in `data`, cut at `-s` elements.
fn print_local_ints(c: &Ctx, data: &[u8], o: &mut String, each: fn(&Ctx, u32, &mut String)) {
    let limit = array_limit(c);
    o.push('[');
    for (i, ch) in data.chunks_exact(4).enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        if i >= limit {
            o.push_str("...");
            break;
        }
        each(c, u32_at(ch, 0), o);
    }
    o.push(']');
}

/// timeval/timespec values of `size`-byte fields inside control data.
fn print_time_data(o: &mut String, data: &[u8], size: usize, frac: &str, count: usize) {
    let one = |o: &mut String, off: usize| {
        let sec = le(data, off, size);
        let sec = if size == 4 {
            i64::from(sec as u32 as i32)
        } else {
            sec as i64
        };
        let f = le(data, off + size, size);
        let f = if size == 4 {
            i64::from(f as u32 as i32)
        } else {
            f as i64
        };
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
fn capture_msg_namelen(c: &Ctx, a: &ArgSpec) -> u64 {
    read_msghdr(c, c.arg(a.index)).map_or(0, |m| SAVED_OK | u64::from(m.namelen))
}

fn print_msghdr_out(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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

// ---------------------------------------------------------------------------------
// sendmmsg/recvmmsg

fn mmsghdr_size(c: &Ctx) -> u64 {
    // struct msghdr, then unsigned int msg_len, padded to the word size.
    let w = c.word();
    (msghdr_size(c) + w) as u64
}

/// The mmsghdr array: `count` elements, the first `with_len` of which show msg_len;
/// `use_len` limits each element's data to its msg_len.
/// recvmmsg: the callers' msg_namelen of the first elements, packed at entry as
/// `MMSG_SLOTS` fields of `MMSG_BITS` bits under a "read" flag in bit 63.
const MMSG_SLOTS: u64 = 7;
const MMSG_BITS: u64 = 9;
const MMSG_UNKNOWN: u64 = (1 << MMSG_BITS) - 1;

fn capture_mmsg_namelens(c: &Ctx, a: &ArgSpec) -> u64 {
    let addr = c.arg(a.index);
    let n = u64::from(c.iarg(a.index + 1) as u32).min(MMSG_SLOTS);
    if addr == 0 {
        return 0;
    }
    let mut v = 1 << 63;
    for i in 0..MMSG_SLOTS {
        let slot = if i < n {
            match c
                .mem
                .read_uint(addr.wrapping_add(i * mmsghdr_size(c) + c.word() as u64), 4)
            {
                Some(l) if l < MMSG_UNKNOWN => l,
                Some(_) => MMSG_UNKNOWN,
                // strace prints no element past the first unreadable one.
                None => break,
            }
        } else {
            MMSG_UNKNOWN
        };
        v |= slot << (i * MMSG_BITS);
    }
    v
}

/// The caller's msg_namelen of element `i`, when it was captured.
fn mmsg_user_namelen(saved: u64, i: u64) -> Option<i32> {
    if saved >> 63 == 0 || i >= MMSG_SLOTS {
        return None;
    }
    let v = (saved >> (i * MMSG_BITS)) & MMSG_UNKNOWN;
    (v != MMSG_UNKNOWN).then_some(v as i32)
}

fn print_mmsgvec(
    c: &Ctx,
    addr: u64,
    count: u64,
    with_len: u64,
    use_len: bool,
    user_namelens: u64,
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
    let size = mmsghdr_size(c);
    let limit = array_limit(c) as u64;
    let w = c.word();
    // strace prints no more than IOV_MAX elements.
    let count = count.min(1024 + 1);
    for i in 0..count {
        let cur = addr.wrapping_add(i * size);
        let Some(b) = read_vec(c, cur, size as usize) else {
            if i == 0 {
                fmt::addr(o, addr);
                return;
            }
            let _ = write!(o, ", ... /* {cur:#x} */");
            break;
        };
        o.push_str(if i == 0 { "[" } else { ", " });
        if i >= limit || i >= 1024 {
            o.push_str("...");
            break;
        }
        let m = parse_msghdr(&b, w);
        let msg_len = u32_at(&b, msghdr_size(c));
        o.push_str("{msg_hdr=");
        let data = if use_len {
            u64::from(msg_len)
        } else {
            u64::MAX
        };
        print_msghdr(c, &m, mmsg_user_namelen(user_namelens, i), data, o);
        if i < with_len {
            let _ = write!(o, ", msg_len={msg_len}");
        }
        o.push('}');
    }
    o.push(']');
}

fn print_mmsghdr_send(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let with_len = match c.ret() {
        Some(r) if !c.failed() => r as u64,
        _ => 0,
    };
    let count = u64::from(c.iarg(a.index + 1) as u32);
    // The array is printed even for a failed call.
    print_mmsgvec(c, c.arg(a.index), count, with_len, false, 0, o);
    true
}

fn print_mmsghdr_recv(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    let n = c.ret().unwrap_or(0) as u64;
    let saved = c.saved.get(a.index).copied().unwrap_or(0);
    print_mmsgvec(c, addr, n, n, true, saved, o);
    true
}

/// The timeout as it was at entry, packed: bit 63 "read", then seconds and nanoseconds.
fn capture_timeout(c: &Ctx, a: &ArgSpec) -> u64 {
    let Some((sec, nsec)) = read_timespec(c, a, c.arg(a.index)) else {
        return 0;
    };
    if !(0..1 << 33).contains(&sec) || !(0..1 << 30).contains(&nsec) {
        // Does not fit: print what is there at exit instead.
        return 1 << 62;
    }
    (1 << 63) | (sec as u64) << 30 | nsec as u64
}

/// Width of a timespec field: x32 has 64-bit time_t with 32-bit pointers.
fn timespec_size(c: &Ctx, a: &ArgSpec) -> usize {
    if matches!(a.param(0), Some(Param::Num(64))) || c.arch() == crate::arch::Arch::X32 {
        8
    } else {
        c.word()
    }
}

fn read_timespec(c: &Ctx, a: &ArgSpec, addr: u64) -> Option<(i64, i64)> {
    if addr == 0 {
        return None;
    }
    let s = timespec_size(c, a);
    let b = read_vec(c, addr, 2 * s)?;
    let v = |off| {
        let x = le(&b, off, s);
        if s == 4 {
            i64::from(x as u32 as i32)
        } else {
            x as i64
        }
    };
    Some((v(0), v(s)))
}

fn format_timespec(c: &Ctx, a: &ArgSpec, addr: u64, o: &mut String) {
    match read_timespec(c, a, addr) {
        Some((s, ns)) => {
            let _ = write!(o, "{{tv_sec={s}, tv_nsec={ns}}}");
        }
        None => fmt::addr(o, addr),
    }
}

fn print_mmsg_timeout(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let v = c.saved.get(a.index).copied().unwrap_or(0);
    if addr == 0 {
        o.push_str("NULL");
    } else if v >> 63 != 0 {
        let _ = write!(
            o,
            "{{tv_sec={}, tv_nsec={}}}",
            (v >> 30) & ((1 << 33) - 1),
            v & ((1 << 30) - 1)
        );
    } else if v >> 62 != 0 || !c.exiting() {
        format_timespec(c, a, addr, o);
    } else {
        fmt::addr(o, addr);
    }
    true
}

/// recvmmsg's return: `0 (Timeout)`, or the count and the time `left` in the timeout.
fn print_recvmmsg_ret(c: &Ctx, o: &mut String) {
    let r = c.ret().unwrap_or(0);
    fmt::dec(o, r);
    if r == 0 {
        o.push_str(" (Timeout)");
        return;
    }
    let addr = c.arg(4);
    if addr == 0 {
        return;
    }
    // The row's timeout argument says how wide its fields are.
    let (_, sig) = super::describe(c.arch(), c.rec.nr);
    let Some(spec) = sig.and_then(|s| s.args.get(4)) else {
        return;
    };
    o.push_str(" (left ");
    format_timespec(c, spec, addr, o);
    o.push(')');
}

// ---------------------------------------------------------------------------------
// Netlink messages: strace decodes the data of netlink sockets instead of quoting it.

const NETLINK_ROUTE: u32 = 0;
const NETLINK_SOCK_DIAG: u32 = 4;
const NETLINK_AUDIT: u32 = 9;
const NLMSG_HDRLEN: u64 = 16;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLMSG_MIN_TYPE: u16 = 16;

/// The protocol of a netlink socket, found by the socket's inode in /proc/net/netlink;
/// `None` for other fds.
fn netlink_proto(c: &Ctx, fd: i32) -> Option<u32> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    // A netlink socket stays one (and socket inodes are not reused while a trace
    // runs in practice): remember those. Other answers may change, as a netlink socket
    // only shows in /proc/net/netlink once bound (at its first send at the latest).
    static CACHE: OnceLock<Mutex<HashMap<u64, u32>>> = OnceLock::new();
    if fd < 0 {
        return None;
    }
    let link = c.mem.fd_path(i64::from(fd))?;
    let ino: u64 = link
        .strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()?;
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(known) = cache.lock().ok().and_then(|m| m.get(&ino).copied()) {
        return Some(known);
    }
    let text = std::fs::read_to_string("/proc/net/netlink").ok()?;
    let proto = text.lines().skip(1).find_map(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        if cols.get(9).and_then(|v| v.parse::<u64>().ok()) == Some(ino) {
            cols.get(1)?.parse().ok()
        } else {
            None
        }
    });
    if let (Some(p), Ok(mut m)) = (proto, cache.lock()) {
        m.insert(ino, p);
    }
    proto
}

/// A socket's data buffer: netlink messages on netlink sockets, else a string.
fn print_sockbuf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let mut len = c.len_of(a.param(0)).unwrap_or(0);
    if a.out {
        if c.failed() {
            fmt::addr(o, addr);
            return true;
        }
        len = len.min(c.arg(a.index + 1));
    }
    match netlink_proto(c, c.iarg(0)) {
        Some(proto) => decode_netlink(c, Some(proto), addr, len, o),
        // A netlink socket that is not bound yet is not listed anywhere; sending it to
        // a netlink address still tells what it is (strace asks the socket itself).
        None if !a.out && sendto_netlink_addr(c) => decode_netlink(c, None, addr, len, o),
        None => print_strn(c, addr, len, o),
    }
    true
}

/// Whether sendto's destination (args 4 and 5) is a netlink address.
fn sendto_netlink_addr(c: &Ctx) -> bool {
    let (dest, len) = (c.arg(4), c.iarg(5));
    dest != 0 && len >= 2 && c.mem.read_uint(dest, 2) == Some(u64::from(AF_NETLINK))
}

struct NlMsgHdr {
    len: u32,
    ty: u16,
    flags: u16,
    seq: u32,
    pid: u32,
}

fn parse_nlmsghdr(b: &[u8]) -> NlMsgHdr {
    NlMsgHdr {
        len: u32_at(b, 0),
        ty: le(b, 4, 2) as u16,
        flags: le(b, 6, 2) as u16,
        seq: u32_at(b, 8),
        pid: u32_at(b, 12),
    }
}

fn decode_netlink(c: &Ctx, family: Option<u32>, mut addr: u64, mut len: u64, o: &mut String) {
    let limit = array_limit(c);
    let mut is_array = false;
    let mut elt = 0usize;
    loop {
        if len < NLMSG_HDRLEN {
            print_hexstr(c, addr, len as usize, o);
            break;
        }
        let Some(b) = read_vec(c, addr, NLMSG_HDRLEN as usize) else {
            if is_array {
                let _ = write!(o, "... /* {addr:#x} */");
            } else {
                fmt::addr(o, addr);
            }
            break;
        };
        if elt == limit {
            o.push_str("...");
            break;
        }
        let h = parse_nlmsghdr(&b);
        let aligned = (u64::from(h.len) + 3) & !3;
        let mut next = None;
        if u64::from(h.len) >= NLMSG_HDRLEN {
            let next_len = len.saturating_sub(aligned);
            if next_len != 0 && addr.checked_add(aligned).is_some() {
                next = Some((addr.wrapping_add(aligned), next_len));
            }
        }
        if !is_array && next.is_some() {
            o.push('[');
            is_array = true;
        }
        decode_nlmsg_with_payload(c, family, &h, addr, len, o);
        let Some((a, l)) = next else {
            break;
        };
        o.push_str(", ");
        addr = a;
        len = l;
        elt += 1;
    }
    if is_array {
        o.push(']');
    }
}

fn decode_nlmsg_with_payload(
    c: &Ctx,
    family: Option<u32>,
    h: &NlMsgHdr,
    addr: u64,
    len: u64,
    o: &mut String,
) {
    let msg_len = u64::from(h.len).min(len);
    if msg_len > NLMSG_HDRLEN {
        o.push('[');
    }
    print_nlmsghdr(c, family, h, o);
    if msg_len > NLMSG_HDRLEN {
        o.push_str(", ");
        decode_nl_payload(
            c,
            family,
            h,
            addr.wrapping_add(NLMSG_HDRLEN),
            msg_len - NLMSG_HDRLEN,
            o,
        );
        o.push(']');
    }
}

fn print_nlmsghdr(c: &Ctx, family: Option<u32>, h: &NlMsgHdr, o: &mut String) {
    let _ = write!(o, "{{nlmsg_len={}, nlmsg_type=", h.len);
    let ty = u64::from(h.ty);
    if h.ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_ROUTE) {
        xenum(c, o, "nl_route_types", ty, "RTM_???");
    } else if h.ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_SOCK_DIAG) {
        xenum(c, o, "nl_sock_diag_types", ty, "SOCK_DIAG_???");
    } else if h.ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_AUDIT) {
        xenum(c, o, "nl_audit_types", ty, "AUDIT_???");
    } else {
        xenum(c, o, "netlink_types", ty, "NLMSG_???");
    }
    o.push_str(", nlmsg_flags=");
    // The meaning of the high flag bits depends on the kind of request.
    let extra = if h.ty < NLMSG_MIN_TYPE {
        (h.ty == NLMSG_ERROR).then_some("netlink_ack_flags")
    } else {
        match family {
            Some(NETLINK_ROUTE) if h.ty == 49 => Some("netlink_get_flags"),
            Some(NETLINK_ROUTE) => match h.ty & 3 {
                0 => Some("netlink_new_flags"),
                1 => Some("netlink_delete_flags"),
                2 => Some("netlink_get_flags"),
                _ => None,
            },
            Some(NETLINK_SOCK_DIAG) => Some("netlink_get_flags"),
            _ => None,
        }
    };
    print_flags2(
        c,
        o,
        u64::from(h.flags),
        "netlink_flags",
        extra,
        "NLM_F_???",
    );
    let _ = write!(o, ", nlmsg_seq={}, nlmsg_pid={}}}", h.seq, h.pid as i32);
}

/// strace's printflags over two sets, the first one's names first.
fn print_flags2(c: &Ctx, o: &mut String, v: u64, first: &str, second: Option<&str>, dflt: &str) {
    let mut rest = v;
    let mut n = 0;
    for set in std::iter::once(first).chain(second) {
        let Some(x) = table::xlat(set) else {
            continue;
        };
        for (name, val) in x.entries(c.arch()) {
            if val != 0 && rest & val == val {
                o.push_str(if n > 0 { "|" } else { "" });
                o.push_str(name);
                n += 1;
                rest &= !val;
            }
        }
    }
    if n > 0 {
        if rest != 0 {
            let _ = write!(o, "|{rest:#x}");
        }
    } else if rest != 0 {
        let _ = write!(o, "{rest:#x} /* {dflt} */");
    } else {
        o.push('0');
    }
}

fn decode_nl_payload(
    c: &Ctx,
    family: Option<u32>,
    h: &NlMsgHdr,
    addr: u64,
    len: u64,
    o: &mut String,
) {
    if h.ty == NLMSG_ERROR {
        decode_nlmsgerr(c, family, h.flags & 0x100 != 0, addr, len, o);
        return;
    }
    if h.ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_ROUTE) {
        decode_route(c, h, addr, len, o);
        return;
    }
    if h.ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_SOCK_DIAG) {
        decode_sock_diag(c, h, addr, len, o);
        return;
    }
    if h.ty == NLMSG_DONE && len == 4 {
        match c.mem.read_uint(addr, 4) {
            Some(v) => fmt::dec(o, v as u32 as i32),
            None => fmt::addr(o, addr),
        }
        return;
    }
    print_hexstr(c, addr, len as usize, o);
}

fn decode_nlmsgerr(
    c: &Ctx,
    family: Option<u32>,
    capped: bool,
    addr: u64,
    len: u64,
    o: &mut String,
) {
    if len < 20 {
        print_hexstr(c, addr, len as usize, o);
        return;
    }
    let Some(b) = read_vec(c, addr, 20) else {
        fmt::addr(o, addr);
        return;
    };
    let err = u32_at(&b, 0) as i32;
    let msg = parse_nlmsghdr(&b[4..]);
    let (addr, len) = (addr.wrapping_add(4), len - 4);
    let msg_len = u64::from(msg.len).max(NLMSG_HDRLEN);
    let payload = len.min(if capped { NLMSG_HDRLEN } else { msg_len });
    if len > payload {
        o.push('[');
    }
    o.push_str("{error=");
    match table::errno(u64::from(err.unsigned_abs())).filter(|_| err < 0) {
        Some(e) => {
            let _ = write!(o, "-{}", e.name);
        }
        None => fmt::dec(o, err),
    }
    o.push_str(", msg=");
    decode_nlmsg_with_payload(c, family, &msg, addr, payload, o);
    o.push('}');
    if len > payload {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(payload),
            len - payload,
            "nlmsgerr_attrs",
            "NLMSGERR_ATTR_???",
            o,
            &|c, ty, a, l, o| match ty {
                1 => {
                    print_nla_str(c, a, l, o);
                    true
                }
                2 => print_nla_u32(c, a, l, o),
                _ => false,
            },
        );
        o.push(']');
    }
}

type NlaDecoder<'a> = dyn Fn(&Ctx, u16, u64, u64, &mut String) -> bool + 'a;

fn decode_nlattr(
    c: &Ctx,
    mut addr: u64,
    mut len: u64,
    set: &str,
    dflt: &str,
    o: &mut String,
    data: &NlaDecoder,
) {
    let limit = array_limit(c);
    let mut is_array = false;
    let mut elt = 0usize;
    loop {
        if len < 4 {
            print_hexstr(c, addr, len as usize, o);
            break;
        }
        let Some(b) = read_vec(c, addr, 4) else {
            if is_array {
                let _ = write!(o, "... /* {addr:#x} */");
            } else {
                fmt::addr(o, addr);
            }
            break;
        };
        if elt == limit {
            o.push_str("...");
            break;
        }
        let nla_len = le(&b, 0, 2);
        let nla_type = le(&b, 2, 2) as u16;
        let aligned = (nla_len + 3) & !3;
        let mut next = None;
        if nla_len >= 4 {
            let next_len = len.saturating_sub(aligned);
            if next_len != 0 {
                next = Some((addr.wrapping_add(aligned), next_len));
            }
        }
        if !is_array && next.is_some() {
            o.push('[');
            is_array = true;
        }
        let shown = nla_len.min(len);
        if shown > 4 {
            o.push('[');
        }
        let _ = write!(o, "{{nla_len={nla_len}, nla_type=");
        if nla_type & 0x8000 != 0 {
            o.push_str("NLA_F_NESTED|");
        }
        if nla_type & 0x4000 != 0 {
            o.push_str("NLA_F_NET_BYTEORDER|");
        }
        xenum(c, o, set, u64::from(nla_type & 0x3fff), dflt);
        o.push('}');
        if shown > 4 {
            o.push_str(", ");
            let mark = o.len();
            if !data(c, nla_type & 0x3fff, addr.wrapping_add(4), shown - 4, o) {
                o.truncate(mark);
                print_hexstr(c, addr.wrapping_add(4), (shown - 4) as usize, o);
            }
            o.push(']');
        }
        let Some((a, l)) = next else {
            break;
        };
        o.push_str(", ");
        addr = a;
        len = l;
        elt += 1;
    }
    if is_array {
        o.push(']');
    }
}

/// A string attribute (strace's QUOTE_OMIT_TRAILING_0|QUOTE_EXPECT_TRAILING_0): the
/// trailing NUL is dropped, a missing one shows as `...`. In hex mode strace prints
/// every byte, the NUL too, and always the `...`.
fn print_nla_str(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    let limit = c.opts.string_limit;
    let Some(b) = read_vec(c, addr, len.min(limit as u64 + 1) as usize) else {
        fmt::addr(o, addr);
        return;
    };
    let bytes = &b[..b.len().min(limit)];
    let usehex = match c.opts.hex {
        fmt::HexStyle::All => true,
        fmt::HexStyle::NonAscii => bytes
            .iter()
            .any(|&x| x > 0x7e || (x < b' ' && !(9..=13).contains(&x))),
        fmt::HexStyle::None => false,
    };
    let q = Quote {
        force_hex: usehex,
        ..Quote::default()
    };
    let ended = !usehex && bytes.last() == Some(&0);
    let shown = if ended {
        &bytes[..bytes.len() - 1]
    } else {
        bytes
    };
    fmt::quote_into(o, shown, q, c.opts.hex);
    if !ended && len > 0 {
        o.push_str("...");
    }
}

fn print_nla_u32(c: &Ctx, addr: u64, len: u64, o: &mut String) -> bool {
    if len < 4 {
        return false;
    }
    match c.mem.read_uint(addr, 4) {
        Some(v) => fmt::dec(o, v),
        None => fmt::addr(o, addr),
    }
    true
}

/// rtnetlink: the family byte picks nothing; the message type picks the header struct.
fn decode_route(c: &Ctx, h: &NlMsgHdr, addr: u64, len: u64, o: &mut String) {
    let Some(family) = c.mem.read_uint(addr, 1) else {
        fmt::addr(o, addr);
        return;
    };
    match h.ty {
        // RTM_{NEW,DEL,GET}ADDR, RTM_GETMULTICAST, RTM_GETANYCAST
        20..=22 | 58 | 62 => decode_ifaddrmsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL,GET,SET}LINK
        16..=19 => decode_ifinfomsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL,GET}ROUTE
        24..=26 => decode_rtmsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL}NEIGH; RTM_GETNEIGH of AF_BRIDGE asks with an ifinfomsg.
        28 | 29 => decode_ndmsg(c, family as u8, addr, len, o),
        30 if family == 7 => decode_ifinfomsg(c, family as u8, addr, len, o),
        30 => decode_ndmsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL,GET}RULE
        32..=34 => decode_fib_rule_hdr(c, family as u8, addr, len, o),
        // qdisc, class, filter and chain messages
        36..=38 | 40..=42 | 44..=46 | 100..=102 => decode_tcmsg(c, family as u8, addr, len, o),
        _ => {
            o.push_str("{family=");
            xenum(c, o, "addrfams", family, "AF_???");
            if len > 1 {
                o.push_str(", data=");
                print_hexstr(c, addr.wrapping_add(1), (len - 1) as usize, o);
            }
            o.push('}');
        }
    }
}

fn decode_rtmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{rtm_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 12 {
        match read_vec(c, addr, 12) {
            Some(b) => {
                let _ = write!(o, "rtm_dst_len={}, rtm_src_len={}, rtm_tos=", b[1], b[2]);
                xflags(
                    c,
                    o,
                    "ip_type_of_services",
                    u64::from(b[3]),
                    "IPTOS_TOS_???",
                );
                o.push_str(", rtm_table=");
                xenum(c, o, "routing_table_ids", u64::from(b[4]), "");
                o.push_str(", rtm_protocol=");
                xenum(c, o, "routing_protocols", u64::from(b[5]), "RTPROT_???");
                o.push_str(", rtm_scope=");
                xenum(c, o, "routing_scopes", u64::from(b[6]), "");
                o.push_str(", rtm_type=");
                xenum(c, o, "routing_types", u64::from(b[7]), "RTN_???");
                o.push_str(", rtm_flags=");
                xflags(c, o, "routing_flags", u64::from(u32_at(&b, 8)), "RTM_F_???");
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 12 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(12),
            len - 12,
            "rtnl_route_attrs",
            "RTA_???",
            o,
            &|c, ty, a, l, o| decode_rta(c, family, ty, a, l, o),
        );
    }
}

/// The data of one RTA_* attribute of a route message.
fn decode_rta(c: &Ctx, family: u8, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC, RTA_NEWDST
        1 | 2 | 5 | 7 | 19 => {
            print_nla_inet_addr(c, family, a, l, o);
            true
        }
        // RTA_IIF, RTA_OIF
        3 | 4 => {
            if l < 4 {
                return false;
            }
            match c.mem.read_uint(a, 4) {
                Some(v) => print_ifindex(c, o, v as u32),
                None => fmt::addr(o, a),
            }
            true
        }
        // RTA_PRIORITY, RTA_PROTOINFO, RTA_FLOW, RTA_MP_ALGO, RTA_MARK, RTA_UID
        6 | 10 | 11 | 14 | 16 | 25 => print_nla_u32(c, a, l, o),
        // RTA_TABLE
        15 => {
            if l < 4 {
                return false;
            }
            match c.mem.read_uint(a, 4) {
                Some(v) => xenum(c, o, "routing_table_ids", v, ""),
                None => fmt::addr(o, a),
            }
            true
        }
        // RTA_CACHEINFO
        12 => {
            if l < 32 {
                return false;
            }
            let Some(b) = read_vec(c, a, 32) else {
                fmt::addr(o, a);
                return true;
            };
            let f = |i: usize| u32_at(&b, i * 4);
            let _ = write!(
                o,
                "{{rta_clntref={}, rta_lastuse={}, rta_expires={}, rta_error={}, rta_used={}, rta_id=",
                f(0),
                f(1),
                f(2),
                f(3),
                f(4)
            );
            fmt::hex(o, u64::from(f(5)));
            let _ = write!(o, ", rta_ts={}, rta_tsage={}}}", f(6), f(7));
            true
        }
        // RTA_PREF, RTA_TTL_PROPAGATE, RTA_IP_PROTO
        20 | 26 | 27 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(v) => fmt::dec(o, v),
                None => fmt::addr(o, a),
            }
            true
        }
        // RTA_EXPIRES
        23 => {
            if l < 8 {
                return false;
            }
            match c.mem.read_uint(a, 8) {
                Some(v) => fmt::dec(o, v),
                None => fmt::addr(o, a),
            }
            true
        }
        // RTA_SPORT, RTA_DPORT
        28 | 29 => {
            if l < 2 {
                return false;
            }
            match c.mem.read_uint(a, 2) {
                Some(v) => fmt::dec(o, v),
                None => fmt::addr(o, a),
            }
            true
        }
        _ => false,
    }
}

/// sock_diag: requests and answers about sockets (what `ss` asks); inet families only.
fn decode_sock_diag(c: &Ctx, h: &NlMsgHdr, addr: u64, len: u64, o: &mut String) {
    let Some(family) = c.mem.read_uint(addr, 1) else {
        fmt::addr(o, addr);
        return;
    };
    let family = family as u8;
    let inet = matches!(u16::from(family), AF_INET | AF_INET6);
    if u16::from(family) == AF_NETLINK && len > 1 {
        if h.flags & 1 != 0 {
            decode_netlink_diag_req(c, family, addr, len, o);
        } else {
            decode_netlink_diag_msg(c, family, addr, len, o);
        }
        return;
    }
    if u16::from(family) == AF_UNIX && len > 1 {
        if h.flags & 1 != 0 {
            decode_unix_diag_req(c, family, addr, len, o);
        } else {
            decode_unix_diag_msg(c, family, addr, len, o);
        }
        return;
    }
    // The compat requests (TCPDIAG_GETSOCK, DCCPDIAG_GETSOCK) have another layout.
    if inet && len > 1 && h.flags & 1 != 0 && h.ty != 18 && h.ty != 19 {
        decode_inet_diag_req(c, family, addr, len, o);
    } else if inet && len > 1 && h.flags & 1 == 0 {
        decode_inet_diag_msg(c, family, addr, len, o);
    } else {
        o.push_str("{family=");
        xenum(c, o, "addrfams", u64::from(family), "AF_???");
        if len > 1 {
            o.push_str(", data=");
            print_hexstr(c, addr.wrapping_add(1), (len - 1) as usize, o);
        }
        o.push('}');
    }
}

/// struct inet_diag_sockid (48 bytes at `b`).
fn print_inet_diag_sockid(c: &Ctx, family: u8, b: &[u8], o: &mut String) {
    let _ = write!(
        o,
        "{{idiag_sport=htons({}), idiag_dport=htons({}), ",
        u16_be(b, 0),
        u16_be(b, 2)
    );
    for (name, off) in [("idiag_src", 4), ("idiag_dst", 20)] {
        let a = b.get(off..off + 16).unwrap_or(&[]);
        match u16::from(family) {
            AF_INET => {
                let _ = write!(o, "{name}=");
                print_inet_addr(c, o, a.get(..4).unwrap_or(&[]));
            }
            AF_INET6 => print_inet6_addr(c, o, a, name),
            _ => {
                let _ = write!(o, "{name}=");
                fmt::quote_into(
                    o,
                    a,
                    Quote {
                        force_hex: true,
                        ..Quote::default()
                    },
                    c.opts.hex,
                );
            }
        }
        o.push_str(", ");
    }
    o.push_str("idiag_if=");
    print_ifindex(c, o, u32_at(b, 36));
    let _ = write!(o, ", idiag_cookie=[{}, {}]}}", u32_at(b, 40), u32_at(b, 44));
}

fn decode_inet_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{sdiag_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 56 {
        match read_vec(c, addr, 56) {
            Some(b) => {
                o.push_str("sdiag_protocol=");
                xenum(c, o, "inet_protocols", u64::from(b[1]), "IPPROTO_???");
                o.push_str(", idiag_ext=");
                xflags(
                    c,
                    o,
                    "inet_diag_extended_flags",
                    u64::from(b[2]),
                    "1<<INET_DIAG_???-1",
                );
                o.push_str(", idiag_states=");
                xflags(
                    c,
                    o,
                    "tcp_state_flags",
                    u64::from(u32_at(&b, 4)),
                    "1<<TCP_???",
                );
                o.push_str(", id=");
                print_inet_diag_sockid(c, family, &b[8..56], o);
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 56 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(56),
            len - 56,
            "inet_diag_req_attrs",
            "INET_DIAG_REQ_???",
            o,
            &|c, ty, a, l, o| {
                // INET_DIAG_REQ_PROTOCOL
                if ty != 3 || l < 1 {
                    return false;
                }
                match c.mem.read_uint(a, 1) {
                    Some(v) => xenum(c, o, "inet_protocols", v, "IPPROTO_???"),
                    None => fmt::addr(o, a),
                }
                true
            },
        );
    }
}

fn decode_inet_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{idiag_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 72 {
        match read_vec(c, addr, 72) {
            Some(b) => {
                o.push_str("idiag_state=");
                xenum(c, o, "tcp_states", u64::from(b[1]), "TCP_???");
                let _ = write!(o, ", idiag_timer={}, idiag_retrans={}, id=", b[2], b[3]);
                print_inet_diag_sockid(c, family, &b[4..52], o);
                let _ = write!(
                    o,
                    ", idiag_expires={}, idiag_rqueue={}, idiag_wqueue={}, idiag_uid={}, idiag_inode={}",
                    u32_at(&b, 52),
                    u32_at(&b, 56),
                    u32_at(&b, 60),
                    u32_at(&b, 64),
                    u32_at(&b, 68)
                );
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 72 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(72),
            len - 72,
            "inet_diag_attrs",
            "INET_DIAG_???",
            o,
            &decode_inet_diag_attr,
        );
    }
}

/// The data of one INET_DIAG_* attribute of an answer.
fn decode_inet_diag_attr(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    let int = |size: usize, o: &mut String| -> bool {
        if l < size as u64 {
            return false;
        }
        match c.mem.read_uint(a, size) {
            Some(v) => fmt::dec(o, v),
            None => fmt::addr(o, a),
        }
        true
    };
    match ty {
        // INET_DIAG_MEMINFO
        1 => {
            if l < 16 {
                return false;
            }
            match read_vec(c, a, 16) {
                Some(b) => {
                    let _ = write!(
                        o,
                        "{{idiag_rmem={}, idiag_wmem={}, idiag_fmem={}, idiag_tmem={}}}",
                        u32_at(&b, 0),
                        u32_at(&b, 4),
                        u32_at(&b, 8),
                        u32_at(&b, 12)
                    );
                }
                None => fmt::addr(o, a),
            }
            true
        }
        // INET_DIAG_CONG
        4 => {
            print_nla_str(c, a, l, o);
            true
        }
        // INET_DIAG_SKMEMINFO
        7 => print_sk_meminfo(c, a, l, o),
        // INET_DIAG_TOS, INET_DIAG_TCLASS, INET_DIAG_SKV6ONLY
        5 | 6 | 11 => int(1, o),
        // INET_DIAG_SHUTDOWN: strace shows the number with the names as a comment.
        8 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(0) => o.push('0'),
                Some(v) => {
                    let _ = write!(o, "{v:#x} /* ");
                    xflags(c, o, "inet_diag_shutdown_flags", v, "???_SHUTDOWN");
                    o.push_str(" */");
                }
                None => fmt::addr(o, a),
            }
            true
        }
        // INET_DIAG_PROTOCOL
        10 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(v) => xenum(c, o, "inet_protocols", v, "IPPROTO_???"),
                None => fmt::addr(o, a),
            }
            true
        }
        // INET_DIAG_MARK, INET_DIAG_CLASS_ID
        15 | 17 => int(4, o),
        // INET_DIAG_CGROUP_ID
        21 => int(8, o),
        // INET_DIAG_SOCKOPT: one-bit fields; the abbreviated form shows the set ones.
        22 => {
            if l < 2 {
                return false;
            }
            let Some(v) = c.mem.read_uint(a, 2) else {
                fmt::addr(o, a);
                return true;
            };
            const BITS: [&str; 11] = [
                "recverr",
                "is_icsk",
                "freebind",
                "hdrincl",
                "mc_loop",
                "transparent",
                "mc_all",
                "nodefrag",
                "bind_address_no_port",
                "recverr_rfc4884",
                "defer_connect",
            ];
            o.push('{');
            let mut first = true;
            for (i, name) in BITS.iter().enumerate() {
                let bit = (v >> i) & 1;
                if c.opts.verbose || bit != 0 {
                    let _ = write!(o, "{}{name}={bit}", if first { "" } else { ", " });
                    first = false;
                }
            }
            let unused = v >> 11;
            if c.opts.verbose || unused != 0 {
                let _ = write!(o, "{}unused=", if first { "" } else { ", " });
                fmt::hex(o, unused);
                o.push_str(" /* bits 3..8 */");
            }
            o.push('}');
            true
        }
        _ => false,
    }
}

/// u32 counters indexed by SK_MEMINFO_*: `[[SK_MEMINFO_RMEM_ALLOC]=0, ...]`.
fn print_sk_meminfo(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    const NAMES: [&str; 9] = [
        "RMEM_ALLOC",
        "RCVBUF",
        "WMEM_ALLOC",
        "SNDBUF",
        "FWD_ALLOC",
        "WMEM_QUEUED",
        "OPTMEM",
        "BACKLOG",
        "DROPS",
    ];
    let n = (l / 4) as usize;
    if n == 0 {
        return false;
    }
    let Some(b) = read_vec(c, a, n * 4) else {
        fmt::addr(o, a);
        return true;
    };
    o.push('[');
    for i in 0..n {
        if i > 0 {
            o.push_str(", ");
        }
        if i >= array_limit(c) {
            o.push_str("...");
            break;
        }
        match NAMES.get(i) {
            Some(name) => {
                let _ = write!(o, "[SK_MEMINFO_{name}]=");
            }
            None => {
                let _ = write!(o, "[{i} /* SK_MEMINFO_??? */]=");
            }
        }
        fmt::dec(o, u32_at(&b, i * 4));
    }
    o.push(']');
    true
}

fn decode_unix_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{sdiag_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    if len >= 24 {
        match read_vec(c, addr, 24) {
            Some(b) => {
                let _ = write!(o, "sdiag_protocol={}, udiag_states=", b[1]);
                xflags(
                    c,
                    o,
                    "tcp_state_flags",
                    u64::from(u32_at(&b, 4)),
                    "1<<TCP_???",
                );
                let _ = write!(o, ", udiag_ino={}, udiag_show=", u32_at(&b, 8));
                xflags(
                    c,
                    o,
                    "unix_diag_show",
                    u64::from(u32_at(&b, 12)),
                    "UDIAG_SHOW_???",
                );
                let _ = write!(o, ", udiag_cookie=[{}, {}]", u32_at(&b, 16), u32_at(&b, 20));
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
}

fn decode_unix_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{udiag_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 16 {
        match read_vec(c, addr, 16) {
            Some(b) => {
                o.push_str("udiag_type=");
                xenum(c, o, "socktypes", u64::from(b[1]), "SOCK_???");
                o.push_str(", udiag_state=");
                xenum(c, o, "tcp_states", u64::from(b[2]), "TCP_???");
                let _ = write!(
                    o,
                    ", udiag_ino={}, udiag_cookie=[{}, {}]",
                    u32_at(&b, 4),
                    u32_at(&b, 8),
                    u32_at(&b, 12)
                );
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 16 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(16),
            len - 16,
            "unix_diag_attrs",
            "UNIX_DIAG_???",
            o,
            &decode_unix_diag_attr,
        );
    }
}

fn decode_unix_diag_attr(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // UNIX_DIAG_NAME
        0 => {
            print_nla_str(c, a, l, o);
            true
        }
        // UNIX_DIAG_VFS: {dev, ino}
        1 => {
            if l < 8 {
                return false;
            }
            let Some(b) = read_vec(c, a, 8) else {
                fmt::addr(o, a);
                return true;
            };
            let dev = u32_at(&b, 0);
            let (major, minor) = ((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
            o.push_str("{udiag_vfs_dev=makedev(");
            fmt::hex(o, u64::from(major));
            o.push_str(", ");
            fmt::hex(o, u64::from(minor));
            let _ = write!(o, "), udiag_vfs_ino={}}}", u32_at(&b, 4));
            true
        }
        // UNIX_DIAG_PEER
        2 => print_nla_u32(c, a, l, o),
        // UNIX_DIAG_ICONS: inode numbers
        3 => {
            let n = (l / 4) as usize;
            if n == 0 {
                return false;
            }
            print_u32_array(c, a, n, o);
            true
        }
        // UNIX_DIAG_RQLEN
        4 => {
            if l < 8 {
                return false;
            }
            match read_vec(c, a, 8) {
                Some(b) => {
                    let _ = write!(
                        o,
                        "{{udiag_rqueue={}, udiag_wqueue={}}}",
                        u32_at(&b, 0),
                        u32_at(&b, 4)
                    );
                }
                None => fmt::addr(o, a),
            }
            true
        }
        // UNIX_DIAG_MEMINFO
        5 => print_sk_meminfo(c, a, l, o),
        // UNIX_DIAG_SHUTDOWN
        6 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(v) => fmt::dec(o, v),
                None => fmt::addr(o, a),
            }
            true
        }
        // UNIX_DIAG_UID
        7 => {
            if l < 4 {
                return false;
            }
            match c.mem.read_uint(a, 4) {
                Some(v) => super::basic::print_uid(o, v as u32),
                None => fmt::addr(o, a),
            }
            true
        }
        _ => false,
    }
}

fn decode_netlink_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{sdiag_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    if len >= 20 {
        match read_vec(c, addr, 20) {
            Some(b) => {
                o.push_str("sdiag_protocol=");
                if b[1] == 255 {
                    o.push_str("NDIAG_PROTO_ALL");
                } else {
                    xenum(c, o, "netlink_protocols", u64::from(b[1]), "NETLINK_???");
                }
                let _ = write!(o, ", ndiag_ino={}, ndiag_show=", u32_at(&b, 4));
                xflags(
                    c,
                    o,
                    "netlink_diag_show",
                    u64::from(u32_at(&b, 8)),
                    "NDIAG_SHOW_???",
                );
                let _ = write!(o, ", ndiag_cookie=[{}, {}]", u32_at(&b, 12), u32_at(&b, 16));
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
}

fn decode_netlink_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{ndiag_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 28 {
        match read_vec(c, addr, 28) {
            Some(b) => {
                o.push_str("ndiag_type=");
                xenum(c, o, "socktypes", u64::from(b[1]), "SOCK_???");
                o.push_str(", ndiag_protocol=");
                xenum(c, o, "netlink_protocols", u64::from(b[2]), "NETLINK_???");
                o.push_str(", ndiag_state=");
                xenum(c, o, "netlink_states", u64::from(b[3]), "NETLINK_???");
                let _ = write!(
                    o,
                    ", ndiag_portid={}, ndiag_dst_portid={}, ndiag_dst_group={}, ndiag_ino={}, ndiag_cookie=[{}, {}]",
                    u32_at(&b, 4),
                    u32_at(&b, 8),
                    u32_at(&b, 12),
                    u32_at(&b, 16),
                    u32_at(&b, 20),
                    u32_at(&b, 24)
                );
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 28 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(28),
            len - 28,
            "netlink_diag_attrs",
            "NETLINK_DIAG_???",
            o,
            &|c, ty, a, l, o| {
                match ty {
                    0 => print_sk_meminfo(c, a, l, o),
                    // NETLINK_DIAG_GROUPS: a bitmap of longs
                    1 => {
                        let w = c.word();
                        let n = l as usize / w;
                        if n == 0 {
                            return false;
                        }
                        let Some(b) = read_vec(c, a, n * w) else {
                            fmt::addr(o, a);
                            return true;
                        };
                        o.push('[');
                        for i in 0..n {
                            if i > 0 {
                                o.push_str(", ");
                            }
                            if i >= array_limit(c) {
                                o.push_str("...");
                                break;
                            }
                            hex0(o, le(&b, i * w, w), 2 * w);
                        }
                        o.push(']');
                        true
                    }
                    // NETLINK_DIAG_RX_RING, NETLINK_DIAG_TX_RING
                    2 | 3 => {
                        if l < 16 {
                            return false;
                        }
                        match read_vec(c, a, 16) {
                            Some(b) => {
                                let _ = write!(
                                    o,
                                    "{{ndr_block_size={}, ndr_block_nr={}, ndr_frame_size={}, ndr_frame_nr={}}}",
                                    u32_at(&b, 0),
                                    u32_at(&b, 4),
                                    u32_at(&b, 8),
                                    u32_at(&b, 12)
                                );
                            }
                            None => fmt::addr(o, a),
                        }
                        true
                    }
                    // NETLINK_DIAG_FLAGS
                    4 => {
                        if l < 4 {
                            return false;
                        }
                        match c.mem.read_uint(a, 4) {
                            Some(v) => xflags(c, o, "netlink_socket_flags", v, "NDIAG_FLAG_???"),
                            None => fmt::addr(o, a),
                        }
                        true
                    }
                    _ => false,
                }
            },
        );
    }
}

fn decode_ndmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{ndm_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 12 {
        match read_vec(c, addr, 12) {
            Some(b) => {
                o.push_str("ndm_ifindex=");
                print_ifindex(c, o, u32_at(&b, 4));
                o.push_str(", ndm_state=");
                xflags(c, o, "neighbor_cache_entry_states", le(&b, 8, 2), "NUD_???");
                o.push_str(", ndm_flags=");
                xflags(
                    c,
                    o,
                    "neighbor_cache_entry_flags",
                    u64::from(b[10]),
                    "NTF_???",
                );
                o.push_str(", ndm_type=");
                xenum(c, o, "routing_types", u64::from(b[11]), "RTN_???");
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 12 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(12),
            len - 12,
            "rtnl_neigh_attrs",
            "NDA_???",
            o,
            &|c, ty, a, l, o| {
                match ty {
                    // NDA_DST
                    1 => {
                        print_nla_inet_addr(c, family, a, l, o);
                        true
                    }
                    // NDA_LLADDR
                    2 => decode_ifla(c, 1, a, l, o),
                    // NDA_CACHEINFO
                    3 => {
                        if l < 16 {
                            return false;
                        }
                        match read_vec(c, a, 16) {
                            Some(b) => {
                                let _ = write!(
                                    o,
                                    "{{ndm_confirmed={}, ndm_used={}, ndm_updated={}, ndm_refcnt={}}}",
                                    u32_at(&b, 0),
                                    u32_at(&b, 4),
                                    u32_at(&b, 8),
                                    u32_at(&b, 12)
                                );
                            }
                            None => fmt::addr(o, a),
                        }
                        true
                    }
                    // NDA_PROBES, NDA_VNI, NDA_LINK_NETNSID, NDA_SRC_VNI, NDA_NH_ID
                    4 | 7 | 10 | 11 | 13 => print_nla_u32(c, a, l, o),
                    // NDA_IFINDEX, NDA_MASTER
                    8 | 9 => {
                        if l < 4 {
                            return false;
                        }
                        match c.mem.read_uint(a, 4) {
                            Some(v) => print_ifindex(c, o, v as u32),
                            None => fmt::addr(o, a),
                        }
                        true
                    }
                    _ => false,
                }
            },
        );
    }
}

fn decode_fib_rule_hdr(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 12 {
        match read_vec(c, addr, 12) {
            Some(b) => {
                let _ = write!(o, "dst_len={}, src_len={}, tos=", b[1], b[2]);
                xflags(
                    c,
                    o,
                    "ip_type_of_services",
                    u64::from(b[3]),
                    "IPTOS_TOS_???",
                );
                o.push_str(", table=");
                xenum(c, o, "routing_table_ids", u64::from(b[4]), "RT_TABLE_???");
                o.push_str(", action=");
                xenum(c, o, "fib_rule_actions", u64::from(b[7]), "FR_ACT_???");
                o.push_str(", flags=");
                xflags(
                    c,
                    o,
                    "fib_rule_flags",
                    u64::from(u32_at(&b, 8)),
                    "FIB_RULE_???",
                );
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 12 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(12),
            len - 12,
            "rtnl_rule_attrs",
            "FRA_???",
            o,
            &|c, ty, a, l, o| decode_fra(c, family, ty, a, l, o),
        );
    }
}

/// The data of one FRA_* attribute of a rule message.
fn decode_fra(c: &Ctx, family: u8, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    let pair = |o: &mut String, size: usize, first: &str, second: &str| -> bool {
        if l < 2 * size as u64 {
            return false;
        }
        match read_vec(c, a, 2 * size) {
            Some(b) => {
                let _ = write!(
                    o,
                    "{{{first}={}, {second}={}}}",
                    le(&b, 0, size),
                    le(&b, size, size)
                );
            }
            None => fmt::addr(o, a),
        }
        true
    };
    match ty {
        // FRA_DST, FRA_SRC
        1 | 2 => {
            print_nla_inet_addr(c, family, a, l, o);
            true
        }
        // FRA_IIFNAME, FRA_OIFNAME
        3 | 17 => {
            print_nla_str(c, a, l, o);
            true
        }
        // FRA_GOTO, FRA_PRIORITY, FRA_FWMARK, FRA_FLOW, FRA_SUPPRESS_*, FRA_FWMASK
        4 | 6 | 10 | 11 | 13 | 14 | 16 => print_nla_u32(c, a, l, o),
        // FRA_TUN_ID: big-endian
        12 => {
            if l < 8 {
                return false;
            }
            match c.mem.read_uint(a, 8) {
                Some(v) => {
                    let _ = write!(o, "htobe64({})", v.swap_bytes());
                }
                None => fmt::addr(o, a),
            }
            true
        }
        // FRA_TABLE
        15 => {
            if l < 4 {
                return false;
            }
            match c.mem.read_uint(a, 4) {
                Some(v) => xenum(c, o, "routing_table_ids", v, ""),
                None => fmt::addr(o, a),
            }
            true
        }
        // FRA_L3MDEV
        19 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(v) => fmt::dec(o, v),
                None => fmt::addr(o, a),
            }
            true
        }
        20 => pair(o, 4, "start", "end"),
        // FRA_PROTOCOL, FRA_IP_PROTO
        21 | 22 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(v) if ty == 21 => xenum(c, o, "routing_protocols", v, "RTPROT_???"),
                Some(v) => xenum(c, o, "inet_protocols", v, "IPPROTO_???"),
                None => fmt::addr(o, a),
            }
            true
        }
        23 | 24 => pair(o, 2, "start", "end"),
        _ => false,
    }
}

fn decode_tcmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{tcm_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 20 {
        match read_vec(c, addr, 20) {
            Some(b) => {
                o.push_str("tcm_ifindex=");
                print_ifindex(c, o, u32_at(&b, 4));
                let _ = write!(
                    o,
                    ", tcm_handle={}, tcm_parent={}, tcm_info={}",
                    u32_at(&b, 8),
                    u32_at(&b, 12),
                    u32_at(&b, 16)
                );
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 20 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(20),
            len - 20,
            "rtnl_tc_attrs",
            "TCA_???",
            o,
            &decode_tca,
        );
    }
}

/// `{a=1, b=2}` of little-endian fields (name, offset, size) when `l` covers `need`.
fn print_fields(
    c: &Ctx,
    a: u64,
    l: u64,
    need: u64,
    fields: &[(&str, usize, usize)],
    o: &mut String,
) -> bool {
    if l < need {
        return false;
    }
    let Some(b) = read_vec(c, a, need as usize) else {
        fmt::addr(o, a);
        return true;
    };
    o.push('{');
    for (i, (name, off, size)) in fields.iter().enumerate() {
        let v = le(&b, *off, *size);
        let sep = if i > 0 { ", " } else { "" };
        let _ = write!(o, "{sep}{name}={v}");
    }
    o.push('}');
    true
}

/// The data of one TCA_* attribute of a traffic control message.
fn decode_tca(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // TCA_KIND
        1 => {
            print_nla_str(c, a, l, o);
            true
        }
        // TCA_STATS: struct tc_stats
        3 => print_fields(
            c,
            a,
            l,
            36,
            &[
                ("bytes", 0, 8),
                ("packets", 8, 4),
                ("drops", 12, 4),
                ("overlimits", 16, 4),
                ("bps", 20, 4),
                ("pps", 24, 4),
                ("qlen", 28, 4),
                ("backlog", 32, 4),
            ],
            o,
        ),
        // TCA_RATE: struct tc_estimator {signed char interval; unsigned char ewma_log}
        5 => {
            if l < 2 {
                return false;
            }
            match read_vec(c, a, 2) {
                Some(b) => {
                    let _ = write!(o, "{{interval={}, ewma_log={}}}", b[0] as i8, b[1]);
                }
                None => fmt::addr(o, a),
            }
            true
        }
        // TCA_FCNT, TCA_CHAIN, TCA_INGRESS_BLOCK, TCA_EGRESS_BLOCK, TCA_DUMP_FLAGS
        6 | 11 | 13 | 14 | 15 => print_nla_u32(c, a, l, o),
        // TCA_STATS2: nested TCA_STATS_* attributes
        7 => {
            decode_nlattr(
                c,
                a,
                l,
                "rtnl_tca_stats_attrs",
                "TCA_STATS_???",
                o,
                &|c, ty, a, l, o| {
                    match ty {
                        // TCA_STATS_BASIC, TCA_STATS_BASIC_HW
                        1 | 7 => {
                            print_fields(c, a, l, 12, &[("bytes", 0, 8), ("packets", 8, 4)], o)
                        }
                        2 => print_fields(c, a, l, 8, &[("bps", 0, 4), ("pps", 4, 4)], o),
                        3 => print_fields(
                            c,
                            a,
                            l,
                            20,
                            &[
                                ("qlen", 0, 4),
                                ("backlog", 4, 4),
                                ("drops", 8, 4),
                                ("requeues", 12, 4),
                                ("overlimits", 16, 4),
                            ],
                            o,
                        ),
                        5 => print_fields(c, a, l, 16, &[("bps", 0, 8), ("pps", 8, 8)], o),
                        // TCA_STATS_PKT64
                        8 => {
                            if l < 8 {
                                return false;
                            }
                            match c.mem.read_uint(a, 8) {
                                Some(v) => fmt::dec(o, v),
                                None => fmt::addr(o, a),
                            }
                            true
                        }
                        _ => false,
                    }
                },
            );
            true
        }
        // TCA_HW_OFFLOAD
        12 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(v) => fmt::dec(o, v),
                None => fmt::addr(o, a),
            }
            true
        }
        _ => false,
    }
}

fn decode_ifaddrmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{ifa_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 8 {
        match read_vec(c, addr, 8) {
            Some(b) => {
                let _ = write!(o, "ifa_prefixlen={}, ifa_flags=", b[1]);
                xflags(c, o, "ifaddrflags", u64::from(b[2]), "IFA_F_???");
                o.push_str(", ifa_scope=");
                match xname(c, "routing_scopes", u64::from(b[3])) {
                    Some(n) => o.push_str(n),
                    None => fmt::hex(o, u64::from(b[3])),
                }
                o.push_str(", ifa_index=");
                print_ifindex(c, o, u32_at(&b, 4));
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 8 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(8),
            len - 8,
            "rtnl_addr_attrs",
            "IFA_???",
            o,
            &|c, ty, a, l, o| match ty {
                1 | 2 | 4 | 5 | 7 => {
                    print_nla_inet_addr(c, family, a, l, o);
                    true
                }
                3 => {
                    print_nla_str(c, a, l, o);
                    true
                }
                6 => {
                    if l < 16 {
                        return false;
                    }
                    match read_vec(c, a, 16) {
                        Some(b) => {
                            let _ = write!(
                                o,
                                "{{ifa_prefered={}, ifa_valid={}, cstamp={}, tstamp={}}}",
                                u32_at(&b, 0),
                                u32_at(&b, 4),
                                u32_at(&b, 8),
                                u32_at(&b, 12)
                            );
                        }
                        None => fmt::addr(o, a),
                    }
                    true
                }
                8 => {
                    if l < 4 {
                        return false;
                    }
                    match c.mem.read_uint(a, 4) {
                        Some(v) => xflags(c, o, "ifaddrflags", v, "IFA_F_???"),
                        None => fmt::addr(o, a),
                    }
                    true
                }
                9 => print_nla_u32(c, a, l, o),
                10 => {
                    if l < 4 {
                        return false;
                    }
                    match c.mem.read_uint(a, 4) {
                        Some(v) => fmt::dec(o, v as u32 as i32),
                        None => fmt::addr(o, a),
                    }
                    true
                }
                _ => false,
            },
        );
    }
}

/// The data of one IFLA_* attribute of a link message; false for strace's hex default.
fn decode_ifla(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // IFLA_ADDRESS, IFLA_BROADCAST, IFLA_PERM_ADDRESS
        1 | 2 | 54 => {
            let Some(b) = read_vec(c, a, l.min(64) as usize) else {
                fmt::addr(o, a);
                return true;
            };
            for (i, x) in b.iter().enumerate() {
                let _ = write!(o, "{}{x:02x}", if i > 0 { ":" } else { "" });
            }
            true
        }
        // IFLA_IFNAME, IFLA_QDISC, IFLA_IFALIAS, IFLA_PHYS_PORT_NAME, IFLA_ALT_IFNAME,
        // IFLA_PARENT_DEV_NAME, IFLA_PARENT_DEV_BUS_NAME
        3 | 6 | 20 | 38 | 53 | 56 | 57 => {
            print_nla_str(c, a, l, o);
            true
        }
        // The u32 attributes: MTU, LINK, MASTER, TXQLEN, WEIGHT, NET_NS_PID, NUM_VF, GROUP,
        // PROMISCUITY, queue counts, CARRIER_CHANGES, GSO/GRO/TSO limits, counters.
        4 | 5 | 10 | 13 | 15 | 19 | 21 | 27 | 30 | 31 | 32 | 35 | 40 | 41 | 47 | 48 | 50 | 51
        | 58 | 59 | 60 | 61 => print_nla_u32(c, a, l, o),
        // IFLA_OPERSTATE, IFLA_LINKMODE, IFLA_CARRIER, IFLA_PROTO_DOWN
        16 | 17 | 33 | 39 => {
            match c.mem.read_uint(a, 1) {
                Some(v) => fmt::dec(o, v),
                None => fmt::addr(o, a),
            }
            true
        }
        // IFLA_LINK_NETNSID, IFLA_NEW_NETNSID, IFLA_IF_NETNSID
        37 | 45 | 46 => {
            if l < 4 {
                return false;
            }
            match c.mem.read_uint(a, 4) {
                Some(v) => fmt::dec(o, v as u32 as i32),
                None => fmt::addr(o, a),
            }
            true
        }
        // IFLA_STATS (u32 counters) and IFLA_STATS64 (u64 counters).
        7 => print_link_stats(c, a, l, 4, o),
        23 => print_link_stats(c, a, l, 8, o),
        // IFLA_EXT_MASK
        29 => {
            if l < 4 {
                return false;
            }
            match c.mem.read_uint(a, 4) {
                Some(v) => xflags(c, o, "rtnl_ifla_ext_filter_flags", v, "RTEXT_FILTER_???"),
                None => fmt::addr(o, a),
            }
            true
        }
        _ => false,
    }
}

const LINK_STATS: [&str; 25] = [
    "rx_packets",
    "tx_packets",
    "rx_bytes",
    "tx_bytes",
    "rx_errors",
    "tx_errors",
    "rx_dropped",
    "tx_dropped",
    "multicast",
    "collisions",
    "rx_length_errors",
    "rx_over_errors",
    "rx_crc_errors",
    "rx_frame_errors",
    "rx_fifo_errors",
    "rx_missed_errors",
    "tx_aborted_errors",
    "tx_carrier_errors",
    "tx_fifo_errors",
    "tx_heartbeat_errors",
    "tx_window_errors",
    "rx_compressed",
    "tx_compressed",
    "rx_nohandler",
    "rx_otherhost_dropped",
];

/// struct rtnl_link_stats{,64}: the fields the attribute's length covers, as long as
/// that length is one the kernel has used.
fn print_link_stats(c: &Ctx, a: u64, l: u64, size: u64, o: &mut String) -> bool {
    // The 32-bit struct never got rx_otherhost_dropped.
    let all = if size == 4 { 24 } else { 25 };
    let n = if l >= all * size {
        all
    } else if size == 8 && l == 24 * size {
        24
    } else if l == 23 * size {
        23
    } else {
        return false;
    };
    let Some(b) = read_vec(c, a, (n * size) as usize) else {
        fmt::addr(o, a);
        return true;
    };
    o.push('{');
    for (i, name) in LINK_STATS.iter().take(n as usize).enumerate() {
        let sep = if i > 0 { ", " } else { "" };
        let _ = write!(
            o,
            "{sep}{name}={}",
            le(&b, i * size as usize, size as usize)
        );
    }
    o.push('}');
    true
}

/// An address attribute: `inet_addr("127.0.0.1")` for the message's family.
fn print_nla_inet_addr(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let size = match u16::from(family) {
        AF_INET => 4,
        AF_INET6 => 16,
        _ => 0,
    };
    if size == 0 || len < size {
        print_hexstr(c, addr, len as usize, o);
        return;
    }
    match read_vec(c, addr, size as usize) {
        Some(b) if size == 4 => print_inet_addr(c, o, &b),
        Some(b) => {
            print_inet6_addr(c, o, &b, "");
        }
        None => fmt::addr(o, addr),
    }
}

fn decode_ifinfomsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{ifi_family=");
    xenum(c, o, "addrfams", u64::from(family), "AF_???");
    o.push_str(", ");
    let mut attrs = false;
    if len >= 16 {
        match read_vec(c, addr, 16) {
            Some(b) => {
                o.push_str("ifi_type=");
                xenum(c, o, "arp_hardware_types", le(&b, 2, 2), "ARPHRD_???");
                o.push_str(", ifi_index=");
                print_ifindex(c, o, u32_at(&b, 4));
                o.push_str(", ifi_flags=");
                xflags(c, o, "iffflags", u64::from(u32_at(&b, 8)), "IFF_???");
                o.push_str(", ifi_change=");
                fmt::hex(o, u64::from(u32_at(&b, 12)));
                attrs = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str("...");
    }
    o.push('}');
    if attrs && len > 16 {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(16),
            len - 16,
            "rtnl_link_attrs",
            "IFLA_???",
            o,
            &decode_ifla,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::Arch;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    const A: u64 = 0x7ffd_0000_1000;
    const B: u64 = 0x7ffd_0000_2000;
    const C: u64 = 0x7ffd_0000_3000;
    const D: u64 = 0x7ffd_0000_4000;

    /// The line with strace's alignment padding collapsed.
    fn r(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
        unpad(render_named(Arch::X86_64, name, args, Some(ret), mem))
    }

    fn unpad(line: String) -> String {
        match line.rfind(") ") {
            Some(i) => format!("{}) {}", &line[..i], line[i + 2..].trim_start()),
            None => line,
        }
    }

    fn sin(port: u16, ip: [u8; 4]) -> Vec<u8> {
        let mut v = vec![2, 0];
        v.extend_from_slice(&port.to_be_bytes());
        v.extend_from_slice(&ip);
        v.extend_from_slice(&[0; 8]);
        v
    }

    #[test]
    fn socket_types_and_protocols() {
        let m = RecordedMemory::new();
        assert_eq!(
            r("socket", [2, 1 | 0o2000000, 0, 0, 0, 0], 3, &m),
            "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3"
        );
        assert_eq!(
            r("socket", [16, 3, 0, 0, 0, 0], 3, &m),
            "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 3"
        );
        assert_eq!(
            r("socket", [17, 3, 0x0300, 0, 0, 0], 3, &m),
            "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 3"
        );
        assert_eq!(
            r("socket", [1, 2 | 0o4000, 0, 0, 0, 0], 3, &m),
            "socket(AF_UNIX, SOCK_DGRAM|SOCK_NONBLOCK, 0) = 3"
        );
        assert_eq!(
            r("socket", [99, 0xf, 0, 0, 0, 0], -97, &m),
            "socket(0x63 /* AF_??? */, 0xf /* SOCK_??? */, 0) = -1 (errno 97)".replace(
                "(errno 97)",
                &table::errno(97).map_or("(errno 97)".to_string(), |e| format!(
                    "{} ({})",
                    e.name, e.message
                ))
            )
        );
    }

    #[test]
    fn connect_unix_inet_inet6() {
        let mut un = vec![1u8, 0];
        un.extend_from_slice(b"/var/run/nscd/socket\0");
        un.resize(110, 0);
        let mut in6 = vec![10u8, 0, 0, 80, 0, 0, 0, 0];
        in6.extend_from_slice(&[0; 15]);
        in6.push(1);
        in6.extend_from_slice(&[0; 4]);
        let mut abs = vec![1u8, 0, 0];
        abs.extend_from_slice(b"abc");
        let m = RecordedMemory::new()
            .with(A, un)
            .with(B, sin(8080, [127, 0, 0, 1]))
            .with(C, in6)
            .with(D, abs);
        assert_eq!(
            r("connect", [3, A, 110, 0, 0, 0], 0, &m),
            "connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = 0"
        );
        assert_eq!(
            r("bind", [3, B, 16, 0, 0, 0], 0, &m),
            "bind(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"
        );
        assert_eq!(
            r("connect", [3, C, 28, 0, 0, 0], 0, &m),
            "connect(3, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), \
             inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0"
        );
        assert_eq!(
            r("bind", [3, D, 6, 0, 0, 0], 0, &m),
            "bind(3, {sa_family=AF_UNIX, sun_path=@\"abc\"}, 6) = 0"
        );
        assert_eq!(
            r("bind", [3, D, 2, 0, 0, 0], 0, &m),
            "bind(3, {sa_family=AF_UNIX}, 2) = 0"
        );
        assert_eq!(
            r("bind", [3, 0x1234, 16, 0, 0, 0], 0, &m),
            "bind(3, 0x1234, 16) = 0"
        );
        assert_eq!(
            r("bind", [3, B, 1, 0, 0, 0], 0, &m),
            format!("bind(3, {B:#x}, 1) = 0")
        );
    }

    #[test]
    fn netlink_and_raw_families() {
        let nl = [16u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let raw = [99u8, 0, b'a', 0];
        let m = RecordedMemory::new()
            .with(A, nl.to_vec())
            .with(B, raw.to_vec());
        assert_eq!(
            r("bind", [3, A, 12, 0, 0, 0], 0, &m),
            "bind(3, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0"
        );
        assert_eq!(
            r("bind", [3, B, 4, 0, 0, 0], 0, &m),
            "bind(3, {sa_family=0x63 /* AF_??? */, sa_data=\"a\\0\"}, 4) = 0"
        );
    }

    #[test]
    fn ipv6_text_forms() {
        let p = |s: &str| inet6_ntop(&s.parse::<std::net::Ipv6Addr>().unwrap().octets());
        assert_eq!(p("::"), "::");
        assert_eq!(p("::1"), "::1");
        assert_eq!(p("fe80::1:2"), "fe80::1:2");
        assert_eq!(p("::ffff:1.2.3.4"), "::ffff:1.2.3.4");
        assert_eq!(p("::1.2.3.4"), "::1.2.3.4");
        assert_eq!(p("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
        assert_eq!(p("1:0:2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");
        assert_eq!(p("2001:db8::"), "2001:db8::");
    }

    #[test]
    fn accept_lengths() {
        let m = RecordedMemory::new()
            .with(A, sin(40000, [127, 0, 0, 1]))
            .with(B, 16u32.to_le_bytes().to_vec());
        // The length was 16 before and after.
        assert_eq!(
            r("accept", [3, A, B, 0, 0, 0], 4, &m),
            "accept(3, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 4"
        );
        assert_eq!(
            r("accept4", [3, 0, 0, 0o2000000, 0, 0], 4, &m),
            "accept4(3, NULL, NULL, SOCK_CLOEXEC) = 4"
        );
        assert_eq!(
            r("getsockname", [3, A, B, 0, 0, 0], -9, &m)
                .split(" = ")
                .next()
                .unwrap(),
            format!("getsockname(3, {A:#x}, [16])")
        );
    }

    #[test]
    fn socklen_changed_by_kernel() {
        // Memory shows the kernel's value; the entry value is captured separately.
        let rec = crate::record::SyscallRecord {
            arch: Arch::X86_64,
            nr: Arch::X86_64.syscall_number("getpeername").unwrap(),
            args: [3, A, B, 0, 0, 0],
            ret: Some(0),
        };
        let before = RecordedMemory::new().with(B, 128u32.to_le_bytes().to_vec());
        let after = RecordedMemory::new()
            .with(A, vec![1, 0])
            .with(B, 2u32.to_le_bytes().to_vec());
        let opts = crate::decode::DecodeOptions::default();
        let sig = crate::table::signature_by_name(Arch::X86_64, "getpeername");
        let zero = [0u64; 6];
        let saved = crate::decode::capture(
            &Ctx {
                rec: &rec,
                mem: &before,
                opts: &opts,
                saved: &zero,
            },
            sig,
        );
        let ctx = Ctx {
            rec: &rec,
            mem: &after,
            opts: &opts,
            saved: &saved,
        };
        let mut o = String::new();
        crate::decode::print_args(&ctx, sig, 1, 3, &mut o, false);
        assert_eq!(o, "{sa_family=AF_UNIX}, [128 => 2]");
    }

    #[test]
    fn sockopts() {
        let m = RecordedMemory::new()
            .with(A, 1u32.to_le_bytes().to_vec())
            .with(B, 4u32.to_le_bytes().to_vec())
            .with(C, [1u8, 0, 0, 0, 5, 0, 0, 0].to_vec())
            .with(D, 111u32.to_le_bytes().to_vec());
        assert_eq!(
            r("setsockopt", [3, 1, 2, A, 4, 0], 0, &m),
            "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0"
        );
        assert_eq!(
            r("setsockopt", [3, 1, 13, C, 8, 0], 0, &m),
            "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0"
        );
        assert_eq!(
            r("setsockopt", [3, 6, 1, A, 4, 0], 0, &m),
            "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0"
        );
        assert_eq!(
            r("getsockopt", [3, 1, 3, A, B, 0], 0, &m),
            "getsockopt(3, SOL_SOCKET, SO_TYPE, [1], [4]) = 0"
        );
        assert_eq!(
            r("getsockopt", [3, 1, 4, D, B, 0], 0, &m),
            format!(
                "getsockopt(3, SOL_SOCKET, SO_ERROR, [{}], [4]) = 0",
                table::errno(111).map_or("111".to_string(), |e| e.name.clone())
            )
        );
        assert_eq!(
            r("setsockopt", [3, 999, 5, A, 4, 0], 0, &m),
            "setsockopt(3, 0x3e7 /* SOL_?? */, 5, [1], 4) = 0"
        );
    }

    fn msghdr64(name: u64, namelen: u32, iov: u64, iovlen: u64, ctl: u64, ctllen: u64) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&name.to_le_bytes());
        v.extend_from_slice(&u64::from(namelen).to_le_bytes());
        v.extend_from_slice(&iov.to_le_bytes());
        v.extend_from_slice(&iovlen.to_le_bytes());
        v.extend_from_slice(&ctl.to_le_bytes());
        v.extend_from_slice(&ctllen.to_le_bytes());
        v.extend_from_slice(&0u64.to_le_bytes());
        v
    }

    #[test]
    fn sendmsg_with_rights() {
        let mut iov = Vec::new();
        iov.extend_from_slice(&C.to_le_bytes());
        iov.extend_from_slice(&2u64.to_le_bytes());
        let mut cmsg = Vec::new();
        cmsg.extend_from_slice(&20u64.to_le_bytes());
        cmsg.extend_from_slice(&1u32.to_le_bytes());
        cmsg.extend_from_slice(&1u32.to_le_bytes());
        cmsg.extend_from_slice(&5u32.to_le_bytes());
        cmsg.extend_from_slice(&[0; 4]);
        let m = RecordedMemory::new()
            .with(A, msghdr64(0, 0, B, 1, D, 24))
            .with(B, iov)
            .with(C, b"hi".to_vec())
            .with(D, cmsg);
        assert_eq!(
            r("sendmsg", [3, A, 0, 0, 0, 0], 2, &m),
            "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hi\", iov_len=2}], msg_iovlen=1, \
             msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], \
             msg_controllen=24, msg_flags=0}, 0) = 2"
        );
        assert_eq!(
            r("recvmsg", [3, A, 0x40, 0, 0, 0], 1, &m),
            "recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"h\", iov_len=2}], msg_iovlen=1, \
             msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], \
             msg_controllen=24, msg_flags=0}, MSG_DONTWAIT) = 1"
        );
    }

    #[test]
    fn msghdr_i386_layout() {
        let mut msg = Vec::new();
        for v in [0u32, 0, 0x2000, 1, 0, 0, 0] {
            msg.extend_from_slice(&v.to_le_bytes());
        }
        let mut iov = Vec::new();
        iov.extend_from_slice(&0x3000u32.to_le_bytes());
        iov.extend_from_slice(&3u32.to_le_bytes());
        let m = RecordedMemory::new()
            .with(0x1000, msg)
            .with(0x2000, iov)
            .with(0x3000, b"abc".to_vec());
        assert_eq!(
            unpad(render_named(
                Arch::I386,
                "sendmsg",
                [3, 0x1000, 0x4000, 0, 0, 0],
                Some(3),
                &m
            )),
            "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abc\", iov_len=3}], msg_iovlen=1, \
             msg_controllen=0, msg_flags=0}, MSG_NOSIGNAL) = 3"
        );
    }

    #[test]
    fn socketpair_and_sendto() {
        let mut pair = 3u32.to_le_bytes().to_vec();
        pair.extend_from_slice(&4u32.to_le_bytes());
        let m = RecordedMemory::new()
            .with(A, pair)
            .with(B, b"ping".to_vec());
        assert_eq!(
            r("socketpair", [1, 1, 0, A, 0, 0], 0, &m),
            "socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0"
        );
        assert_eq!(
            r("sendto", [3, B, 4, 0, 0, 0], 4, &m),
            "sendto(3, \"ping\", 4, 0, NULL, 0) = 4"
        );
        assert_eq!(
            r("shutdown", [3, 2, 0, 0, 0, 0], 0, &m),
            "shutdown(3, SHUT_RDWR) = 0"
        );
        assert_eq!(
            r("listen", [3, 128, 0, 0, 0, 0], 0, &m),
            "listen(3, 128) = 0"
        );
    }

    #[test]
    fn recvmsg_netlink_done() {
        let nl = [16u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let mut iov = Vec::new();
        iov.extend_from_slice(&C.to_le_bytes());
        iov.extend_from_slice(&4096u64.to_le_bytes());
        let mut done = Vec::new();
        for v in [20u32, 3 | 2 << 16, 7, 42, 0] {
            done.extend_from_slice(&v.to_le_bytes());
        }
        let m = RecordedMemory::new()
            .with(A, msghdr64(D, 12, B, 1, 0, 0))
            .with(B, iov)
            .with(C, done)
            .with(D, nl.to_vec());
        assert_eq!(
            r("recvmsg", [3, A, 0, 0, 0, 0], 20, &m),
            "recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, \
             msg_iov=[{iov_base=[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=7, \
             nlmsg_pid=42}, 0], iov_len=4096}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 20"
        );
    }

    fn nl(mem: &RecordedMemory, proto: Option<u32>, addr: u64, len: u64) -> String {
        let rec = crate::record::SyscallRecord::new(Arch::X86_64, 44, [3, addr, len, 0, 0, 0]);
        let opts = crate::decode::DecodeOptions::default();
        let saved = [0u64; 6];
        let ctx = Ctx {
            rec: &rec,
            mem,
            opts: &opts,
            saved: &saved,
        };
        let mut o = String::new();
        decode_netlink(&ctx, proto, addr, len, &mut o);
        o
    }

    fn nlmsg(len: u32, ty: u16, flags: u16, seq: u32, pid: u32, payload: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&len.to_le_bytes());
        v.extend_from_slice(&ty.to_le_bytes());
        v.extend_from_slice(&flags.to_le_bytes());
        v.extend_from_slice(&seq.to_le_bytes());
        v.extend_from_slice(&pid.to_le_bytes());
        v.extend_from_slice(payload);
        v
    }

    #[test]
    fn netlink_route_request_and_ack() {
        let req = nlmsg(20, 22, 0x301, 7, 0, &[0, 0, 0, 0]);
        let inner = nlmsg(20, 22, 0x301, 7, 0, &[]);
        let mut err = (-2i32).to_le_bytes().to_vec();
        err.extend_from_slice(&inner);
        let ack = nlmsg(36, 2, 0x100, 7, 42, &err);
        let m = RecordedMemory::new().with(A, req).with(B, ack);
        assert_eq!(
            nl(&m, Some(0), A, 20),
            "[{nlmsg_len=20, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=7, \
             nlmsg_pid=0}, {ifa_family=AF_UNSPEC, ...}]"
        );
        let enoent = table::errno(2).map_or("-2".to_string(), |e| format!("-{}", e.name));
        assert_eq!(
            nl(&m, Some(0), B, 36),
            format!(
                "[{{nlmsg_len=36, nlmsg_type=NLMSG_ERROR, nlmsg_flags=NLM_F_CAPPED, nlmsg_seq=7, nlmsg_pid=42}}, \
                 {{error={enoent}, msg={{nlmsg_len=20, nlmsg_type=RTM_GETADDR, \
                 nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=7, nlmsg_pid=0}}}}]"
            )
        );
        // Unknown protocol: generic types, the payload in hex.
        assert_eq!(
            nl(&m, None, A, 20),
            "[{nlmsg_len=20, nlmsg_type=0x16 /* NLMSG_??? */, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=7, \
             nlmsg_pid=0}, \"\\x00\\x00\\x00\\x00\"]"
        );
        // Too short for a header.
        assert_eq!(nl(&m, Some(0), A, 3), "\"\\x14\\x00\\x00\"");
    }

    #[test]
    fn inet_diag_request() {
        let mut p = vec![2u8, 6, 0, 0];
        p.extend_from_slice(&((1u32 << 7) | (1 << 10)).to_le_bytes());
        p.extend_from_slice(&[0; 48]);
        let req = nlmsg(72, 20, 0x301, 123456, 0, &p);
        let m = RecordedMemory::new().with(A, req);
        assert_eq!(
            nl(&m, Some(4), A, 72),
            "[{nlmsg_len=72, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, \
             nlmsg_seq=123456, nlmsg_pid=0}, {sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, idiag_ext=0, \
             idiag_states=1<<TCP_CLOSE|1<<TCP_LISTEN, id={idiag_sport=htons(0), idiag_dport=htons(0), \
             idiag_src=inet_addr(\"0.0.0.0\"), idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, \
             idiag_cookie=[0, 0]}}]"
        );
    }

    /// Every row of the group over odd register values and random memory: no panics.
    #[test]
    fn never_panics_on_garbage() {
        let names = [
            "socket",
            "socketpair",
            "bind",
            "connect",
            "listen",
            "accept",
            "accept4",
            "getsockname",
            "getpeername",
            "sendto",
            "recvfrom",
            "sendmsg",
            "recvmsg",
            "sendmmsg",
            "recvmmsg",
            "shutdown",
            "setsockopt",
            "getsockopt",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let vals = [
            0u64,
            1,
            2,
            10,
            16,
            17,
            0x1000,
            0x1010,
            0xfff,
            u64::MAX,
            1 << 63,
            0xffff_ffff,
        ];
        for round in 0..300 {
            let bytes: Vec<u8> = (0..8192).map(|_| next() as u8).collect();
            let mut small: Vec<u8> = (0..64).map(|_| (next() % 24) as u8).collect();
            small[0] = (round % 48) as u8;
            let m = RecordedMemory::new().with(0x1000, bytes).with(0x10, small);
            // Netlink messages with plausible headers and random bodies.
            let mut msg: Vec<u8> = (0..512).map(|_| next() as u8).collect();
            let total = (next() % 512) as u32;
            msg[0..4].copy_from_slice(&(total.min(40 + (next() % 200) as u32)).to_le_bytes());
            msg[4..6].copy_from_slice(&((next() % 100) as u16).to_le_bytes());
            msg[16] = [2u8, 10, 1, 16, 7][(next() % 5) as usize];
            let nm = RecordedMemory::new().with(0x1000, msg);
            for proto in [Some(0), Some(4), None] {
                let _ = nl(&nm, proto, 0x1000, u64::from(total));
            }
            for arch in [Arch::X86_64, Arch::I386] {
                for name in names {
                    if arch.syscall_number(name).is_none() {
                        continue;
                    }
                    let args = [0; 6].map(|_: u64| vals[(next() % vals.len() as u64) as usize]);
                    let ret = [0i64, 1, 16, -14, 100_000][(next() % 5) as usize];
                    let _ = render_named(arch, name, args, Some(ret), &m);
                }
            }
        }
    }
}
