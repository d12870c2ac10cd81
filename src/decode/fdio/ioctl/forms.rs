//! Requests whose argument has one of a few plain shapes (a number, a number behind a
//! pointer, a named value, a short array, none), listed by name. strace 6.1 generates
//! most of these decoders from its ioctl descriptions (src/gen/*.def); the rows here
//! record the shapes its output shows.

use super::super::super::Ctx;
use super::Arg;
use crate::decode::array::print_array;
use crate::decode::basic::{print_cstr_bounded, print_fd};
use crate::decode::bytes::{
    klong, null_or_unwritten, print_enum, print_flags, print_num_at, print_strn, sle,
};
use crate::decode::fmt;

#[derive(Clone, Copy, Debug)]
pub(super) enum Form {
    /// No argument.
    Hidden,
    /// The argument itself in decimal, as a kernel ulong.
    ValU,
    /// The argument as an int.
    ValD,
    /// The argument as an fd.
    Fd,
    /// The argument as a value of a set (set, dflt).
    ValEnum(&'static str, &'static str),
    /// The argument as flags of a set (set, dflt).
    ValFlags(&'static str, &'static str),
    /// The same, of the argument's low 32 bits (strace's printflags, not printflags64).
    ValFlags32(&'static str, &'static str),
    /// `[n]` behind the pointer: read at exit (`out`), size in bytes (0: kernel long),
    /// signed.
    Num(bool, u8, bool),
    /// `[NAME]` behind the pointer: out, size, set, dflt.
    NumEnum(bool, u8, &'static str, &'static str),
    /// `[A|B]` behind the pointer.
    NumFlags(bool, u8, &'static str, &'static str),
    /// `[0x.., ...]`: n u32 in hex, passed in.
    Hex32s(u8),
    /// A string of n bytes the kernel writes.
    OutStr(u16),
    /// A NUL-terminated string of which the kernel reads at most n bytes.
    CStr(u16),
    /// Just the address (strace's printaddr: requests it knows but does not decode).
    Addr,
}

use Form::*;

const ULONG_OUT: Form = Num(true, 0, false);

/// Shapes by request name. strace decodes a name only under its type byte's
/// subsystem; `super::decode` keeps to that.
pub(super) const FORMS: &[(&str, Form)] = &[
    // hdio (0x03), from linux/hdreg.h.
    ("HDIO_DRIVE_RESET", Hex32s(3)),
    ("HDIO_SCAN_HWIF", Hex32s(3)),
    ("HDIO_GET_32BIT", ULONG_OUT),
    ("HDIO_GET_ACOUSTIC", ULONG_OUT),
    ("HDIO_GET_ADDRESS", ULONG_OUT),
    ("HDIO_GET_DMA", ULONG_OUT),
    ("HDIO_GET_KEEPSETTINGS", ULONG_OUT),
    ("HDIO_GET_MULTCOUNT", ULONG_OUT),
    ("HDIO_GET_NOWERR", ULONG_OUT),
    ("HDIO_GET_UNMASKINTR", ULONG_OUT),
    ("HDIO_GET_WCACHE", ULONG_OUT),
    (
        "HDIO_GET_BUSSTATE",
        NumEnum(true, 0, "hdio_busstates", "BUSSTATE_???"),
    ),
    (
        "HDIO_GET_NICE",
        NumFlags(true, 0, "hdio_ide_nice", "IDE_NICE_???"),
    ),
    ("HDIO_GET_IDENTITY", OutStr(512)),
    ("HDIO_OBSOLETE_IDENTITY", OutStr(142)),
    ("HDIO_SET_32BIT", ValU),
    ("HDIO_SET_ACOUSTIC", ValU),
    ("HDIO_SET_ADDRESS", ValU),
    ("HDIO_SET_DMA", ValU),
    ("HDIO_SET_KEEPSETTINGS", ValU),
    ("HDIO_SET_MULTCOUNT", ValU),
    ("HDIO_SET_NOWERR", ValU),
    ("HDIO_SET_PIO_MODE", ValU),
    ("HDIO_SET_UNMASKINTR", ValU),
    ("HDIO_SET_WCACHE", ValU),
    ("HDIO_UNREGISTER_HWIF", ValU),
    (
        "HDIO_SET_BUSSTATE",
        ValEnum("hdio_busstates", "BUSSTATE_???"),
    ),
    ("HDIO_SET_NICE", ValFlags("hdio_ide_nice", "IDE_NICE_???")),
    // random ('R'), linux/random.h.
    ("RNDGETENTCNT", Num(true, 4, true)),
    ("RNDADDTOENTCNT", Num(false, 4, true)),
    ("RNDZAPENTCNT", Hidden),
    ("RNDCLEARPOOL", Hidden),
    ("RNDRESEEDCRNG", Hidden),
    // watchdog ('W'), linux/watchdog.h. KEEPALIVE's int is ignored by the kernel.
    ("WDIOC_GETSTATUS", Num(true, 4, true)),
    ("WDIOC_GETBOOTSTATUS", Num(true, 4, true)),
    ("WDIOC_GETTEMP", Num(true, 4, true)),
    ("WDIOC_GETTIMEOUT", Num(true, 4, true)),
    ("WDIOC_GETPRETIMEOUT", Num(true, 4, true)),
    ("WDIOC_GETTIMELEFT", Num(true, 4, true)),
    ("WDIOC_SETTIMEOUT", Num(false, 4, true)),
    ("WDIOC_SETPRETIMEOUT", Num(false, 4, true)),
    ("WDIOC_KEEPALIVE", Hidden),
    // 'X', linux/fs.h.
    ("FIFREEZE", Hidden),
    ("FITHAW", Hidden),
    // nbd (0xab), linux/nbd.h.
    ("NBD_DISCONNECT", Hidden),
    ("NBD_CLEAR_SOCK", Hidden),
    ("NBD_DO_IT", Hidden),
    ("NBD_CLEAR_QUE", Hidden),
    ("NBD_PRINT_DEBUG", Hidden),
    ("NBD_SET_SOCK", Fd),
    ("NBD_SET_BLKSIZE", ValU),
    ("NBD_SET_SIZE", ValU),
    ("NBD_SET_SIZE_BLOCKS", ValU),
    ("NBD_SET_TIMEOUT", ValU),
    (
        "NBD_SET_FLAGS",
        ValFlags("nbd_ioctl_flags", "NBD_IOC_FLAG_???"),
    ),
    // nsfs (0xb7), linux/nsfs.h: the fd or type is the return value (`super::print_ret`).
    ("NS_GET_USERNS", Hidden),
    ("NS_GET_PARENT", Hidden),
    ("NS_GET_NSTYPE", Hidden),
    // loop ('L'), linux/loop.h.
    ("LOOP_CLR_FD", Hidden),
    ("LOOP_SET_CAPACITY", Hidden),
    ("LOOP_CTL_GET_FREE", Hidden),
    ("LOOP_SET_FD", Fd),
    ("LOOP_CHANGE_FD", Fd),
    ("LOOP_CTL_ADD", ValD),
    ("LOOP_CTL_REMOVE", ValD),
    ("LOOP_SET_DIRECT_IO", ValU),
    ("LOOP_SET_BLOCK_SIZE", ValU),
    // rtc ('p'), linux/rtc.h.
    ("RTC_IRQP_SET", ValU),
    ("RTC_EPOCH_SET", ValU),
    ("RTC_IRQP_READ", ULONG_OUT),
    ("RTC_EPOCH_READ", ULONG_OUT),
    ("RTC_AIE_ON", Hidden),
    ("RTC_AIE_OFF", Hidden),
    ("RTC_UIE_ON", Hidden),
    ("RTC_UIE_OFF", Hidden),
    ("RTC_PIE_ON", Hidden),
    ("RTC_PIE_OFF", Hidden),
    ("RTC_WIE_ON", Hidden),
    ("RTC_WIE_OFF", Hidden),
    ("RTC_VL_CLR", Hidden),
    // counter ('>'), linux/counter.h.
    ("COUNTER_ENABLE_EVENTS_IOCTL", Hidden),
    ("COUNTER_DISABLE_EVENTS_IOCTL", Hidden),
    // ubi ('O', 'o'), mtd/ubi-user.h.
    ("UBI_IOCVOLUP", Num(false, 8, true)),
    ("UBI_IOCDET", Num(false, 4, true)),
    ("UBI_IOCEBER", Num(false, 4, true)),
    ("UBI_IOCEBISMAP", Num(false, 4, true)),
    ("UBI_IOCEBUNMAP", Num(false, 4, true)),
    ("UBI_IOCRMVOL", Num(false, 4, true)),
    ("UBI_IOCRPEB", Num(false, 4, true)),
    ("UBI_IOCSPEB", Num(false, 4, true)),
    ("UBI_IOCVOLCRBLK", Hidden),
    ("UBI_IOCVOLRMBLK", Hidden),
    // scsi generic ('"'), scsi/sg.h.
    ("SG_NEXT_CMD_LEN", Num(false, 4, true)),
    ("SG_SET_COMMAND_Q", Num(false, 4, true)),
    ("SG_SET_DEBUG", Num(false, 4, true)),
    ("SG_SET_FORCE_LOW_DMA", Num(false, 4, true)),
    ("SG_SET_FORCE_PACK_ID", Num(false, 4, true)),
    ("SG_SET_KEEP_ORPHAN", Num(false, 4, true)),
    ("SG_SET_RESERVED_SIZE", Num(false, 4, true)),
    ("SG_SET_TIMEOUT", Num(false, 4, true)),
    ("SG_EMULATED_HOST", Num(true, 4, true)),
    ("SG_GET_ACCESS_COUNT", Num(true, 4, true)),
    ("SG_GET_COMMAND_Q", Num(true, 4, true)),
    ("SG_GET_KEEP_ORPHAN", Num(true, 4, true)),
    ("SG_GET_LOW_DMA", Num(true, 4, true)),
    ("SG_GET_NUM_WAITING", Num(true, 4, true)),
    ("SG_GET_PACK_ID", Num(true, 4, true)),
    ("SG_GET_RESERVED_SIZE", Num(true, 4, true)),
    ("SG_GET_SG_TABLESIZE", Num(true, 4, true)),
    ("SG_GET_TRANSFORM", Num(true, 4, true)),
    ("SG_GET_VERSION_NUM", Num(true, 4, true)),
    ("SG_GET_TIMEOUT", Hidden),
    // perf ('$'), linux/perf_event.h. MODIFY_ATTRIBUTES and QUERY_BPF are not decoded.
    (
        "PERF_EVENT_IOC_ENABLE",
        ValFlags32("perf_ioctl_flags", "PERF_IOC_FLAG_???"),
    ),
    (
        "PERF_EVENT_IOC_DISABLE",
        ValFlags32("perf_ioctl_flags", "PERF_IOC_FLAG_???"),
    ),
    (
        "PERF_EVENT_IOC_RESET",
        ValFlags32("perf_ioctl_flags", "PERF_IOC_FLAG_???"),
    ),
    ("PERF_EVENT_IOC_REFRESH", ValD),
    ("PERF_EVENT_IOC_PERIOD", Num(false, 8, false)),
    ("PERF_EVENT_IOC_SET_OUTPUT", Fd),
    ("PERF_EVENT_IOC_SET_BPF", Fd),
    ("PERF_EVENT_IOC_PAUSE_OUTPUT", ValU),
    ("PERF_EVENT_IOC_SET_FILTER", CStr(4096)),
    ("PERF_EVENT_IOC_ID", Num(true, 8, false)),
    // sockets (0x89), linux/sockios.h: the ones `ifreq` does not decode.
    ("SIOCBRADDBR", CStr(16)),
    ("SIOCBRDELBR", CStr(16)),
    ("SIOCGIFENCAP", Num(true, 4, true)),
    ("SIOCOUTQNSD", Num(true, 4, true)),
    ("SIOCSIFENCAP", Num(false, 4, true)),
    ("SIOCADDDLCI", Addr),
    ("SIOCADDRT", Addr),
    ("SIOCBONDCHANGEACTIVE", Addr),
    ("SIOCBONDENSLAVE", Addr),
    ("SIOCBONDINFOQUERY", Addr),
    ("SIOCBONDRELEASE", Addr),
    ("SIOCBONDSETHWADDR", Addr),
    ("SIOCBONDSLAVEINFOQUERY", Addr),
    ("SIOCDARP", Addr),
    ("SIOCDELDLCI", Addr),
    ("SIOCDELRT", Addr),
    ("SIOCDIFADDR", Addr),
    ("SIOCDRARP", Addr),
    ("SIOCETHTOOL", Addr),
    ("SIOCGARP", Addr),
    ("SIOCGHWTSTAMP", Addr),
    ("SIOCGIFBR", Addr),
    ("SIOCGIFCOUNT", Addr),
    ("SIOCGIFMEM", Addr),
    ("SIOCGIFPFLAGS", Addr),
    ("SIOCGIFVLAN", Addr),
    ("SIOCGMIIPHY", Addr),
    ("SIOCGMIIREG", Addr),
    ("SIOCGRARP", Addr),
    ("SIOCGSKNS", Addr),
    ("SIOCGSTAMP_OLD", Addr),
    ("SIOCGSTAMP_NEW", Addr),
    ("SIOCGSTAMPNS_OLD", Addr),
    ("SIOCGSTAMPNS_NEW", Addr),
    ("SIOCRTMSG", Addr),
    ("SIOCSARP", Addr),
    ("SIOCSHWTSTAMP", Addr),
    ("SIOCSIFBR", Addr),
    ("SIOCSIFLINK", Addr),
    ("SIOCSIFMEM", Addr),
    ("SIOCSIFPFLAGS", Addr),
    ("SIOCSIFVLAN", Addr),
    ("SIOCSMIIREG", Addr),
    ("SIOCSRARP", Addr),
    ("SIOCWANDEV", Addr),
];

pub(super) fn form_of(name: &str) -> Option<Form> {
    FORMS.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
}

fn size_of(c: &Ctx, size: u8) -> usize {
    if size == 0 { klong(c) } else { size.into() }
}

pub(super) fn print(c: &Ctx, form: Form, arg: u64, o: &mut String) -> Arg {
    match form {
        Hidden => return Arg::Hidden,
        ValU => fmt::dec(o, c.arch().ulong(arg)),
        ValD => fmt::dec(o, arg as u32 as i32),
        Fd => print_fd(c, i64::from(arg as u32 as i32), o),
        ValEnum(set, dflt) => print_enum(c, set, c.arch().ulong(arg), dflt, o),
        ValFlags(set, dflt) => print_flags(c, set, c.arch().ulong(arg), dflt, o),
        ValFlags32(set, dflt) => print_flags(c, set, u64::from(arg as u32), dflt, o),
        Num(out, size, signed) => {
            let size = size_of(c, size);
            print_num_at(c, arg, out, size, o, |o, v| {
                if signed {
                    fmt::dec(o, sle(&v.to_le_bytes(), 0, size));
                } else {
                    fmt::dec(o, v);
                }
            });
        }
        NumEnum(out, size, set, dflt) => {
            print_num_at(c, arg, out, size_of(c, size), o, |o, v| {
                print_enum(c, set, v, dflt, o)
            });
        }
        NumFlags(out, size, set, dflt) => {
            print_num_at(c, arg, out, size_of(c, size), o, |o, v| {
                print_flags(c, set, v, dflt, o)
            });
        }
        Hex32s(n) => print_array(c, arg, n.into(), 4, o, |o, e| {
            fmt::hex(o, u64::from(u32::from_le_bytes([e[0], e[1], e[2], e[3]])))
        }),
        CStr(bound) => print_cstr_bounded(c, arg, c.opts.string_limit, bound.into(), o),
        Addr => fmt::addr(o, arg),
        OutStr(len) => {
            if !null_or_unwritten(c, arg, true, o) {
                print_strn(c, arg, len.into(), false, o);
            }
        }
    }
    Arg::Shown
}
