//! Socket option names and values of getsockopt/setsockopt, per socket level.

use super::filter::{print_icmp_filter, print_sock_filter};
use super::helpers::{print_errno_name, print_hexstr, print_ifindex, print_u32_array};
use super::sockaddr::{
    LenState, SOCKADDR_MAX, len_arg, len_state, print_inet_addr, print_inet6_addr, print_sockaddr,
};
use crate::decode::Ctx;
use crate::decode::basic::print_int_ptr;
use crate::decode::bytes::{le, print_strn, read_struct, u32_at, xlat_name};
use crate::decode::fmt::{self, Quote};
use crate::table::{self, ArgSpec, Param};
use std::fmt::Write;

pub(super) const SOL_IP: u32 = 0;
pub(super) const SOL_SOCKET: u32 = 1;
pub(super) const SOL_TCP: u32 = 6;
pub(super) const SOL_UDP: u32 = 17;
pub(super) const SOL_IPV6: u32 = 41;
pub(super) const SOL_RAW: u32 = 255;
pub(super) const SOL_PACKET: u32 = 263;
pub(super) const SOL_NETLINK: u32 = 270;

/// The options whose value is a plain int for strace (SO_DEBUG .. SO_RCVMARK).
pub(super) const SO_INT_LIKE: &[u32] = &[
    1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 27, 29, 30, 32, 33, 34, 35, 36, 37, 40,
    41, 42, 43, 44, 45, 46, 49, 53, 56, 60, 63, 64, 65, 68, 69, 70, 73, 75,
];
pub(super) const SO_ERROR: u32 = 4;
pub(super) const SO_LINGER: u32 = 13;
pub(super) const SO_PEERCRED: u32 = 17;

pub(super) fn print_sockopt_name(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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
    match sets.iter().find_map(|s| xlat_name(c, s, name)) {
        Some(n) => fmt::named(o, c, n, |o| fmt::hex(o, name)),
        None => {
            fmt::hex(o, name);
            if c.opts.xlat != fmt::XlatStyle::Raw {
                let _ = write!(o, " /* {dflt} */");
            }
        }
    }
    true
}

pub(super) fn print_getsockopt_val(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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
                if c.unabbreviated() {
                    print_sock_filter(c, addr, rlen as u64, o);
                } else {
                    fmt::addr(o, addr);
                }
                return true;
            }
            SO_ERROR if len >= 4 => {
                match c.fetch_uint(addr, 4) {
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
                    print_int_ptr(c, addr, o);
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
            let Some(b) = read_struct(c, addr, n) else {
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
                print_int_ptr(c, addr, o);
            }
            return true;
        }
        _ => {}
    }
    if rlen == 4 {
        print_int_ptr(c, addr, o);
    } else {
        print_strn(c, addr, len as u64, false, o);
    }
    true
}

pub(super) fn print_setsockopt_val(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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
                .then(|| read_struct(c, addr, 2 * w))
                .flatten();
            match prog {
                Some(b) => {
                    // The instructions only print under -v.
                    let _ = write!(o, "{{len={}, filter=", le(&b, 0, 2));
                    if c.unabbreviated() {
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
        // SO_TXREHASH: an int named by its SOCK_TXREHASH_* value.
        (SOL_SOCKET, 74) => {
            match (len >= 4).then(|| c.mem.read_uint(addr, 4)).flatten() {
                Some(v) => {
                    o.push('[');
                    match table::xlat("sock_txrehash") {
                        Some(x) => fmt::xlat_enum_dec(
                            o,
                            x,
                            c,
                            (v as u32 as i32).into(),
                            "SOCK_TXREHASH_???",
                        ),
                        None => fmt::dec(o, v as u32 as i32),
                    }
                    o.push(']');
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        (SOL_SOCKET, n) if SO_INT_LIKE.contains(&n) => {
            if len < 4 {
                fmt::addr(o, addr);
            } else {
                print_int_ptr(c, addr, o);
            }
            return true;
        }
        // IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP
        (SOL_IP, 35 | 36) => {
            match (len >= 8).then(|| read_struct(c, addr, 8)).flatten() {
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
                .then(|| read_struct(c, addr, size))
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
            match (len >= 20).then(|| read_struct(c, addr, 20)).flatten() {
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
            match (len == 16).then(|| read_struct(c, addr, 16)).flatten() {
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
                        Some(n) => fmt::named(o, c, n, |o| fmt::hex(o, ty)),
                        None => {
                            fmt::hex(o, ty);
                            if c.opts.xlat != fmt::XlatStyle::Raw {
                                o.push_str(" /* PACKET_MR_??? */");
                            }
                        }
                    }
                    let alen = le(&b, 6, 2) as usize;
                    let _ = write!(o, ", mr_alen={alen}, ");
                    let addr = &b[8..8 + alen.min(8)];
                    let mut text = String::new();
                    for (i, x) in addr.iter().enumerate() {
                        let _ = write!(text, "{}{x:02x}", if i > 0 { ":" } else { "" });
                    }
                    super::sockaddr::print_net_field(c, o, "mr_address", addr, &text);
                    o.push('}');
                }
                None => fmt::addr(o, addr),
            }
            return true;
        }
        // PACKET_RX_RING, PACKET_TX_RING: struct tpacket_req
        (SOL_PACKET, 5 | 13) => {
            match (len == 16).then(|| read_struct(c, addr, 16)).flatten() {
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
                print_int_ptr(c, addr, o);
            }
            return true;
        }
        _ => {}
    }
    if len == 4 {
        print_int_ptr(c, addr, o);
    } else {
        print_strn(c, addr, len as u32 as u64, false, o);
    }
    true
}

/// `{a=1, b=2}` of consecutive ints, printing the fields that `len` bytes cover.
pub(super) fn print_int_fields(
    c: &Ctx,
    addr: u64,
    len: usize,
    names: &[&str],
    o: &mut String,
) -> bool {
    let Some(b) = read_struct(c, addr, len) else {
        fmt::addr(o, addr);
        return true;
    };
    o.push('{');
    for (i, n) in names.iter().enumerate() {
        if i * 4 >= len {
            break;
        }
        if i > 0 {
            o.push_str(", ");
        }
        // A field the length cuts short shows its bytes: `l_linger="\xdf\x4f\x8d"`.
        if (i + 1) * 4 > len {
            let _ = write!(o, "{n}=");
            let q = Quote {
                force_hex: true,
                ..Quote::default()
            };
            fmt::quote_into(o, &b[i * 4..len], q, c.opts.hex);
            break;
        }
        let v = u32_at(&b, i * 4);
        // ucred's uid and gid are unsigned; pid and the linger fields are signed.
        if *n == "uid" || *n == "gid" {
            let _ = write!(o, "{n}=");
            crate::decode::basic::print_uid(o, v);
        } else if *n == "pid" {
            o.push_str("pid=");
            crate::decode::pid::print_id(c, o, v as i32, crate::pidns::PidKind::Tgid);
        } else {
            let _ = write!(o, "{n}={}", v as i32);
        }
    }
    o.push('}');
    true
}
