//! The multiplexers of the 32-bit ABIs: socketcall(2), ipc(2) and i386's old select(2)
//! carry another call in their arguments. strace prints that call instead, so
//! `demux` turns the multiplexer's record into the sub-call's; what it cannot
//! resolve is printed as the multiplexer itself, with the call-number printers here.

use super::super::fmt;
use super::read_words;
use crate::arch::Arch;
use crate::decode::Ctx;
use crate::decode::bytes::xlat_name;
use crate::record::{MemoryReader, SyscallRecord};
use crate::table::ArgSpec;
use std::fmt::Write;

pub(super) fn print_socketcall_call(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    match xlat_name(c, "socketcalls", c.arg(a.index)) {
        Some(n) => o.push_str(n),
        None => fmt::dec(o, c.iarg(a.index)),
    }
    true
}

/// ipc's call number: the version in the high half as `N<<16|`, then the sub-call.
pub(super) fn print_ipc_call(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let call = c.arg(a.index) as u32;
    let version = call >> 16;
    if version != 0 {
        let _ = write!(o, "{version}<<16|");
    }
    match xlat_name(c, "ipccalls", u64::from(call & 0xffff)) {
        Some(n) => o.push_str(n),
        None => fmt::dec(o, call & 0xffff),
    }
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
    match name {
        "socketcall" => {
            let call = rec.args[0] as u32 as i32;
            let (sub, nargs) = *SOCKET_SUBCALLS.get(usize::try_from(call).ok()?.checked_sub(1)?)?;
            let args = read_words(mem, rec.arch.ulong(rec.args[1]), word, nargs)?;
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
            args: read_words(mem, rec.arch.ulong(rec.args[0]), word, 5)?,
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
pub(super) fn indirect_ptr(c: &Ctx) -> Option<u64> {
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
    use super::super::test_support::{A, i386};
    use super::*;
    use crate::record::RecordedMemory;

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

    /// The sub-call behind ipc(2) with these arguments, or `""` when there is none.
    fn ipc_sub(args: [u64; 6], m: &RecordedMemory) -> (&'static str, [u64; 6]) {
        let rec = SyscallRecord::new(Arch::I386, 117, args);
        demux(&rec, m).map_or(("", [0; 6]), |s| (s.name, s.args))
    }

    #[test]
    fn ipc_indirect_forms() {
        // ipc(SEMCTL, id, 0, IPC_64|IPC_RMID, &semun) shows the union's value.
        let m = RecordedMemory::new()
            .with(A, 0u32.to_le_bytes().to_vec())
            .with(A + 0x10, 0xf7e0_0000u32.to_le_bytes().to_vec());
        let (name, args) = ipc_sub([3, 2, 0, 0x100, A, 0], &m);
        assert_eq!(name, "semctl");
        assert_eq!(
            i386("semctl", args, 0, &m),
            "semctl(2, 0, IPC_64|IPC_RMID, [NULL]) = 0"
        );
        // ipc(SHMAT, id, flags, &result, addr): the kernel stores the address.
        let (name, args) = ipc_sub([21, 3, 0x1000, A + 0x10, 0, 0], &m);
        assert_eq!(name, "shmat");
        assert_eq!(
            i386("shmat", args, 0, &m),
            "shmat(3, NULL, SHM_RDONLY) = 0xf7e00000"
        );
        // ipc(MSGRCV) version 0 failing: the ipc_kludge's address, no msgtyp.
        let (name, args) = ipc_sub([12, 0, 16, 0x800, A + 0x40, 0], &m);
        assert_eq!(name, "msgrcv");
        assert_eq!(
            i386("msgrcv", args, -42, &m),
            "msgrcv(0, 0xffa00040, 16, IPC_NOWAIT) = -1 ENOMSG (No message of desired type)"
        );
    }
}
