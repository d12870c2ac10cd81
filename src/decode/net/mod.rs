//! Sockets: socket types and protocols, socket addresses of the common families,
//! socket options, and the message headers of sendmsg/recvmsg/sendmmsg/recvmmsg, printed
//! the way strace 6.1 does. Struct layouts follow the tracee's word size, so the same
//! rows decode 32-bit programs.
//!
//! This file owns the argument types of the socket rows (`TYPES`, `RETS`) and the
//! socket()/socketpair() arguments; the rest lives by topic: `sockaddr` (addresses and
//! their in/out lengths), `sockopt` and `filter` (socket options), `msghdr` and `mmsg`
//! (message headers), `netlink` and `nlattr` (netlink framing), `route`, `link` and
//! `sock_diag` (netlink payloads), `helpers` (what they all use).

mod ax25;
mod filter;
mod helpers;
mod link;
mod mmsg;
mod msghdr;
mod netlink;
mod nlattr;
mod route;
mod sock_diag;
mod sockaddr;
mod sockaddr_more;
mod sockopt;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_xstyle;

pub(crate) use self::helpers::print_ifindex;
pub(crate) use self::mmsg::capture_mmsg_namelen_list;
use self::mmsg::{
    capture_timeout, print_mmsg_timeout, print_mmsghdr_recv, print_mmsghdr_send, print_recvmmsg_ret,
};
use self::msghdr::{capture_msg_namelen, print_msghdr_at, print_msghdr_out};
use self::netlink::print_sockbuf;
use self::sockaddr::{capture_socklen, print_sockaddr_out, print_socklen_inout};
use self::sockopt::{print_getsockopt_val, print_setsockopt_val, print_sockopt_name};
use super::fmt;
use super::{ArgType, Ctx, RetType, ty};
use crate::decode::bytes::{print_enum_noted, print_flags, xlat_name};
use crate::table::ArgSpec;
use std::fmt::Write;

pub use self::msghdr::print_iov_upto;
pub use self::sockaddr::{decode_sockaddr, print_sockaddr};

pub static TYPES: &[ArgType] = &[
    ty("sock_family", |c, a, o| {
        print_enum_noted(c, "addrfams", c.arg(a.index), "AF_???", o);
        true
    }),
    ty("sock_type", |c, a, o| {
        print_sock_type(c, c.iarg(a.index) as u32, o);
        true
    }),
    ty("sock_proto", print_sock_proto),
    ty("sock_flags", |c, a, o| {
        print_flags(c, "sock_type_flags", c.arg(a.index), "SOCK_???", o);
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
        print_enum_noted(
            c,
            "socketlayers",
            u64::from(c.iarg(a.index) as u32),
            "SOL_??",
            o,
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
    // Its entry capture is a list: see decode::LIST_CAPTURES.
    ty("mmsghdr_recv", print_mmsghdr_recv),
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

/// socket()'s type: the base type by name, then the flags strace shows with it.
fn print_sock_type(c: &Ctx, v: u32, o: &mut String) {
    let mut rest = u64::from(v);
    if let Some(n) = xlat_name(c, "socktypes", rest & 0xf) {
        crate::decode::fmt::named(o, c, n, |o| crate::decode::fmt::hex(o, rest & 0xf));
        rest &= !0xf;
        if rest == 0 {
            return;
        }
        o.push('|');
    }
    print_flags(c, "sock_type_flags", rest, "SOCK_???", o);
}

/// socket()'s protocol, named by the family in the first argument.
fn print_sock_proto(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let v = c.arg(a.index);
    match c.arg(0) as u32 {
        2 | 10 => print_enum_noted(c, "inet_protocols", v, "IPPROTO_???", o),
        16 => print_enum_noted(c, "netlink_protocols", v, "NETLINK_???", o),
        17 => {
            o.push_str("htons(");
            print_enum_noted(
                c,
                "ethernet_protocols",
                u64::from((v as u16).swap_bytes()),
                "ETH_P_???",
                o,
            );
            o.push(')');
        }
        // strace shows AX.25 protocols in its verbose style: number and name.
        3 => {
            fmt::hex(o, v);
            let name = xlat_name(c, "ax25_protocols", v).unwrap_or("AX25_P_???");
            let _ = write!(o, " /* {name} */");
        }
        23 => print_enum_noted(c, "can_protocols", v, "IRDAPROTO_???", o),
        29 => print_enum_noted(c, "can_protocols", v, "CAN_???", o),
        31 => print_enum_noted(c, "bt_protocols", v, "BTPROTO_???", o),
        33 => print_enum_noted(c, "addrfams", v, "AF_???", o),
        34 => print_enum_noted(c, "isdn_protocols", v, "ISDN_P_???", o),
        35 => print_enum_noted(c, "phonet_protocols", v, "PN_PROTO_???", o),
        37 => print_enum_noted(c, "caif_protocols", v, "CAIFPROTO_???", o),
        39 => print_enum_noted(c, "nfc_protocols", v, "NFC_SOCKPROTO_???", o),
        41 => print_enum_noted(c, "kcm_protocols", v, "KCMPROTO_???", o),
        43 => print_enum_noted(c, "smc_protocols", v, "SMCPROTO_???", o),
        _ => fmt::dec(o, v),
    }
    true
}
