//! RTM_{NEW,GET}STATS: struct if_stats_msg and the IFLA_STATS_* attributes (link
//! counters, bridge and bond extended stats, offload stats, per-family MPLS stats).

use super::helpers::{print_hexstr, print_ifindex};
use super::link::print_link_stats;
use super::netlink::{FamilyMsg, decode_family_msg};
use super::nla_table::{Nla, NlaTable, decode_nla_table, nla_row};
use super::nlattr::{Attrs, decode_nlattr};
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_flags, read_bytes, u32_at, xlat_name};
use crate::decode::fmt;
use std::fmt::Write;

/// AF_MPLS (linux/socket.h).
const AF_MPLS: u16 = 28;

static IFSTATS: NlaTable = NlaTable {
    set: "ifstats_attrs",
    dflt: "IFLA_STATS_???",
    rows: &[
        ("IFLA_STATS_LINK_64", Nla::Fn(decode_stats64)),
        ("IFLA_STATS_LINK_XSTATS", Nla::Nested(&XSTATS)),
        ("IFLA_STATS_LINK_XSTATS_SLAVE", Nla::Nested(&XSTATS)),
        ("IFLA_STATS_LINK_OFFLOAD_XSTATS", Nla::Nested(&OFFLOAD)),
        ("IFLA_STATS_AF_SPEC", Nla::Fn(decode_af_spec)),
    ],
};
static XSTATS: NlaTable = NlaTable {
    set: "ifstats_xstats_type_attrs",
    dflt: "LINK_XSTATS_TYPE_???",
    rows: &[
        ("LINK_XSTATS_TYPE_BRIDGE", Nla::Nested(&BRIDGE)),
        ("LINK_XSTATS_TYPE_BOND", Nla::Nested(&BOND)),
    ],
};
static BRIDGE: NlaTable = NlaTable {
    set: "ifstats_xstats_bridge_attrs",
    dflt: "BRIDGE_XSTATS_???",
    rows: &[
        ("BRIDGE_XSTATS_VLAN", Nla::Fn(decode_bridge_vlan)),
        ("BRIDGE_XSTATS_MCAST", Nla::Fn(decode_bridge_mcast)),
        ("BRIDGE_XSTATS_STP", Nla::Fn(decode_bridge_stp)),
    ],
};
static BOND: NlaTable = NlaTable {
    set: "ifstats_xstats_bond_attrs",
    dflt: "BOND_XSTATS_???",
    rows: &[("BOND_XSTATS_3AD", Nla::Nested(&BOND_3AD))],
};
static BOND_3AD: NlaTable = NlaTable {
    set: "ifstats_xstats_bond_3ad_attrs",
    dflt: "BOND_XSTATS_???",
    rows: &[
        ("BOND_3AD_STAT_LACPDU_RX", Nla::U(8)),
        ("BOND_3AD_STAT_LACPDU_TX", Nla::U(8)),
        ("BOND_3AD_STAT_LACPDU_UNKNOWN_RX", Nla::U(8)),
        ("BOND_3AD_STAT_LACPDU_ILLEGAL_RX", Nla::U(8)),
        ("BOND_3AD_STAT_MARKER_RX", Nla::U(8)),
        ("BOND_3AD_STAT_MARKER_TX", Nla::U(8)),
        ("BOND_3AD_STAT_MARKER_RESP_RX", Nla::U(8)),
        ("BOND_3AD_STAT_MARKER_RESP_TX", Nla::U(8)),
        ("BOND_3AD_STAT_MARKER_UNKNOWN_RX", Nla::U(8)),
    ],
};
static OFFLOAD: NlaTable = NlaTable {
    set: "ifstats_offload_attrs",
    dflt: "IFLA_OFFLOAD_XSTATS_???",
    rows: &[("IFLA_OFFLOAD_XSTATS_CPU_HIT", Nla::Fn(decode_stats64))],
};
static MPLS: NlaTable = NlaTable {
    set: "ifstats_af_spec_mpls_attrs",
    dflt: "MPLS_STATS_???",
    rows: &[("MPLS_STATS_LINK", Nla::Fn(decode_mpls_link))],
};

/// struct if_stats_msg (12 bytes), then IFLA_STATS_* attributes.
pub(super) fn decode_ifstatsmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "family",
        size: 12,
        attrs: Some(Attrs {
            set: IFSTATS.set,
            dflt: IFSTATS.dflt,
            data: &|c, ty, a, l, o| nla_row(c, &IFSTATS, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        if b[1] != 0 {
            let _ = write!(o, "pad1={:#x}, ", b[1]);
        }
        let pad2 = le(b, 2, 2);
        if pad2 != 0 {
            let _ = write!(o, "pad2={pad2:#x}, ");
        }
        o.push_str("ifindex=");
        print_ifindex(c, o, u32_at(b, 4));
        o.push_str(", filter_mask=");
        print_flags(
            c,
            "ifstats_attr_flags",
            u64::from(u32_at(b, 8)),
            "1<<IFLA_STATS_???",
            o,
        );
    });
}

fn decode_stats64(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    print_link_stats(c, a, l, 8, o)
}

/// `{name=N, ...}` of consecutive u64 fields, then any bytes past the struct in hex.
fn print_u64_struct(c: &Ctx, a: u64, l: u64, names: &[&str], o: &mut String) -> bool {
    let size = 8 * names.len() as u64;
    if l < size {
        return false;
    }
    let Some(b) = read_bytes(c, a, size as usize) else {
        fmt::addr(o, a);
        return true;
    };
    o.push('{');
    for (i, name) in names.iter().enumerate() {
        let _ = write!(
            o,
            "{}{name}={}",
            if i > 0 { ", " } else { "" },
            le(&b, 8 * i, 8)
        );
    }
    o.push('}');
    print_tail(c, a, l, size, o);
    true
}

/// strace prints what follows a fixed-size struct in an attribute as hex.
fn print_tail(c: &Ctx, a: u64, l: u64, size: u64, o: &mut String) {
    if l > size {
        o.push_str(", ");
        print_hexstr(c, a.wrapping_add(size), (l - size) as usize, o);
    }
}

/// struct bridge_vlan_xstats (40 bytes).
fn decode_bridge_vlan(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 40 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 40) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(
        o,
        "{{rx_bytes={}, rx_packets={}, tx_bytes={}, tx_packets={}, vid={}, flags=",
        le(&b, 0, 8),
        le(&b, 8, 8),
        le(&b, 16, 8),
        le(&b, 24, 8),
        le(&b, 32, 2)
    );
    print_flags(
        c,
        "nl_bridge_vlan_flags",
        le(&b, 34, 2),
        "BRIDGE_VLAN_INFO_???",
        o,
    );
    let pad2 = u32_at(&b, 36);
    if pad2 != 0 {
        let _ = write!(o, ", pad2={pad2:#x}");
    }
    o.push('}');
    print_tail(c, a, l, 40, o);
    true
}

/// struct br_mcast_stats: per-direction [rx, tx] u64 pairs and two error counters.
fn decode_bridge_mcast(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    // (name, is a [rx, tx] pair)
    const FIELDS: [(&str, bool); 16] = [
        ("igmp_v1queries", true),
        ("igmp_v2queries", true),
        ("igmp_v3queries", true),
        ("igmp_leaves", true),
        ("igmp_v1reports", true),
        ("igmp_v2reports", true),
        ("igmp_v3reports", true),
        ("igmp_parse_errors", false),
        ("mld_v1queries", true),
        ("mld_v2queries", true),
        ("mld_leaves", true),
        ("mld_v1reports", true),
        ("mld_v2reports", true),
        ("mld_parse_errors", false),
        ("mcast_bytes", true),
        ("mcast_packets", true),
    ];
    const SIZE: u64 = 240;
    if l < SIZE {
        return false;
    }
    let Some(b) = read_bytes(c, a, SIZE as usize) else {
        fmt::addr(o, a);
        return true;
    };
    o.push('{');
    let mut off = 0;
    for (i, (name, pair)) in FIELDS.iter().enumerate() {
        let _ = write!(o, "{}{name}=", if i > 0 { ", " } else { "" });
        if *pair {
            o.push('[');
            for dir in 0..2u64 {
                o.push_str(if dir > 0 { ", [" } else { "[" });
                match xlat_name(c, "ifstats_xstats_bridge_mcast_indices", dir) {
                    Some(n) => fmt::named(o, c, n, |o| fmt::dec(o, dir)),
                    None => fmt::dec(o, dir),
                }
                let _ = write!(o, "]={}", le(&b, off, 8));
                off += 8;
            }
            o.push(']');
        } else {
            let _ = write!(o, "{}", le(&b, off, 8));
            off += 8;
        }
    }
    o.push('}');
    print_tail(c, a, l, SIZE, o);
    true
}

fn decode_bridge_stp(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    print_u64_struct(
        c,
        a,
        l,
        &[
            "transition_blk",
            "transition_fwd",
            "rx_bpdu",
            "tx_bpdu",
            "rx_tcn",
            "tx_tcn",
        ],
        o,
    )
}

fn decode_mpls_link(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    print_u64_struct(
        c,
        a,
        l,
        &[
            "rx_packets",
            "tx_packets",
            "rx_bytes",
            "tx_bytes",
            "rx_errors",
            "tx_errors",
            "rx_dropped",
            "tx_dropped",
            "rx_noroute",
        ],
        o,
    )
}

/// IFLA_STATS_AF_SPEC: attributes whose types are address families; MPLS has stats.
fn decode_af_spec(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    decode_nlattr(c, a, l, "addrfams", "AF_???", o, &|c, ty, a, l, o| {
        if ty == AF_MPLS {
            decode_nla_table(c, &MPLS, a, l, o);
        } else {
            print_hexstr(c, a, l as usize, o);
        }
        true
    });
    true
}
