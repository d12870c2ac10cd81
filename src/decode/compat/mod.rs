//! Decoders for 32-bit personalities (i386 on x86_64, arm): calls and layouts that
//! exist only there (old mmap, mmap2, _llseek, stat64 and the old stat, readdir's old
//! dirent), get_thread_area's entry/exit form, and the socketcall/ipc multiplexers. Split 64-bit
//! offsets, old signal calls and *_time64 calls are decoded by the file and
//! signal/time groups.

use super::basic::{print_cstr_limit, print_uid};
use super::file::{StatFields, print_stat_fields};
use super::fmt;
use super::{ArgType, Ctx, RetType, ty};
use crate::arch::Arch;
use crate::record::{MemoryReader, SyscallRecord};
use crate::table::{ArgSpec, Param};
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    // _llseek's offset: high word in this register, low word in the next.
    ty("llseek_off", |c, a, o| {
        let v = (c.arg(a.index) << 32) | (c.arg(a.index + 1) & 0xffff_ffff);
        fmt::dec(o, v as i64);
        true
    }),
    // A pointer to a 64-bit unsigned result: `[10]`.
    ty("loff_ptr", |c, a, o| {
        print_u64_ptr(c, c.arg(a.index), a.out, o);
        true
    }),
    // mmap2's offset, given in 4096-byte units whatever the page size.
    ty("mmap_pgoff", |c, a, o| {
        fmt::hex(o, c.arg(a.index).wrapping_mul(4096));
        true
    }),
    // i386's old mmap(2): one pointer to the six arguments.
    ty("old_mmap_args", print_old_mmap),
    ty("stat64", |c, a, o| {
        print_stat64(c, c.arg(a.index), o);
        true
    }),
    ty("old_stat", |c, a, o| {
        print_old_stat(c, c.arg(a.index), o);
        true
    }),
    ArgType {
        name: "user_desc_get",
        print: print_user_desc_get,
        capture: Some(capture_entry_number),
    },
    ty("old_dirent", print_old_dirent),
    // readdir's count, shown only when it is not the usual 1.
    ty("readdir_count", |c, a, o| {
        let n = c.iarg(a.index) as u32;
        if n == 1 {
            return false;
        }
        fmt::dec(o, n);
        true
    }),
    ty("socketcall_call", |c, a, o| {
        match table_name("socketcalls", c.arch(), c.arg(a.index)) {
            Some(n) => o.push_str(n),
            None => fmt::dec(o, c.iarg(a.index)),
        }
        true
    }),
    ty("ipc_call", |c, a, o| {
        let call = c.arg(a.index) as u32;
        let version = call >> 16;
        if version != 0 {
            let _ = write!(o, "{version}<<16|");
        }
        match table_name("ipccalls", c.arch(), u64::from(call & 0xffff)) {
            Some(n) => o.push_str(n),
            None => fmt::dec(o, call & 0xffff),
        }
        true
    }),
    // SysV IPC (direct calls and the ipc(2) sub-calls). Generic over personalities;
    // they live here because the ipc multiplexer is this group's.
    ty("ipc_key", |c, a, o| {
        let key = u64::from(c.iarg(a.index) as u32);
        match table_name("ipc_private", c.arch(), key) {
            Some(n) => o.push_str(n),
            None => fmt::hex(o, key),
        }
        true
    }),
    // semget/msgget flags: IPC_* names, then the permission bits in octal.
    ty("ipc_get_flags", |c, a, o| {
        let v = u64::from(c.iarg(a.index) as u32);
        let flags = v & !0o777;
        // strace joins with `|` only after names: unknown bits alone run into the mode.
        let named = match a.xlat() {
            Some(x) if flags != 0 => fmt::xlat_flags(o, x, c, flags, ""),
            _ if flags != 0 => {
                fmt::hex(o, flags);
                0
            }
            _ => 0,
        };
        if named > 0 {
            o.push('|');
        }
        fmt::octal_mode(o, v & 0o777);
        true
    }),
    ty("shmget_flags", print_shmget_flags),
    // ctl commands: `IPC_64|IPC_STAT`; params: set, unknown-value label.
    ty("ipc_cmd", |c, a, o| {
        const IPC_64: u64 = 0x100;
        let v = u64::from(c.iarg(a.index) as u32);
        if v & IPC_64 != 0 {
            o.push_str("IPC_64|");
        }
        let dflt = a.params.iter().find_map(|p| match p {
            Param::Word(w) => Some(w.as_str()),
            _ => None,
        });
        match a.xlat() {
            Some(x) => fmt::xlat_enum(o, x, c, v & !IPC_64, dflt.unwrap_or("")),
            None => fmt::hex(o, v & !IPC_64),
        }
        true
    }),
    // semctl's fourth argument, by command; through ipc(2) it is read from a pointer
    // and shown in brackets.
    ty("semun", print_semun),
    // shmctl/msgctl's buffer, by command (param: shm or msg).
    ty("ipc_buf", print_ipc_buf),
    // msgrcv's msgtyp; through ipc(2) a failed call shows no msgtyp.
    ty("msgtyp", |c, a, o| {
        if indirect_ptr(c).is_some() && c.failed() {
            return false;
        }
        fmt::dec(o, c.sarg(a.index));
        true
    }),
    ty("sembuf", print_sembuf_array),
    ty("msgbuf", print_msgbuf),
];

pub static RETS: &[RetType] = &[
    // shmat's address; through ipc(2) the kernel returns 0 and stores it at `third`.
    RetType {
        name: "shmat_ret",
        print: |c, o| {
            let v = match indirect_ptr(c) {
                Some(p) => c.read_word(p),
                None => Some(c.arch().ulong(c.ret().unwrap_or(0) as u64)),
            };
            match v {
                Some(v) => fmt::hex(o, v),
                None => fmt::dec(o, c.ret().unwrap_or(0)),
            }
        },
    },
];

fn table_name(set: &str, arch: Arch, v: u64) -> Option<&'static str> {
    crate::table::xlat(set).and_then(|x| x.name_of(arch, v))
}

fn print_u64_ptr(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if out && c.failed() {
        fmt::addr(o, addr);
        return;
    }
    match c.mem.read_uint(addr, 8) {
        Some(v) => {
            let _ = write!(o, "[{v}]");
        }
        None => fmt::addr(o, addr),
    }
}

/// Marks a capture whose pointer could not be read at entry.
const UNREADABLE: u64 = 1 << 63;

fn u16_at(b: &[u8], off: usize) -> u64 {
    b.get(off..off + 2)
        .and_then(|s| s.try_into().ok())
        .map_or(0, |s: [u8; 2]| u64::from(u16::from_le_bytes(s)))
}

fn u32_at(b: &[u8], off: usize) -> u64 {
    b.get(off..off + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, |s: [u8; 4]| u64::from(u32::from_le_bytes(s)))
}

fn u64_at(b: &[u8], off: usize) -> u64 {
    b.get(off..off + 8)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

/// Reads a struct the kernel fills in, or prints NULL / its address (failed call,
/// unreadable memory) and returns `None`.
fn fetch(c: &Ctx, addr: u64, len: usize, o: &mut String) -> Option<Vec<u8>> {
    if addr == 0 {
        o.push_str("NULL");
        return None;
    }
    let mut b = vec![0u8; len];
    if (c.exiting() && c.failed()) || !c.mem.read_exact(addr, &mut b) {
        fmt::addr(o, addr);
        return None;
    }
    Some(b)
}

/// The six words of old_mmap's argument block, printed as mmap's arguments, or the
/// block's address when it cannot be read.
fn print_old_mmap(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let base = c.arg(a.index);
    let word = c.word();
    let mut v = [0u64; 6];
    for (i, slot) in v.iter_mut().enumerate() {
        match c.read_word(base.wrapping_add((i * word) as u64)) {
            Some(w) => *slot = w,
            None => {
                fmt::addr(o, base);
                return true;
            }
        }
    }
    fmt::addr(o, v[0]);
    let _ = write!(o, ", {}, ", v[1]);
    print_set_flags(c, "mmap_prot", v[2], "PROT_???", o);
    o.push_str(", ");
    super::memory::print_mmap_flags(c, v[3], o);
    let _ = write!(o, ", {}, ", v[4] as u32 as i32);
    fmt::hex(o, v[5]);
    true
}

fn print_set_flags(c: &Ctx, set: &str, v: u64, dflt: &str, o: &mut String) {
    match crate::table::xlat(set) {
        Some(x) => {
            fmt::xlat_flags(o, x, c, v, dflt);
        }
        None => fmt::hex(o, v),
    }
}

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
    print_uid(o, u32_at(b, 4) as u32);
    o.push_str(", gid=");
    print_uid(o, u32_at(b, 8) as u32);
    o.push_str(", mode=");
    let mode = if c.word() == 8 {
        u32_at(b, 20)
    } else {
        u16_at(b, 20)
    };
    fmt::octal_mode(o, mode);
    if !set {
        let _ = write!(o, ", key={}, cuid=", u32_at(b, 0));
        print_uid(o, u32_at(b, 12) as u32);
        o.push_str(", cgid=");
        print_uid(o, u32_at(b, 16) as u32);
    }
    o.push('}');
}

/// A tracee `unsigned long` at `off` of `b`.
fn ulong_at(c: &Ctx, b: &[u8], off: usize) -> u64 {
    if c.word() == 8 {
        u64_at(b, off)
    } else {
        u32_at(b, off)
    }
}

/// The shmid64_ds/semid64_ds/msqid64_ds of x86 (i386 splits each time into two words).
fn print_ipc_ds(c: &Ctx, kind: &str, b: &[u8], set: bool, o: &mut String) {
    let w = c.word();
    let p = ipc_perm_size(c);
    // Time `i` of the three starting at `at`: eight bytes each, a long on 64-bit
    // personalities, a low/high word pair on 32-bit ones.
    let time = |at: usize, i: usize| ulong_at(c, b, at + 8 * i);
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
                    ulong_at(c, b, p),
                    u32_at(b, pids) as u32 as i32,
                    u32_at(b, pids + 4) as u32 as i32,
                    ulong_at(c, b, pids + 8),
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
                    ulong_at(c, b, p),
                    ulong_at(c, b, p + 2 * w),
                    ulong_at(c, b, p + 4 * w)
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
                    ulong_at(c, b, rest + w)
                );
            }
            let _ = write!(o, ", msg_qbytes={}", ulong_at(c, b, rest + 2 * w));
            if !set {
                let _ = write!(
                    o,
                    ", msg_lspid={}, msg_lrpid={}",
                    u32_at(b, rest + 3 * w) as u32 as i32,
                    u32_at(b, rest + 3 * w + 4) as u32 as i32
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

/// shminfo, seminfo or msginfo (IPC_INFO and SEM_INFO/MSG_INFO).
fn print_ipc_info(c: &Ctx, kind: &str, b: &[u8], o: &mut String) {
    let i = |n: usize| u32_at(b, 4 * n) as u32 as i32;
    match kind {
        "shm" => {
            let f = |n: usize| ulong_at(c, b, n * c.word());
            let _ = write!(
                o,
                "{{shmmax={}, shmmin={}, shmmni={}, shmseg={}, shmall={}}}",
                f(0),
                f(1),
                f(2),
                f(3),
                f(4)
            );
        }
        "sem" => {
            let _ = write!(
                o,
                "{{semmap={}, semmni={}, semmns={}, semmnu={}, semmsl={}, semopm={}, semume={}, \
                 semusz={}, semvmx={}, semaem={}}}",
                i(0),
                i(1),
                i(2),
                i(3),
                i(4),
                i(5),
                i(6),
                i(7),
                i(8),
                i(9)
            );
        }
        _ => {
            let _ = write!(
                o,
                "{{msgpool={}, msgmap={}, msgmax={}, msgmnb={}, msgmni={}, msgssz={}, msgtql={}, \
                 msgseg={}}}",
                i(0),
                i(1),
                i(2),
                i(3),
                i(4),
                i(5),
                i(6),
                u16_at(b, 28)
            );
        }
    }
}

fn ipc_info_size(c: &Ctx, kind: &str) -> usize {
    match kind {
        "shm" => 9 * c.word(),
        "sem" => 40,
        _ => 32,
    }
}

/// shm_info (SHM_INFO): an int, then five unsigned longs.
fn print_shm_info(c: &Ctx, b: &[u8], o: &mut String) {
    let w = c.word();
    let f = |n: usize| ulong_at(c, b, w + n * w);
    let _ = write!(
        o,
        "{{used_ids={}, shm_tot={}, shm_rss={}, shm_swp={}, swap_attempts={}, swap_successes={}}}",
        u32_at(b, 0) as u32 as i32,
        f(0),
        f(1),
        f(2),
        f(3),
        f(4)
    );
}

/// Reads `len` bytes at `addr` (no NULL or error handling).
fn read_bytes(c: &Ctx, addr: u64, len: usize) -> Option<Vec<u8>> {
    let mut b = vec![0u8; len];
    (addr != 0 && c.mem.read_exact(addr, &mut b)).then_some(b)
}

fn print_ipc_buf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let kind = a
        .params
        .iter()
        .find_map(|p| match p {
            Param::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .unwrap_or("shm");
    let addr = c.arg(a.index);
    let cmd = c.iarg(a.index.saturating_sub(1)) as u32;
    match ipc_buf_kind(kind, cmd) {
        IpcBuf::Addr => fmt::addr(o, addr),
        // IPC_SET's buffer is an input, shown even when the call failed.
        IpcBuf::Ds { set: true } => match read_bytes(c, addr, ipc_ds_size(c, kind)) {
            Some(b) => print_ipc_ds(c, kind, &b, true, o),
            None => fmt::addr(o, addr),
        },
        IpcBuf::Ds { set: false } => {
            if let Some(b) = fetch(c, addr, ipc_ds_size(c, kind), o) {
                print_ipc_ds(c, kind, &b, false, o);
            }
        }
        IpcBuf::Info => {
            if let Some(b) = fetch(c, addr, ipc_info_size(c, kind), o) {
                print_ipc_info(c, kind, &b, o);
            }
        }
        IpcBuf::ShmInfo => {
            if let Some(b) = fetch(c, addr, 6 * c.word(), o) {
                print_shm_info(c, &b, o);
            }
        }
    }
    true
}

/// semctl's union semun argument.
fn print_semun(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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
        IpcBuf::Ds { set } => match read_bytes(c, value, ipc_ds_size(c, "sem")) {
            Some(b) if set || !c.failed() => print_ipc_ds(c, "sem", &b, set, o),
            _ => bracketed(o),
        },
        IpcBuf::Info => {
            if let Some(b) = fetch(c, value, ipc_info_size(c, "sem"), o) {
                print_ipc_info(c, "sem", &b, o);
            }
        }
        _ => bracketed(o),
    }
    true
}

/// shmget's flags: IPC_CREAT etc., the huge page size as `N<<SHM_HUGE_SHIFT`, then the
/// permission bits.
fn print_shmget_flags(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const HUGE_SHIFT: u32 = 26;
    const HUGE_MASK: u64 = 0x3f << HUGE_SHIFT;
    let v = u64::from(c.iarg(a.index) as u32);
    let flags = v & !0o777 & !HUGE_MASK;
    let huge = v & HUGE_MASK;
    if flags != 0 {
        print_set_flags(c, "shm_resource_flags", flags, "", o);
    }
    if huge != 0 {
        if flags != 0 {
            o.push('|');
        }
        let _ = write!(o, "{}<<SHM_HUGE_SHIFT", huge >> HUGE_SHIFT);
    }
    if flags != 0 || huge != 0 {
        o.push('|');
    }
    fmt::octal_mode(o, v & 0o777);
    true
}

/// semop's `[{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, ...]`, count from the param.
fn print_sembuf_array(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let n = c.len_of(a.param(0)).unwrap_or(0);
    if addr == 0 {
        o.push_str("NULL");
        return true;
    }
    if n == 0 {
        o.push_str("[]");
        return true;
    }
    let limit = c.opts.string_limit as u64;
    let mut body = String::from("[");
    for i in 0..n {
        if i > 0 {
            body.push_str(", ");
        }
        if i >= limit {
            body.push_str("...");
            break;
        }
        let mut b = [0u8; 6];
        if !c.mem.read_exact(addr.wrapping_add(6 * i), &mut b) {
            if i == 0 {
                fmt::addr(o, addr);
                return true;
            }
            // strace ends the array with the address of the first unreadable element.
            fmt::addr(&mut body, addr.wrapping_add(6 * i));
            break;
        }
        let _ = write!(
            body,
            "{{sem_num={}, sem_op={}, sem_flg=",
            u16_at(&b, 0),
            u16_at(&b, 2) as u16 as i16
        );
        print_set_flags(c, "semop_flags", u16_at(&b, 4), "SEM_???", &mut body);
        body.push('}');
    }
    body.push(']');
    o.push_str(&body);
    true
}

/// msgsnd/msgrcv's `{mtype=1, mtext="hello"}`, the text's length from the param.
fn print_msgbuf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if let Some(kludge) = indirect_ptr(c).filter(|_| c.failed()) {
        // strace fetches ipc(2)'s msgp/msgtyp block at exit, and shows its address
        // when the call failed.
        fmt::addr(o, kludge);
        return true;
    }
    let word = c.word();
    let Some(b) = fetch(c, addr, word, o) else {
        return true;
    };
    let mtype = if word == 8 {
        u64_at(&b, 0) as i64
    } else {
        u32_at(&b, 0) as u32 as i32 as i64
    };
    let _ = write!(o, "{{mtype={mtype}, mtext=");
    let len = c.len_of(a.param(0)).unwrap_or(0);
    super::basic::print_buf(c, addr.wrapping_add(word as u64), len, o, false, false);
    o.push('}');
    true
}

/// Decodes the 32-bit ABIs' struct stat64. i386 packs `long long` at 4-byte alignment
/// (96 bytes); arm EABI aligns it to 8 (104 bytes).
fn parse_stat64(arch: Arch, b: &[u8]) -> StatFields {
    let (size_off, blocks_off, times_off, ino_off) = if arch == Arch::Arm {
        (48, 64, 72, 96)
    } else {
        (44, 56, 64, 88)
    };
    let t = |i: usize| {
        (
            u32_at(b, times_off + 8 * i) as u32 as i32 as i64,
            u32_at(b, times_off + 8 * i + 4),
        )
    };
    StatFields {
        dev: u64_at(b, 0),
        ino: u64_at(b, ino_off),
        mode: u32_at(b, 16) as u32,
        nlink: u32_at(b, 20),
        uid: u32_at(b, 24),
        gid: u32_at(b, 28),
        rdev: u64_at(b, 32),
        size: u64_at(b, size_off),
        blksize: u32_at(b, size_off + 8),
        blocks: u64_at(b, blocks_off),
        times: [t(0), t(1), t(2)],
    }
}

fn print_stat64(c: &Ctx, addr: u64, o: &mut String) {
    let len = if c.arch() == Arch::Arm { 104 } else { 96 };
    if let Some(b) = fetch(c, addr, len, o) {
        print_stat_fields(c, &parse_stat64(c.arch(), &b), o);
    }
}

/// struct __old_kernel_stat (oldstat, oldfstat, oldlstat): 16-bit ids, 32-bit size
/// and times, no nanoseconds, blksize or blocks.
fn print_old_stat(c: &Ctx, addr: u64, o: &mut String) {
    let Some(b) = fetch(c, addr, 32, o) else {
        return;
    };
    let st = StatFields {
        dev: u16_at(&b, 0),
        ino: u16_at(&b, 2),
        mode: u16_at(&b, 4) as u32,
        nlink: u16_at(&b, 6),
        uid: u16_at(&b, 8),
        gid: u16_at(&b, 10),
        rdev: u16_at(&b, 12),
        size: u32_at(&b, 16),
        blksize: 0,
        blocks: 0,
        times: [0, 1, 2].map(|i| (u32_at(&b, 20 + 4 * i) as u32 as i32 as i64, 0)),
    };
    let mut s = String::new();
    print_stat_fields(c, &st, &mut s);
    // strace has no nanoseconds for this struct and prints no *_nsec fields.
    for f in ["atime", "mtime", "ctime"] {
        s = s.replace(&format!(", st_{f}_nsec=0"), "");
    }
    o.push_str(&s);
}

/// `%#08x` as C prints it (no `0x` for zero).
fn hex08(o: &mut String, v: u64) {
    if v == 0 {
        o.push_str("00000000");
    } else {
        let _ = write!(o, "{v:#08x}");
    }
}

/// entry_number as strace's PRINT_VAL_ID: -1 stays -1, anything else unsigned.
fn print_entry_number(o: &mut String, n: u32) {
    print_uid(o, n);
}

/// struct user_desc from `entry_number` on: `base_addr=.., ..., useable=1`.
fn print_user_desc_tail(o: &mut String, b: &[u8; 16], lm: bool) {
    o.push_str(", base_addr=");
    hex08(o, u32_at(b, 4));
    o.push_str(", limit=");
    hex08(o, u32_at(b, 8));
    let bits = u32_at(b, 12);
    let _ = write!(
        o,
        ", seg_32bit={}, contents={}, read_exec_only={}, limit_in_pages={}, seg_not_present={}, useable={}",
        bits & 1,
        (bits >> 1) & 3,
        (bits >> 3) & 1,
        (bits >> 4) & 1,
        (bits >> 5) & 1,
        (bits >> 6) & 1
    );
    if lm {
        let _ = write!(o, ", lm={}", (bits >> 7) & 1);
    }
    o.push('}');
}

/// The `lm` bit exists for callers with 64-bit kernel longs only.
fn has_lm(c: &Ctx) -> bool {
    matches!(c.arch(), Arch::X86_64 | Arch::X32)
}

fn capture_entry_number(c: &Ctx, a: &ArgSpec) -> u64 {
    c.mem.read_uint(c.arg(a.index), 4).unwrap_or(UNREADABLE)
}

/// get_thread_area's argument as strace shows it: entry_number as given at entry, then
/// the fields the kernel filled in, or `, ...}` when the call failed. (set_thread_area
/// and the plain struct are the memory/process group's `user_desc`.)
fn print_user_desc_get(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let saved = c.saved.get(a.index).copied().unwrap_or(UNREADABLE);
    if addr == 0 {
        o.push_str("NULL");
        return true;
    }
    if saved == UNREADABLE {
        fmt::addr(o, addr);
        return true;
    }
    o.push_str("{entry_number=");
    print_entry_number(o, saved as u32);
    let mut b = [0u8; 16];
    if !c.exiting() || c.failed() || !c.mem.read_exact(addr, &mut b) {
        o.push_str(", ...}");
        return true;
    }
    let now = u32_at(&b, 0);
    if now != saved {
        o.push_str(" -> ");
        print_entry_number(o, now as u32);
    }
    print_user_desc_tail(o, &b, has_lm(c));
    true
}

/// readdir's struct old_linux_dirent: `{d_ino=.., d_off=.., d_reclen=.., d_name=".."}`;
/// only the address when the call returned 0 (end of directory) or failed.
fn print_old_dirent(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let word = c.word();
    if c.ret() == Some(0) {
        fmt::addr(o, addr);
        return true;
    }
    let head = 2 * word + 2;
    let Some(b) = fetch(c, addr, head, o) else {
        return true;
    };
    let w = |off: usize| {
        if word == 8 {
            u64_at(&b, off)
        } else {
            u32_at(&b, off)
        }
    };
    let reclen = u16_at(&b, 2 * word);
    let _ = write!(
        o,
        "{{d_ino={}, d_off={}, d_reclen={reclen}, d_name=",
        w(0),
        w(word)
    );
    print_cstr_limit(
        c,
        addr.wrapping_add(head as u64),
        reclen.min(256) as usize,
        o,
    );
    o.push('}');
    true
}

/// A call that reaches the kernel through a multiplexer or an argument block, as strace
/// shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subcall {
    /// The name printed on the line.
    pub name: &'static str,
    /// The signature row to decode it with (`table::signature_by_name(arch, sig)`).
    pub sig: &'static str,
    /// Its arguments, in the direct call's order.
    pub args: [u64; 6],
}

/// The call behind socketcall(2), ipc(2) and i386's old select(2), with its own
/// arguments: `socket(AF_INET, ...)` instead of `socketcall(SYS_SOCKET, 0xffd0...)`.
/// `None` when the call number is unknown or the argument block is unreadable: strace
/// then prints the original call (rows `socketcall`, `ipc`, `select` in
/// arch/i386.tsv). The renderer calls this at syscall entry and keeps the result for
/// the exit, as strace decodes the sub-call from the entry's memory.
pub fn demux(rec: &SyscallRecord, mem: &dyn MemoryReader) -> Option<Subcall> {
    // Only 32-bit personalities have the multiplexers; skip the lookup elsewhere.
    if !matches!(rec.arch, Arch::I386 | Arch::Arm) {
        return None;
    }
    let name = rec.arch.syscall_name(rec.nr)?;
    let word = rec.arch.word_bytes();
    // Reads `n` words of an argument block.
    let block = |base: u64, n: usize| {
        let mut args = [0u64; 6];
        for (i, slot) in args.iter_mut().enumerate().take(n) {
            *slot = mem.read_uint(base.wrapping_add((i * word) as u64), word)?;
        }
        Some(args)
    };
    match name {
        "socketcall" => {
            let call = rec.args[0] as u32 as i32;
            let (sub, nargs) = *SOCKET_SUBCALLS.get(usize::try_from(call).ok()?.checked_sub(1)?)?;
            let args = block(rec.arch.ulong(rec.args[1]), nargs)?;
            Some(Subcall {
                name: sub,
                sig: sub,
                args,
            })
        }
        "ipc" => {
            let (sub, args) = ipc_direct_args(rec, mem)?;
            Some(Subcall {
                name: sub,
                sig: sub,
                args,
            })
        }
        // i386's select(2) is old_select: one pointer to the five arguments, which
        // _newselect takes directly.
        "select" if rec.arch == Arch::I386 => Some(Subcall {
            name: "select",
            sig: "_newselect",
            args: block(rec.arch.ulong(rec.args[0]), 5)?,
        }),
        _ => None,
    }
}

/// High half of the sixth argument of a demultiplexed ipc(2) call whose strace form
/// differs from the direct call's; the low half is the pointer that form needs (semctl's
/// semun pointer, msgrcv's ipc_kludge, shmat's result slot). No i386 register holds
/// more than 32 bits, and the direct calls take fewer than six arguments.
const INDIRECT_MARK: u64 = 0x4950_435f << 32;

fn mark_indirect(ptr: u64) -> u64 {
    INDIRECT_MARK | (ptr & 0xffff_ffff)
}

/// The pointer of a demultiplexed ipc(2) call, see [`INDIRECT_MARK`].
fn indirect_ptr(c: &Ctx) -> Option<u64> {
    let v = c.rec.args[5];
    (v & !0xffff_ffff == INDIRECT_MARK).then_some(v & 0xffff_ffff)
}

/// ipc(call, first, second, third, ptr, fifth) rearranged into the direct call's
/// argument order, which is how strace prints the indirect calls.
fn ipc_direct_args(
    rec: &SyscallRecord,
    mem: &dyn MemoryReader,
) -> Option<(&'static str, [u64; 6])> {
    let call = rec.args[0] as u32;
    let version = call >> 16;
    let code = call & 0xffff;
    let sub = IPC_SUBCALLS.iter().find(|s| s.0 == code)?.1;
    let [_, first, second, third, ptr, fifth] = rec.args.map(|v| rec.arch.ulong(v));
    let args = match sub {
        "semop" => [first, ptr, second, 0, 0, 0],
        "semtimedop" => [first, ptr, second, fifth, 0, 0],
        "semget" | "shmget" => [first, second, third, 0, 0, 0],
        "semctl" => [first, second, third, ptr, 0, mark_indirect(ptr)],
        "msgsnd" => [first, ptr, second, third, 0, 0],
        "msgrcv" if version == 0 => {
            // struct ipc_kludge { void *msgp; long msgtyp; } at ptr.
            // Unreadable, the call fails with EFAULT and shows the block's address.
            let word = rec.arch.word_bytes();
            let msgp = mem.read_uint(ptr, word).unwrap_or(0);
            let msgtyp = mem
                .read_uint(ptr.wrapping_add(word as u64), word)
                .unwrap_or(0);
            [first, msgp, second, msgtyp, third, mark_indirect(ptr)]
        }
        "msgrcv" => [first, ptr, second, fifth, third, 0],
        "msgget" => [first, second, 0, 0, 0, 0],
        "msgctl" | "shmctl" => [first, second, ptr, 0, 0, 0],
        "shmat" => [first, ptr, second, 0, 0, mark_indirect(third)],
        "shmdt" => [ptr, 0, 0, 0, 0, 0],
        _ => return None,
    };
    Some((sub, args))
}

/// socketcall's sub-calls 1..=20 and their argument counts.
const SOCKET_SUBCALLS: [(&str, usize); 20] = [
    ("socket", 3),
    ("bind", 3),
    ("connect", 3),
    ("listen", 2),
    ("accept", 3),
    ("getsockname", 3),
    ("getpeername", 3),
    ("socketpair", 4),
    ("send", 4),
    ("recv", 4),
    ("sendto", 6),
    ("recvfrom", 6),
    ("shutdown", 2),
    ("setsockopt", 5),
    ("getsockopt", 5),
    ("sendmsg", 3),
    ("recvmsg", 3),
    ("accept4", 4),
    ("recvmmsg", 5),
    ("sendmmsg", 4),
];

const IPC_SUBCALLS: [(u32, &str); 12] = [
    (1, "semop"),
    (2, "semget"),
    (3, "semctl"),
    (4, "semtimedop"),
    (11, "msgsnd"),
    (12, "msgrcv"),
    (13, "msgget"),
    (14, "msgctl"),
    (21, "shmat"),
    (22, "shmdt"),
    (23, "shmget"),
    (24, "shmctl"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::DecodeOptions;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    const A: u64 = 0xffa0_0000;

    /// A rendered line with the alignment padding before `=` squashed to one space,
    /// so expectations need not count columns.
    fn squash(line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(i) = rest.find(") ") {
            out.push_str(&rest[..i + 2]);
            let after = rest[i + 2..].trim_start_matches(' ');
            if after.starts_with("= ") {
                out.push_str(after);
                return out;
            }
            rest = &rest[i + 2..];
        }
        out.push_str(rest);
        out
    }

    fn i386(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
        squash(&render_named(Arch::I386, name, args, Some(ret), mem))
    }

    fn stat64_bytes(mode: u32, size: u64, rdev: u64) -> Vec<u8> {
        let mut b = vec![0u8; 96];
        b[0..8].copy_from_slice(&0x803u64.to_le_bytes());
        b[12..16].copy_from_slice(&7u32.to_le_bytes());
        b[16..20].copy_from_slice(&mode.to_le_bytes());
        b[20..24].copy_from_slice(&1u32.to_le_bytes());
        b[32..40].copy_from_slice(&rdev.to_le_bytes());
        b[44..52].copy_from_slice(&size.to_le_bytes());
        b[52..56].copy_from_slice(&4096u32.to_le_bytes());
        b[56..64].copy_from_slice(&8u64.to_le_bytes());
        b[88..96].copy_from_slice(&1234567u64.to_le_bytes());
        b
    }

    #[test]
    fn llseek_lines() {
        let m = RecordedMemory::new().with(A, 10u64.to_le_bytes().to_vec());
        assert_eq!(
            i386("_llseek", [3, 0, 10, A, 0, 0], 0, &m),
            "_llseek(3, 10, [10], SEEK_SET) = 0"
        );
        assert_eq!(
            i386("_llseek", [99, 1, 2, A, 1, 0], -9, &m),
            "_llseek(99, 4294967298, 0xffa00000, SEEK_CUR) = -1 EBADF (Bad file descriptor)"
        );
        assert_eq!(
            i386("_llseek", [0, 0, 0, 0, 2, 0], -14, &m),
            "_llseek(0, 0, NULL, SEEK_END) = -1 EFAULT (Bad address)"
        );
    }

    #[test]
    fn stat64_abbrev_and_dev() {
        let m = RecordedMemory::new()
            .with(A, stat64_bytes(0o100644, 1221, 0))
            .with(A + 0x1000, stat64_bytes(0o020666, 0, 0x103))
            .with(0x5000, b"/etc/passwd\0".to_vec());
        assert_eq!(
            i386("stat64", [0x5000, A, 0, 0, 0, 0], 0, &m),
            r#"stat64("/etc/passwd", {st_mode=S_IFREG|0644, st_size=1221, ...}) = 0"#
        );
        assert_eq!(
            i386("fstat64", [0, A + 0x1000, 0, 0, 0, 0], 0, &m),
            "fstat64(0, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0"
        );
        assert_eq!(
            i386("lstat64", [0x5000, A, 0, 0, 0, 0], -2, &m),
            r#"lstat64("/etc/passwd", 0xffa00000) = -1 ENOENT (No such file or directory)"#
        );
        assert_eq!(
            i386("fstat64", [0, 0, 0, 0, 0, 0], -14, &m),
            "fstat64(0, NULL) = -1 EFAULT (Bad address)"
        );
        assert_eq!(
            i386(
                "fstatat64",
                [(-100i64) as u64, 0x5000, A, 0x100, 0, 0],
                0,
                &m
            ),
            r#"fstatat64(AT_FDCWD, "/etc/passwd", {st_mode=S_IFREG|0644, st_size=1221, ...}, AT_SYMLINK_NOFOLLOW) = 0"#
        );
    }

    #[test]
    fn stat64_verbose() {
        let m = RecordedMemory::new().with(A, stat64_bytes(0o104755, 5, 0));
        let rec = SyscallRecord {
            arch: Arch::I386,
            nr: Arch::I386.syscall_number("fstat64").unwrap_or(0),
            args: [1, A, 0, 0, 0, 0],
            ret: Some(0),
        };
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        let line = crate::render::text::render_one(&rec, &m, &opts);
        assert_eq!(
            line,
            "fstat64(1, {st_dev=makedev(0x8, 0x3), st_ino=1234567, st_mode=S_IFREG|S_ISUID|0755, \
             st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=5, \
             st_atime=0, st_atime_nsec=0, st_mtime=0, st_mtime_nsec=0, st_ctime=0, \
             st_ctime_nsec=0}) = 0"
        );
    }

    fn user_desc(entry: u32) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&entry.to_le_bytes());
        b.extend_from_slice(&0xf7f0_0600u32.to_le_bytes());
        b.extend_from_slice(&0xfffffu32.to_le_bytes());
        b.extend_from_slice(&0x51u32.to_le_bytes());
        b
    }

    #[test]
    fn get_thread_area_lines() {
        let m = RecordedMemory::new().with(A, user_desc(12));
        assert_eq!(
            i386("get_thread_area", [A, 0, 0, 0, 0, 0], 0, &m),
            "get_thread_area({entry_number=12, base_addr=0xf7f00600, limit=0x0fffff, \
             seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, \
             useable=1}) = 0"
        );
        // A slot number that changed between entry and exit, on a 64-bit caller.
        let mut rec = SyscallRecord::new(
            Arch::X86_64,
            Arch::X86_64.syscall_number("get_thread_area").unwrap_or(0),
            [A, 0, 0, 0, 0, 0],
        );
        rec.ret = Some(0);
        let opts = DecodeOptions::default();
        let saved = [u64::from(u32::MAX), 0, 0, 0, 0, 0];
        let ctx = Ctx {
            rec: &rec,
            mem: &m,
            opts: &opts,
            saved: &saved,
        };
        let spec = ArgSpec {
            ty: crate::decode::arg_type("user_desc_get").unwrap_or(&TYPES[0]),
            params: vec![],
            out: true,
            index: 0,
        };
        let mut s = String::new();
        (spec.ty.print)(&ctx, &spec, &mut s);
        assert_eq!(
            s,
            "{entry_number=-1 -> 12, base_addr=0xf7f00600, limit=0x0fffff, seg_32bit=1, \
             contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1, lm=0}"
        );
        let m99 = RecordedMemory::new().with(A, user_desc(99));
        assert_eq!(
            i386("get_thread_area", [A, 0, 0, 0, 0, 0], -22, &m99),
            "get_thread_area({entry_number=99, ...}) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            i386("get_thread_area", [0, 0, 0, 0, 0, 0], -14, &m99),
            "get_thread_area(NULL) = -1 EFAULT (Bad address)"
        );
    }

    #[test]
    fn mmap2_offset_in_pages() {
        let mut s = String::new();
        let rec = SyscallRecord::new(Arch::I386, 192, [0, 4096, 1, 2, 99, 0x12345]);
        let opts = DecodeOptions::default();
        let ctx = Ctx {
            rec: &rec,
            mem: &RecordedMemory::new(),
            opts: &opts,
            saved: &[0; 6],
        };
        let spec = ArgSpec {
            ty: crate::decode::arg_type("mmap_pgoff").unwrap_or(&TYPES[0]),
            params: vec![],
            out: false,
            index: 5,
        };
        assert!((spec.ty.print)(&ctx, &spec, &mut s));
        assert_eq!(s, "0x12345000");
    }

    #[test]
    fn multiplexers() {
        let mut blk = Vec::new();
        for v in [2u32, 1, 0] {
            blk.extend_from_slice(&v.to_le_bytes());
        }
        let m = RecordedMemory::new().with(A, blk);
        let rec = SyscallRecord::new(Arch::I386, 102, [1, A, 0, 0, 0, 0]);
        assert_eq!(
            demux(&rec, &m),
            Some(Subcall {
                name: "socket",
                sig: "socket",
                args: [2, 1, 0, 0, 0, 0]
            })
        );
        let rec = SyscallRecord::new(Arch::I386, 102, [99, A, 0, 0, 0, 0]);
        assert_eq!(demux(&rec, &m), None);
        let rec = SyscallRecord::new(Arch::I386, 102, [1, 0, 0, 0, 0, 0]);
        assert_eq!(demux(&rec, &m), None);
        let rec = SyscallRecord::new(Arch::I386, 117, [23, 0, 4096, 0o1600, 0, 0]);
        assert_eq!(
            demux(&rec, &m).map(|s| (s.name, s.args)),
            Some(("shmget", [0, 4096, 0o1600, 0, 0, 0]))
        );
        // semop(semid, sops, nsops) travels as ipc(SEMOP, semid, nsops, 0, sops).
        let rec = SyscallRecord::new(Arch::I386, 117, [1, 5, 2, 0, A, 0]);
        assert_eq!(
            demux(&rec, &m).map(|s| (s.name, s.args)),
            Some(("semop", [5, A, 2, 0, 0, 0]))
        );
        let rec = SyscallRecord::new(Arch::I386, 117, [0x10063, 5, 2, 0, A, 0]);
        assert_eq!(demux(&rec, &m), None);
        // i386's old select: five words at the pointer, decoded as _newselect.
        let mut blk = Vec::new();
        for v in [4u32, 0x1000, 0, 0, 0x2000] {
            blk.extend_from_slice(&v.to_le_bytes());
        }
        let sel = RecordedMemory::new().with(A, blk);
        let rec = SyscallRecord::new(Arch::I386, 82, [A, 0, 0, 0, 0, 0]);
        assert_eq!(
            demux(&rec, &sel),
            Some(Subcall {
                name: "select",
                sig: "_newselect",
                args: [4, 0x1000, 0, 0, 0x2000, 0]
            })
        );
        assert_eq!(
            i386("select", [0x10, 0, 0, 0, 0, 0], -14, &m),
            "select(0x10) = -1 EFAULT (Bad address)"
        );
        assert_eq!(
            i386("socketcall", [99, A, 0, 0, 0, 0], -22, &m),
            "socketcall(99, 0xffa00000) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            i386("socketcall", [1, 0, 0, 0, 0, 0], -14, &m),
            "socketcall(SYS_SOCKET, NULL) = -1 EFAULT (Bad address)"
        );
        assert_eq!(
            i386("ipc", [0x10063, 1, 2, 3, 4, 5], -38, &m),
            "ipc(1<<16|99, 0x1, 0x2, 0x3, 0x4, 0x5) = -1 ENOSYS (Function not implemented)"
        );
    }

    /// Prints one argument of type `name` at index 0 of an i386 record.
    fn arg_alone(name: &str, args: [u64; 6], ret: Option<i64>, m: &RecordedMemory) -> String {
        let mut rec = SyscallRecord::new(Arch::I386, 90, args);
        rec.ret = ret;
        let opts = DecodeOptions::default();
        let ctx = Ctx {
            rec: &rec,
            mem: m,
            opts: &opts,
            saved: &[0; 6],
        };
        let spec = ArgSpec {
            ty: crate::decode::arg_type(name).unwrap_or(&TYPES[0]),
            params: vec![],
            out: false,
            index: 0,
        };
        let mut s = String::new();
        (spec.ty.print)(&ctx, &spec, &mut s);
        s
    }

    #[test]
    fn old_mmap_block() {
        let mut blk = Vec::new();
        for v in [0u32, 4096, 3, 0x22, u32::MAX, 0] {
            blk.extend_from_slice(&v.to_le_bytes());
        }
        for v in [0xf7f0_0000u32, 8192, 5, 0x4000812, 3, 0x1000] {
            blk.extend_from_slice(&v.to_le_bytes());
        }
        let m = RecordedMemory::new().with(A, blk);
        assert_eq!(
            arg_alone("old_mmap_args", [A, 0, 0, 0, 0, 0], None, &m),
            "NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0"
        );
        assert_eq!(
            arg_alone("old_mmap_args", [A + 24, 0, 0, 0, 0, 0], None, &m),
            "0xf7f00000, 8192, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE|1<<MAP_HUGE_SHIFT, 3, 0x1000"
        );
        assert_eq!(
            arg_alone("old_mmap_args", [0x10, 0, 0, 0, 0, 0], None, &m),
            "0x10"
        );
        assert_eq!(
            i386("mmap", [A, 0, 0, 0, 0, 0], 0xf7f0_0000, &m),
            "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xf7f00000"
        );
        assert_eq!(
            i386("mmap2", [0, 4096, 1, 2, 99, 0x12345], -9, &m),
            "mmap2(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0x12345000) = -1 EBADF (Bad file descriptor)"
        );
    }

    #[test]
    fn raw_legacy_calls() {
        let m = RecordedMemory::new();
        // (`break` itself is named `r#break` by the syscalls crate; see the report.)
        assert_eq!(
            i386("ftime", [0; 6], -38, &m),
            "ftime() = -1 ENOSYS (Function not implemented)"
        );
        assert_eq!(
            i386("ulimit", [1, 0, 0, 0, 0, 0], -38, &m),
            "ulimit(0x1, 0) = -1 ENOSYS (Function not implemented)"
        );
        assert_eq!(
            i386("vm86old", [0; 6], -38, &m),
            "vm86old(0) = -1 ENOSYS (Function not implemented)"
        );
    }

    #[test]
    fn old_stat_and_readdir() {
        let mut b = vec![0u8; 32];
        b[4..6].copy_from_slice(&0o40755u16.to_le_bytes());
        b[16..20].copy_from_slice(&4096u32.to_le_bytes());
        let mut d = Vec::new();
        d.extend_from_slice(&5u32.to_le_bytes());
        d.extend_from_slice(&1u32.to_le_bytes());
        d.extend_from_slice(&3u16.to_le_bytes());
        d.extend_from_slice(b"abc\0");
        let m = RecordedMemory::new()
            .with(A, b)
            .with(A + 0x100, d)
            .with(0x5000, b"/\0".to_vec());
        assert_eq!(
            i386("oldstat", [0x5000, A, 0, 0, 0, 0], 0, &m),
            r#"oldstat("/", {st_mode=S_IFDIR|0755, st_size=4096, ...}) = 0"#
        );
        let rec = SyscallRecord {
            arch: Arch::I386,
            nr: Arch::I386.syscall_number("oldfstat").unwrap_or(0),
            args: [0, A, 0, 0, 0, 0],
            ret: Some(0),
        };
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        assert_eq!(
            crate::render::text::render_one(&rec, &m, &opts),
            "oldfstat(0, {st_dev=makedev(0, 0), st_ino=0, st_mode=S_IFDIR|0755, st_nlink=0, \
             st_uid=0, st_gid=0, st_blksize=0, st_blocks=0, st_size=4096, st_atime=0, \
             st_mtime=0, st_ctime=0}) = 0"
        );
        assert_eq!(
            i386("readdir", [3, A + 0x100, 1, 0, 0, 0], 1, &m),
            r#"readdir(3, {d_ino=5, d_off=1, d_reclen=3, d_name="abc"}) = 1"#
        );
        assert_eq!(
            i386("readdir", [3, A + 0x100, 1, 0, 0, 0], 0, &m),
            "readdir(3, 0xffa00100) = 0"
        );
        assert_eq!(
            i386("readdir", [0, A, 2, 0, 0, 0], -20, &m),
            "readdir(0, 0xffa00000, 2) = -1 ENOTDIR (Not a directory)"
        );
    }

    #[test]
    fn sysv_ipc_lines() {
        let mut sops = Vec::new();
        for v in [0u16, 1, 0x1000, 1, 0xffff, 0x800] {
            sops.extend_from_slice(&v.to_le_bytes());
        }
        let mut msg = 1u32.to_le_bytes().to_vec();
        msg.extend_from_slice(b"hello");
        let m = RecordedMemory::new().with(A, sops).with(A + 0x100, msg);
        assert_eq!(
            i386("semget", [0, 2, 0o3644, 0, 0, 0], 0, &m),
            "semget(IPC_PRIVATE, 2, IPC_CREAT|IPC_EXCL|0644) = 0"
        );
        assert_eq!(
            i386("msgget", [0x77, 0x10000 | 0o644, 0, 0, 0, 0], -2, &m),
            "msgget(0x77, 0x100000644) = -1 ENOENT (No such file or directory)"
        );
        assert_eq!(
            i386("msgget", [0x77, 0, 0, 0, 0, 0], -2, &m),
            "msgget(0x77, 000) = -1 ENOENT (No such file or directory)"
        );
        assert_eq!(
            i386("shmget", [0, 4096, 0o1600 | (21 << 26), 0, 0, 0], 3, &m),
            "shmget(IPC_PRIVATE, 4096, IPC_CREAT|21<<SHM_HUGE_SHIFT|0600) = 3"
        );
        assert_eq!(
            i386("shmctl", [3, 0x100, 0, 0, 0, 0], 0, &m),
            "shmctl(3, IPC_64|IPC_RMID, NULL) = 0"
        );
        assert_eq!(
            i386("msgctl", [3, 99, 0, 0, 0, 0], -22, &m),
            "msgctl(3, 0x63 /* MSG_??? */, NULL) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            i386("msgsnd", [0, A + 0x100, 5, 0, 0, 0], 0, &m),
            r#"msgsnd(0, {mtype=1, mtext="hello"}, 5, 0) = 0"#
        );
        assert_eq!(
            i386("msgrcv", [0, A + 0x100, 5, 0, 0x800, 0], 5, &m),
            r#"msgrcv(0, {mtype=1, mtext="hello"}, 5, 0, IPC_NOWAIT) = 5"#
        );
        assert_eq!(
            i386("shmat", [3, 0, 0x1000, 0, 0, 0], 0xf7f0_0000, &m),
            "shmat(3, NULL, SHM_RDONLY) = 0xf7f00000"
        );
        assert_eq!(
            i386("semtimedop_time64", [0, A, 2, 0, 0, 0], -11, &m),
            "semtimedop_time64(0, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, \
             {sem_num=1, sem_op=-1, sem_flg=IPC_NOWAIT}], 2, NULL) = -1 EAGAIN \
             (Resource temporarily unavailable)"
        );
    }

    /// Prints argument `index` of type `name` for a record of `arch`.
    fn arg_on(
        arch: Arch,
        name: &str,
        index: usize,
        params: Vec<Param>,
        args: [u64; 6],
        ret: i64,
        m: &RecordedMemory,
    ) -> String {
        let rec = SyscallRecord {
            arch,
            nr: 0,
            args,
            ret: Some(ret),
        };
        let opts = DecodeOptions::default();
        let ctx = Ctx {
            rec: &rec,
            mem: m,
            opts: &opts,
            saved: &[0; 6],
        };
        let spec = ArgSpec {
            ty: crate::decode::arg_type(name).unwrap_or(&TYPES[0]),
            params,
            out: true,
            index,
        };
        let mut s = String::new();
        (spec.ty.print)(&ctx, &spec, &mut s);
        s
    }

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

    #[test]
    fn ipc_indirect_forms() {
        // ipc(SEMCTL, id, 0, IPC_64|IPC_RMID, &semun) shows the union's value.
        let m = RecordedMemory::new()
            .with(A, 0u32.to_le_bytes().to_vec())
            .with(A + 0x10, 0xf7e0_0000u32.to_le_bytes().to_vec());
        let rec = SyscallRecord::new(Arch::I386, 117, [3, 2, 0, 0x100, A, 0]);
        let (name, args) = demux(&rec, &m).map_or(("", [0; 6]), |s| (s.name, s.args));
        assert_eq!(name, "semctl");
        assert_eq!(
            i386("semctl", args, 0, &m),
            "semctl(2, 0, IPC_64|IPC_RMID, [NULL]) = 0"
        );
        // ipc(SHMAT, id, flags, &result, addr): the kernel stores the address.
        let rec = SyscallRecord::new(Arch::I386, 117, [21, 3, 0x1000, A + 0x10, 0, 0]);
        let (name, args) = demux(&rec, &m).map_or(("", [0; 6]), |s| (s.name, s.args));
        assert_eq!(name, "shmat");
        assert_eq!(
            i386("shmat", args, 0, &m),
            "shmat(3, NULL, SHM_RDONLY) = 0xf7e00000"
        );
        // ipc(MSGRCV) version 0 failing: the ipc_kludge's address, no msgtyp.
        let rec = SyscallRecord::new(Arch::I386, 117, [12, 0, 16, 0x800, A + 0x40, 0]);
        let (name, args) = demux(&rec, &m).map_or(("", [0; 6]), |s| (s.name, s.args));
        assert_eq!(name, "msgrcv");
        assert_eq!(
            i386("msgrcv", args, -42, &m),
            "msgrcv(0, 0xffa00040, 16, IPC_NOWAIT) = -1 ENOMSG (No message of desired type)"
        );
    }

    #[test]
    fn never_panics_on_garbage() {
        let m = RecordedMemory::new().with(A, vec![0xffu8; 7]);
        for (nr, _) in Arch::I386.syscalls() {
            for args in [[u64::MAX; 6], [A; 6], [0; 6]] {
                let mut rec = SyscallRecord::new(Arch::I386, nr, args);
                for ret in [None, Some(0), Some(-14), Some(i64::MAX)] {
                    rec.ret = ret;
                    let _ = crate::render::text::render_one(&rec, &m, &DecodeOptions::default());
                    let _ = demux(&rec, &m);
                }
            }
        }
        // Every type of this module at every position, on every personality.
        let verbose = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        for arch in Arch::ALL {
            for args in [[u64::MAX; 6], [A; 6], [0; 6]] {
                for ret in [None, Some(0), Some(-14), Some(i64::MAX)] {
                    let rec = SyscallRecord {
                        arch,
                        nr: 0,
                        args,
                        ret,
                    };
                    for opts in [&DecodeOptions::default(), &verbose] {
                        for saved in [[0u64; 6], [u64::MAX; 6]] {
                            let ctx = Ctx {
                                rec: &rec,
                                mem: &m,
                                opts,
                                saved: &saved,
                            };
                            for t in TYPES {
                                for index in 0..6 {
                                    let spec = ArgSpec {
                                        ty: t,
                                        params: vec![Param::Arg(2)],
                                        out: index % 2 == 0,
                                        index,
                                    };
                                    let mut s = String::new();
                                    (t.print)(&ctx, &spec, &mut s);
                                    if let Some(c) = t.capture {
                                        let _ = c(&ctx, &spec);
                                    }
                                }
                            }
                            for r in RETS {
                                let mut s = String::new();
                                (r.print)(&ctx, &mut s);
                            }
                        }
                    }
                }
            }
        }
    }
}
