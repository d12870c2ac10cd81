//! rtnetlink messages about links, addresses and traffic control (ifinfomsg, ifaddrmsg,
//! tcmsg) and their attributes.

use super::helpers::print_ifindex;
use super::link_attrs::decode_link_attr;
use super::netlink::{FamilyMsg, decode_family_msg};
use super::nlattr::{
    Attrs, decode_nlattr, print_fields, print_nla_dec, print_nla_inet_addr, print_nla_str,
    print_nla_u32, print_nla_uint, print_u32_fields,
};
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, print_flags, read_bytes, u32_at, xlat_name};
use crate::decode::fmt;
use std::fmt::Write;

pub(super) fn decode_tcmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "tcm_family",
        size: 20,
        attrs: Some(Attrs {
            set: "rtnl_tc_attrs",
            dflt: "TCA_???",
            data: &decode_tca,
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("tcm_ifindex=");
        print_ifindex(c, o, u32_at(b, 4));
        let _ = write!(
            o,
            ", tcm_handle={}, tcm_parent={}, tcm_info={}",
            u32_at(b, 8),
            u32_at(b, 12),
            u32_at(b, 16)
        );
    });
}

/// The data of one TCA_* attribute of a traffic control message.
pub(super) fn decode_tca(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
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
            match read_bytes(c, a, 2) {
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
                        8 => print_nla_dec(c, a, l, 8, o),
                        _ => false,
                    }
                },
            );
            true
        }
        // TCA_STAB
        8 => {
            super::nla_table::decode_nla_table(c, &super::tc_neigh::TCA_STAB, a, l, o);
            true
        }
        // TCA_HW_OFFLOAD
        12 => print_nla_dec(c, a, l, 1, o),
        _ => false,
    }
}

pub(super) fn decode_ifaddrmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "ifa_family",
        size: 8,
        attrs: Some(Attrs {
            set: "rtnl_addr_attrs",
            dflt: "IFA_???",
            data: &|c, ty, a, l, o| match ty {
                1 | 2 | 4 | 5 | 7 => {
                    print_nla_inet_addr(c, family, a, l, o);
                    true
                }
                3 => {
                    print_nla_str(c, a, l, o);
                    true
                }
                6 => print_u32_fields(
                    c,
                    a,
                    l,
                    &["ifa_prefered", "ifa_valid", "cstamp", "tstamp"],
                    o,
                ),
                8 => print_nla_uint(c, a, l, 4, o, |o, v| {
                    print_flags(c, "ifaddrflags", v, "IFA_F_???", o)
                }),
                9 => print_nla_u32(c, a, l, o),
                10 => print_nla_uint(c, a, l, 4, o, |o, v| fmt::dec(o, v as u32 as i32)),
                _ => false,
            },
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        let _ = write!(o, "ifa_prefixlen={}, ifa_flags=", b[1]);
        print_flags(c, "ifaddrflags", u64::from(b[2]), "IFA_F_???", o);
        o.push_str(", ifa_scope=");
        match xlat_name(c, "routing_scopes", u64::from(b[3])) {
            Some(n) => o.push_str(n),
            None => fmt::hex(o, u64::from(b[3])),
        }
        o.push_str(", ifa_index=");
        print_ifindex(c, o, u32_at(b, 4));
    });
}

/// The data of one IFLA_* attribute of a link message; false for strace's hex default.
pub(super) fn decode_ifla(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // IFLA_ADDRESS, IFLA_BROADCAST, IFLA_PERM_ADDRESS
        1 | 2 | 54 => {
            let Some(b) = read_bytes(c, a, l.min(64) as usize) else {
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
        // (never too short: the data of an attribute is at least one byte)
        16 | 17 | 33 | 39 => print_nla_dec(c, a, l, 1, o),
        // IFLA_LINK_NETNSID, IFLA_NEW_NETNSID, IFLA_IF_NETNSID
        37 | 45 | 46 => print_nla_uint(c, a, l, 4, o, |o, v| fmt::dec(o, v as u32 as i32)),
        // IFLA_STATS (u32 counters) and IFLA_STATS64 (u64 counters).
        7 => print_link_stats(c, a, l, 4, o),
        23 => print_link_stats(c, a, l, 8, o),
        // IFLA_EXT_MASK
        29 => print_nla_uint(c, a, l, 4, o, |o, v| {
            print_flags(c, "rtnl_ifla_ext_filter_flags", v, "RTEXT_FILTER_???", o)
        }),
        _ => false,
    }
}

pub(super) const LINK_STATS: [&str; 25] = [
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
pub(super) fn print_link_stats(c: &Ctx, a: u64, l: u64, size: u64, o: &mut String) -> bool {
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
    let Some(b) = read_bytes(c, a, (n * size) as usize) else {
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

pub(super) fn decode_ifinfomsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "ifi_family",
        size: 16,
        attrs: Some(Attrs {
            set: "rtnl_link_attrs",
            dflt: "IFLA_???",
            data: &|c, ty, a, l, o| decode_link_attr(c, family, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("ifi_type=");
        print_enum_noted(c, "arp_hardware_types", le(b, 2, 2), "ARPHRD_???", o);
        o.push_str(", ifi_index=");
        print_ifindex(c, o, u32_at(b, 4));
        o.push_str(", ifi_flags=");
        print_flags(c, "iffflags", u64::from(u32_at(b, 8)), "IFF_???", o);
        o.push_str(", ifi_change=");
        fmt::hex(o, u64::from(u32_at(b, 12)));
    });
}
