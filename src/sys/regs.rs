//! ptrace glue for register sets: reads and writes the general registers
//! (PTRACE_GETREGSET/SETREGSET with NT_PRSTATUS, the same call on every arch; the
//! layouts are in `arch::regs`), and the few arch-only steps, each compiled only for
//! its target.

use super::{Pid, check};
use crate::arch::Arch;
use crate::arch::regs::{Regs, arch_of_regset};

const NT_PRSTATUS: usize = 1;

/// The thread's general registers in its own layout (a 32-bit tracee's are 32-bit).
pub fn get_regs(pid: Pid) -> Result<Regs, i32> {
    // Large enough for every layout in arch::regs (aarch64's 272 bytes).
    let mut buf = vec![0u8; 512];
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    // SAFETY: the kernel writes at most iov_len bytes into `buf` and stores the length
    // it wrote back into `iov`.
    check(unsafe {
        libc::ptrace(
            libc::PTRACE_GETREGSET,
            pid,
            NT_PRSTATUS,
            &mut iov as *mut libc::iovec,
        )
    })?;
    buf.truncate(iov.iov_len);
    let arch = arch_of_regset(Arch::native(), buf.len()).ok_or(libc::EINVAL)?;
    Regs::new(arch, buf).ok_or(libc::EINVAL)
}

/// Writes registers read by [`get_regs`] back (after `Regs::set_ret` / `set_nr`).
pub fn set_regs(pid: Pid, regs: &Regs) -> Result<(), i32> {
    let mut buf = regs.bytes.clone();
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    // SAFETY: the kernel reads iov_len bytes from `buf`, which outlives the call.
    check(unsafe {
        libc::ptrace(
            libc::PTRACE_SETREGSET,
            pid,
            NT_PRSTATUS,
            &mut iov as *mut libc::iovec,
        )
    })
    .map(|_| ())
}

/// Changes the number of the syscall a thread is entering (-1 skips it): x86 reads
/// orig_rax/orig_eax again after the stop.
#[cfg(target_arch = "x86_64")]
pub fn set_syscall_number(pid: Pid, nr: u64) -> Result<(), i32> {
    let mut regs = get_regs(pid)?;
    regs.set_nr(nr);
    set_regs(pid, &regs)
}

/// Changes the number of the syscall a thread is entering (-1 skips it): arm64 keeps
/// it apart from x8, in the NT_ARM_SYSTEM_CALL regset (an int; also for arm tracees).
#[cfg(target_arch = "aarch64")]
pub fn set_syscall_number(pid: Pid, nr: u64) -> Result<(), i32> {
    const NT_ARM_SYSTEM_CALL: usize = 0x404;
    let mut n = nr as i32;
    let mut iov = libc::iovec {
        iov_base: (&mut n as *mut i32).cast(),
        iov_len: std::mem::size_of::<i32>(),
    };
    // SAFETY: the kernel reads 4 bytes from `n`, which outlives the call.
    check(unsafe {
        libc::ptrace(
            libc::PTRACE_SETREGSET,
            pid,
            NT_ARM_SYSTEM_CALL,
            &mut iov as *mut libc::iovec,
        )
    })
    .map(|_| ())
}

/// Changes the number of the syscall a thread is entering (-1 skips it), on arches
/// whose number register is read again after the entry stop.
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
pub fn set_syscall_number(pid: Pid, nr: u64) -> Result<(), i32> {
    let mut regs = get_regs(pid)?;
    regs.set_nr(nr);
    set_regs(pid, &regs)
}

/// Sets the return register of a thread at a syscall-exit stop (`-e inject=`).
pub fn set_return(pid: Pid, value: i64) -> Result<(), i32> {
    let mut regs = get_regs(pid)?;
    regs.set_ret(value);
    set_regs(pid, &regs)
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    fn wait(pid: Pid) -> i32 {
        let mut status = 0;
        // SAFETY: waitpid writes the status into a local.
        unsafe { libc::waitpid(pid, &mut status, libc::__WALL) };
        status
    }

    fn ptrace(req: libc::c_uint, pid: Pid) {
        // SAFETY: requests without data pointers on our own stopped child.
        unsafe { libc::ptrace(req, pid, 0, 0) };
    }

    /// A child stopped at a syscall entry under PTRACE_TRACEME: its registers read as
    /// x86_64, and rewriting getppid's number to getpid makes the call return its pid.
    #[test]
    fn reads_and_rewrites_a_live_syscall() {
        // SAFETY: the child only makes raw syscalls before _exit.
        let child = unsafe { libc::fork() };
        if child == 0 {
            // SAFETY: as above; the child never returns into the test harness.
            unsafe {
                libc::ptrace(libc::PTRACE_TRACEME, 0, 0, 0);
                libc::raise(libc::SIGSTOP);
                let r = libc::syscall(libc::SYS_getppid);
                libc::_exit((r == libc::syscall(libc::SYS_getpid)) as i32);
            }
        }
        assert!(libc::WIFSTOPPED(wait(child)));
        let mut seen = None;
        for _ in 0..16 {
            ptrace(libc::PTRACE_SYSCALL, child);
            if !libc::WIFSTOPPED(wait(child)) {
                break;
            }
            let regs = get_regs(child).unwrap();
            if regs.nr() == libc::SYS_getppid as u64 {
                seen = Some(regs);
                break;
            }
        }
        let regs = seen.expect("no getppid entry");
        assert_eq!(regs.personality(), Arch::X86_64);
        assert!(regs.sp() != 0);
        set_syscall_number(child, libc::SYS_getpid as u64).unwrap();
        assert_eq!(get_regs(child).unwrap().nr(), libc::SYS_getpid as u64);
        ptrace(libc::PTRACE_DETACH, child);
        let status = wait(child);
        assert!(libc::WIFEXITED(status));
        assert_eq!(libc::WEXITSTATUS(status), 1, "getpid did not run");
    }
}
