//! SysV IPC arguments of the direct calls and of ipc(2)'s sub-calls: keys, get flags,
//! ctl commands, semop's operations and the message buffers. The ctl commands'
//! buffers are `ipc_ctl`'s. Sub-calls that came through ipc(2) carry a pointer that
//! changes how some arguments are shown (see `multiplex::indirect_ptr`).

use super::super::fmt;
use super::multiplex::indirect_ptr;
use super::word_param;
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_flags, read_or_addr, xlat_name};
use crate::table::ArgSpec;
use std::fmt::Write;

pub(super) fn print_ipc_key(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let key = u64::from(c.iarg(a.index) as u32);
    match xlat_name(c, "ipc_private", key) {
        Some(n) => fmt::named(o, c, n, |o| fmt::hex(o, key)),
        None => fmt::hex(o, key),
    }
    true
}

/// semget/msgget flags: IPC_* names, then the permission bits in octal.
pub(super) fn print_ipc_get_flags(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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
}

/// shmget's flags: IPC_CREAT etc., the huge page size as `N<<SHM_HUGE_SHIFT`, then the
/// permission bits.
pub(super) fn print_shmget_flags(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const HUGE_SHIFT: u32 = 26;
    const HUGE_MASK: u64 = 0x3f << HUGE_SHIFT;
    let v = u64::from(c.iarg(a.index) as u32);
    let flags = v & !0o777 & !HUGE_MASK;
    let huge = v & HUGE_MASK;
    if flags != 0 {
        print_flags(c, "shm_resource_flags", flags, "", o);
    }
    if huge != 0 {
        if flags != 0 {
            o.push('|');
        }
        let _ = write!(o, "{}<<", huge >> HUGE_SHIFT);
        fmt::named(o, c, "SHM_HUGE_SHIFT", |o| fmt::dec(o, HUGE_SHIFT));
    }
    if flags != 0 || huge != 0 {
        o.push('|');
    }
    fmt::octal_mode(o, v & 0o777);
    true
}

/// ctl commands: `IPC_64|IPC_STAT`; params: set, unknown-value label.
pub(super) fn print_ipc_cmd(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const IPC_64: u64 = 0x100;
    let v = u64::from(c.iarg(a.index) as u32);
    if v & IPC_64 != 0 {
        o.push_str("IPC_64|");
    }
    match a.xlat() {
        Some(x) => fmt::xlat_enum(o, x, c, v & !IPC_64, word_param(a).unwrap_or("")),
        None => fmt::hex(o, v & !IPC_64),
    }
    true
}

/// msgrcv's msgtyp; through ipc(2) a failed call shows no msgtyp.
pub(super) fn print_msgtyp(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    if indirect_ptr(c).is_some() && c.failed() {
        return false;
    }
    fmt::dec(o, c.sarg(a.index));
    true
}

/// semop's `[{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, ...]`, count from the param.
/// Not `array::print_array`: this loop cuts at `-s` even under `-v`, decides the cut
/// before reading; sharing the printer would change that output. The count is the
/// call's `unsigned int` nsops.
pub(super) fn print_sembuf_array(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let n = u64::from(c.len_of(a.param(0)).unwrap_or(0) as u32);
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
        if !c.fetch(addr.wrapping_add(6 * i), &mut b) {
            if i == 0 {
                fmt::addr(o, addr);
                return true;
            }
            // strace ends the array with the address of the first unreadable element.
            let _ = write!(body, "... /* {:#x} */", addr.wrapping_add(6 * i));
            break;
        }
        let _ = write!(
            body,
            "{{sem_num={}, sem_op={}, sem_flg=",
            le(&b, 0, 2),
            le(&b, 2, 2) as u16 as i16
        );
        print_flags(c, "semop_flags", le(&b, 4, 2), "SEM_???", &mut body);
        body.push('}');
    }
    body.push(']');
    o.push_str(&body);
    true
}

/// msgsnd/msgrcv's `{mtype=1, mtext="hello"}`, the text's length from the param.
pub(super) fn print_msgbuf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if let Some(kludge) = indirect_ptr(c).filter(|_| c.failed()) {
        // strace fetches ipc(2)'s msgp/msgtyp block at exit, and shows its address
        // when the call failed.
        fmt::addr(o, kludge);
        return true;
    }
    let word = c.word();
    let Some(b) = read_or_addr(c, addr, word, true, o) else {
        return true;
    };
    let mtype = c.arch().long(le(&b, 0, c.word()));
    let _ = write!(o, "{{mtype={mtype}, mtext=");
    let len = c.len_of(a.param(0)).unwrap_or(0);
    super::super::basic::print_buf(c, addr.wrapping_add(word as u64), len, o, false, false);
    o.push('}');
    true
}

/// shmat's address; through ipc(2) the kernel returns 0 and stores it at `third`.
pub(super) fn print_shmat_ret(c: &Ctx, o: &mut String) {
    let v = match indirect_ptr(c) {
        Some(p) => c.read_word(p),
        None => Some(c.arch().ulong(c.ret().unwrap_or(0) as u64)),
    };
    match v {
        Some(v) => fmt::hex(o, v),
        None => fmt::dec(o, c.ret().unwrap_or(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{A, i386};
    use crate::record::RecordedMemory;

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

    /// nsops is an `unsigned int`; an unreadable element ends the array with
    /// `... /* addr */` (semop.gen.test).
    #[test]
    fn semop_count_and_unreadable_tail() {
        let mut sops = Vec::new();
        for v in [0u16, 1, 0x1000] {
            sops.extend_from_slice(&v.to_le_bytes());
        }
        let m = RecordedMemory::new().with(A, sops);
        let line = |n: u64| {
            crate::render::text::render_named(
                crate::arch::Arch::X86_64,
                "semop",
                [5, A, n, 0, 0, 0],
                Some(-14),
                &m,
            )
        };
        let one = "semop(5, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}]";
        assert!(line(0xdefa_ced0_0000_0001).starts_with(&format!("{one}, 1)")));
        let two = format!(
            "semop(5, [{{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}}, ... /* {:#x} */], 2)",
            A + 6
        );
        assert!(line(2).starts_with(&two), "{}", line(2));
    }
}
