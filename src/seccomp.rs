//! The seccomp-bpf program that lets a filtered trace skip untraced syscalls: the
//! traced program runs it at every syscall, and only the syscalls of `-e trace=` stop
//! it (SECCOMP_RET_TRACE); all others run at full speed (SECCOMP_RET_ALLOW). Pure code:
//! it builds the instructions; `sys::install_seccomp` loads them in the child.
//!
//! The program must never change what the traced program can do: it only ever
//! returns ALLOW or TRACE, and a personality it does not know is traced, not denied.

use crate::arch::{Arch, X32_SYSCALL_BIT};
use crate::filter::SyscallFilter;

/// One `struct sock_filter`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Insn {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}

// <linux/bpf_common.h>, <linux/filter.h>, <linux/seccomp.h>.
const LD_W_ABS: u16 = 0x20;
const JMP_JA: u16 = 0x05;
const JMP_JEQ_K: u16 = 0x15;
const JMP_JGE_K: u16 = 0x35;
const JMP_JSET_K: u16 = 0x45;
const RET_K: u16 = 0x06;
pub const SECCOMP_RET_ALLOW: u32 = 0x7fff_0000;
pub const SECCOMP_RET_TRACE: u32 = 0x7ff0_0000;
/// `struct seccomp_data`: nr, then arch.
const OFFSET_NR: u32 = 0;
const OFFSET_ARCH: u32 = 4;
/// Syscalls that stop the program whatever the filter says.
const ALWAYS_STOP: [&str; 2] = ["execve", "execveat"];
/// The kernel's limit on a filter's length (BPF_MAXINSNS).
pub const MAX_INSNS: usize = 4096;

fn stmt(code: u16, k: u32) -> Insn {
    Insn {
        code,
        jt: 0,
        jf: 0,
        k,
    }
}

fn jump(code: u16, k: u32, jt: u8, jf: u8) -> Insn {
    Insn { code, jt, jf, k }
}

/// The personalities a program started on this machine can switch to: the native
/// one and its compat modes.
pub fn personalities(native: Arch) -> &'static [Arch] {
    match native {
        Arch::X86_64 | Arch::X32 => &[Arch::X86_64, Arch::X32, Arch::I386],
        Arch::Aarch64 | Arch::Arm => &[Arch::Aarch64, Arch::Arm],
        Arch::I386 => &[Arch::I386],
        Arch::Riscv64 => &[Arch::Riscv64],
    }
}

/// Half-open ranges `[lo, hi)` of traced syscall numbers of `arch` (x32 numbers with
/// their bit), `hi == None` meaning "and every number above".
fn ranges(filter: &SyscallFilter, arch: Arch) -> Vec<(u32, Option<u32>)> {
    let (base, end) = if arch == Arch::X32 {
        (X32_SYSCALL_BIT as u32, u32::MAX)
    } else if arch == Arch::X86_64 {
        // x86_64 numbers with the x32 bit belong to the x32 block.
        (0, X32_SYSCALL_BIT as u32)
    } else {
        (0, u32::MAX)
    };
    let mut bits = filter.bits(arch).to_vec();
    // Numbers past the crate's table that the filter names: near ones (x32's own, at
    // 512+) join the bitset, far ones get ranges of their own below. Unnamed numbers
    // there stay as the filter says of unknown ones.
    let mut far: Vec<u32> = Vec::new();
    for (nr, shown) in filter.extra_flags(arch) {
        let i = (nr & !X32_SYSCALL_BIT) as usize;
        if i < 4096 {
            if i >= bits.len() {
                bits.resize(i + 1, filter.traces_unknown());
            }
            bits[i] = shown;
        } else if let Ok(nr) = u32::try_from(nr)
            && shown
        {
            // Under an inverted set the open range past the table covers it anyway
            // (with the unnamed far ones: traced, then not shown).
            far.push(nr);
        }
    }
    // execs always stop: a new program may run in another personality, which
    // trace notes as strace does (the Filtered sink still hides the calls).
    for name in ALWAYS_STOP {
        if let Some(nr) = arch.syscall_number(name) {
            let i = (nr & !X32_SYSCALL_BIT) as usize;
            if i >= bits.len() {
                // Past the table: what the filter says of unknown numbers.
                bits.resize(i + 1, filter.traces_unknown());
            }
            bits[i] = true;
        }
    }
    let mut out: Vec<(u32, Option<u32>)> = Vec::new();
    let mut start: Option<u32> = None;
    for (i, &on) in bits.iter().enumerate() {
        let nr = base + i as u32;
        match (on, start) {
            (true, None) => start = Some(nr),
            (false, Some(s)) => {
                out.push((s, Some(nr)));
                start = None;
            }
            _ => {}
        }
    }
    let past = base + bits.len() as u32;
    let open_end = if arch == Arch::X86_64 {
        Some(end)
    } else {
        None
    };
    match (start, filter.traces_unknown()) {
        (Some(s), true) => out.push((s, open_end)),
        (Some(s), false) => out.push((s, Some(past))),
        (None, true) => out.push((past, open_end)),
        (None, false) => {}
    }
    if !filter.traces_unknown() {
        // Far numbers the filter names (arm's private calls at 0xf0000): one range each.
        out.extend(far.into_iter().map(|nr| (nr, Some(nr + 1))));
        out.sort_unstable();
    }
    out
}

/// The block for one personality: `A` holds the syscall number on entry.
fn block(filter: &SyscallFilter, arch: Arch) -> Vec<Insn> {
    let mut v = Vec::new();
    for (lo, hi) in ranges(filter, arch) {
        // nr < lo: not this range (and ranges ascend, but a local skip keeps every
        // jump short).
        match hi {
            Some(hi) => {
                v.push(jump(JMP_JGE_K, lo, 0, 2));
                v.push(jump(JMP_JGE_K, hi, 1, 0));
            }
            None => {
                v.push(jump(JMP_JGE_K, lo, 0, 1));
            }
        }
        v.push(stmt(RET_K, SECCOMP_RET_TRACE));
    }
    v.push(stmt(RET_K, SECCOMP_RET_ALLOW));
    v
}

/// The whole program for a program started on a `native` machine. `None` when it
/// would exceed the kernel's limit (then every syscall stops, as without a filter).
pub fn program(filter: &SyscallFilter, native: Arch) -> Option<Vec<Insn>> {
    let arches = personalities(native);
    // Audit values, each with its block(s); x86_64 and x32 share one audit value.
    let mut blocks: Vec<(u32, Vec<Insn>)> = Vec::new();
    for &arch in arches {
        if arch == Arch::X32 {
            continue;
        }
        let mut b = vec![stmt(LD_W_ABS, OFFSET_NR)];
        if arch == Arch::X86_64 && arches.contains(&Arch::X32) {
            let x64 = block(filter, Arch::X86_64);
            // JSET jumps over the x86_64 block into the x32 one.
            b.push(jump(JMP_JSET_K, X32_SYSCALL_BIT as u32, 0, 1));
            b.push(stmt(JMP_JA, x64.len() as u32));
            b.extend(x64);
            b.extend(block(filter, Arch::X32));
        } else {
            b.extend(block(filter, arch));
        }
        blocks.push((arch.audit(), b));
    }
    // Header: load arch; per audit value `jeq; ja block`; unknown arch: trace.
    let header_len = 1 + 2 * blocks.len() + 1;
    let mut prog = vec![stmt(LD_W_ABS, OFFSET_ARCH)];
    let mut at = header_len; // where the next block starts
    for (i, (audit, b)) in blocks.iter().enumerate() {
        prog.push(jump(JMP_JEQ_K, *audit, 0, 1));
        // The `ja` sits at index 2 + 2i; offsets count from the next instruction.
        let ja_index = 2 + 2 * i;
        prog.push(stmt(JMP_JA, (at - ja_index - 1) as u32));
        at += b.len();
    }
    prog.push(stmt(RET_K, SECCOMP_RET_TRACE));
    for (_, b) in blocks {
        prog.extend(b);
    }
    (prog.len() <= MAX_INSNS).then_some(prog)
}

/// `--seccomp-bpf` / `--no-seccomp-bpf`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Choice {
    /// On where it cannot change what the program can do.
    #[default]
    Auto,
    On,
    Off,
}

/// What to install in a spawned command, decided from the options.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    pub program: Option<Vec<Insn>>,
    /// Set no_new_privs before installing (needed without CAP_SYS_ADMIN).
    pub no_new_privs: bool,
    /// Why an explicit `--seccomp-bpf` is not honoured.
    pub warning: Option<&'static str>,
}

/// Whether and how to filter. The filter stays with the program and its children,
/// and a traced syscall with no tracer fails, so it needs `-f` (every child traced)
/// and a spawned command. Without CAP_SYS_ADMIN the kernel demands no_new_privs,
/// which stops setuid programs from gaining privileges: only on explicit request.
pub fn plan(
    choice: Choice,
    filter: Option<&SyscallFilter>,
    follow_forks: bool,
    spawns: bool,
    cap_sys_admin: bool,
    native: Arch,
) -> Plan {
    let off = |warning| Plan {
        program: None,
        no_new_privs: false,
        warning,
    };
    let explicit = choice == Choice::On;
    let warn = |w| if explicit { Some(w) } else { None };
    if choice == Choice::Off || !spawns {
        return off(None);
    }
    let Some(filter) = filter else {
        return off(warn(
            "Seccomp filter is requested but there are no syscalls to filter.  See -e trace to filter syscalls.",
        ));
    };
    if !follow_forks {
        return off(warn(
            "--seccomp-bpf cannot be used without -f/--follow-forks, disabling",
        ));
    }
    if !cap_sys_admin && !explicit {
        return off(None);
    }
    match program(filter, native) {
        Some(p) => Plan {
            program: Some(p),
            no_new_privs: !cap_sys_admin,
            warning: None,
        },
        None => off(warn("seccomp filter is too long, disabling")),
    }
}

/// Runs `prog` the way the kernel does, for tests: what it returns for (arch, nr).
pub fn run(prog: &[Insn], audit: u32, nr: u32) -> u32 {
    let mut a: u32 = 0;
    let mut pc = 0usize;
    while let Some(i) = prog.get(pc) {
        pc += 1;
        match i.code {
            LD_W_ABS => a = if i.k == OFFSET_NR { nr } else { audit },
            JMP_JA => pc += i.k as usize,
            JMP_JEQ_K => pc += if a == i.k { i.jt } else { i.jf } as usize,
            JMP_JGE_K => pc += if a >= i.k { i.jt } else { i.jf } as usize,
            JMP_JSET_K => pc += if a & i.k != 0 { i.jt } else { i.jf } as usize,
            RET_K => return i.k,
            _ => return 0,
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRACE: u32 = SECCOMP_RET_TRACE;
    const ALLOW: u32 = SECCOMP_RET_ALLOW;

    fn check_every_number(spec: &str) {
        let f = SyscallFilter::parse(spec).unwrap();
        let prog = program(&f, Arch::X86_64).unwrap();
        for &arch in personalities(Arch::X86_64) {
            let base = if arch == Arch::X32 {
                X32_SYSCALL_BIT
            } else {
                0
            };
            for i in 0..1100u64 {
                let nr = base + i;
                let exec = ALWAYS_STOP
                    .iter()
                    .any(|n| arch.syscall_number(n) == Some(nr));
                let want = if f.traced(arch, nr) || exec {
                    TRACE
                } else {
                    ALLOW
                };
                assert_eq!(
                    run(&prog, arch.audit(), nr as u32),
                    want,
                    "{spec} {arch:?} {nr}"
                );
            }
        }
    }

    #[test]
    fn every_number_of_every_personality_agrees_with_the_filter() {
        for spec in [
            "openat",
            "!openat",
            "%file",
            "!%file",
            "%network,%memory",
            "none",
            "/^.*$",
            "read,write,exit_group",
            // x32's own numbers (0x40000200...) are outside the crate's table.
            "rt_sigaction",
            "!rt_sigaction",
            "%signal",
        ] {
            check_every_number(spec);
        }
    }

    #[test]
    fn arm_private_calls_are_traced_by_name() {
        let f = SyscallFilter::parse("set_tls").unwrap();
        let prog = program(&f, Arch::Aarch64).unwrap();
        let arm = Arch::Arm.audit();
        assert_eq!(run(&prog, arm, 0xf0005), TRACE);
        assert_eq!(run(&prog, arm, 0xf0002), ALLOW);
        assert_eq!(run(&prog, arm, 3), ALLOW);
        // An inverted set traces every number it does not name, unknown ones too.
        let f = SyscallFilter::parse("!set_tls").unwrap();
        let prog = program(&f, Arch::Aarch64).unwrap();
        assert_eq!(run(&prog, arm, 0xf0002), TRACE);
        assert_eq!(run(&prog, arm, 3), TRACE);
    }

    #[test]
    fn unknown_personalities_and_numbers_are_traced_only_when_all_are() {
        let f = SyscallFilter::parse("openat").unwrap();
        let prog = program(&f, Arch::X86_64).unwrap();
        assert_eq!(run(&prog, 0x1234, 0), TRACE);
        assert_eq!(run(&prog, Arch::X86_64.audit(), 100_000), ALLOW);
        assert_eq!(run(&prog, Arch::X86_64.audit(), u32::MAX), ALLOW);
        let f = SyscallFilter::parse("!openat").unwrap();
        let prog = program(&f, Arch::X86_64).unwrap();
        assert_eq!(run(&prog, Arch::X86_64.audit(), 100_000), TRACE);
        assert_eq!(run(&prog, Arch::I386.audit(), u32::MAX), TRACE);
        assert_eq!(run(&prog, Arch::X86_64.audit(), 257), ALLOW);
    }

    #[test]
    fn a_short_program_for_one_syscall() {
        let f = SyscallFilter::parse("openat").unwrap();
        let prog = program(&f, Arch::X86_64).unwrap();
        // Header (1 + 2*2 + 1); per personality three ranges (openat, execve,
        // execveat: 3 each) and a ret; x86_64 also ld, jset, ja; i386 its ld.
        assert_eq!(prog.len(), 6 + (3 + 9 + 1) + (9 + 1) + (1 + 9 + 1));
        assert!(prog.len() < MAX_INSNS);
    }

    #[test]
    fn the_filter_is_used_only_where_it_is_safe() {
        let f = SyscallFilter::parse("openat").unwrap();
        let x = Arch::X86_64;
        let auto = plan(Choice::Auto, Some(&f), true, true, true, x);
        assert!(auto.program.is_some() && !auto.no_new_privs && auto.warning.is_none());
        // No -f, no filter, -p only, no capability (auto), or turned off: none.
        assert_eq!(
            plan(Choice::Auto, Some(&f), false, true, true, x).program,
            None
        );
        assert_eq!(plan(Choice::Auto, None, true, true, true, x).program, None);
        assert_eq!(
            plan(Choice::Auto, Some(&f), true, false, true, x).program,
            None
        );
        assert_eq!(
            plan(Choice::Auto, Some(&f), true, true, false, x).program,
            None
        );
        assert_eq!(
            plan(Choice::Off, Some(&f), true, true, true, x).program,
            None
        );
        // Asked for without the capability: with no_new_privs, as strace does.
        let on = plan(Choice::On, Some(&f), true, true, false, x);
        assert!(on.program.is_some() && on.no_new_privs);
        assert_eq!(
            plan(Choice::On, Some(&f), false, true, true, x).warning,
            Some("--seccomp-bpf cannot be used without -f/--follow-forks, disabling")
        );
        assert!(
            plan(Choice::Auto, Some(&f), false, true, true, x)
                .warning
                .is_none()
        );
    }

    #[test]
    fn other_hosts_get_their_compat_personalities() {
        let f = SyscallFilter::parse("openat").unwrap();
        let prog = program(&f, Arch::Aarch64).unwrap();
        let openat = Arch::Aarch64.syscall_number("openat").unwrap() as u32;
        assert_eq!(run(&prog, Arch::Aarch64.audit(), openat), TRACE);
        assert_eq!(run(&prog, Arch::Aarch64.audit(), openat + 1), ALLOW);
        let arm_openat = Arch::Arm.syscall_number("openat").unwrap() as u32;
        assert_eq!(run(&prog, Arch::Arm.audit(), arm_openat), TRACE);
        assert_eq!(run(&prog, Arch::X86_64.audit(), 257), TRACE);
    }
}
