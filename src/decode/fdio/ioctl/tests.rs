//! Unit tests of the subsystem decoders: exact lines from recorded memory, and the
//! request numbers the decoders rely on, checked against the `_IOC` encoding of
//! linux/*.h (struct sizes of x86_64).

use super::super::test_util::*;
use crate::table;

const EBADF: &str = "-1 EBADF (Bad file descriptor)";

fn ioc(dir: u32, typ: u32, nr: u32, size: u32) -> u64 {
    u64::from(dir << 30 | size << 16 | typ << 8 | nr)
}

#[test]
fn request_numbers_match_the_headers() {
    let x = table::xlat("ioctl_names").unwrap();
    let (n, r, w, rw) = (0, 2, 1, 3);
    for (name, code) in [
        ("FITRIM", ioc(rw, b'X' as u32, 121, 24)),
        ("FIFREEZE", ioc(rw, b'X' as u32, 119, 4)),
        ("FS_IOC_FSGETXATTR", ioc(r, b'X' as u32, 31, 28)),
        ("FS_IOC_FSSETXATTR", ioc(w, b'X' as u32, 32, 28)),
        ("FS_IOC_FIEMAP", ioc(rw, b'f' as u32, 11, 32)),
        ("RNDADDENTROPY", ioc(w, b'R' as u32, 3, 8)),
        ("WDIOC_KEEPALIVE", ioc(r, b'W' as u32, 5, 4)),
        ("WDIOC_SETTIMEOUT", ioc(rw, b'W' as u32, 6, 4)),
        ("NBD_SET_FLAGS", ioc(n, 0xab, 10, 0)),
        ("NS_GET_NSTYPE", ioc(n, 0xb7, 3, 0)),
        ("NS_GET_OWNER_UID", ioc(n, 0xb7, 4, 0)),
    ] {
        assert_eq!(x.value_of(Arch::X86_64, name), Some(code), "{name}");
    }
}

#[test]
fn fs_requests() {
    let m = RecordedMemory::new()
        .with(0x1000, u64s(&[0xdead_beef_cafe_f00d, 7, 1]))
        .with(
            0x2000,
            [i32s(&[0x8000_0009u32 as i32, 1, 2, 0x10, 3]), vec![0; 8]].concat(),
        );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0xc018_5879, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(-1, FITRIM, {start=0xdeadbeefcafef00d, len=7, minlen=1})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0xc004_5877, 0x1000, 0, 0, 0], -9, &m),
        line("ioctl(-1, FIFREEZE)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x801c_581f, 0x2000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, FS_IOC_FSGETXATTR, {fsx_xflags=FS_XFLAG_REALTIME|FS_XFLAG_IMMUTABLE|FS_XFLAG_HASATTR, fsx_extsize=1, fsx_nextents=2, fsx_projid=0x10, fsx_cowextsize=3})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x801c_581f, 0x2000, 0, 0, 0], -9, &m),
        line("ioctl(3, FS_IOC_FSGETXATTR, 0x2000)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x401c_5820, 0, 0, 0, 0], -9, &m),
        line("ioctl(3, FS_IOC_FSSETXATTR, NULL)", EBADF)
    );
}

#[test]
fn fiemap_prints_entry_and_exit() {
    let mut b = u64s(&[0, 4096]);
    b.extend(i32s(&[1, 1, 4, 0]));
    b.extend(u64s(&[0, 8192, 4096, 0, 0]));
    b.extend(i32s(&[1, 0, 0, 0]));
    let m = RecordedMemory::new().with(0x1000, b);
    assert_eq!(
        x64("ioctl", [3, 0xc020_660b, 0x1000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, FS_IOC_FIEMAP, {fm_start=0, fm_length=4096, fm_flags=FIEMAP_FLAG_SYNC, fm_extent_count=4} => {fm_flags=FIEMAP_FLAG_SYNC, fm_mapped_extents=1, ...})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc020_660b, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, FS_IOC_FIEMAP, {fm_start=0, fm_length=4096, fm_flags=FIEMAP_FLAG_SYNC, fm_extent_count=4})",
            EBADF
        )
    );
}

#[test]
fn random_watchdog_nbd_nsfs() {
    let m = RecordedMemory::new()
        .with(0x1000, [i32s(&[3, 8]), b"12345678".to_vec()].concat())
        .with(0x2000, i32s(&[123]));
    assert_eq!(
        x64("ioctl", [u64::MAX, 0x4008_5203, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(-1, RNDADDENTROPY, {entropy_count=3, buf_size=8, buf=\"12345678\"})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0x5206, 0, 0, 0, 0], -9, &m),
        line("ioctl(-1, RNDCLEARPOOL)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0xc004_5706, 0x2000, 0, 0, 0], -9, &m),
        line("ioctl(-1, WDIOC_SETTIMEOUT, [123])", EBADF)
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0x8004_5705, 0, 0, 0, 0], -9, &m),
        line("ioctl(-1, WDIOC_KEEPALIVE)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0xab0a, 0x8000_0401, 0, 0, 0], -9, &m),
        line(
            "ioctl(-1, NBD_SET_FLAGS, NBD_FLAG_HAS_FLAGS|NBD_FLAG_SEND_CACHE|0x80000000)",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0xab02, 5, 0, 0, 0], -9, &m),
        line("ioctl(-1, NBD_SET_SIZE, 5)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [5, 0xb703, 0, 0, 0, 0], 0x1000_0000, &m),
        line("ioctl(5, NS_GET_NSTYPE)", "268435456 (CLONE_NEWUSER)")
    );
    assert_eq!(
        x64("ioctl", [5, 0xb704, 0x2000, 0, 0, 0], 0, &m),
        line("ioctl(5, NS_GET_OWNER_UID, [123])", "0")
    );
    assert_eq!(
        x64("ioctl", [5, 0xb701, 0, 0, 0, 0], 4, &m),
        line("ioctl(5, NS_GET_USERNS)", "4")
    );
}

#[test]
fn hdio_requests() {
    assert_eq!(ioc(0, 3, 1, 0), 0x301);
    let m = RecordedMemory::new()
        .with(
            0x1000,
            [vec![255, 63, 0x10, 0x27, 0, 0, 0, 0], u64s(&[2048])].concat(),
        )
        .with(0x2000, vec![0xca, 255, 238, 1])
        .with(0x3000, i32s(&[1, 2, 0x7fff_ffff]))
        .with(0x4000, u64s(&[2]));
    assert_eq!(
        x64("ioctl", [3, 0x301, 0x1000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, HDIO_GETGEO, {heads=255, sectors=63, cylinders=10000, start=2048})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0x31f, 0x2000, 0, 0, 0], -9, &m),
        line(
            "ioctl(-1, HDIO_DRIVE_CMD, {command=ATA_CMD_WRITE, sector_number=255, feature=238, sector_count=1})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0x31c, 0x3000, 0, 0, 0], -9, &m),
        line("ioctl(-1, HDIO_DRIVE_RESET, [0x1, 0x2, 0x7fffffff])", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x31a, 0x4000, 0, 0, 0], 0, &m),
        line("ioctl(3, HDIO_GET_BUSSTATE, [BUSSTATE_TRISTATE])", "0")
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0x329, 0x15, 0, 0, 0], -9, &m),
        line(
            "ioctl(-1, HDIO_SET_NICE, 1 << IDE_NICE_DSC_OVERLAP|1 << IDE_NICE_0|1 << IDE_NICE_2)",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [u64::MAX, 0x324, 3, 0, 0, 0], -9, &m),
        line("ioctl(-1, HDIO_SET_32BIT, 3)", EBADF)
    );
}

#[test]
fn loop_requests() {
    let mut info = vec![0u8; 232];
    info[24] = 0x10; // lo_offset
    info[40] = 7; // lo_number
    info[52] = 1 | 4; // lo_flags
    info[56..61].copy_from_slice(b"/tmp/");
    let m = RecordedMemory::new().with(0x1000, info);
    assert_eq!(
        x64("ioctl", [3, 0x4c04, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, LOOP_SET_STATUS64, {lo_offset=0x10, lo_number=7, lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_AUTOCLEAR, lo_file_name=\"/tmp/\", ...})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x4c05, 0x1000, 0, 0, 0], -9, &m),
        line("ioctl(3, LOOP_GET_STATUS64, 0x1000)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x4c80, 0xffff_fffe, 0, 0, 0], -9, &m),
        line("ioctl(3, LOOP_CTL_ADD, -2)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x4c01, 0, 0, 0, 0], -9, &m),
        line("ioctl(3, LOOP_CLR_FD)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x4c00, 4, 0, 0, 0], -9, &m),
        line("ioctl(3, LOOP_SET_FD, 4)", EBADF)
    );
}

#[test]
fn rtc_and_counter_requests() {
    let m = RecordedMemory::new()
        .with(0x1000, i32s(&[1, 2, 3, 4, 5, 126, 0, 0, 0]))
        .with(
            0x2000,
            [u64s(&[1, (-1337i64) as u64]), i32s(&[66, 0])].concat(),
        )
        .with(0x3000, vec![2, 2, 23, 42, 1, 69])
        .with(0x4000, i32s(&[3]));
    assert_eq!(
        x64("ioctl", [3, 0x8024_7009, 0x1000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, RTC_RD_TIME, {tm_sec=1, tm_min=2, tm_hour=3, tm_mday=4, tm_mon=5, tm_year=126, ...})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x4018_7014, 0x2000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, RTC_PARAM_SET, {param=RTC_PARAM_CORRECTION, svalue=-1337, index=66})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x8004_7013, 0x4000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, RTC_VL_READ, [RTC_VL_DATA_INVALID|RTC_VL_BACKUP_LOW])",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x7001, 0, 0, 0, 0], 0, &m),
        line("ioctl(3, RTC_AIE_ON)", "0")
    );
    assert_eq!(
        x64("ioctl", [3, 0x4006_3e00, 0x3000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, COUNTER_ADD_WATCH_IOCTL, {component={type=COUNTER_COMPONENT_COUNT, scope=COUNTER_SCOPE_COUNT, parent=23, id=42}, event=COUNTER_EVENT_UNDERFLOW, channel=69})",
            EBADF
        )
    );
}

#[test]
fn evdev_names_and_arguments() {
    let m = RecordedMemory::new()
        .with(0x1000, vec![0b0000_0110, 0, 0, 0, 0, 0, 0, 0x80])
        .with(0x2000, i32s(&[0x10001]))
        .with(0x3000, i32s(&[5, 1]));
    assert_eq!(
        x64("ioctl", [3, 0x8008_4521, 0x1000, 0, 0, 0], 8, &m),
        line(
            "ioctl(3, EVIOCGBIT(EV_KEY, 8), [KEY_ESC KEY_1 KEY_F5])",
            "8"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x8008_4521, 0x1000, 0, 0, 0], -9, &m),
        line("ioctl(3, EVIOCGBIT(EV_KEY, 8), 0x1000)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x8004_4501, 0x2000, 0, 0, 0], 0, &m),
        line("ioctl(3, EVIOCGVERSION, [0x10001])", "0")
    );
    assert_eq!(
        x64("ioctl", [3, 0x8018_454e, 0, 0, 0, 0], -9, &m),
        line("ioctl(3, EVIOCGABS(0xe /* ABS_??? */), NULL)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x8100_4506, 0, 0, 0, 0], -9, &m),
        line("ioctl(3, EVIOCGNAME(256), NULL)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x4008_4504, 0x3000, 0, 0, 0], -9, &m),
        line("ioctl(3, EVIOCSKEYCODE, [5, KEY_ESC])", EBADF)
    );
}

#[test]
fn gpio_requests() {
    let mut ev = i32s(&[4, 1, 3]);
    ev.extend_from_slice(b"line consumer");
    ev.resize(44, 0);
    ev.extend(i32s(&[7]));
    let mut cfg = u64s(&[1 << 1]);
    cfg.extend(i32s(&[1, 0, 0, 0, 0, 0]));
    cfg.extend(i32s(&[3, 0]));
    cfg.extend(u64s(&[1000, 0xff]));
    cfg.resize(272, 0);
    let m = RecordedMemory::new()
        .with(0x1000, u64s(&[1, 3]))
        .with(0x2000, ev)
        .with(0x3000, cfg);
    assert_eq!(
        x64("ioctl", [3, 0xc010_b40e, 0x1000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, GPIO_V2_LINE_GET_VALUES_IOCTL, {mask=0x3} => {bits=0x1})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc030_b404, 0x2000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, GPIO_GET_LINEEVENT_IOCTL, {lineoffset=4, handleflags=GPIOHANDLE_REQUEST_INPUT, eventflags=GPIOEVENT_REQUEST_BOTH_EDGES, consumer_label=\"line consumer\"} => {fd=7})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc110_b40d, 0x3000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, GPIO_V2_LINE_SET_CONFIG_IOCTL, {flags=GPIO_V2_LINE_FLAG_ACTIVE_LOW, num_attrs=1, attrs=[{debounce_period_us=1000, mask=0xff}]})",
            EBADF
        )
    );
}

#[test]
fn ptp_requests() {
    let mut pin = b"SMA1".to_vec();
    pin.resize(64, 0);
    pin.extend(i32s(&[2, 1, 0, 0, 0, 0, 0, 0]));
    let m = RecordedMemory::new()
        .with(0x1000, i32s(&[1, 3, 0, 7]))
        .with(0x2000, pin);
    assert_eq!(
        x64("ioctl", [3, 0x4010_3d0b, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, PTP_EXTTS_REQUEST2, {index=1, flags=PTP_ENABLE_FEATURE|PTP_RISING_EDGE, rsv=[0, 0x7]})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc060_3d06, 0x2000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, PTP_PIN_GETFUNC, {index=2, name=\"SMA1\", func=PTP_PF_EXTTS, chan=0})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc060_3d06, 0x2000, 0, 0, 0], -9, &m),
        line("ioctl(3, PTP_PIN_GETFUNC, {index=2})", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x4004_3d04, 1, 0, 0, 0], 0, &m),
        line("ioctl(3, PTP_ENABLE_PPS, 0x1)", "0")
    );
}

#[test]
fn block_and_seccomp_requests() {
    let m = RecordedMemory::new()
        .with(0x1000, [i32s(&[1, 0, 152, 0]), u64s(&[0x9000])].concat())
        .with(0x2000, [u64s(&[7, 0]), i32s(&[-38, 1])].concat())
        .with(0x3000, u64s(&[0xfeed]));
    assert_eq!(
        x64("ioctl", [3, 0x1269, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, BLKPG, {op=BLKPG_ADD_PARTITION, flags=0, datalen=152, data=0x9000})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc018_2101, 0x2000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, SECCOMP_IOCTL_NOTIF_SEND, {id=0x7, val=0, error=-ENOSYS, flags=SECCOMP_USER_NOTIF_FLAG_CONTINUE})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x4008_2102, 0x3000, 0, 0, 0], 0, &m),
        line("ioctl(3, SECCOMP_IOCTL_NOTIF_ID_VALID, [0xfeed])", "0")
    );
    assert_eq!(
        x64("ioctl", [3, 0x8008_2102, 0x3000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR, [0xfeed])",
            "0"
        )
    );
}

#[test]
fn uffdio_requests() {
    let m = RecordedMemory::new()
        .with(0x1000, u64s(&[0x7000, 0x9000, 0x1000, 1, 0x1000]))
        .with(0x2000, u64s(&[0x7000, 0x1000]));
    assert_eq!(
        x64("ioctl", [3, 0xc028_aa03, 0x1000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, UFFDIO_COPY, {dst=0x7000, src=0x9000, len=0x1000, mode=UFFDIO_COPY_MODE_DONTWAKE, copy=0x1000})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc028_aa03, 0x1000, 0, 0, 0], -22, &m),
        line(
            "ioctl(3, UFFDIO_COPY, {dst=0x7000, src=0x9000, len=0x1000, mode=UFFDIO_COPY_MODE_DONTWAKE})",
            "-1 EINVAL (Invalid argument)"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x8010_aa02, 0x2000, 0, 0, 0], 0, &m),
        line("ioctl(3, UFFDIO_WAKE, {start=0x7000, len=0x1000})", "0")
    );
}

#[test]
fn ubi_requests() {
    let m = RecordedMemory::new()
        .with(
            0x1000,
            [i32s(&[1, 0, 2048]), vec![64, 0, 0, 0], vec![0; 8]].concat(),
        )
        .with(0x2000, [i32s(&[3]), vec![2, 0, 0, 0]].concat());
    assert_eq!(
        x64("ioctl", [3, 0x4018_6f40, 0x1000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, UBI_IOCATT, {ubi_num=1, mtd_num=0, vid_hdr_offset=2048, max_beb_per1024=64} => [1])",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x4008_4f03, 0x2000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, UBI_IOCEBMAP, {lnum=3, dtype=UBI_SHORTTERM})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x4004_6f01, 0x2000, 0, 0, 0], -9, &m),
        line("ioctl(3, UBI_IOCRMVOL, [3])", EBADF)
    );
}

#[test]
fn mtd_requests_and_computed_families() {
    let m = RecordedMemory::new().with(0x1000, i32s(&[0x2000, 0x1000]));
    assert_eq!(
        x64("ioctl", [3, 0x4008_4d02, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, MIXER_WRITE(2) or MEMERASE, {start=0x2000, length=0x1000})",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x4d13, 0, 0, 0, 0], -9, &m),
        line("ioctl(3, MTDFILEMODE, MTD_FILE_MODE_NORMAL)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x8040_4804, 0x1000, 0, 0, 0], -9, &m),
        line("ioctl(3, HIDIOCGRAWNAME(64), 0x1000)", EBADF)
    );
}

#[test]
fn scsi_requests() {
    let m = RecordedMemory::new()
        .with(0x1000, i32s(&[0x101]))
        .with(0x2000, i32s(&[7]));
    assert_eq!(
        x64("ioctl", [3, 0x2284, 0x1000, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, SG_SCSI_RESET, [SG_SCSI_RESET_NO_ESCALATE|SG_SCSI_RESET_DEVICE])",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x2201, 0x2000, 0, 0, 0], -9, &m),
        line("ioctl(3, SG_SET_TIMEOUT, [7])", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x2202, 0, 0, 0, 0], 60, &m),
        line("ioctl(3, SG_GET_TIMEOUT)", "60")
    );
    assert_eq!(
        x64("ioctl", [3, 0x2285, 0x2000, 0, 0, 0], -9, &m),
        line("ioctl(3, SG_IO, [7])", EBADF)
    );
}

#[test]
fn perf_and_socket_forms() {
    let m = RecordedMemory::new()
        .with(0x1000, b"br0\0".to_vec())
        .with(0x2000, b"0123456789abcdef".to_vec());
    assert_eq!(
        x64("ioctl", [3, 0x2400, 0xdead_beef_badc_0ded, 0, 0, 0], -9, &m),
        line(
            "ioctl(3, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP|0xbadc0dec)",
            EBADF
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x89a0, 0x1000, 0, 0, 0], -9, &m),
        line("ioctl(3, SIOCBRADDBR, \"br0\")", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x89a0, 0x2000, 0, 0, 0], -9, &m),
        line("ioctl(3, SIOCBRADDBR, \"0123456789abcdef\"...)", EBADF)
    );
    assert_eq!(
        x64("ioctl", [3, 0x890b, 0, 0, 0, 0], -9, &m),
        line("ioctl(3, SIOCADDRT, NULL)", EBADF)
    );
}

/// Every `forms` row names a request of `ioctl_names`, under a type byte whose
/// subsystem consults the rows (a typo or a wrong subsystem would leave it dead).
#[test]
fn every_form_row_is_a_known_reachable_request() {
    let x = table::xlat("ioctl_names").unwrap();
    for (name, _) in super::forms::FORMS {
        let code = x
            .value_of(Arch::X86_64, name)
            .unwrap_or_else(|| panic!("{name} is not in ioctl_names"));
        let typ = (code as u32 >> 8) & 0xff;
        assert!(
            super::subsystem(typ).is_some(),
            "{name}: type {typ:#x} has no subsystem"
        );
    }
}

#[test]
fn v4l2_enuminput_and_zfs_names() {
    let mut input = i32s(&[1]);
    input.extend_from_slice(b"Camera 1");
    input.resize(36, 0);
    input.extend(i32s(&[2]));
    input.resize(80, 0);
    let m = RecordedMemory::new().with(0x1000, input);
    assert_eq!(
        x64("ioctl", [3, 0xc050_561a, 0x1000, 0, 0, 0], 0, &m),
        line(
            "ioctl(3, VIDIOC_ENUMINPUT, {index=1, name=\"Camera 1\", type=V4L2_INPUT_TYPE_CAMERA})",
            "0"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0xc050_561a, 0x1000, 0, 0, 0], -22, &m),
        line(
            "ioctl(3, VIDIOC_ENUMINPUT, {index=1})",
            "-1 EINVAL (Invalid argument)"
        )
    );
    assert_eq!(
        x64("ioctl", [3, 0x5a00, 0x1000, 0, 0, 0], -9, &m),
        line("ioctl(3, ZFS_IOC_POOL_CREATE, 0x1000)", EBADF)
    );
}
