//! quotactl: the command word, and the id and data arguments whose meaning depends
//! on the command.

use super::super::{Ctx, fmt};
use super::common::{le, read_or_addr};
use crate::decode::bytes::{print_enum, print_flags};
use crate::table::{ArgSpec, Param};
use std::fmt::Write;

const Q_SYNC: u32 = 0x80_0001;
const Q_QUOTAON: u32 = 0x80_0002;
const Q_QUOTAOFF: u32 = 0x80_0003;
const Q_GETFMT: u32 = 0x80_0004;
const Q_GETINFO: u32 = 0x80_0005;
const Q_SETINFO: u32 = 0x80_0006;
const Q_GETQUOTA: u32 = 0x80_0007;
const Q_SETQUOTA: u32 = 0x80_0008;
const Q_GETNEXTQUOTA: u32 = 0x80_0009;
const Q_XQUOTAON: u32 = 0x5801;
const Q_XQUOTAOFF: u32 = 0x5802;
const Q_XSETQLIM: u32 = 0x5804;
const Q_XGETQSTAT: u32 = 0x5805;
const Q_XQUOTARM: u32 = 0x5806;
const Q_XQUOTASYNC: u32 = 0x5807;
const Q_XGETQSTATV: u32 = 0x5808;

/// The quotactl command of a row, shifted past the quota type: the first argument, or
/// the one the param names (`quota_id(arg1)`: quotactl_fd's command follows its fd).
fn quota_cmd(c: &Ctx, a: &ArgSpec) -> u32 {
    let i = match a.param(0) {
        Some(Param::Arg(i)) => *i,
        _ => 0,
    };
    (c.arg(i) as u32) >> 8
}

/// `QCMD(Q_GETQUOTA, USRQUOTA)`: the command and the quota type it is shifted past.
pub(super) fn print_quota_cmd(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let q = c.arg(a.index) as u32;
    crate::decode::fmt::styled(
        o,
        c,
        |o| crate::decode::fmt::dec(o, q),
        |c, o| {
            o.push_str("QCMD(");
            print_enum(c, "quotacmds", u64::from(q >> 8), "Q_???", o);
            o.push_str(", ");
            print_enum(c, "quotatypes", u64::from(q & 0xff), "???QUOTA", o);
            o.push(')');
        },
    );
    true
}

/// quotactl's id: a uid/gid for the per-id commands, the format for Q_QUOTAON, absent
/// for the others.
pub(super) fn print_quota_id(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let id = c.arg(a.index) as u32;
    match quota_cmd(c, a) {
        Q_SYNC | Q_QUOTAOFF | Q_XQUOTASYNC | Q_GETFMT | Q_GETINFO | Q_SETINFO | Q_XQUOTAON
        | Q_XQUOTAOFF | Q_XQUOTARM | Q_XGETQSTAT | Q_XGETQSTATV => false,
        Q_QUOTAON => {
            print_enum(c, "quota_formats", u64::from(id), "QFMT_VFS_???", o);
            true
        }
        _ => {
            super::super::basic::print_uid(o, id);
            true
        }
    }
}

/// quotactl's data argument, decoded per command (the XFS structs print as addresses).
pub(super) fn print_quota_data(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let cmd = quota_cmd(c, a);
    // The set commands are decoded by strace at entry, so a failure does not hide them.
    let fetch = |len: usize, o: &mut String| -> Option<Vec<u8>> {
        if matches!(
            cmd,
            Q_SETQUOTA | Q_SETINFO | Q_XQUOTAON | Q_XQUOTAOFF | Q_XQUOTARM | Q_XSETQLIM
        ) && addr != 0
        {
            let mut b = vec![0u8; len];
            if c.fetch(addr, &mut b) {
                return Some(b);
            }
            fmt::addr(o, addr);
            return None;
        }
        read_or_addr(c, addr, len, true, o)
    };
    match cmd {
        Q_SYNC | Q_QUOTAOFF | Q_XQUOTASYNC => return false,
        Q_QUOTAON => super::super::basic::print_path(c, addr, o),
        Q_GETQUOTA | Q_SETQUOTA | Q_GETNEXTQUOTA => {
            let next = cmd == Q_GETNEXTQUOTA;
            let Some(b) = fetch(if next { 80 } else { 72 }, o) else {
                return true;
            };
            let f = |i: usize| le(&b, i * 8, 8);
            let _ = write!(
                o,
                "{{dqb_bhardlimit={}, dqb_bsoftlimit={}, dqb_curspace={}, dqb_ihardlimit={}, \
                 dqb_isoftlimit={}, dqb_curinodes={}",
                f(0),
                f(1),
                f(2),
                f(3),
                f(4),
                f(5)
            );
            if c.unabbreviated() {
                let _ = write!(o, ", dqb_btime={}, dqb_itime={}, dqb_valid=", f(6), f(7));
                print_flags(c, "if_dqblk_valid", le(&b, 64, 4), "QIF_???", o);
                if next {
                    let _ = write!(o, ", dqb_id={}", le(&b, 68, 4));
                }
            } else {
                if next {
                    let _ = write!(o, ", dqb_id={}", le(&b, 68, 4));
                }
                o.push_str(", ...");
            }
            o.push('}');
        }
        Q_GETFMT => {
            if let Some(b) = fetch(4, o) {
                o.push('[');
                print_enum(c, "quota_formats", le(&b, 0, 4), "QFMT_VFS_???", o);
                o.push(']');
            }
        }
        Q_GETINFO | Q_SETINFO => {
            if let Some(b) = fetch(24, o) {
                let _ = write!(
                    o,
                    "{{dqi_bgrace={}, dqi_igrace={}, dqi_flags=",
                    le(&b, 0, 8),
                    le(&b, 8, 8)
                );
                print_flags(c, "if_dqinfo_flags", le(&b, 16, 4), "DQF_???", o);
                o.push_str(", dqi_valid=");
                print_flags(c, "if_dqinfo_valid", le(&b, 20, 4), "IIF_???", o);
                o.push('}');
            }
        }
        Q_XQUOTAON | Q_XQUOTAOFF | Q_XQUOTARM => {
            if let Some(b) = fetch(4, o) {
                o.push('[');
                if cmd == Q_XQUOTARM {
                    print_flags(c, "xfs_dqblk_flags", le(&b, 0, 4), "FS_???_QUOTA", o);
                } else {
                    print_flags(c, "xfs_quota_flags", le(&b, 0, 4), "FS_QUOTA_???", o);
                }
                o.push(']');
            }
        }
        Q_XSETQLIM => {
            if let Some(b) = fetch(FS_DISK_QUOTA_SIZE, o) {
                print_fs_disk_quota(c, &b, o);
            }
        }
        _ => fmt::addr(o, addr),
    }
    true
}

/// sizeof(struct fs_disk_quota).
const FS_DISK_QUOTA_SIZE: usize = 112;

/// struct fs_disk_quota (Q_XSETQLIM): the limits and counts, the timers and warnings
/// only with -v.
fn print_fs_disk_quota(c: &Ctx, b: &[u8], o: &mut String) {
    let u64_at = |off: usize| le(b, off, 8);
    let i32_at = |off: usize| le(b, off, 4) as u32 as i32;
    let _ = write!(o, "{{d_version={}, d_flags=", b[0] as i8);
    print_flags(c, "xfs_dqblk_flags", b[1].into(), "FS_???_QUOTA", o);
    o.push_str(", d_fieldmask=");
    fmt::hex(o, le(b, 2, 2));
    let _ = write!(
        o,
        ", d_id={}, d_blk_hardlimit={}, d_blk_softlimit={}, d_ino_hardlimit={}, \
         d_ino_softlimit={}, d_bcount={}, d_icount={}",
        le(b, 4, 4),
        u64_at(8),
        u64_at(16),
        u64_at(24),
        u64_at(32),
        u64_at(40),
        u64_at(48)
    );
    if !c.opts.verbose {
        o.push_str(", ...}");
        return;
    }
    let _ = write!(
        o,
        ", d_itimer={}, d_btimer={}, d_iwarns={}, d_bwarns={}, d_rtb_hardlimit={}, \
         d_rtb_softlimit={}, d_rtbcount={}, d_rtbtimer={}, d_rtbwarns={}}}",
        i32_at(56),
        i32_at(60),
        le(b, 64, 2),
        le(b, 66, 2),
        u64_at(72),
        u64_at(80),
        u64_at(88),
        i32_at(96),
        le(b, 100, 2)
    );
}
