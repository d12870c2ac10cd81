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
