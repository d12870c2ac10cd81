//! Unit tests of the signal decoders, through whole rendered lines; `expect` is shared
//! with the time group's tests, which render the same way.

use super::*;
use crate::arch::Arch;
use crate::record::RecordedMemory;
use crate::render::text::render_named;
use crate::table;

const X: Arch = Arch::X86_64;

/// strace's line for an unpadded `call(...) = ret`: the return aligned to column
/// 40, and errors as the errno table renders them (the table may be absent while the
/// group is developed apart).
pub(crate) fn expect(s: &str) -> String {
    let Some(i) = s.rfind(") = ") else {
        return s.to_string();
    };
    let mut ret = s[i + 4..].to_string();
    for (n, name) in [
        (1u64, "EPERM"),
        (4, "EINTR"),
        (14, "EFAULT"),
        (22, "EINVAL"),
    ] {
        if ret.starts_with(&format!("-1 {name} ")) && table::errno(n).is_none() {
            ret = format!("-1 (errno {n})");
        }
    }
    format!("{:<40}= {ret}", format!("{} ", &s[..=i]))
}

fn mask(sigs: &[i32]) -> u64 {
    sigs.iter().fold(0u64, |m, s| m | 1 << (s - 1))
}

#[test]
fn names() {
    let n = |s| {
        let mut o = String::new();
        print_signame(&mut o, s);
        o
    };
    assert_eq!(n(2), "SIGINT");
    assert_eq!(n(31), "SIGSYS");
    assert_eq!(n(32), "SIGRTMIN");
    assert_eq!(n(34), "SIGRT_2");
    assert_eq!(n(64), "SIGRT_32");
    assert_eq!(n(65), "65");
    assert_eq!(n(0), "0");
    assert_eq!(n(-1), "-1");
}

#[test]
fn sigsets() {
    let s = |m: u64, len: usize| {
        let mut o = String::new();
        print_sigset_bits(&mut o, &m.to_le_bytes()[..len]);
        o
    };
    assert_eq!(s(0, 8), "[]");
    assert_eq!(s(mask(&[17]), 8), "[CHLD]");
    assert_eq!(s(mask(&[2, 15, 32, 33]), 8), "[INT TERM RTMIN RT_1]");
    assert_eq!(s(!mask(&[32, 33]), 8), "~[RTMIN RT_1]");
    assert_eq!(s(!0, 8), "~[]");
    assert_eq!(s(!mask(&[9, 19]), 4), "~[KILL STOP]");
}

#[test]
fn rt_sigaction_lines() {
    let mut act = Vec::new();
    act.extend_from_slice(&0x5555_5555_1234u64.to_le_bytes());
    act.extend_from_slice(&0x1400_0000u64.to_le_bytes());
    act.extend_from_slice(&0x7f00_0000_1000u64.to_le_bytes());
    act.extend_from_slice(&0u64.to_le_bytes());
    let mem = RecordedMemory::new().with(0x1000, act);
    assert_eq!(
        render_named(X, "rt_sigaction", [2, 0x1000, 0, 8, 0, 0], Some(0), &mem),
        expect(
            "rt_sigaction(SIGINT, {sa_handler=0x555555551234, sa_mask=[], \
         sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f0000001000}, NULL, 8) = 0"
        )
    );
    let mut old = vec![0u8; 32];
    old[0] = 1;
    old[24..32].copy_from_slice(&mask(&[10]).to_le_bytes());
    let mem = RecordedMemory::new().with(0x2000, old);
    assert_eq!(
        render_named(X, "rt_sigaction", [10, 0, 0x2000, 8, 0, 0], Some(0), &mem),
        expect(
            "rt_sigaction(SIGUSR1, NULL, {sa_handler=SIG_IGN, sa_mask=[USR1], sa_flags=0}, 8) = 0"
        )
    );
    // A failed call leaves the old action unwritten: only its address.
    assert_eq!(
        render_named(X, "rt_sigaction", [9, 0, 0x2000, 8, 0, 0], Some(-22), &mem),
        expect("rt_sigaction(SIGKILL, NULL, 0x2000, 8) = -1 EINVAL (Invalid argument)")
    );
}

#[test]
fn rt_sigaction_i386() {
    let mut act = Vec::new();
    act.extend_from_slice(&0x0804_9000u32.to_le_bytes());
    act.extend_from_slice(&0x0400_0000u32.to_le_bytes());
    act.extend_from_slice(&0xf7f0_0000u32.to_le_bytes());
    act.extend_from_slice(&mask(&[2, 34]).to_le_bytes());
    let mem = RecordedMemory::new().with(0x1000, act);
    assert_eq!(
        render_named(
            Arch::I386,
            "rt_sigaction",
            [14, 0x1000, 0, 8, 0, 0],
            Some(0),
            &mem
        ),
        expect(
            "rt_sigaction(SIGALRM, {sa_handler=0x8049000, sa_mask=[INT RT_2], \
         sa_flags=SA_RESTORER, sa_restorer=0xf7f00000}, NULL, 8) = 0"
        )
    );
}

#[test]
fn rt_sigaction_riscv_has_no_restorer() {
    let mut act = Vec::new();
    act.extend_from_slice(&0x1_0000u64.to_le_bytes());
    act.extend_from_slice(&0x1400_0004u64.to_le_bytes());
    act.extend_from_slice(&mask(&[15]).to_le_bytes());
    let mem = RecordedMemory::new().with(0x1000, act);
    assert_eq!(
        render_named(
            Arch::Riscv64,
            "rt_sigaction",
            [17, 0x1000, 0, 8, 0, 0],
            Some(0),
            &mem
        ),
        expect(
            "rt_sigaction(SIGCHLD, {sa_handler=0x10000, sa_mask=[TERM], \
             sa_flags=SA_RESTART|SA_SIGINFO|0x4000000}, NULL, 8) = 0"
        )
    );
}

#[test]
fn rt_sigprocmask_lines() {
    let mem = RecordedMemory::new()
        .with(0x1000, mask(&[17]).to_le_bytes().to_vec())
        .with(0x2000, 0u64.to_le_bytes().to_vec())
        .with(0x3000, (!mask(&[32, 33])).to_le_bytes().to_vec());
    assert_eq!(
        render_named(
            X,
            "rt_sigprocmask",
            [0, 0x1000, 0x2000, 8, 0, 0],
            Some(0),
            &mem
        ),
        expect("rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0")
    );
    assert_eq!(
        render_named(X, "rt_sigprocmask", [2, 0x3000, 0, 8, 0, 0], Some(0), &mem),
        expect("rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], NULL, 8) = 0")
    );
    assert_eq!(
        render_named(
            X,
            "rt_sigprocmask",
            [7, 0x1000, 0x2000, 3, 0, 0],
            Some(-22),
            &mem
        ),
        expect(
            "rt_sigprocmask(0x7 /* SIG_??? */, 0x1000, 0x2000, 3) = -1 EINVAL (Invalid argument)"
        )
    );
}

#[test]
fn kill_and_friends() {
    let mem = RecordedMemory::new();
    assert_eq!(
        render_named(X, "kill", [1234, 15, 0, 0, 0, 0], Some(0), &mem),
        expect("kill(1234, SIGTERM) = 0")
    );
    assert_eq!(
        render_named(X, "kill", [(-1i64) as u64, 0, 0, 0, 0, 0], Some(-1), &mem),
        expect("kill(-1, 0) = -1 EPERM (Operation not permitted)")
    );
    assert_eq!(
        render_named(X, "tgkill", [5, 6, 6, 0, 0, 0], Some(0), &mem),
        expect("tgkill(5, 6, SIGABRT) = 0")
    );
    assert_eq!(
        render_named(X, "tkill", [5, 40, 0, 0, 0, 0], Some(0), &mem),
        expect("tkill(5, SIGRT_8) = 0")
    );
    assert_eq!(
        render_named(X, "pause", [0; 6], Some(-514), &mem),
        expect("pause() = ? ERESTARTNOHAND (To be restarted if no handler)")
    );
    assert_eq!(
        render_named(X, "alarm", [5, 0, 0, 0, 0, 0], Some(0), &mem),
        expect("alarm(5) = 0")
    );
}

#[test]
fn sigaltstack_lines() {
    let mut ss = Vec::new();
    ss.extend_from_slice(&0x5555_0000u64.to_le_bytes());
    ss.extend_from_slice(&0u64.to_le_bytes());
    ss.extend_from_slice(&8192u64.to_le_bytes());
    let mut old = vec![0u8; 24];
    old[8] = 2;
    let mem = RecordedMemory::new().with(0x1000, ss).with(0x2000, old);
    assert_eq!(
        render_named(
            X,
            "sigaltstack",
            [0x1000, 0x2000, 0, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect(
            "sigaltstack({ss_sp=0x55550000, ss_flags=0, ss_size=8192}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0"
        )
    );
    let mut ss32 = Vec::new();
    ss32.extend_from_slice(&0x0900_0000u32.to_le_bytes());
    ss32.extend_from_slice(&1u32.to_le_bytes());
    ss32.extend_from_slice(&4096u32.to_le_bytes());
    let mem = RecordedMemory::new().with(0x1000, ss32);
    assert_eq!(
        render_named(
            Arch::I386,
            "sigaltstack",
            [0, 0x1000, 0, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect("sigaltstack(NULL, {ss_sp=0x9000000, ss_flags=SS_ONSTACK, ss_size=4096}) = 0")
    );
}

fn siginfo64(signo: i32, code: i32, fields: &[(usize, u64, usize)]) -> [u8; 128] {
    let mut b = [0u8; 128];
    b[0..4].copy_from_slice(&signo.to_le_bytes());
    b[8..12].copy_from_slice(&code.to_le_bytes());
    for &(off, v, size) in fields {
        b[off..off + size].copy_from_slice(&v.to_le_bytes()[..size]);
    }
    b
}

fn event(b: &[u8; 128]) -> String {
    let mut o = String::new();
    print_siginfo_event(&mut o, X, b);
    o
}

#[test]
fn signal_events() {
    let chld = siginfo64(
        17,
        1,
        &[
            (16, 1234, 4),
            (20, 0, 4),
            (24, 0, 4),
            (32, 0, 8),
            (40, 3, 8),
        ],
    );
    assert_eq!(
        event(&chld),
        "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1234, si_uid=0, si_status=0, \
         si_utime=0, si_stime=3 /* 0.03 s */}"
    );
    let killed = siginfo64(
        17,
        2,
        &[(16, 7, 4), (20, 1000, 4), (24, 9, 4), (32, 150, 8)],
    );
    assert_eq!(
        event(&killed),
        "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=7, si_uid=1000, si_status=SIGKILL, \
         si_utime=150 /* 1.50 s */, si_stime=0}"
    );
    let segv = siginfo64(11, 1, &[]);
    assert_eq!(
        event(&segv),
        "SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}"
    );
    let segv = siginfo64(11, 2, &[(16, 0x5555_0000, 8)]);
    assert_eq!(
        event(&segv),
        "SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x55550000}"
    );
    let usr = siginfo64(10, 0, &[(16, 42, 4), (20, 0, 4)]);
    assert_eq!(
        event(&usr),
        "SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=42, si_uid=0}"
    );
    let tk = siginfo64(6, -6, &[(16, 42, 4), (20, 1000, 4)]);
    assert_eq!(
        event(&tk),
        "SIGABRT {si_signo=SIGABRT, si_code=SI_TKILL, si_pid=42, si_uid=1000}"
    );
    let q = siginfo64(34, -1, &[(16, 42, 4), (20, 0, 4), (24, 7, 8)]);
    assert_eq!(
        event(&q),
        "SIGRT_2 {si_signo=SIGRT_2, si_code=SI_QUEUE, si_pid=42, si_uid=0, si_int=7, si_ptr=0x7}"
    );
    let t = siginfo64(14, -2, &[(16, 0, 4), (20, 0, 4), (24, 0, 8)]);
    assert_eq!(
        event(&t),
        "SIGALRM {si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0, si_overrun=0, si_int=0, si_ptr=NULL}"
    );
    let k = siginfo64(11, 0x80, &[]);
    assert_eq!(
        event(&k),
        "SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL}"
    );
    let unknown = siginfo64(11, 77, &[]);
    assert_eq!(
        event(&unknown),
        "SIGSEGV {si_signo=SIGSEGV, si_code=0x4d, si_addr=NULL}"
    );
    let sys = siginfo64(
        31,
        1,
        &[(16, 0x40_1000, 8), (24, 39, 4), (28, 0xc000_003e, 4)],
    );
    assert_eq!(
        event(&sys),
        "SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x401000, si_syscall=__NR_getpid, \
         si_arch=AUDIT_ARCH_X86_64}"
    );
    let pipe = siginfo64(13, 0, &[(16, 9, 4)]);
    assert_eq!(
        event(&pipe),
        "SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=9, si_uid=0}"
    );
}

#[test]
fn rt_sigqueueinfo_i386_layout() {
    // i386: the union starts at 12 and sigval is 4 bytes.
    let mut b = vec![0u8; 128];
    b[0..4].copy_from_slice(&10i32.to_le_bytes());
    b[8..12].copy_from_slice(&(-1i32).to_le_bytes());
    b[12..16].copy_from_slice(&77i32.to_le_bytes());
    b[16..20].copy_from_slice(&1000u32.to_le_bytes());
    b[20..24].copy_from_slice(&0xdead_beefu32.to_le_bytes());
    let mem = RecordedMemory::new().with(0x1000, b);
    assert_eq!(
        render_named(
            Arch::I386,
            "rt_sigqueueinfo",
            [77, 10, 0x1000, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect(
            "rt_sigqueueinfo(77, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=77, si_uid=1000, \
         si_int=-559038737, si_ptr=0xdeadbeef}) = 0"
        )
    );
}

#[test]
fn rt_sigtimedwait_and_suspend() {
    let info = siginfo64(10, 0, &[(16, 5, 4)]);
    let mem = RecordedMemory::new()
        .with(0x1000, mask(&[10]).to_le_bytes().to_vec())
        .with(0x2000, info.to_vec());
    assert_eq!(
        render_named(
            X,
            "rt_sigtimedwait",
            [0x1000, 0x2000, 0, 8, 0, 0],
            Some(10),
            &mem
        ),
        expect(
            "rt_sigtimedwait([USR1], {si_signo=SIGUSR1, si_code=SI_USER, si_pid=5, si_uid=0}, NULL, 8) = 10 (SIGUSR1)"
        )
    );
    assert_eq!(
        render_named(X, "rt_sigsuspend", [0x1000, 8, 0, 0, 0, 0], Some(-4), &mem),
        expect("rt_sigsuspend([USR1], 8) = -1 EINTR (Interrupted system call)")
    );
    assert_eq!(
        render_named(X, "rt_sigpending", [0x1000, 8, 0, 0, 0, 0], Some(0), &mem),
        expect("rt_sigpending([USR1], 8) = 0")
    );
    assert_eq!(
        render_named(X, "rt_sigreturn", [0; 6], Some(0), &mem),
        expect("rt_sigreturn({mask=[]}) = 0")
    );
}

#[test]
fn sigreturn_masks_from_the_stack() {
    let mut frame = vec![0u8; 400];
    frame[296..304].copy_from_slice(&mask(&[10, 12]).to_le_bytes());
    let mut mem = RecordedMemory::new().with(0x7000, frame);
    mem.sp = 0x7000;
    assert_eq!(
        render_named(X, "rt_sigreturn", [0; 6], Some(0), &mem),
        expect("rt_sigreturn({mask=[USR1 USR2]}) = 0")
    );
    mem.sp = 0x10_0000;
    assert_eq!(
        render_named(X, "rt_sigreturn", [0; 6], Some(0), &mem),
        expect("rt_sigreturn({mask=0x100128}) = 0")
    );
    let mut frame32 = vec![0u8; 716];
    frame32[80..84].copy_from_slice(&(1u32 << 1).to_le_bytes());
    frame32[712..716].copy_from_slice(&(1u32 << 1).to_le_bytes());
    let mut mem = RecordedMemory::new().with(0x9000, frame32);
    mem.sp = 0x9000;
    assert_eq!(
        render_named(Arch::I386, "sigreturn", [0; 6], Some(0), &mem),
        expect("sigreturn({mask=[INT RT_2]}) = 0")
    );
    mem.sp = 0x9100;
    assert_eq!(
        render_named(Arch::I386, "sigreturn", [0; 6], Some(0), &mem),
        expect("sigreturn(0x9100) = 0")
    );
}

#[test]
fn generic_rt_sigframe_at_sp() {
    // aarch64 and riscv64: siginfo, then ucontext with the mask after 40 bytes.
    let mut frame = vec![0u8; 200];
    frame[168..176].copy_from_slice(&mask(&[17]).to_le_bytes());
    let mut mem = RecordedMemory::new().with(0x8000, frame);
    mem.sp = 0x8000;
    for arch in [Arch::Aarch64, Arch::Riscv64] {
        assert_eq!(
            render_named(arch, "rt_sigreturn", [0; 6], Some(0), &mem),
            expect("rt_sigreturn({mask=[CHLD]}) = 0")
        );
    }
}

#[test]
fn rt_sigreturn_mask_from_intact_registers() {
    let mut uc = vec![0u8; 304];
    uc[296..304].copy_from_slice(&mask(&[1, 2, 14]).to_le_bytes());
    let mem = RecordedMemory::new().with(0x7000, uc);
    assert_eq!(
        render_named(
            X,
            "rt_sigreturn",
            [0, 0x7000 + 304, 0x7000, 0, 0, 0],
            Some(-4),
            &mem
        ),
        expect("rt_sigreturn({mask=[HUP INT ALRM]}) = -1 EINTR (Interrupted system call)")
    );
    // Clobbered registers: the common empty mask.
    assert_eq!(
        render_named(X, "rt_sigreturn", [0, 5, 0x7000, 0, 0, 0], Some(0), &mem),
        expect("rt_sigreturn({mask=[]}) = 0")
    );
    let mut uc32 = vec![0u8; 116];
    uc32[108..116].copy_from_slice(&mask(&[17]).to_le_bytes());
    let mem = RecordedMemory::new().with(0x9000, uc32);
    assert_eq!(
        render_named(
            Arch::I386,
            "rt_sigreturn",
            [0, 0x9000, 0x9000 - 128, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect("rt_sigreturn({mask=[CHLD]}) = 0")
    );
}

#[test]
fn restart_syscall_names_the_sleep() {
    let mem = RecordedMemory::new();
    assert_eq!(
        render_named(
            X,
            "restart_syscall",
            [0, 0, 0x7ffd_0000, 0x7ffd_0010, 0, 0],
            Some(0),
            &mem
        ),
        expect("restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0")
    );
    assert_eq!(
        render_named(X, "restart_syscall", [0, 0, 500, 0, 0, 0], Some(0), &mem),
        expect("restart_syscall(<... resuming interrupted poll ...>) = 0")
    );
    assert_eq!(
        render_named(
            Arch::Aarch64,
            "restart_syscall",
            [0x5000, 7, 0, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect("restart_syscall(<... resuming interrupted system call ...>) = 0")
    );
}

#[test]
fn signalfd_lines() {
    let mem = RecordedMemory::new().with(0x1000, mask(&[2, 3]).to_le_bytes().to_vec());
    assert_eq!(
        render_named(
            X,
            "signalfd4",
            [(-1i64) as u64, 0x1000, 8, 0o2004000, 0, 0],
            Some(3),
            &mem
        ),
        expect("signalfd4(-1, [INT QUIT], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 3")
    );
    assert_eq!(
        render_named(X, "signalfd", [3, 0x1000, 8, 0, 0, 0], Some(3), &mem),
        expect("signalfd(3, [INT QUIT], 8) = 3")
    );
}

/// Every row of this group, on every arch that has the call, with hostile registers,
/// memory, stack pointer and results: decoding must never panic.
#[test]
fn every_row_survives_garbage() {
    let rows = include_str!("../../../syscall-tables/signatures/signal_time.tsv");
    let mut mem = RecordedMemory::new()
        .with(0x1000, vec![0xff; 4096])
        .with(0x3000, vec![0; 4096]);
    let values = [0, 8, 0x1000, 0x1ff8, 0x3000, 0x3ff0, u64::MAX, 1 << 31];
    for name in rows
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
    {
        for arch in Arch::ALL {
            if arch.syscall_number(name).is_none() {
                continue;
            }
            for (i, &v) in values.iter().enumerate() {
                mem.sp = v;
                let args = [v, values[(i + 1) % 8], values[(i + 2) % 8], v, 0x1000, v];
                for ret in [None, Some(0), Some(-516), Some(-14), Some(v as i64)] {
                    let _ = render_named(arch, name, args, ret, &mem);
                }
            }
        }
    }
}

#[test]
fn never_panics_on_garbage() {
    let mem = RecordedMemory::new().with(0x1000, vec![0xff; 200]);
    for name in [
        "rt_sigaction",
        "rt_sigprocmask",
        "rt_sigtimedwait",
        "sigaltstack",
        "rt_sigqueueinfo",
    ] {
        for args in [[0x1000u64; 6], [u64::MAX; 6], [0; 6]] {
            let _ = render_named(X, name, args, Some(0), &mem);
            let _ = render_named(Arch::I386, name, args, Some(-4), &mem);
        }
    }
    let mut o = String::new();
    print_siginfo_event(&mut o, X, &[0xff; 128]);
}
