//! The net decoders under `-X raw` and `-X verbose`: lines strace 6.1's
//! sockaddr_xlat-X*, net-packet_mreq-X* and sock_filter-v-X* tests expect.

use crate::arch::Arch;
use crate::decode::{DecodeOptions, XlatStyle};
use crate::record::RecordedMemory;

const A: u64 = 0x7ffd_0000_1000;
const B: u64 = 0x7ffd_0000_2000;

fn x(name: &str, args: [u64; 6], ret: i64, m: &RecordedMemory, xlat: XlatStyle) -> String {
    let opts = DecodeOptions {
        xlat,
        verbose: true,
        ..DecodeOptions::default()
    };
    let line = crate::decode::test_line_opts(Arch::X86_64, name, args, ret, m, &opts);
    match line.rfind(") ") {
        Some(i) => format!("{}) {}", &line[..i], line[i + 2..].trim_start()),
        None => line,
    }
}

#[test]
fn packet_mreq_styles() {
    let mut b = vec![0u8; 16];
    b[4..6].copy_from_slice(&0xffffu16.to_le_bytes());
    b[6] = 8;
    b[8..16].fill(0xff);
    let m = RecordedMemory::new().with(A, b);
    let args = [u64::MAX, 263, 1, A, 16, 0];
    assert_eq!(
        x("setsockopt", args, -9, &m, XlatStyle::Raw),
        r#"setsockopt(-1, 0x107, 0x1, {mr_ifindex=0, mr_type=0xffff, mr_alen=8, mr_address="\xff\xff\xff\xff\xff\xff\xff\xff"}, 16) = -1 EBADF (Bad file descriptor)"#
    );
    assert_eq!(
        x("setsockopt", args, -9, &m, XlatStyle::Verbose),
        r#"setsockopt(-1, 0x107 /* SOL_PACKET */, 0x1 /* PACKET_ADD_MEMBERSHIP */, {mr_ifindex=0, mr_type=0xffff /* PACKET_MR_??? */, mr_alen=8, mr_address="\xff\xff\xff\xff\xff\xff\xff\xff" /* ff:ff:ff:ff:ff:ff:ff:ff */}, 16) = -1 EBADF (Bad file descriptor)"#
    );
}

#[test]
fn sockaddr_ll_protocol_styles() {
    // An ifindex no host has, so the line does not depend on this machine's links.
    let mut b = vec![17u8, 0, 0, 3, 0xed, 0xfe, 0xce, 0xfa, 1, 0, 0, 0];
    b.extend_from_slice(&[0; 8]);
    let m = RecordedMemory::new().with(A, b);
    let args = [u64::MAX, A, 20, 0, 0, 0];
    assert_eq!(
        x("connect", args, -9, &m, XlatStyle::Raw),
        r#"connect(-1, {sa_family=0x11, sll_protocol="\x00\x03", sll_ifindex=4207869677, sll_hatype=0x1, sll_pkttype=0, sll_halen=0}, 20) = -1 EBADF (Bad file descriptor)"#
    );
    assert_eq!(
        x("connect", args, -9, &m, XlatStyle::Verbose),
        r#"connect(-1, {sa_family=0x11 /* AF_PACKET */, sll_protocol="\x00\x03" /* htons(ETH_P_ALL) */, sll_ifindex=4207869677, sll_hatype=0x1 /* ARPHRD_ETHER */, sll_pkttype=0 /* PACKET_HOST */, sll_halen=0}, 20) = -1 EBADF (Bad file descriptor)"#
    );
}

#[test]
fn sock_filter_styles() {
    // BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL), BPF_STMT(BPF_RET|BPF_K, 0)
    let mut prog = vec![0x30u8, 0, 0, 0];
    prog.extend_from_slice(&0xffff_f000u32.to_le_bytes());
    prog.extend_from_slice(&[6, 0, 0, 0, 0, 0, 0, 0]);
    let mut fprog = 2u64.to_le_bytes().to_vec();
    fprog.extend_from_slice(&B.to_le_bytes());
    let m = RecordedMemory::new().with(A, fprog).with(B, prog);
    let args = [3, 1, 26, A, 16, 0];
    assert_eq!(
        x("setsockopt", args, 0, &m, XlatStyle::Raw),
        "setsockopt(3, 0x1, 0x1a, {len=2, filter=[BPF_STMT(0|0x10|0x20, 0xfffff000+0), BPF_STMT(0x6|0, 0)]}, 16) = 0"
    );
    assert_eq!(
        x("setsockopt", args, 0, &m, XlatStyle::Verbose),
        "setsockopt(3, 0x1 /* SOL_SOCKET */, 0x1a /* SO_ATTACH_FILTER */, {len=2, filter=[BPF_STMT(0 /* BPF_LD */|0x10 /* BPF_B */|0x20 /* BPF_ABS */, 0xfffff000 /* SKF_AD_OFF */+0 /* SKF_AD_PROTOCOL */), BPF_STMT(0x6 /* BPF_RET */|0 /* BPF_K */, 0)]}, 16) = 0"
    );
}

/// connect() of `addr` with the line collapsed, in style `xlat`.
fn sa(addr: Vec<u8>, xlat: XlatStyle) -> String {
    let len = addr.len() as u64;
    let m = RecordedMemory::new().with(A, addr);
    x("connect", [u64::MAX, A, len, 0, 0, 0], -9, &m, xlat)
}

const EBADF: &str = " = -1 EBADF (Bad file descriptor)";

#[test]
fn rxrpc_transport_addresses() {
    use XlatStyle::*;
    // service 2500, SOCK_RDM, transport_len 16, transport sockaddr_in 10.0.0.1:80
    let mut b = vec![33, 0, 0xc4, 0x09, 4, 0, 16, 0, 2, 0, 0, 80, 10, 0, 0, 1];
    b.resize(36, 0);
    assert_eq!(
        sa(b.clone(), Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_RXRPC, srx_service=0x9c4 /* YFS_FS_SERVICE */, transport_type=SOCK_RDM, transport_len=16, transport={{sin={{sin_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"10.0.0.1\")}}}}}}, 36){EBADF}"
        )
    );
    assert_eq!(
        sa(b, Raw),
        format!(
            "connect(-1, {{sa_family=0x21, srx_service=0x9c4, transport_type=0x4, transport_len=16, transport={{sin={{sin_family=0x2, sin_port=\"\\x00\\x50\", sin_addr=\"\\x0a\\x00\\x00\\x01\"}}}}}}, 36){EBADF}"
        )
    );
    // An AF_UNIX transport shows its bytes up to transport_len.
    let mut b = vec![33, 0, 2, 0, 2, 0, 5, 0, 1, 0, 0xad, 0xde, 0xed];
    b.resize(36, 0);
    assert_eq!(
        sa(b, Verbose),
        format!(
            "connect(-1, {{sa_family=0x21 /* AF_RXRPC */, srx_service=0x2 /* ???_SERVICE */, transport_type=0x2 /* SOCK_DGRAM */, transport_len=5, transport={{family=0x1 /* AF_UNIX */, \"\\255\\336\\355\"}}}}, 36){EBADF}"
        )
    );
}

#[test]
fn ieee802154_nfc_qrtr_xdp_mctp() {
    use XlatStyle::*;
    let mut b = vec![36, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xfe, 0xff];
    b.resize(20, 0);
    assert_eq!(
        sa(b.clone(), Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_IEEE802154, addr={{addr_type=0x2 /* IEEE802154_ADDR_SHORT */, pan_id=0xffff /* IEEE802154_PANID_BROADCAST */, short_addr=0xfffe /* IEEE802154_ADDR_UNDEF */}}}}, 20){EBADF}"
        )
    );
    assert_eq!(
        sa(b, Raw),
        format!(
            "connect(-1, {{sa_family=0x24, addr={{addr_type=0x2, pan_id=0xffff, short_addr=0xfffe}}}}, 20){EBADF}"
        )
    );
    let mut b = vec![36, 0, 0, 0, 3, 0, 0, 0, 0xce, 0xfa, 0xad, 0xde];
    b.resize(20, 0);
    assert_eq!(
        sa(b, Verbose),
        format!(
            "connect(-1, {{sa_family=0x24 /* AF_IEEE802154 */, addr={{addr_type=0x3 /* IEEE802154_ADDR_LONG */, pan_id=0xface, hwaddr=\"\\xad\\xde\\x00\\x00\\x00\\x00\\x00\\x00\" /* ad:de:00:00:00:00:00:00 */}}}}, 20){EBADF}"
        )
    );
    // struct sockaddr_nfc_llcp: 96 bytes, service_name_len at 88.
    let mut b = vec![
        39, 0, 0, 0, 0xee, 0xee, 0xee, 0xee, 0x42, 0, 0, 0, 7, 0, 0, 0, 1, 5,
    ];
    b.extend_from_slice(b"ab");
    b.resize(88, 0);
    b.extend_from_slice(&2u64.to_le_bytes());
    assert_eq!(
        sa(b, Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_NFC, dev_idx=4008636142, target_idx=0x42, nfc_protocol=NFC_PROTO_ISO15693, dsap=0x1 /* LLCP_SAP_SDP */, ssap=0x5, service_name=\"ab\", service_name_len=2}}, 96){EBADF}"
        )
    );
    let b = vec![42, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff];
    assert_eq!(
        sa(b.clone(), Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_QIPCRTR, sq_node=QRTR_NODE_BCAST, sq_port=QRTR_PORT_CTRL}}, 12){EBADF}"
        )
    );
    assert_eq!(
        sa(b, Verbose),
        format!(
            "connect(-1, {{sa_family=0x2a /* AF_QIPCRTR */, sq_node=0xffffffff /* QRTR_NODE_BCAST */, sq_port=0xfffffffe /* QRTR_PORT_CTRL */}}, 12){EBADF}"
        )
    );
    let mut b = vec![
        44, 0, 0xad, 0xde, 0xee, 0xee, 0xee, 0xee, 1, 0, 0, 0, 7, 0, 0, 0,
    ];
    assert_eq!(
        sa(b.clone(), Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_XDP, sxdp_flags=XDP_SHARED_UMEM|XDP_ZEROCOPY|XDP_USE_NEED_WAKEUP|0xdea0, sxdp_ifindex=4008636142, sxdp_queue_id=1, sxdp_shared_umem_fd=7}}, 16){EBADF}"
        )
    );
    b[2] = 0xd0;
    assert_eq!(
        sa(b, Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_XDP, sxdp_flags=0xded0 /* XDP_??? */, sxdp_ifindex=4008636142, sxdp_queue_id=1, sxdp_shared_umem_fd=0x7}}, 16){EBADF}"
        )
    );
    let b = vec![45, 0, 0, 0, 0, 0, 0, 0, 0xff, 1, 8, 0xea];
    assert_eq!(
        sa(b.clone(), Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_MCTP, smctp_network=MCTP_NET_ANY, smctp_addr={{s_addr=MCTP_ADDR_ANY}}, smctp_type=0x1, smctp_tag=0x8, __smctp_pad1=0xea}}, 12){EBADF}"
        )
    );
    assert_eq!(
        sa(b, Verbose),
        format!(
            "connect(-1, {{sa_family=0x2d /* AF_MCTP */, smctp_network=0 /* MCTP_NET_ANY */, smctp_addr={{s_addr=0xff /* MCTP_ADDR_ANY */}}, smctp_type=0x1, smctp_tag=0x8, __smctp_pad1=0xea}}, 12){EBADF}"
        )
    );
}

#[test]
fn vsock_in_each_style() {
    use XlatStyle::*;
    let b = vec![
        40, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0xef, 0, 0, 0,
    ];
    assert_eq!(
        sa(b.clone(), Abbrev),
        format!(
            "connect(-1, {{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HOST, svm_port=VMADDR_PORT_ANY, svm_flags=VMADDR_FLAG_TO_HOST|0xee}}, 16){EBADF}"
        )
    );
    assert_eq!(
        sa(b.clone(), Raw),
        format!(
            "connect(-1, {{sa_family=0x28, svm_cid=0x2, svm_port=0xffffffff, svm_flags=0xef}}, 16){EBADF}"
        )
    );
    assert_eq!(
        sa(b, Verbose),
        format!(
            "connect(-1, {{sa_family=0x28 /* AF_VSOCK */, svm_cid=0x2 /* VMADDR_CID_HOST */, svm_port=0xffffffff /* VMADDR_PORT_ANY */, svm_flags=0xef /* VMADDR_FLAG_TO_HOST|0xee */}}, 16){EBADF}"
        )
    );
}
