//! IFLA_* attribute layouts of link messages as tables, with the nested lists under
//! them (bridge port and inet6 protocol info, VF ports, XDP, proto-down reasons, link
//! info), and the few struct-shaped attributes that need code.

use super::link::decode_ifla;
use super::nla_table::{Nla, NlaTable, decode_nla_table, nla_row, styled_bytes};
use super::sockaddr::AF_INET6;
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, read_bytes, u32_at};
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

/// AF_BRIDGE (linux/socket.h): the family whose link messages carry bridge port info.
const AF_BRIDGE: u8 = 7;

/// The IFLA_* attributes the older code in `link` does not decode.
static IFLA: NlaTable = NlaTable {
    set: "rtnl_link_attrs",
    dflt: "IFLA_???",
    rows: &[
        ("IFLA_MAP", Nla::Fn(decode_ifmap)),
        ("IFLA_LINKINFO", Nla::Fn(super::link_info::decode_linkinfo)),
        ("IFLA_VFINFO_LIST", Nla::Nested(&VFINFO_LIST)),
        ("IFLA_VF_PORTS", Nla::Nested(&VF_PORTS)),
        ("IFLA_PORT_SELF", Nla::Nested(&PORT)),
        ("IFLA_NET_NS_FD", Nla::Fd),
        ("IFLA_XDP", Nla::Nested(&XDP)),
        (
            "IFLA_EVENT",
            Nla::EnumN("rtnl_ifla_events", "IFLA_EVENT_???", 4),
        ),
        ("IFLA_NEW_IFINDEX", Nla::Ifindex),
        ("IFLA_PROTO_DOWN_REASON", Nla::Nested(&PROTO_DOWN_REASON)),
        ("IFLA_PROP_LIST", Nla::Nested(&PROP_LIST)),
    ],
};

/// IFLA_PROP_LIST holds IFLA_* attributes again, of which only alternative names.
static PROP_LIST: NlaTable = NlaTable {
    set: "rtnl_link_attrs",
    dflt: "IFLA_???",
    rows: &[("IFLA_ALT_IFNAME", Nla::Str)],
};

/// IFLA_BRPORT_* (linux/if_link.h): IFLA_PROTINFO of AF_BRIDGE links.
pub(super) static BRPORT: NlaTable = NlaTable {
    set: "rtnl_ifla_brport_attrs",
    dflt: "IFLA_BRPORT_???",
    rows: &[
        ("IFLA_BRPORT_STATE", Nla::U(1)),
        ("IFLA_BRPORT_PRIORITY", Nla::U(2)),
        ("IFLA_BRPORT_COST", Nla::U(4)),
        ("IFLA_BRPORT_MODE", Nla::U(1)),
        ("IFLA_BRPORT_GUARD", Nla::U(1)),
        ("IFLA_BRPORT_PROTECT", Nla::U(1)),
        ("IFLA_BRPORT_FAST_LEAVE", Nla::U(1)),
        ("IFLA_BRPORT_LEARNING", Nla::U(1)),
        ("IFLA_BRPORT_UNICAST_FLOOD", Nla::U(1)),
        ("IFLA_BRPORT_PROXYARP", Nla::U(1)),
        ("IFLA_BRPORT_LEARNING_SYNC", Nla::U(1)),
        ("IFLA_BRPORT_PROXYARP_WIFI", Nla::U(1)),
        ("IFLA_BRPORT_ROOT_ID", Nla::Fn(decode_bridge_id)),
        ("IFLA_BRPORT_BRIDGE_ID", Nla::Fn(decode_bridge_id)),
        ("IFLA_BRPORT_DESIGNATED_PORT", Nla::U(2)),
        ("IFLA_BRPORT_DESIGNATED_COST", Nla::U(2)),
        ("IFLA_BRPORT_ID", Nla::U(2)),
        ("IFLA_BRPORT_NO", Nla::U(2)),
        ("IFLA_BRPORT_TOPOLOGY_CHANGE_ACK", Nla::U(1)),
        ("IFLA_BRPORT_CONFIG_PENDING", Nla::U(1)),
        ("IFLA_BRPORT_MESSAGE_AGE_TIMER", Nla::ClockT),
        ("IFLA_BRPORT_FORWARD_DELAY_TIMER", Nla::ClockT),
        ("IFLA_BRPORT_HOLD_TIMER", Nla::ClockT),
        ("IFLA_BRPORT_MULTICAST_ROUTER", Nla::U(1)),
        ("IFLA_BRPORT_MCAST_FLOOD", Nla::U(1)),
        ("IFLA_BRPORT_MCAST_TO_UCAST", Nla::U(1)),
        ("IFLA_BRPORT_VLAN_TUNNEL", Nla::U(1)),
        ("IFLA_BRPORT_BCAST_FLOOD", Nla::U(1)),
        ("IFLA_BRPORT_GROUP_FWD_MASK", Nla::X(2)),
        ("IFLA_BRPORT_NEIGH_SUPPRESS", Nla::U(1)),
        ("IFLA_BRPORT_ISOLATED", Nla::U(1)),
        ("IFLA_BRPORT_BACKUP_PORT", Nla::Ifindex),
        ("IFLA_BRPORT_MRP_RING_OPEN", Nla::U(1)),
        ("IFLA_BRPORT_MRP_IN_OPEN", Nla::U(1)),
        ("IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT", Nla::U(4)),
        ("IFLA_BRPORT_MCAST_EHT_HOSTS_CNT", Nla::U(4)),
        ("IFLA_BRPORT_LOCKED", Nla::U(1)),
    ],
};

/// IFLA_INET6_* (linux/if_link.h): IFLA_PROTINFO of AF_INET6 links and AF_SPEC.
pub(super) static INET6: NlaTable = NlaTable {
    set: "rtnl_ifla_af_spec_inet6_attrs",
    dflt: "IFLA_INET6_???",
    rows: &[
        (
            "IFLA_INET6_FLAGS",
            Nla::Flags("inet6_if_flags", "IF_???", 4),
        ),
        (
            "IFLA_INET6_CONF",
            Nla::Indexed("inet6_devconf_indices", "DEVCONF_???", 4, true),
        ),
        (
            "IFLA_INET6_STATS",
            Nla::Indexed("snmp_ip_stats", "IPSTATS_MIB_???", 8, false),
        ),
        ("IFLA_INET6_CACHEINFO", Nla::Fn(decode_inet6_cacheinfo)),
        (
            "IFLA_INET6_ICMP6STATS",
            Nla::Indexed("snmp_icmp6_stats", "ICMP6_MIB_???", 8, false),
        ),
        ("IFLA_INET6_TOKEN", Nla::In6Addr),
        (
            "IFLA_INET6_ADDR_GEN_MODE",
            Nla::Enum("in6_addr_gen_mode", "IN6_ADDR_GEN_MODE_???", 1),
        ),
        ("IFLA_INET6_RA_MTU", Nla::U(4)),
    ],
};

/// IFLA_PORT_* (linux/if_link.h).
static PORT: NlaTable = NlaTable {
    set: "rtnl_ifla_port_attrs",
    dflt: "IFLA_VF_PORT_???",
    rows: &[
        ("IFLA_PORT_VF", Nla::U(4)),
        ("IFLA_PORT_PROFILE", Nla::Str),
        ("IFLA_PORT_VSI_TYPE", Nla::Fn(decode_port_vsi)),
        ("IFLA_PORT_REQUEST", Nla::U(1)),
        ("IFLA_PORT_RESPONSE", Nla::U(2)),
    ],
};

static VF_PORTS: NlaTable = NlaTable {
    set: "rtnl_ifla_vf_port_attrs",
    dflt: "IFLA_VF_PORT_???",
    rows: &[("IFLA_VF_PORT", Nla::Nested(&PORT))],
};

/// IFLA_XDP_* (linux/if_link.h).
static XDP: NlaTable = NlaTable {
    set: "rtnl_ifla_xdp_attrs",
    dflt: "IFLA_XDP_???",
    rows: &[
        ("IFLA_XDP_FD", Nla::Fd),
        (
            "IFLA_XDP_ATTACHED",
            Nla::Enum("rtnl_ifla_xdp_attached_mode", "XDP_ATTACHED_???", 1),
        ),
        (
            "IFLA_XDP_FLAGS",
            Nla::FlagsU32("xdp_flags", "XDP_FLAGS_???"),
        ),
        ("IFLA_XDP_PROG_ID", Nla::U(4)),
        ("IFLA_XDP_DRV_PROG_ID", Nla::U(4)),
        ("IFLA_XDP_SKB_PROG_ID", Nla::U(4)),
        ("IFLA_XDP_HW_PROG_ID", Nla::U(4)),
        ("IFLA_XDP_EXPECTED_FD", Nla::Fd),
    ],
};

static PROTO_DOWN_REASON: NlaTable = NlaTable {
    set: "rtnl_ifla_proto_down_reason_attrs",
    dflt: "IFLA_PROTO_DOWN_REASON_???",
    rows: &[
        ("IFLA_PROTO_DOWN_REASON_MASK", Nla::X(4)),
        ("IFLA_PROTO_DOWN_REASON_VALUE", Nla::X(4)),
    ],
};

static VFINFO_LIST: NlaTable = NlaTable {
    set: "rtnl_ifla_vfinfo_list_attrs",
    dflt: "IFLA_VF_INFO_???",
    rows: &[("IFLA_VF_INFO", Nla::Nested(&VF_INFO))],
};

/// IFLA_VF_* (linux/if_link.h): the struct-shaped ones start with a u32 `vf`.
static VF_INFO: NlaTable = NlaTable {
    set: "rtnl_ifla_vf_info_attrs",
    dflt: "IFLA_VF_???",
    rows: &[
        ("IFLA_VF_MAC", Nla::Fn(decode_vf_mac)),
        (
            "IFLA_VF_VLAN",
            Nla::Fn(|c, a, l, o| vf_u32s(c, a, l, &["vf", "vlan", "qos"], o)),
        ),
        (
            "IFLA_VF_TX_RATE",
            Nla::Fn(|c, a, l, o| vf_u32s(c, a, l, &["vf", "rate"], o)),
        ),
        (
            "IFLA_VF_SPOOFCHK",
            Nla::Fn(|c, a, l, o| vf_u32s(c, a, l, &["vf", "setting"], o)),
        ),
        ("IFLA_VF_LINK_STATE", Nla::Fn(decode_vf_link_state)),
        (
            "IFLA_VF_RATE",
            Nla::Fn(|c, a, l, o| vf_u32s(c, a, l, &["vf", "min_tx_rate", "max_tx_rate"], o)),
        ),
        (
            "IFLA_VF_RSS_QUERY_EN",
            Nla::Fn(|c, a, l, o| vf_u32s(c, a, l, &["vf", "setting"], o)),
        ),
        ("IFLA_VF_STATS", Nla::Nested(&VF_STATS)),
        (
            "IFLA_VF_TRUST",
            Nla::Fn(|c, a, l, o| vf_u32s(c, a, l, &["vf", "setting"], o)),
        ),
        ("IFLA_VF_IB_NODE_GUID", Nla::Fn(decode_vf_guid)),
        ("IFLA_VF_IB_PORT_GUID", Nla::Fn(decode_vf_guid)),
        ("IFLA_VF_VLAN_LIST", Nla::Nested(&VF_VLAN_LIST)),
        ("IFLA_VF_BROADCAST", Nla::Fn(decode_vf_broadcast)),
    ],
};

static VF_STATS: NlaTable = NlaTable {
    set: "rtnl_ifla_vf_stats_attrs",
    dflt: "IFLA_VF_STATS_???",
    rows: &[
        ("IFLA_VF_STATS_RX_PACKETS", Nla::U(8)),
        ("IFLA_VF_STATS_TX_PACKETS", Nla::U(8)),
        ("IFLA_VF_STATS_RX_BYTES", Nla::U(8)),
        ("IFLA_VF_STATS_TX_BYTES", Nla::U(8)),
        ("IFLA_VF_STATS_BROADCAST", Nla::U(8)),
        ("IFLA_VF_STATS_MULTICAST", Nla::U(8)),
        ("IFLA_VF_STATS_RX_DROPPED", Nla::U(8)),
        ("IFLA_VF_STATS_TX_DROPPED", Nla::U(8)),
    ],
};

static VF_VLAN_LIST: NlaTable = NlaTable {
    set: "rtnl_ifla_vf_vlan_list_attrs",
    dflt: "IFLA_VF_VLAN_INFO_???",
    rows: &[("IFLA_VF_VLAN_INFO", Nla::Fn(decode_vf_vlan_info))],
};

fn vf_u32s(c: &Ctx, a: u64, l: u64, names: &[&str], o: &mut String) -> bool {
    super::nlattr::print_u32_fields(c, a, l, names, o)
}

/// A MAC-style byte string: `80:81:..` (bytes under -X raw).
fn print_hw(c: &Ctx, o: &mut String, b: &[u8]) {
    styled_bytes(c, o, b, |o| print_mac(o, b));
}

/// struct ifla_vf_mac {u32 vf; u8 mac[32]}.
fn decode_vf_mac(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 36 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 36) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(o, "{{vf={}, mac=", u32_at(&b, 0));
    print_hw(c, o, &b[4..36]);
    o.push('}');
    true
}

/// struct ifla_vf_broadcast {u8 broadcast[32]}.
fn decode_vf_broadcast(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 32 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 32) else {
        fmt::addr(o, a);
        return true;
    };
    o.push_str("{broadcast=");
    print_hw(c, o, &b);
    o.push('}');
    true
}

/// struct ifla_vf_link_state {u32 vf, link_state}.
fn decode_vf_link_state(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 8 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 8) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(o, "{{vf={}, link_state=", u32_at(&b, 0));
    print_enum_noted(
        c,
        "rtnl_ifla_vf_link_states",
        u64::from(u32_at(&b, 4)),
        "IFLA_VF_LINK_STATE_???",
        o,
    );
    o.push('}');
    true
}

/// struct ifla_vf_guid {u32 vf; u64 guid}: 12 bytes packed or 16 with the guid aligned.
fn decode_vf_guid(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    let off = match l {
        12 => 4,
        16 => 8,
        _ => return false,
    };
    let Some(b) = read_bytes(c, a, l as usize) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(o, "{{vf={}, guid={:#x}}}", u32_at(&b, 0), le(&b, off, 8));
    true
}

/// struct ifla_vf_vlan_info {u32 vf, vlan, qos; __be16 vlan_proto}.
fn decode_vf_vlan_info(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 16 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 16) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(
        o,
        "{{vf={}, vlan={}, qos={}, vlan_proto=htons(",
        u32_at(&b, 0),
        u32_at(&b, 4),
        u32_at(&b, 8)
    );
    let proto = (le(&b, 12, 2) as u16).swap_bytes();
    print_enum_noted(c, "ethernet_protocols", u64::from(proto), "ETH_P_???", o);
    o.push_str(")}");
    true
}

/// The data of one IFLA_* attribute of a link message of `family`.
pub(super) fn decode_link_attr(
    c: &Ctx,
    family: u8,
    ty: u16,
    a: u64,
    l: u64,
    o: &mut String,
) -> bool {
    // IFLA_PROTINFO: what it holds depends on the message's family.
    if ty == 12 {
        let t = match family {
            AF_BRIDGE => &BRPORT,
            f if u16::from(f) == AF_INET6 => &INET6,
            _ => return false,
        };
        decode_nla_table(c, t, a, l, o);
        return true;
    }
    // IFLA_AF_SPEC: bridge attributes for AF_BRIDGE links, else one nest per family.
    if ty == 26 {
        if family == AF_BRIDGE {
            decode_nla_table(c, &AF_SPEC_BRIDGE, a, l, o);
        } else {
            super::nlattr::decode_nlattr(c, a, l, "addrfams", "AF_???", o, &|c, ty, a, l, o| {
                let t = match ty {
                    2 => &AF_SPEC_INET,
                    10 => &INET6,
                    45 => &AF_SPEC_MCTP,
                    _ => return false,
                };
                decode_nla_table(c, t, a, l, o);
                true
            });
        }
        return true;
    }
    nla_row(c, &IFLA, ty, a, l, o) || decode_ifla(c, ty, a, l, o)
}

/// IFLA_INET_* (linux/if_link.h): AF_INET's part of IFLA_AF_SPEC.
static AF_SPEC_INET: NlaTable = NlaTable {
    set: "rtnl_ifla_af_spec_inet_attrs",
    dflt: "IFLA_INET_???",
    rows: &[(
        "IFLA_INET_CONF",
        Nla::Indexed("inet_devconf_indices", "IPV4_DEVCONF_???", 4, true),
    )],
};

/// IFLA_MCTP_* (linux/if_link.h).
static AF_SPEC_MCTP: NlaTable = NlaTable {
    set: "rtnl_ifla_af_spec_mctp_attrs",
    dflt: "IFLA_MCTP_???",
    rows: &[("IFLA_MCTP_NET", Nla::U(4))],
};

/// IFLA_BRIDGE_* (linux/if_bridge.h): IFLA_AF_SPEC of AF_BRIDGE links.
static AF_SPEC_BRIDGE: NlaTable = NlaTable {
    set: "rtnl_ifla_af_spec_bridge_attrs",
    dflt: "IFLA_BRIDGE_???",
    rows: &[
        (
            "IFLA_BRIDGE_FLAGS",
            Nla::Flags("rtnl_ifla_bridge_flags", "BRIDGE_FLAGS_???", 2),
        ),
        (
            "IFLA_BRIDGE_MODE",
            Nla::Enum("rtnl_ifla_bridge_modes", "BRIDGE_MODE_???", 2),
        ),
        ("IFLA_BRIDGE_VLAN_INFO", Nla::Fn(decode_bridge_vlan_info)),
        ("IFLA_BRIDGE_VLAN_TUNNEL_INFO", Nla::Nested(&VLAN_TUNNEL)),
    ],
};

static VLAN_TUNNEL: NlaTable = NlaTable {
    set: "rtnl_ifla_af_spec_bridge_vlan_tunnel_info_attrs",
    dflt: "IFLA_BRIDGE_VLAN_TUNNEL_???",
    rows: &[
        ("IFLA_BRIDGE_VLAN_TUNNEL_ID", Nla::U(4)),
        ("IFLA_BRIDGE_VLAN_TUNNEL_VID", Nla::U(2)),
        (
            "IFLA_BRIDGE_VLAN_TUNNEL_FLAGS",
            Nla::Flags("nl_bridge_vlan_flags", "BRIDGE_VLAN_INFO_???", 2),
        ),
    ],
};

/// struct bridge_vlan_info {u16 flags, vid}, then any further bytes in hex.
fn decode_bridge_vlan_info(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 4 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 4) else {
        fmt::addr(o, a);
        return true;
    };
    o.push_str("{flags=");
    crate::decode::bytes::print_flags(
        c,
        "nl_bridge_vlan_flags",
        le(&b, 0, 2),
        "BRIDGE_VLAN_INFO_???",
        o,
    );
    let _ = write!(o, ", vid={}}}", le(&b, 2, 2));
    if l > 4 {
        o.push_str(", ");
        super::helpers::print_hexstr(c, a.wrapping_add(4), (l - 4) as usize, o);
    }
    true
}

/// struct rtnl_link_ifmap up to `port` (its tail padding is not part of the data).
fn decode_ifmap(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    const SIZE: u64 = 28;
    if l < SIZE {
        return false;
    }
    let Some(b) = read_bytes(c, a, SIZE as usize) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(
        o,
        "{{mem_start={:#x}, mem_end={:#x}, base_addr={:#x}, irq={}, dma={}, port={}}}",
        le(&b, 0, 8),
        le(&b, 8, 8),
        le(&b, 16, 8),
        le(&b, 24, 2),
        b[26],
        b[27]
    );
    true
}

/// struct ifla_bridge_id {u8 prio[2]; u8 addr[6]}.
pub(super) fn decode_bridge_id(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 8 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 8) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(o, "{{prio=[{}, {}], addr=", b[0], b[1]);
    let mac = &b[2..8];
    styled_bytes(c, o, mac, |o| print_mac(o, mac));
    o.push('}');
    true
}

fn print_mac(o: &mut String, b: &[u8]) {
    for (i, x) in b.iter().enumerate() {
        let _ = write!(o, "{}{x:02x}", if i > 0 { ":" } else { "" });
    }
}

/// struct ifla_cacheinfo.
fn decode_inet6_cacheinfo(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 16 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 16) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(
        o,
        "{{max_reasm_len={}, tstamp={}, reachable_time={}, retrans_time={}}}",
        u32_at(&b, 0),
        u32_at(&b, 4),
        u32_at(&b, 8),
        u32_at(&b, 12)
    );
    true
}

/// struct ifla_port_vsi {u8 vsi_mgr_id; u8 vsi_type_id[3]; u8 vsi_type_version; u8 pad[3]}.
fn decode_port_vsi(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 8 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 8) else {
        fmt::addr(o, a);
        return true;
    };
    let hex = Quote {
        force_hex: true,
        ..Quote::default()
    };
    let _ = write!(o, "{{vsi_mgr_id={}, vsi_type_id=", b[0]);
    fmt::quote_into(o, &b[1..4], hex, c.opts.hex);
    let _ = write!(o, ", vsi_type_version={}", b[4]);
    if b[5..8].iter().any(|&x| x != 0) {
        o.push_str(", pad=");
        fmt::quote_into(o, &b[5..8], hex, c.opts.hex);
    }
    o.push('}');
    true
}
