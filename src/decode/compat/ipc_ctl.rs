//! The buffers of the SysV ctl commands (shmctl, semctl, msgctl and their ipc(2)
//! forms): the *id64_ds structs with their ipc64_perm, and the info structs. Which
//! one a buffer holds depends on the command, and the layouts on the word size.

use super::super::basic::print_uid;
use super::super::fmt;
use super::multiplex::indirect_ptr;
use super::{print_fields, word_param};
use crate::decode::Ctx;
use crate::decode::bytes::{le, read_or_addr, read_struct, sle};
use crate::table::ArgSpec;
use std::fmt::Write;

const IPC_SET: u32 = 1;
const IPC_STAT: u32 = 2;
const IPC_INFO: u32 = 3;

/// What a ctl command's buffer holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IpcBuf {
    /// shmid_ds, semid_ds or msqid_ds; `set` prints only the settable fields.
    Ds {
        set: bool,
    },
    /// IPC_INFO's shminfo/seminfo/msginfo.
    Info,
    /// SHM_INFO's shm_info.
    ShmInfo,
    Addr,
}

fn ipc_buf_kind(kind: &str, cmd: u32) -> IpcBuf {
    match (kind, cmd & !0x100) {
        (_, IPC_SET) => IpcBuf::Ds { set: true },
        (_, IPC_STAT) => IpcBuf::Ds { set: false },
        (_, IPC_INFO) => IpcBuf::Info,
        // SHM_STAT, SHM_STAT_ANY / SEM_STAT, SEM_STAT_ANY / MSG_STAT, MSG_STAT_ANY
        ("shm", 13 | 15) | ("sem", 18 | 20) | ("msg", 11 | 13) => IpcBuf::Ds { set: false },
        ("shm", 14) => IpcBuf::ShmInfo,
        ("sem", 19) | ("msg", 12) => IpcBuf::Info,
        _ => IpcBuf::Addr,
    }
}

/// Size of struct ipc64_perm: five ids and a mode, a sequence number, two longs.
fn ipc_perm_size(c: &Ctx) -> usize {
    if c.word() == 8 { 48 } else { 36 }
}

/// `{uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}` (the last three not for IPC_SET).
fn print_ipc_perm(c: &Ctx, b: &[u8], set: bool, o: &mut String) {
    o.push_str("{uid=");
    print_uid(o, le(b, 4, 4) as u32);
    o.push_str(", gid=");
    print_uid(o, le(b, 8, 4) as u32);
    o.push_str(", mode=");
    let mode = if c.word() == 8 {
        le(b, 20, 4)
    } else {
        le(b, 20, 2)
    };
    fmt::octal_mode(o, mode);
    if !set {
        let _ = write!(o, ", key={}, cuid=", le(b, 0, 4));
        print_uid(o, le(b, 12, 4) as u32);
        o.push_str(", cgid=");
        print_uid(o, le(b, 16, 4) as u32);
    }
    o.push('}');
}

/// The shmid64_ds/semid64_ds/msqid64_ds of x86 (i386 splits each time into two words).
fn print_ipc_ds(c: &Ctx, kind: &str, b: &[u8], set: bool, o: &mut String) {
    let w = c.word();
    let p = ipc_perm_size(c);
    // Time `i` of the three starting at `at`: eight bytes each, a long on 64-bit
    // personalities, a low/high word pair on 32-bit ones.
    let time = |at: usize, i: usize| le(b, at + 8 * i, c.word());
    match kind {
        "shm" => {
            o.push_str("{shm_perm=");
            print_ipc_perm(c, b, set, o);
            if !set {
                let t = p + w;
                let pids = t + 24;
                let _ = write!(
                    o,
                    ", shm_segsz={}, shm_cpid={}, shm_lpid={}, shm_nattch={}, shm_atime={}, shm_dtime={}, shm_ctime={}",
                    le(b, p, c.word()),
                    sle(b, pids, 4),
                    sle(b, pids + 4, 4),
                    le(b, pids + 8, c.word()),
                    time(t, 0),
                    time(t, 1),
                    time(t, 2)
                );
            }
        }
        "sem" => {
            o.push_str("{sem_perm=");
            print_ipc_perm(c, b, set, o);
            if !set {
                // Each time is followed by an unused or high word.
                let _ = write!(
                    o,
                    ", sem_otime={}, sem_ctime={}, sem_nsems={}",
                    le(b, p, c.word()),
                    le(b, p + 2 * w, c.word()),
                    le(b, p + 4 * w, c.word())
                );
            }
        }
        _ => {
            o.push_str("{msg_perm=");
            print_ipc_perm(c, b, set, o);
            let t = p;
            let rest = t + 24;
            if !set {
                let _ = write!(
                    o,
                    ", msg_stime={}, msg_rtime={}, msg_ctime={}, msg_qnum={}",
                    time(t, 0),
                    time(t, 1),
                    time(t, 2),
                    le(b, rest + w, c.word())
                );
            }
            let _ = write!(o, ", msg_qbytes={}", le(b, rest + 2 * w, c.word()));
            if !set {
                let _ = write!(
                    o,
                    ", msg_lspid={}, msg_lrpid={}",
                    sle(b, rest + 3 * w, 4),
                    sle(b, rest + 3 * w + 4, 4)
                );
            }
        }
    }
    o.push('}');
}

fn ipc_ds_size(c: &Ctx, kind: &str) -> usize {
    let w = c.word();
    let p = ipc_perm_size(c);
    match kind {
        "shm" => p + w + 24 + 8 + 3 * w,
        "sem" => p + 6 * w,
        _ => p + 24 + 5 * w + 8,
    }
}

const SHMINFO: [&str; 5] = ["shmmax", "shmmin", "shmmni", "shmseg", "shmall"];
const SEMINFO: [&str; 10] = [
    "semmap", "semmni", "semmns", "semmnu", "semmsl", "semopm", "semume", "semusz", "semvmx",
    "semaem",
];
const MSGINFO: [&str; 8] = [
    "msgpool", "msgmap", "msgmax", "msgmnb", "msgmni", "msgssz", "msgtql", "msgseg",
];
const SHM_INFO: [&str; 6] = [
    "used_ids",
    "shm_tot",
    "shm_rss",
    "shm_swp",
    "swap_attempts",
    "swap_successes",
];

/// shminfo, seminfo or msginfo (IPC_INFO and SEM_INFO/MSG_INFO).
fn print_ipc_info(c: &Ctx, kind: &str, b: &[u8], o: &mut String) {
    match kind {
        "shm" => print_fields(o, &SHMINFO, |n| le(b, n * c.word(), c.word())),
        "sem" => print_fields(o, &SEMINFO, |n| sle(b, 4 * n, 4)),
        // msgseg, the last, is an unsigned short.
        _ => print_fields(o, &MSGINFO, |n| match n {
            7 => i64::from(le(b, 28, 2) as u16),
            _ => sle(b, 4 * n, 4),
        }),
    }
}

fn ipc_info_size(c: &Ctx, kind: &str) -> usize {
    match kind {
        "shm" => 9 * c.word(),
        "sem" => 40,
        _ => 32,
    }
}

/// shm_info (SHM_INFO): an int, then five unsigned longs. (i128 holds both kinds.)
fn print_shm_info(c: &Ctx, b: &[u8], o: &mut String) {
    let w = c.word();
    print_fields(o, &SHM_INFO, |n| match n {
        0 => i128::from(sle(b, 0, 4)),
        _ => i128::from(le(b, n * w, c.word())),
    });
}

/// shmctl/msgctl's buffer, by command (param: shm or msg).
pub(super) fn print_ipc_buf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let kind = word_param(a).unwrap_or("shm");
    let addr = c.arg(a.index);
    let cmd = c.iarg(a.index.saturating_sub(1)) as u32;
    match ipc_buf_kind(kind, cmd) {
        IpcBuf::Addr => fmt::addr(o, addr),
        // IPC_SET's buffer is an input, shown even when the call failed.
        IpcBuf::Ds { set } => {
            if let Some(b) = read_or_addr(c, addr, ipc_ds_size(c, kind), !set, o) {
                print_ipc_ds(c, kind, &b, set, o);
            }
        }
        IpcBuf::Info => {
            if let Some(b) = read_or_addr(c, addr, ipc_info_size(c, kind), true, o) {
                print_ipc_info(c, kind, &b, o);
            }
        }
        IpcBuf::ShmInfo => {
            if let Some(b) = read_or_addr(c, addr, 6 * c.word(), true, o) {
                print_shm_info(c, &b, o);
            }
        }
    }
    true
}

/// semctl's fourth argument, the union semun, by command; through ipc(2) it is read
/// from a pointer and shown in brackets.
pub(super) fn print_semun(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let cmd = c.iarg(a.index.saturating_sub(1)) as u32;
    let indirect = indirect_ptr(c);
    let value = match indirect {
        None => c.arg(a.index),
        Some(0) => {
            o.push_str("NULL");
            return true;
        }
        Some(p) => match c.read_word(p) {
            Some(v) => v,
            None => {
                fmt::addr(o, p);
                return true;
            }
        },
    };
    let bracketed = |o: &mut String| {
        if indirect.is_some() {
            o.push('[');
            fmt::addr(o, value);
            o.push(']');
        } else {
            fmt::addr(o, value);
        }
    };
    match ipc_buf_kind("sem", cmd) {
        // IPC_SET's semid_ds is an input, shown even when the call failed.
        // NULL is its address like any unreadable buffer, never a read.
        IpcBuf::Ds { set } => match (value != 0)
            .then(|| read_struct(c, value, ipc_ds_size(c, "sem")))
            .flatten()
        {
            Some(b) if set || !c.failed() => print_ipc_ds(c, "sem", &b, set, o),
            _ => bracketed(o),
        },
        IpcBuf::Info => {
            if let Some(b) = read_or_addr(c, value, ipc_info_size(c, "sem"), true, o) {
                print_ipc_info(c, "sem", &b, o);
            }
        }
        _ => bracketed(o),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{A, arg_on};
    use crate::arch::Arch;
    use crate::record::RecordedMemory;
    use crate::table::Param;

    /// struct ipc64_perm: key, uid, gid, cuid, cgid, mode.
    fn ipc_perm(word: usize, mode: u32) -> Vec<u8> {
        let mut b = Vec::new();
        for v in [0x1234u32, 0, 0, 1, 1] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&mode.to_le_bytes());
        b.resize(if word == 8 { 48 } else { 36 }, 0);
        b
    }

    #[test]
    fn ipc_ctl_structs_on_both_layouts() {
        for (arch, w) in [(Arch::I386, 4usize), (Arch::X86_64, 8)] {
            let word = |b: &mut Vec<u8>, v: u64| b.extend_from_slice(&v.to_le_bytes()[..w]);
            // shmid64_ds: perm, segsz, three 8-byte times, cpid, lpid, nattch, 2 unused.
            let mut shm = ipc_perm(w, 0o600);
            word(&mut shm, 4096);
            for t in [0u64, 0, 1795901797] {
                shm.extend_from_slice(&t.to_le_bytes());
            }
            shm.extend_from_slice(&77u32.to_le_bytes());
            shm.extend_from_slice(&0u32.to_le_bytes());
            for v in [1, 0, 0] {
                word(&mut shm, v);
            }
            // msqid64_ds: perm, three 8-byte times, cbytes, qnum, qbytes, lspid, lrpid.
            let mut msq = ipc_perm(w, 0o640);
            for t in [0u64, 5, 6] {
                msq.extend_from_slice(&t.to_le_bytes());
            }
            for v in [0, 2, 16384] {
                word(&mut msq, v);
            }
            msq.extend_from_slice(&[3, 0, 0, 0, 4, 0, 0, 0]);
            for v in [0, 0] {
                word(&mut msq, v);
            }
            // semid64_ds: perm, otime, pad, ctime, pad, nsems, 2 unused.
            let mut sem = ipc_perm(w, 0o600);
            for v in [0, 0, 9, 0, 2, 0, 0] {
                word(&mut sem, v);
            }
            let m = RecordedMemory::new()
                .with(A, shm)
                .with(A + 0x1000, msq)
                .with(A + 0x2000, sem);
            let shm_arg = |cmd: u64, ret: i64| {
                arg_on(
                    arch,
                    "ipc_buf",
                    2,
                    vec![Param::Word("shm".into())],
                    [1, cmd, A, 0, 0, 0],
                    ret,
                    &m,
                )
            };
            assert_eq!(
                shm_arg(0x102, 0),
                "{shm_perm={uid=0, gid=0, mode=0600, key=4660, cuid=1, cgid=1}, shm_segsz=4096, \
                 shm_cpid=77, shm_lpid=0, shm_nattch=1, shm_atime=0, shm_dtime=0, \
                 shm_ctime=1795901797}"
            );
            assert_eq!(shm_arg(1, -1), "{shm_perm={uid=0, gid=0, mode=0600}}");
            assert_eq!(shm_arg(2, -22), "0xffa00000");
            assert_eq!(shm_arg(0, 0), "0xffa00000");
            let msg_arg = |cmd: u64| {
                arg_on(
                    arch,
                    "ipc_buf",
                    2,
                    vec![Param::Word("msg".into())],
                    [1, cmd, A + 0x1000, 0, 0, 0],
                    0,
                    &m,
                )
            };
            assert_eq!(
                msg_arg(2),
                "{msg_perm={uid=0, gid=0, mode=0640, key=4660, cuid=1, cgid=1}, msg_stime=0, \
                 msg_rtime=5, msg_ctime=6, msg_qnum=2, msg_qbytes=16384, msg_lspid=3, msg_lrpid=4}"
            );
            assert_eq!(
                msg_arg(1),
                "{msg_perm={uid=0, gid=0, mode=0640}, msg_qbytes=16384}"
            );
            assert_eq!(
                arg_on(arch, "semun", 3, vec![], [1, 0, 2, A + 0x2000, 0, 0], 0, &m),
                "{sem_perm={uid=0, gid=0, mode=0600, key=4660, cuid=1, cgid=1}, sem_otime=0, \
                 sem_ctime=9, sem_nsems=2}"
            );
            assert_eq!(
                arg_on(arch, "semun", 3, vec![], [1, 0, 16, 5, 0, 0], 0, &m),
                "0x5"
            );
        }
    }
}
