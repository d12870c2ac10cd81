//! What the signal-return and restart calls find on the stack: the mask saved in
//! rt_sigreturn's and sigreturn's frames, and the call restart_syscall resumes.

use super::sets::print_sigset_bits;
use crate::arch::Arch;
use crate::decode::{Ctx, fmt};
use crate::table::ArgSpec;
use std::fmt::Write;

/// rt_sigreturn's argument: the signal mask saved in the signal frame, `{mask=[]}`,
/// found from the stack pointer as strace does. Without a stack pointer (recorded
/// stops), the frame is found through the registers the kernel points at the frame's
/// siginfo and ucontext when entering a handler, which are also syscall argument
/// registers: a handler that leaves them alone (most small ones) still has them at
/// rt_sigreturn, and their fixed distance tells they are intact. Failing both, this
/// prints the empty mask, what a handler returning to unblocked code restores.
pub(super) fn print_rt_sigframe(c: &Ctx, _a: &ArgSpec, o: &mut String) -> bool {
    let sp = c.mem.stack_pointer();
    if let Some(off) = rt_sigframe_mask_offset(c.arch()).filter(|_| sp != 0) {
        print_mask_at(c, c.arch().ulong(sp.wrapping_add(off)), o);
        return true;
    }
    // (argument holding &uc, argument holding &info, info - uc, uc_sigmask offset)
    let layout = match c.arch() {
        // rsi = &info, rdx = &uc; struct ucontext is 304 bytes, its mask at 296.
        Arch::X86_64 => Some((2, 1, 304i64, 296u64)),
        // ecx = &uc, edx = &info; info precedes uc; the mask is at 108.
        Arch::I386 => Some((1, 2, -128, 108)),
        _ => None,
    };
    if let Some((uc_arg, info_arg, dist, off)) = layout {
        let uc = c.arg(uc_arg);
        let intact =
            uc != 0 && c.arg(info_arg) == uc.wrapping_add(dist as u64) && c.arch().ulong(uc) == uc;
        if intact && let Some(b) = read_mask(c, uc.wrapping_add(off)) {
            print_mask(o, &b);
            return true;
        }
    }
    o.push_str("{mask=[]}");
    true
}

/// The saved mask, `{mask=[...]}`: the pseudo-structure strace shows for a frame.
fn print_mask(o: &mut String, mask: &[u8]) {
    o.push_str("{mask=");
    print_sigset_bits(o, mask);
    o.push('}');
}

fn read_mask(c: &Ctx, addr: u64) -> Option<[u8; 8]> {
    let mut b = [0u8; 8];
    (c.derefs() && c.mem.read_exact(addr, &mut b)).then_some(b)
}

/// [`print_mask`] read from `addr`, or `{mask=0x...}` when unreadable.
fn print_mask_at(c: &Ctx, addr: u64, o: &mut String) {
    match read_mask(c, addr) {
        Some(b) => print_mask(o, &b),
        None => {
            o.push_str("{mask=");
            fmt::addr(o, addr);
            o.push('}');
        }
    }
}

/// The byte offset of `uc.uc_sigmask` from the stack pointer at rt_sigreturn's entry.
fn rt_sigframe_mask_offset(arch: Arch) -> Option<u64> {
    match arch {
        // The frame starts one word below (the handler's return popped `pretcode`):
        // pretcode(8) + uc_flags(8) + uc_link(8) + stack_t(24) + sigcontext(256), less
        // the popped word.
        Arch::X86_64 | Arch::X32 => Some(296),
        // pretcode, sig, pinfo, puc (4 each), siginfo(128), uc_flags, uc_link (4 each),
        // stack_t(12), sigcontext(88), less the popped word.
        Arch::I386 => Some(248),
        // The generic frame at sp: siginfo(128), then a ucontext whose mask follows
        // uc_flags, uc_link and stack_t (40 bytes).
        Arch::Aarch64 | Arch::Riscv64 => Some(128 + 40),
        // siginfo(128), then uc_flags, uc_link, stack_t (20 bytes), sigcontext (84).
        Arch::Arm => Some(128 + 20 + 84),
    }
}

/// The old sigreturn of i386 and arm, whose non-rt frame holds the mask in its
/// sigcontext (and, on i386, in an extra word past the FPU state).
pub(super) fn print_sigreturn_frame(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let sp = c.mem.stack_pointer();
    match c.arch() {
        Arch::I386 if sp != 0 => {
            // sigcontext's oldmask is its 21st word; extramask follows the 624-byte
            // fpstate and two more sigcontext words.
            let mut b = vec![0u8; 716];
            if c.mem.read_exact(sp, &mut b) {
                let mut mask = [0u8; 8];
                mask[..4].copy_from_slice(&b[80..84]);
                mask[4..].copy_from_slice(&b[712..716]);
                print_mask(o, &mask);
            } else {
                fmt::addr(o, sp);
            }
            true
        }
        // uc_flags, uc_link, stack_t (20 bytes) and sigcontext (84) precede the mask.
        Arch::Arm if sp != 0 => {
            print_mask_at(c, sp.wrapping_add(104) & 0xffff_ffff, o);
            true
        }
        _ => print_rt_sigframe(c, a, o),
    }
}

/// restart_syscall's pseudo-argument, `<... resuming interrupted clock_nanosleep ...>`,
/// naming the call the kernel is resuming (strace's previous syscall of the thread);
/// `None` prints strace's own fallback, `system call`.
pub fn print_restart_syscall(interrupted: Option<&str>, o: &mut String) {
    let _ = write!(
        o,
        "<... resuming interrupted {} ...>",
        interrupted.unwrap_or("system call")
    );
}

/// The interrupted call, recognised from its arguments: the kernel restarts a call with
/// the argument registers it was first given. The live renderer knows the thread's
/// previous syscall (what strace prints) and passes it to [`print_restart_syscall`];
/// this guess serves replays of single records, which carry no history. Only the two shapes that
/// ERESTART_RESTARTBLOCK comes from in practice are recognised: a relative or absolute
/// sleep (clock_nanosleep, what glibc's sleep/usleep/nanosleep use) and poll.
pub(super) fn guess_interrupted(c: &Ctx) -> Option<&'static str> {
    let is_ptr = |v: u64| v >= 0x1000;
    let (a0, a1, a2) = (c.arg(0), c.arg(1), c.arg(2));
    if a0 <= 11 && a1 <= 1 && is_ptr(a2) {
        // 32-bit glibc still calls the time32 clock_nanosleep when its time_t is 32-bit.
        return Some("clock_nanosleep");
    }
    let poll_arch = matches!(c.arch(), Arch::X86_64 | Arch::X32 | Arch::I386 | Arch::Arm);
    if poll_arch && (a0 == 0 || is_ptr(a0)) && a1 < 1 << 20 && c.iarg(2) >= -1 {
        return Some("poll");
    }
    None
}
