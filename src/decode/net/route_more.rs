//! The smaller rtnetlink header structs (rtgenmsg of netns ids, netconfmsg, dcbmsg,
//! ifaddrlblmsg, br_port_msg of the bridge multicast database) and their attributes.

use super::helpers::{print_hexstr, print_ifindex};
use super::netlink::{FamilyMsg, decode_family_msg};
use super::nla_table::{Nla, NlaTable, decode_nla_table, nla_row};
use super::nlattr::{Attrs, print_nla_inet_addr};
use super::sockaddr::{AF_INET, AF_INET6, print_inet_addr, print_inet6_addr};
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, print_flags, read_bytes, u32_at, xlat_name};
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

/// A family-led struct of `size` bytes whose attributes table `t` describes; `body`
/// prints the fields after the family.
#[allow(clippy::too_many_arguments)]
pub(super) fn table_family_msg(
    c: &Ctx,
    family: u8,
    addr: u64,
    len: u64,
    field: &str,
    size: u64,
    t: &NlaTable,
    o: &mut String,
    body: impl FnOnce(&[u8], &mut String),
) {
    let msg = FamilyMsg {
        family_field: field,
        size,
        attrs: Some(Attrs {
            set: t.set,
            dflt: t.dflt,
            data: &|c, ty, a, l, o| nla_row(c, t, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, body);
}

/// NETNSA_* of RTM_*NSID (linux/net_namespace.h).
static NSID: NlaTable = NlaTable {
    set: "rtnl_nsid_attrs",
    dflt: "NETNSA_???",
    rows: &[
        ("NETNSA_NSID", Nla::S(4)),
        ("NETNSA_PID", Nla::U(4)),
        ("NETNSA_FD", Nla::S(4)),
        ("NETNSA_TARGET_NSID", Nla::S(4)),
        ("NETNSA_CURRENT_NSID", Nla::S(4)),
    ],
};

/// NETCONFA_* of RTM_*NETCONF (linux/netconf.h).
static NETCONF: NlaTable = NlaTable {
    set: "rtnl_netconf_attrs",
    dflt: "NETCONFA_???",
    rows: &[
        ("NETCONFA_IFINDEX", Nla::Ifindex),
        ("NETCONFA_FORWARDING", Nla::S(4)),
        ("NETCONFA_RP_FILTER", Nla::S(4)),
        ("NETCONFA_MC_FORWARDING", Nla::S(4)),
        ("NETCONFA_PROXY_NEIGH", Nla::S(4)),
        ("NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN", Nla::S(4)),
        ("NETCONFA_INPUT", Nla::S(4)),
        ("NETCONFA_BC_FORWARDING", Nla::S(4)),
    ],
};

/// DCB_ATTR_* (linux/dcbnl.h): strace names them but decodes none.
static DCB: NlaTable = NlaTable {
    set: "rtnl_dcb_attrs",
    dflt: "DCB_ATTR_???",
    rows: &[],
};

/// MDBA_* of br_port_msg (linux/if_bridge.h), nested three deep for entries.
static MDB: NlaTable = NlaTable {
    set: "rtnl_mdb_attrs",
    dflt: "MDBA_???",
    rows: &[
        ("MDBA_MDB", Nla::Nested(&MDBA_MDB)),
        ("MDBA_ROUTER", Nla::Nested(&MDBA_ROUTER)),
    ],
};
static MDBA_MDB: NlaTable = NlaTable {
    set: "rtnl_mdba_mdb_attrs",
    dflt: "MDBA_MDB_???",
    rows: &[("MDBA_MDB_ENTRY", Nla::Nested(&MDBA_MDB_ENTRY))],
};
static MDBA_MDB_ENTRY: NlaTable = NlaTable {
    set: "rtnl_mdba_mdb_entry_attrs",
    dflt: "MDBA_MDB_ENTRY_???",
    rows: &[("MDBA_MDB_ENTRY_INFO", Nla::Fn(decode_mdb_entry_info))],
};
static MDBA_MDB_EATTR: NlaTable = NlaTable {
    set: "rtnl_mdba_mdb_eattr_attrs",
    dflt: "MDBA_MDB_EATTR_???",
    rows: &[("MDBA_MDB_EATTR_TIMER", Nla::ClockT)],
};
static MDBA_ROUTER: NlaTable = NlaTable {
    set: "rtnl_mdba_router_attrs",
    dflt: "MDBA_ROUTER_???",
    rows: &[("MDBA_ROUTER_PORT", Nla::Fn(decode_mdba_router_port))],
};
static MDBA_ROUTER_PATTR: NlaTable = NlaTable {
    set: "rtnl_mdba_router_pattr_attrs",
    dflt: "MDBA_ROUTER_PATTR_???",
    rows: &[
        ("MDBA_ROUTER_PATTR_TIMER", Nla::ClockT),
        (
            "MDBA_ROUTER_PATTR_TYPE",
            Nla::Enum("multicast_router_types", "MDB_RTR_TYPE_???", 1),
        ),
        ("MDBA_ROUTER_PATTR_INET_TIMER", Nla::ClockT),
        ("MDBA_ROUTER_PATTR_INET6_TIMER", Nla::ClockT),
    ],
};

/// The rtnetlink message types of this module: their header struct and attributes;
/// false for other types.
pub(super) fn decode_route_more(
    c: &Ctx,
    ty: u16,
    family: u8,
    addr: u64,
    len: u64,
    o: &mut String,
) -> bool {
    match ty {
        // RTM_{NEW,DEL,GET}ACTION
        48..=50 => super::tc_neigh::decode_tcamsg(c, family, addr, len, o),
        // RTM_NEWNEIGHTBL, RTM_GETNEIGHTBL, RTM_SETNEIGHTBL
        64 | 66 | 67 => super::tc_neigh::decode_ndtmsg(c, family, addr, len, o),
        // RTM_{NEW,DEL,GET}ADDRLABEL
        72..=74 => decode_ifaddrlblmsg(c, family, addr, len, o),
        // RTM_GETDCB, RTM_SETDCB
        78 | 79 => table_family_msg(c, family, addr, len, "dcb_family", 4, &DCB, o, |b, o| {
            o.push_str("cmd=");
            print_enum_noted(c, "dcb_commands", u64::from(b[1]), "DCB_CMD_???", o);
        }),
        // RTM_{NEW,DEL,GET}NETCONF
        80..=82 => table_family_msg(
            c,
            family,
            addr,
            len,
            "ncm_family",
            1,
            &NETCONF,
            o,
            |_, _| {},
        ),
        // RTM_{NEW,DEL,GET}MDB
        84..=86 => table_family_msg(c, family, addr, len, "family", 8, &MDB, o, |b, o| {
            o.push_str("ifindex=");
            print_ifindex(c, o, u32_at(b, 4));
        }),
        // RTM_NEWSTATS, RTM_GETSTATS
        92 | 94 => super::ifstats::decode_ifstatsmsg(c, family, addr, len, o),
        // RTM_NEWCACHEREPORT
        96 => decode_cachereport(c, family, addr, len, o),
        // RTM_{NEW,DEL,GET}NEXTHOP
        104..=106 => decode_nhmsg(c, family, addr, len, o),
        // RTM_{NEW,DEL,GET}NSID
        88..=90 => table_family_msg(c, family, addr, len, "rtgen_family", 1, &NSID, o, |_, _| {}),
        _ => return false,
    }
    true
}

fn decode_ifaddrlblmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "ifal_family",
        size: 12,
        attrs: Some(Attrs {
            set: "rtnl_addrlabel_attrs",
            dflt: "IFAL_???",
            data: &|c, ty, a, l, o| match ty {
                // IFAL_ADDRESS
                1 => {
                    print_nla_inet_addr(c, family, a, l, o);
                    true
                }
                // IFAL_LABEL
                2 => super::nla_table::print_nla(c, &Nla::U(4), a, l, o),
                _ => false,
            },
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        // b[1] is the reserved byte.
        let _ = write!(
            o,
            "ifal_prefixlen={}, ifal_flags={}, ifal_index=",
            b[2], b[3]
        );
        print_ifindex(c, o, u32_at(b, 4));
        let _ = write!(o, ", ifal_seq={}", u32_at(b, 8));
    });
}

/// struct br_mdb_entry (28 bytes), then its MDBA_MDB_EATTR_* attributes.
fn decode_mdb_entry_info(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    const SIZE: u64 = 28;
    if l < SIZE {
        return false;
    }
    let Some(b) = read_bytes(c, a, SIZE as usize) else {
        fmt::addr(o, a);
        return true;
    };
    o.push_str("{ifindex=");
    print_ifindex(c, o, u32_at(&b, 0));
    o.push_str(", state=");
    print_enum_noted(c, "mdb_states", u64::from(b[4]), "MDB_???", o);
    o.push_str(", flags=");
    print_flags(c, "mdb_flags", u64::from(b[5]), "MDB_FLAGS_???", o);
    let _ = write!(o, ", vid={}, addr={{", le(&b, 6, 2));
    // strace reads the address by the protocol field taken as an address family.
    let proto = (le(&b, 24, 2) as u16).swap_bytes();
    let u = &b[8..24];
    match proto {
        AF_INET => {
            o.push_str("u=");
            print_inet_addr(c, o, &u[..4]);
        }
        AF_INET6 => print_inet6_addr(c, o, u, "u"),
        _ => {
            o.push_str("u=");
            let q = Quote {
                force_hex: true,
                ..Quote::default()
            };
            fmt::quote_into(o, u, q, c.opts.hex);
        }
    }
    o.push_str(", proto=htons(");
    print_enum_noted(c, "addrfams", u64::from(proto), "AF_???", o);
    o.push_str(")}}");
    if l > SIZE {
        o.push_str(", ");
        decode_nla_table(c, &MDBA_MDB_EATTR, a.wrapping_add(SIZE), l - SIZE, o);
    }
    true
}

/// MDBA_ROUTER_PORT: a u32 ifindex, then MDBA_ROUTER_PATTR_* attributes.
fn decode_mdba_router_port(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 4 {
        return false;
    }
    match c.mem.read_uint(a, 4) {
        Some(v) => print_ifindex(c, o, v as u32),
        None => fmt::addr(o, a),
    }
    if l > 4 {
        o.push_str(", ");
        decode_nla_table(c, &MDBA_ROUTER_PATTR, a.wrapping_add(4), l - 4, o);
    }
    true
}

/// IPMRA_CREPORT_* (linux/mroute.h) and IP6MRA_CREPORT_* (linux/mroute6.h).
static IPMRA_CREPORT: NlaTable = NlaTable {
    set: "rtnl_ipmra_creport_attr",
    dflt: "IPMRA_CREPORT_???",
    rows: &[
        (
            "IPMRA_CREPORT_MSGTYPE",
            Nla::Enum("rtnl_ipmra_msg_types", "IGMPMSG_???", 1),
        ),
        ("IPMRA_CREPORT_VIF_ID", Nla::U(4)),
        ("IPMRA_CREPORT_SRC_ADDR", Nla::InAddr),
        ("IPMRA_CREPORT_DST_ADDR", Nla::InAddr),
        ("IPMRA_CREPORT_TABLE", Nla::U(4)),
    ],
};
static IP6MRA_CREPORT: NlaTable = NlaTable {
    set: "rtnl_ip6mra_creport_attr",
    dflt: "IP6MRA_CREPORT_???",
    rows: &[
        (
            "IP6MRA_CREPORT_MSGTYPE",
            Nla::Enum("rtnl_ip6mra_msg_types", "MRT6MSG_???", 1),
        ),
        ("IP6MRA_CREPORT_MIF_ID", Nla::U(4)),
        ("IP6MRA_CREPORT_SRC_ADDR", Nla::In6Addr),
        ("IP6MRA_CREPORT_DST_ADDR", Nla::In6Addr),
    ],
};

/// RTM_NEWCACHEREPORT: an rtgenmsg whose family is a multicast routing family
/// (RTNL_FAMILY_IPMR/IP6MR) or an address family; the attributes follow the first.
fn decode_cachereport(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    o.push_str("{rtgen_family=");
    match xlat_name(c, "rtnl_family", u64::from(family)) {
        Some(name) => fmt::named(o, c, name, |o| fmt::hex(o, u64::from(family))),
        None => print_enum_noted(c, "addrfams", u64::from(family), "RTNL_FAMILY_???", o),
    }
    o.push('}');
    if len > 4 {
        o.push_str(", ");
        let (a, l) = (addr.wrapping_add(4), len - 4);
        match family {
            128 => decode_nla_table(c, &IPMRA_CREPORT, a, l, o),
            129 => decode_nla_table(c, &IP6MRA_CREPORT, a, l, o),
            _ => print_hexstr(c, a, l as usize, o),
        }
    }
}

/// NHA_* of nexthop messages (linux/nexthop.h).
static NHA: NlaTable = NlaTable {
    set: "rtnl_nexthop_attrs",
    dflt: "NHA_???",
    rows: &[
        ("NHA_ID", Nla::U(4)),
        ("NHA_GROUP", Nla::Fn(decode_nh_group)),
        (
            "NHA_GROUP_TYPE",
            Nla::Enum("rtnl_nexthop_grp_types", "NEXTHOP_GRP_TYPE_???", 2),
        ),
        ("NHA_BLACKHOLE", Nla::U(4)),
        ("NHA_OIF", Nla::Ifindex),
        (
            "NHA_ENCAP_TYPE",
            Nla::EnumN("lwtunnel_encap_types", "LWTUNNEL_ENCAP_???", 2),
        ),
        ("NHA_GROUPS", Nla::U(4)),
        ("NHA_MASTER", Nla::Ifindex),
        ("NHA_FDB", Nla::U(4)),
        ("NHA_RES_GROUP", Nla::Nested(&NHA_RES_GROUP)),
        ("NHA_RES_BUCKET", Nla::Nested(&NHA_RES_BUCKET)),
    ],
};
static NHA_RES_GROUP: NlaTable = NlaTable {
    set: "rtnl_nha_res_group_attrs",
    dflt: "NHA_RES_GROUP_???",
    rows: &[
        ("NHA_RES_GROUP_BUCKETS", Nla::U(2)),
        ("NHA_RES_GROUP_IDLE_TIMER", Nla::ClockT),
        ("NHA_RES_GROUP_UNBALANCED_TIMER", Nla::ClockT),
        ("NHA_RES_GROUP_UNBALANCED_TIME", Nla::ClockT),
    ],
};
static NHA_RES_BUCKET: NlaTable = NlaTable {
    set: "rtnl_nha_res_bucket_attrs",
    dflt: "NHA_RES_BUCKET_???",
    rows: &[
        ("NHA_RES_BUCKET_INDEX", Nla::U(2)),
        ("NHA_RES_BUCKET_IDLE_TIME", Nla::ClockT),
        ("NHA_RES_BUCKET_NH_ID", Nla::U(4)),
    ],
};

/// struct nhmsg (8 bytes); NHA_GATEWAY is an address of the message's family.
fn decode_nhmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "nh_family",
        size: 8,
        attrs: Some(Attrs {
            set: NHA.set,
            dflt: NHA.dflt,
            data: &|c, ty, a, l, o| {
                if xlat_name(c, NHA.set, u64::from(ty)) == Some("NHA_GATEWAY") {
                    print_nla_inet_addr(c, family, a, l, o);
                    return true;
                }
                nla_row(c, &NHA, ty, a, l, o)
            },
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("nh_scope=");
        print_enum_noted(c, "routing_scopes", u64::from(b[1]), "", o);
        o.push_str(", nh_protocol=");
        print_enum_noted(c, "routing_protocols", u64::from(b[2]), "RTPROT_???", o);
        if b[3] != 0 {
            let _ = write!(o, ", resvd={:#x}", b[3]);
        }
        o.push_str(", nh_flags=");
        print_flags(
            c,
            "route_nexthop_flags",
            u64::from(u32_at(b, 4)),
            "RTNH_F_???",
            o,
        );
    });
}

/// NHA_GROUP: an array of struct nexthop_grp {u32 id; u8 weight, resvd1; u16 resvd2}.
fn decode_nh_group(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    super::nlattr::print_nla_array(c, a, l, 8, o, |o, _, b| {
        let _ = write!(o, "{{id={}, weight={}", u32_at(b, 0), b[4]);
        if b[5] != 0 {
            let _ = write!(o, ", resvd1={:#x}", b[5]);
        }
        let r2 = le(b, 6, 2);
        if r2 != 0 {
            let _ = write!(o, ", resvd2={r2:#x}");
        }
        o.push('}');
    })
}
