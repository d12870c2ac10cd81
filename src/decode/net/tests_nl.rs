//! Netlink decoding per protocol and per message kind, from recorded bytes: each case
//! is a line strace 6.1 prints for the same bytes (from its test suite's expectations).

use super::tests::{nl, nlmsg};
use crate::record::RecordedMemory;

const A: u64 = 0x7ffd_0000_1000;

fn one(proto: u32, msg: Vec<u8>) -> String {
    let len = msg.len() as u64;
    nl(&RecordedMemory::new().with(A, msg), Some(proto), A, len)
}

#[test]
fn netfilter_types_flags_and_nfgenmsg() {
    assert_eq!(
        one(12, nlmsg(16, 0x600, 1, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=NFNL_SUBSYS_IPSET<<8|IPSET_CMD_NONE, nlmsg_flags=NLM_F_REQUEST, \
         nlmsg_seq=0, nlmsg_pid=0}"
    );
    assert_eq!(
        one(12, nlmsg(16, 0x7ff, 1, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=NFNL_SUBSYS_ACCT<<8|0xff /* NFNL_MSG_ACCT_??? */, \
         nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, nlmsg_pid=0}"
    );
    assert_eq!(
        one(12, nlmsg(16, 0xffff, 1, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=0xff /* NFNL_SUBSYS_??? */<<8|0xff, nlmsg_flags=NLM_F_REQUEST, \
         nlmsg_seq=0, nlmsg_pid=0}"
    );
    // acct NEW takes the "new" flags, DEL the "delete" ones.
    assert_eq!(
        one(12, nlmsg(16, 0x700, 0x401, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=NFNL_SUBSYS_ACCT<<8|NFNL_MSG_ACCT_NEW, \
         nlmsg_flags=NLM_F_REQUEST|NLM_F_CREATE, nlmsg_seq=0, nlmsg_pid=0}"
    );
    assert_eq!(
        one(12, nlmsg(16, 0x703, 0x101, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=NFNL_SUBSYS_ACCT<<8|NFNL_MSG_ACCT_DEL, \
         nlmsg_flags=NLM_F_REQUEST|NLM_F_NONREC, nlmsg_seq=0, nlmsg_pid=0}"
    );
    // nfgenmsg: res_id in network order, nftables' host-order one named as is.
    assert_eq!(
        one(12, nlmsg(20, 0xa00, 1, 0, 0, &[1, 0, 0, 10])),
        "[{nlmsg_len=20, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_NEWTABLE, nlmsg_flags=NLM_F_REQUEST, \
         nlmsg_seq=0, nlmsg_pid=0}, {nfgen_family=AF_UNIX, version=NFNETLINK_V0, \
         res_id=htons(NFNL_SUBSYS_NFTABLES)}]"
    );
    assert_eq!(
        one(12, nlmsg(20, 0xa00, 1, 0, 0, &[1, 0, 10, 0])),
        "[{nlmsg_len=20, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_NEWTABLE, nlmsg_flags=NLM_F_REQUEST, \
         nlmsg_seq=0, nlmsg_pid=0}, {nfgen_family=AF_UNIX, version=NFNETLINK_V0, \
         res_id=NFNL_SUBSYS_NFTABLES}]"
    );
    // A batch message's tail is bytes; other messages' tails are attributes.
    assert_eq!(
        one(
            12,
            nlmsg(
                24,
                0x10,
                1,
                0,
                0,
                &[1, 0, 0xab, 0xcd, 0x31, 0x32, 0x33, 0x34]
            )
        ),
        "[{nlmsg_len=24, nlmsg_type=NFNL_MSG_BATCH_BEGIN, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, \
         nlmsg_pid=0}, {nfgen_family=AF_UNIX, version=NFNETLINK_V0, res_id=htons(43981)}, \
         \"\\x31\\x32\\x33\\x34\"]"
    );
    assert_eq!(
        one(
            12,
            nlmsg(24, 0xaff, 1, 0, 0, &[1, 0, 0, 10, 4, 0, 0xcd, 0x0b])
        ),
        "[{nlmsg_len=24, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|0xff /* NFT_MSG_??? */, \
         nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, nlmsg_pid=0}, {nfgen_family=AF_UNIX, \
         version=NFNETLINK_V0, res_id=htons(NFNL_SUBSYS_NFTABLES)}, {nla_len=4, nla_type=0xbcd}]"
    );
}

#[test]
fn xfrm_selinux_generic_headers() {
    assert_eq!(
        one(6, nlmsg(16, 0x12, 0x300, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=XFRM_MSG_GETSA, nlmsg_flags=NLM_F_DUMP, nlmsg_seq=0, nlmsg_pid=0}"
    );
    assert_eq!(
        one(6, nlmsg(16, 0x11, 0x108, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=XFRM_MSG_DELSA, nlmsg_flags=NLM_F_ECHO|NLM_F_NONREC, nlmsg_seq=0, \
         nlmsg_pid=0}"
    );
    // ALLOCSPI is no new/get/delete request: the high bits stay a number.
    assert_eq!(
        one(6, nlmsg(16, 0x16, 0x108, 0, 0, &[])),
        "{nlmsg_len=16, nlmsg_type=XFRM_MSG_ALLOCSPI, nlmsg_flags=NLM_F_ECHO|0x100, nlmsg_seq=0, \
         nlmsg_pid=0}"
    );
    assert_eq!(
        one(7, nlmsg(20, 16, 1, 0, 0, &0xfbdc_dfabu32.to_le_bytes())),
        "[{nlmsg_len=20, nlmsg_type=SELNL_MSG_SETENFORCE, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, \
         nlmsg_pid=0}, {val=-69410901}]"
    );
    assert_eq!(
        one(7, nlmsg(19, 17, 1, 0, 0, b"abc")),
        "[{nlmsg_len=19, nlmsg_type=SELNL_MSG_POLICYLOAD, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, \
         nlmsg_pid=0}, \"\\x61\\x62\\x63\"]"
    );
    assert_eq!(
        one(16, nlmsg(20, 16, 0x301, 0, 0, &[3, 0, 0, 0])),
        "[{nlmsg_len=20, nlmsg_type=nlctrl, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=0, \
         nlmsg_pid=0}, \"\\x03\\x00\\x00\\x00\"]"
    );
}

#[test]
fn kobject_uevent_udev_header() {
    let mut uh = b"libudev\0".to_vec();
    for v in [0xfeed_cafeu32.to_be(), 40, 40, 299, 0xc370_b302u32.to_be()] {
        uh.extend_from_slice(&v.to_le_bytes());
    }
    for v in [0x1080_0000u32, 0x200_0400, 0x1080_0000] {
        uh.extend_from_slice(&v.to_be_bytes());
    }
    let hdr = "{prefix=\"libudev\", magic=htonl(0xfeedcafe), header_size=40, properties_off=40, \
               properties_len=299, filter_subsystem_hash=htonl(0xc370b302), \
               filter_devtype_hash=htonl(0x10800000), filter_tag_bloom_hi=htonl(0x2000400), \
               filter_tag_bloom_lo=htonl(0x10800000)}";
    assert_eq!(one(15, uh.clone()), hdr);
    let mut more = uh.clone();
    more.extend_from_slice(b"12345678");
    assert_eq!(one(15, more), format!("[{hdr}, \"12345678\"]"));
    // The kernel's own messages are plain strings.
    assert_eq!(one(15, b"add@/x\0y".to_vec()), "\"add@/x\\0y\"");
}

/// rtnetlink payload: a family-led struct (bytes after the family given), then attrs.
fn rt(ty: u16, body: &[u8]) -> String {
    let len = 16 + body.len() as u32;
    one(0, nlmsg(len, ty, 0x301, 0, 0, body))
}

fn hdr(len: usize, ty: &str) -> String {
    format!(
        "{{nlmsg_len={}, nlmsg_type={ty}, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=0, \
         nlmsg_pid=0}}",
        16 + len
    )
}

#[test]
fn small_rtnetlink_structs() {
    // rtgenmsg of RTM_GETNSID: attributes start at the aligned offset 4.
    let mut b = vec![1u8, 0xff, 0xff, 0xff, 8, 0, 1, 0];
    b.extend_from_slice(&(-2i32).to_le_bytes());
    assert_eq!(
        rt(90, &b),
        format!(
            "[{}, {{rtgen_family=AF_UNIX}}, [{{nla_len=8, nla_type=NETNSA_NSID}}, -2]]",
            hdr(12, "RTM_GETNSID")
        )
    );
    let b = [2u8, 0, 0, 0, 8, 0, 0xff, 0x3f, 0x61, 0x62, 0x63, 0x64];
    assert_eq!(
        rt(82, &b),
        format!(
            "[{}, {{ncm_family=AF_INET}}, [{{nla_len=8, nla_type=0x3fff /* NETCONFA_??? */}}, \
             \"\\x61\\x62\\x63\\x64\"]]",
            hdr(12, "RTM_GETNETCONF")
        )
    );
    assert_eq!(
        rt(78, &[1, 0, 0, 0]),
        format!(
            "[{}, {{dcb_family=AF_UNIX, cmd=DCB_CMD_UNDEFINED}}]",
            hdr(4, "RTM_GETDCB")
        )
    );
    // Too short for the struct: the fields after the family are `...`.
    assert_eq!(
        rt(74, &[1, 0]),
        format!(
            "[{}, {{ifal_family=AF_UNIX, ...}}]",
            hdr(2, "RTM_GETADDRLABEL")
        )
    );
    let mut b = vec![2u8, 0, 24, 0, 0, 0, 0, 0, 7, 0, 0, 0];
    b.extend_from_slice(&[8, 0, 1, 0, 10, 0, 0, 1]);
    assert_eq!(
        rt(74, &b),
        format!(
            "[{}, {{ifal_family=AF_INET, ifal_prefixlen=24, ifal_flags=0, ifal_index=0, \
             ifal_seq=7}}, [{{nla_len=8, nla_type=IFAL_ADDRESS}}, inet_addr(\"10.0.0.1\")]]",
            hdr(20, "RTM_GETADDRLABEL")
        )
    );
}

#[test]
fn mdb_nested_entries_and_router_ports() {
    // br_port_msg, MDBA_MDB > MDBA_MDB_ENTRY > MDBA_MDB_ENTRY_INFO (br_mdb_entry) + timer.
    let mut entry = vec![0u8, 0, 0, 0, 0, 1, 0xef, 0xcd];
    entry.extend_from_slice(&[10, 0, 0, 1]);
    entry.extend_from_slice(&[0; 12]);
    entry.extend_from_slice(&[0, 2, 0, 0]);
    entry.extend_from_slice(&[8, 0, 1, 0, 100, 0, 0, 0]);
    let mut b = vec![7u8, 0, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(&[48, 0, 1, 0, 44, 0, 1, 0, 40, 0, 1, 0]);
    b.extend_from_slice(&entry);
    assert_eq!(
        rt(86, &b),
        format!(
            "[{}, {{family=AF_BRIDGE, ifindex=0}}, [{{nla_len=48, nla_type=MDBA_MDB}}, \
             [{{nla_len=44, nla_type=MDBA_MDB_ENTRY}}, [{{nla_len=40, nla_type=MDBA_MDB_ENTRY_INFO}}, \
             {{ifindex=0, state=MDB_TEMPORARY, flags=MDB_FLAGS_OFFLOAD, vid=52719, \
             addr={{u=inet_addr(\"10.0.0.1\"), proto=htons(AF_INET)}}}}, \
             [{{nla_len=8, nla_type=MDBA_MDB_EATTR_TIMER}}, 100 /* 1.00 s */]]]]]",
            hdr(b.len(), "RTM_GETMDB")
        )
    );
    // MDBA_ROUTER > MDBA_ROUTER_PORT: an ifindex, then its attributes.
    let mut b = vec![7u8, 0, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(&[17, 0, 2, 0, 13, 0, 1, 0, 0, 0, 0, 0, 5, 0, 2, 0, 1, 0, 0, 0]);
    assert_eq!(
        rt(86, &b),
        format!(
            "[{}, {{family=AF_BRIDGE, ifindex=0}}, [{{nla_len=17, nla_type=MDBA_ROUTER}}, \
             [{{nla_len=13, nla_type=MDBA_ROUTER_PORT}}, 0, [{{nla_len=5, \
             nla_type=MDBA_ROUTER_PATTR_TYPE}}, MDB_RTR_TYPE_TEMP_QUERY]]]]",
            hdr(b.len(), "RTM_GETMDB")
        )
    );
}

#[test]
fn nlmsgerr_cookie_and_partial_arrays() {
    let inner = nlmsg(20, 1, 1, 0, 0, &[]);
    let mut p = (-13i32).to_le_bytes().to_vec();
    p.extend_from_slice(&inner[..16]);
    p.extend_from_slice(&[6, 0, 3, 0, 0xab, 0xfe]);
    let s = one(0, nlmsg(42, 2, 0x101, 0, 0, &p));
    assert!(
        s.ends_with(", [{nla_len=6, nla_type=NLMSGERR_ATTR_COOKIE}, [171, 254]]]]"),
        "{s}"
    );
    // An array attribute whose second element is unreadable.
    let mut b = vec![16u8, 3, 0, 1]; // netlink_diag_msg: AF_NETLINK, SOCK_RAW, ROUTE, state
    b.extend_from_slice(&[0; 24]);
    b.extend_from_slice(&[20, 0, 1, 0]);
    b.extend_from_slice(&0xdead_beef_badc_0dedu64.to_le_bytes());
    let msg = nlmsg(16 + 28 + 20, 20, 0x300, 0, 0, &b);
    let len = msg.len() as u64;
    let s = nl(&RecordedMemory::new().with(A, msg), Some(4), A, len + 8);
    let end = A + len;
    assert!(
        s.ends_with(&format!(
            "[{{nla_len=20, nla_type=NETLINK_DIAG_GROUPS}}, [0xdeadbeefbadc0ded, ... /* {end:#x} */]]]"
        )),
        "{s}"
    );
}

/// An RTM_GETLINK request of `family` carrying `attrs` after its ifinfomsg.
fn link(family: u8, attrs: &[u8]) -> String {
    let mut b = vec![family, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(attrs);
    let s = rt(18, &b);
    // Keep what follows the ifinfomsg.
    s.split_once("ifi_change=0}, ")
        .map_or(s.clone(), |(_, t)| t.to_string())
}

#[test]
fn link_attribute_tables() {
    // IFLA_PROTINFO of AF_BRIDGE: bridge port attributes.
    assert_eq!(
        link(7, &[12, 0, 12, 0, 8, 0, 3, 0, 0xcd, 0xab, 0, 0]),
        "[{nla_len=12, nla_type=IFLA_PROTINFO}, [{nla_len=8, nla_type=IFLA_BRPORT_COST}, 43981]]]"
    );
    // ... of AF_INET6: inet6 attributes, arrays with named indices.
    let mut a = vec![16u8, 0, 12, 0, 12, 0, 2, 0];
    a.extend_from_slice(&(-5i32).to_le_bytes());
    a.extend_from_slice(&7i32.to_le_bytes());
    assert_eq!(
        link(10, &a),
        "[{nla_len=16, nla_type=IFLA_PROTINFO}, [{nla_len=12, nla_type=IFLA_INET6_CONF}, \
         [[DEVCONF_FORWARDING]=-5, [DEVCONF_HOPLIMIT]=7]]]]"
    );
    // ... of another family: hex.
    assert_eq!(
        link(2, &[8, 0, 12, 0, 1, 2, 3, 4]),
        "[{nla_len=8, nla_type=IFLA_PROTINFO}, \"\\x01\\x02\\x03\\x04\"]]"
    );
    // IFLA_XDP > IFLA_XDP_FLAGS, IFLA_EVENT, IFLA_PROTO_DOWN_REASON > MASK.
    assert_eq!(
        link(0, &[12, 0, 43, 0, 8, 0, 3, 0, 2, 0, 0, 0]),
        "[{nla_len=12, nla_type=IFLA_XDP}, [{nla_len=8, nla_type=IFLA_XDP_FLAGS}, \
         XDP_FLAGS_SKB_MODE]]]"
    );
    assert_eq!(
        link(0, &[8, 0, 44, 0, 1, 0, 0, 0]),
        "[{nla_len=8, nla_type=IFLA_EVENT}, IFLA_EVENT_REBOOT]]"
    );
    assert_eq!(
        link(0, &[12, 0, 55, 0, 8, 0, 1, 0, 0xef, 0xbe, 0xad, 0xde]),
        "[{nla_len=12, nla_type=IFLA_PROTO_DOWN_REASON}, [{nla_len=8, \
         nla_type=IFLA_PROTO_DOWN_REASON_MASK}, 0xdeadbeef]]]"
    );
    // IFLA_MAP: struct rtnl_link_ifmap without its padding.
    let mut a = vec![32u8, 0, 14, 0];
    for v in [0x10u64, 0x20, 0x30] {
        a.extend_from_slice(&v.to_le_bytes());
    }
    a.extend_from_slice(&[5, 0, 6, 7]);
    assert_eq!(
        link(0, &a),
        "[{nla_len=32, nla_type=IFLA_MAP}, {mem_start=0x10, mem_end=0x20, base_addr=0x30, \
         irq=5, dma=6, port=7}]]"
    );
}

#[test]
fn neigh_extra_attributes_and_packet_diag() {
    // ndmsg (AF_INET, ifindex 0), then NDA_PORT (big-endian) and NDA_FDB_EXT_ATTRS.
    let mut b = vec![2u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(&[6, 0, 6, 0, 0xcd, 0xab, 0, 0]);
    b.extend_from_slice(&[9, 0, 14, 0, 5, 0, 1, 0, 3]);
    let s = rt(30, &b);
    assert!(
        s.ends_with(
            "[[{nla_len=6, nla_type=NDA_PORT}, htons(52651)], [{nla_len=9, \
             nla_type=NDA_FDB_EXT_ATTRS}, [{nla_len=5, nla_type=NFEA_ACTIVITY_NOTIFY}, \
             FDB_NOTIFY_BIT|FDB_NOTIFY_INACTIVE_BIT]]]]"
        ),
        "{s}"
    );
    // packet_diag_msg: AF_PACKET, SOCK_STREAM, ETH_P_ALL; PACKET_DIAG_UID of -1.
    let mut b = vec![17u8, 1, 3, 0];
    b.extend_from_slice(&[0; 12]);
    b.extend_from_slice(&[8, 0, 5, 0, 0xff, 0xff, 0xff, 0xff]);
    let msg = nlmsg(40, 20, 0x300, 0, 0, &b);
    assert_eq!(
        one(4, msg),
        "[{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_DUMP, nlmsg_seq=0, \
         nlmsg_pid=0}, {pdiag_family=AF_PACKET, pdiag_type=SOCK_STREAM, pdiag_num=ETH_P_ALL, \
         pdiag_ino=0, pdiag_cookie=[0, 0]}, [{nla_len=8, nla_type=PACKET_DIAG_UID}, -1]]"
    );
    // packet_diag_req.
    let mut b = vec![17u8, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];
    b.extend_from_slice(&[0; 8]);
    assert_eq!(
        one(4, nlmsg(36, 20, 0x301, 0, 0, &b)),
        "[{nlmsg_len=36, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, \
         nlmsg_seq=0, nlmsg_pid=0}, {sdiag_family=AF_PACKET, sdiag_protocol=0, pdiag_ino=0, \
         pdiag_show=PACKET_SHOW_INFO, pdiag_cookie=[0, 0]}]"
    );
}

/// [`one`] under `-X` style `xlat`.
fn one_styled(proto: u32, msg: Vec<u8>, xlat: crate::decode::XlatStyle) -> String {
    use crate::arch::Arch;
    use crate::decode::Ctx;
    let len = msg.len() as u64;
    let mem = RecordedMemory::new().with(A, msg);
    let rec = crate::record::SyscallRecord::new(Arch::X86_64, 44, [3, A, len, 0, 0, 0]);
    let opts = crate::decode::DecodeOptions {
        xlat,
        ..Default::default()
    };
    let saved = crate::decode::Saved::from([0u64; 6]);
    let ctx = Ctx {
        rec: &rec,
        mem: &mem,
        opts: &opts,
        saved: &saved,
    };
    let mut o = String::new();
    super::netlink::decode_netlink(&ctx, Some(proto), A, len, &mut o);
    o
}

#[test]
fn cachereport_and_xlat_styles() {
    use crate::decode::XlatStyle;
    // RTNL_FAMILY_IPMR cache report with a source address.
    let b = [128u8, 0, 0, 0, 8, 0, 3, 0, 0xde, 0xad, 0xfa, 0xce];
    let msg = nlmsg(28, 96, 0x100, 0, 0, &b);
    assert_eq!(
        one(0, msg.clone()),
        "[{nlmsg_len=28, nlmsg_type=RTM_NEWCACHEREPORT, nlmsg_flags=NLM_F_REPLACE, nlmsg_seq=0, \
         nlmsg_pid=0}, {rtgen_family=RTNL_FAMILY_IPMR}, [{nla_len=8, \
         nla_type=IPMRA_CREPORT_SRC_ADDR}, inet_addr(\"222.173.250.206\")]]"
    );
    assert_eq!(
        one_styled(0, msg.clone(), XlatStyle::Raw),
        "[{nlmsg_len=28, nlmsg_type=0x60, nlmsg_flags=0x100, nlmsg_seq=0, nlmsg_pid=0}, \
         {rtgen_family=0x80}, [{nla_len=8, nla_type=0x3}, \"\\xde\\xad\\xfa\\xce\"]]"
    );
    assert_eq!(
        one_styled(0, msg, XlatStyle::Verbose),
        "[{nlmsg_len=28, nlmsg_type=0x60 /* RTM_NEWCACHEREPORT */, nlmsg_flags=0x100 /* \
         NLM_F_REPLACE */, nlmsg_seq=0, nlmsg_pid=0}, {rtgen_family=0x80 /* RTNL_FAMILY_IPMR */}, \
         [{nla_len=8, nla_type=0x3 /* IPMRA_CREPORT_SRC_ADDR */}, \"\\xde\\xad\\xfa\\xce\" /* \
         inet_addr(\"222.173.250.206\") */]]"
    );
}

#[test]
fn nexthop_and_route_multipath() {
    // nhmsg AF_INET, scope 0, protocol 0, flags RTNH_F_DEAD; NHA_GATEWAY, NHA_GROUP.
    let mut b = vec![2u8, 0, 0, 0, 1, 0, 0, 0];
    b.extend_from_slice(&[8, 0, 6, 0, 10, 0, 0, 1]);
    b.extend_from_slice(&[12, 0, 2, 0, 7, 0, 0, 0, 3, 0, 0, 0]);
    assert_eq!(
        rt(106, &b),
        format!(
            "[{}, {{nh_family=AF_INET, nh_scope=RT_SCOPE_UNIVERSE, nh_protocol=RTPROT_UNSPEC, \
             nh_flags=RTNH_F_DEAD}}, [[{{nla_len=8, nla_type=NHA_GATEWAY}}, \
             inet_addr(\"10.0.0.1\")], [{{nla_len=12, nla_type=NHA_GROUP}}, [{{id=7, weight=3}}]]]]",
            hdr(b.len(), "RTM_GETNEXTHOP")
        )
    );
    // rtmsg AF_INET; RTA_MULTIPATH with one rtnexthop carrying RTA_GATEWAY; RTA_VIA.
    let mut b = vec![2u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(&[20, 0, 9, 0, 16, 0, 1, 2, 0, 0, 0, 0]);
    b.extend_from_slice(&[8, 0, 5, 0, 1, 2, 3, 4]);
    b.extend_from_slice(&[10, 0, 18, 0, 2, 0, 12, 34, 56, 78, 0, 0]);
    let s = rt(26, &b);
    assert!(
        s.ends_with(
            "[[{nla_len=20, nla_type=RTA_MULTIPATH}, [{rtnh_len=16, rtnh_flags=RTNH_F_DEAD, \
             rtnh_hops=2, rtnh_ifindex=0}, [{nla_len=8, nla_type=RTA_GATEWAY}, \
             inet_addr(\"1.2.3.4\")]]], [{nla_len=10, nla_type=RTA_VIA}, {rtvia_family=AF_INET, \
             rtvia_addr=inet_addr(\"12.34.56.78\")}]]]"
        ),
        "{s}"
    );
    // A zero rtnh_len does not loop.
    let mut b = vec![2u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(&[20, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    b.extend_from_slice(&[0; 8]);
    assert!(rt(26, &b).contains("[{rtnh_len=0, rtnh_flags=0, rtnh_hops=0, rtnh_ifindex=0}]"));
}

#[test]
fn ifstats_messages() {
    // if_stats_msg, then IFLA_STATS_LINK_XSTATS > BRIDGE > BRIDGE_XSTATS_STP.
    let mut b = vec![7u8, 0, 0, 0, 0, 0, 0, 0, 0x22, 0, 0, 0];
    b.extend_from_slice(&[60, 0, 2, 0, 56, 0, 1, 0, 52, 0, 4, 0]);
    for v in 1u64..=6 {
        b.extend_from_slice(&v.to_le_bytes());
    }
    assert_eq!(
        rt(94, &b),
        format!(
            "[{}, {{family=AF_BRIDGE, ifindex=0, \
             filter_mask=1<<IFLA_STATS_LINK_64|1<<IFLA_STATS_AF_SPEC}}, [{{nla_len=60, \
             nla_type=IFLA_STATS_LINK_XSTATS}}, [{{nla_len=56, nla_type=LINK_XSTATS_TYPE_BRIDGE}}, \
             [{{nla_len=52, nla_type=BRIDGE_XSTATS_STP}}, {{transition_blk=1, transition_fwd=2, \
             rx_bpdu=3, tx_bpdu=4, rx_tcn=5, tx_tcn=6}}]]]]",
            hdr(b.len(), "RTM_GETSTATS")
        )
    );
    // IFLA_STATS_AF_SPEC: attribute types are families; other than MPLS stay hex.
    let mut b = vec![0u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(&[12, 0, 5, 0, 8, 0, 2, 0, 1, 2, 3, 4]);
    assert!(rt(94, &b).ends_with(
        "[{nla_len=12, nla_type=IFLA_STATS_AF_SPEC}, [{nla_len=8, nla_type=AF_INET}, \
             \"\\x01\\x02\\x03\\x04\"]]]"
    ));
}

#[test]
fn vf_info_structs() {
    // IFLA_VFINFO_LIST > IFLA_VF_INFO > IFLA_VF_RATE, IFLA_VF_VLAN_LIST > VLAN_INFO.
    let mut a = vec![48u8, 0, 22, 0, 44, 0, 1, 0];
    a.extend_from_slice(&[16, 0, 6, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]);
    a.extend_from_slice(&[24, 0, 12, 0, 20, 0, 1, 0, 4, 0, 0, 0, 5, 0, 0, 0]);
    a.extend_from_slice(&[6, 0, 0, 0, 0x08, 0x00, 0, 0]);
    assert_eq!(
        link(0, &a),
        "[{nla_len=48, nla_type=IFLA_VFINFO_LIST}, [{nla_len=44, nla_type=IFLA_VF_INFO}, \
         [[{nla_len=16, nla_type=IFLA_VF_RATE}, {vf=1, min_tx_rate=2, max_tx_rate=3}], \
         [{nla_len=24, nla_type=IFLA_VF_VLAN_LIST}, [{nla_len=20, nla_type=IFLA_VF_VLAN_INFO}, \
         {vf=4, vlan=5, qos=6, vlan_proto=htons(ETH_P_IP)}]]]]]]"
    );
}

#[test]
fn tc_actions_stab_and_neigh_tables() {
    // tcamsg: family only, attributes at offset 4.
    let b = [2u8, 0, 0, 0, 8, 0, 3, 0, 7, 0, 0, 0];
    assert_eq!(
        rt(50, &b),
        format!(
            "[{}, {{tca_family=AF_INET}}, [{{nla_len=8, nla_type=TCA_ACT_INDEX}}, 7]]",
            hdr(b.len(), "RTM_GETACTION")
        )
    );
    // ndtmsg with NDTA_THRESH1.
    let b = [16u8, 0, 0, 0, 8, 0, 2, 0, 9, 0, 0, 0];
    assert_eq!(
        rt(66, &b),
        format!(
            "[{}, {{ndtm_family=AF_NETLINK}}, [{{nla_len=8, nla_type=NDTA_THRESH1}}, 9]]",
            hdr(b.len(), "RTM_GETNEIGHTBL")
        )
    );
    // tcmsg with TCA_STAB > TCA_STAB_DATA (u16 values).
    let mut b = vec![0u8; 20];
    b.extend_from_slice(&[12, 0, 8, 0, 8, 0, 2, 0, 1, 0, 2, 0]);
    assert!(rt(38, &b).ends_with(
        "[{nla_len=12, nla_type=TCA_STAB}, [{nla_len=8, nla_type=TCA_STAB_DATA}, [1, 2]]]]"
    ));
}

#[test]
fn inet_diag_bytecode() {
    // inet_diag_req_v2 (AF_INET, TCP) with INET_DIAG_REQ_BYTECODE: an S_COND op and
    // its host condition with an address.
    let mut b = vec![2u8, 6, 0, 0, 0, 0, 0, 0];
    b.extend_from_slice(&[0; 48]);
    b.extend_from_slice(&[
        20, 0, 1, 0, 7, 1, 2, 0, 2, 8, 0, 0, 80, 0, 0, 0, 10, 0, 0, 1,
    ]);
    let s = one(4, nlmsg(16 + b.len() as u32, 20, 0x301, 0, 0, &b));
    assert!(
        s.ends_with(
            "[{nla_len=20, nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_S_COND, yes=1, \
             no=2}, {family=AF_INET, prefix_len=8, port=80, addr=inet_addr(\"10.0.0.1\")}]]"
        ),
        "{s}"
    );
}

/// Every message type of every decoded protocol over random payloads, near the top of
/// the address space too: no panics.
#[test]
fn never_panics_on_random_payloads() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for base in [A, u64::MAX - 300] {
        for round in 0..3000u32 {
            let proto = [0u32, 4, 6, 7, 12, 15, 16, 21][(round % 8) as usize];
            let ty = if proto == 12 {
                (next() % 0x0e00) as u16
            } else {
                16 + (next() % 100) as u16
            };
            let mut body: Vec<u8> = (0..(next() % 200)).map(|_| next() as u8).collect();
            // Plausible nested attribute headers now and then.
            if body.len() > 24 && round % 3 == 0 {
                let l = (body.len() - 20) as u16;
                body[20..22].copy_from_slice(&l.to_le_bytes());
                body[0] = [2u8, 10, 7, 17, 16, 128, 129, 0][(next() % 8) as usize];
            }
            let len = 16 + body.len() as u32;
            let flags = [0x301u16, 0x300, 1, 0][(next() % 4) as usize];
            let msg = nlmsg(len, ty, flags, 0, 0, &body);
            let total = u64::from(len) + next() % 8;
            let m = RecordedMemory::new().with(base, msg);
            let _ = nl(&m, Some(proto), base, total);
        }
    }
}

#[test]
fn smc_diag_messages() {
    // smc_diag_req: diag_ext after two pad bytes; the id is AF_INET.
    let mut b = vec![43u8, 0, 0, 1];
    b.extend_from_slice(&[0; 48]);
    let s = one(4, nlmsg(68, 20, 0x301, 0, 0, &b));
    assert!(
        s.contains(
            "{diag_family=AF_SMC, diag_ext=1<<(SMC_DIAG_CONNINFO-1), id={idiag_sport=htons(0)"
        ),
        "{s}"
    );
    // smc_diag_msg with SMC_DIAG_FALLBACK (codes printed verbose).
    let mut b = vec![43u8, 1, 0, 0];
    b.extend_from_slice(&[0; 60]);
    b.extend_from_slice(&[12, 0, 5, 0, 0, 0, 6, 3, 0x99, 0x99, 0x99, 0x99]);
    let s = one(4, nlmsg(16 + b.len() as u32, 20, 0x300, 0, 0, &b));
    assert!(
        s.ends_with(
            "diag_uid=0, diag_inode=0}, [{nla_len=12, nla_type=SMC_DIAG_FALLBACK}, \
             {reason=0x3060000 /* SMC_CLC_DECL_OPTUNSUPP */, peer_diagnosis=0x99999999 /* \
             SMC_CLC_DECL_??? */}]]"
        ),
        "{s}"
    );
}

#[test]
fn linkinfo_data_follows_the_kind() {
    // IFLA_LINKINFO: IFLA_INFO_KIND "tun", then IFLA_INFO_DATA > IFLA_TUN_TYPE.
    let mut a = vec![24u8, 0, 18, 0, 8, 0, 1, 0, b't', b'u', b'n', 0];
    a.extend_from_slice(&[12, 0, 2, 0, 5, 0, 3, 0, 2, 0, 0, 0]);
    assert_eq!(
        link(0, &a),
        "[{nla_len=24, nla_type=IFLA_LINKINFO}, [[{nla_len=8, nla_type=IFLA_INFO_KIND}, \"tun\"], \
         [{nla_len=12, nla_type=IFLA_INFO_DATA}, [{nla_len=5, nla_type=IFLA_TUN_TYPE}, IFF_TAP]]]]]"
    );
    // Without a kind the data stays hex.
    let a = [12u8, 0, 18, 0, 8, 0, 2, 0, 5, 0, 3, 0];
    assert_eq!(
        link(0, &a),
        "[{nla_len=12, nla_type=IFLA_LINKINFO}, [{nla_len=8, nla_type=IFLA_INFO_DATA}, \
         \"\\x05\\x00\\x03\\x00\"]]]"
    );
}

#[test]
fn af_spec_by_link_family() {
    // AF_UNSPEC link: IFLA_AF_SPEC > AF_INET > IFLA_INET_CONF (0-based devconf indices).
    let a = [
        20u8, 0, 26, 0, 16, 0, 2, 0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0,
    ];
    assert_eq!(
        link(0, &a),
        "[{nla_len=20, nla_type=IFLA_AF_SPEC}, [{nla_len=16, nla_type=AF_INET}, [{nla_len=12, \
         nla_type=IFLA_INET_CONF}, [[IPV4_DEVCONF_FORWARDING-1]=1, \
         [IPV4_DEVCONF_MC_FORWARDING-1]=0]]]]]"
    );
    // AF_BRIDGE link: bridge attributes.
    let a = [12u8, 0, 26, 0, 8, 0, 2, 0, 1, 0, 10, 0];
    assert_eq!(
        link(7, &a),
        "[{nla_len=12, nla_type=IFLA_AF_SPEC}, [{nla_len=8, nla_type=IFLA_BRIDGE_VLAN_INFO}, \
         {flags=BRIDGE_VLAN_INFO_MASTER, vid=10}]]]"
    );
}

#[test]
fn inet_diag_ulp_info_and_shutdown() {
    // inet_diag_msg (AF_INET), INET_DIAG_ULP_INFO > INET_ULP_INFO_TLS > TLS_INFO_VERSION.
    let mut b = vec![2u8, 1, 0, 0];
    b.extend_from_slice(&[0; 68]);
    b.extend_from_slice(&[16, 0, 19, 0, 12, 0, 2, 0, 6, 0, 1, 0, 4, 3, 0, 0]);
    b.extend_from_slice(&[5, 0, 8, 0, 4, 0, 0, 0]);
    let s = one(4, nlmsg(16 + b.len() as u32, 20, 2, 0, 0, &b));
    assert!(
        s.ends_with(
            "[[{nla_len=16, nla_type=INET_DIAG_ULP_INFO}, [{nla_len=12, nla_type=INET_ULP_INFO_TLS}, \
             [{nla_len=6, nla_type=TLS_INFO_VERSION}, TLS_1_3_VERSION]]], [{nla_len=5, \
             nla_type=INET_DIAG_SHUTDOWN}, 0x4 /* ???_SHUTDOWN */]]]"
        ),
        "{s}"
    );
}
