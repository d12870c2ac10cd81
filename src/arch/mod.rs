//! Pure per-architecture ABI facts: which syscall numbering a stop uses, how wide its
//! words are, and how its registers map to arguments. No libc register types here, so
//! every architecture can be decoded and tested on any host.

pub mod regs;

use serde::{Deserialize, Serialize};

/// A syscall personality, as reported by PTRACE_GET_SYSCALL_INFO's `arch` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arch {
    X86_64,
    I386,
    X32,
    Aarch64,
    Riscv64,
    Arm,
}

// AUDIT_ARCH_* values from <linux/audit.h>.
const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
const AUDIT_ARCH_I386: u32 = 0x4000_0003;
const AUDIT_ARCH_AARCH64: u32 = 0xc000_00b7;
const AUDIT_ARCH_RISCV64: u32 = 0xc000_00f3;
const AUDIT_ARCH_ARM: u32 = 0x4000_0028;

/// x32 syscalls are x86_64 syscalls with this bit set in the number.
pub const X32_SYSCALL_BIT: u64 = 0x4000_0000;

impl Arch {
    pub const ALL: [Arch; 6] = [
        Arch::X86_64,
        Arch::I386,
        Arch::X32,
        Arch::Aarch64,
        Arch::Riscv64,
        Arch::Arm,
    ];

    /// The personality of a stop, from its audit arch and (for x32) its number.
    pub fn from_audit(audit: u32, nr: u64) -> Option<Arch> {
        match audit {
            AUDIT_ARCH_X86_64 if nr & X32_SYSCALL_BIT != 0 && nr != u64::MAX => Some(Arch::X32),
            AUDIT_ARCH_X86_64 => Some(Arch::X86_64),
            AUDIT_ARCH_I386 => Some(Arch::I386),
            AUDIT_ARCH_AARCH64 => Some(Arch::Aarch64),
            AUDIT_ARCH_RISCV64 => Some(Arch::Riscv64),
            AUDIT_ARCH_ARM => Some(Arch::Arm),
            _ => None,
        }
    }

    pub fn audit(self) -> u32 {
        match self {
            Arch::X86_64 | Arch::X32 => AUDIT_ARCH_X86_64,
            Arch::I386 => AUDIT_ARCH_I386,
            Arch::Aarch64 => AUDIT_ARCH_AARCH64,
            Arch::Riscv64 => AUDIT_ARCH_RISCV64,
            Arch::Arm => AUDIT_ARCH_ARM,
        }
    }

    /// The name used in `syscall-tables/` files.
    pub fn name(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::I386 => "i386",
            Arch::X32 => "x32",
            Arch::Aarch64 => "aarch64",
            Arch::Riscv64 => "riscv64",
            Arch::Arm => "arm",
        }
    }

    pub fn from_name(name: &str) -> Option<Arch> {
        Arch::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Size in bytes of `long` and pointers in the tracee.
    pub fn word_bytes(self) -> usize {
        match self {
            Arch::X86_64 | Arch::Aarch64 | Arch::Riscv64 => 8,
            Arch::I386 | Arch::X32 | Arch::Arm => 4,
        }
    }

    /// Truncates a register value to the tracee's `unsigned long`.
    pub fn ulong(self, v: u64) -> u64 {
        if self.word_bytes() == 4 {
            v & 0xffff_ffff
        } else {
            v
        }
    }

    /// Sign-extends a register value as the tracee's `long`.
    pub fn long(self, v: u64) -> i64 {
        if self.word_bytes() == 4 {
            v as u32 as i32 as i64
        } else {
            v as i64
        }
    }

    /// Name of syscall `nr` in this personality, if the kernel knows one.
    pub fn syscall_name(self, nr: u64) -> Option<&'static str> {
        let nr = usize::try_from(nr).ok()?;
        // The crate spells keywords as raw identifiers (`r#break`).
        let name = match self {
            Arch::X86_64 => syscalls::x86_64::Sysno::new(nr).map(|s| s.name()),
            Arch::X32 => {
                syscalls::x86_64::Sysno::new(nr & !(X32_SYSCALL_BIT as usize)).map(|s| s.name())
            }
            Arch::I386 => syscalls::x86::Sysno::new(nr).map(|s| s.name()),
            Arch::Aarch64 => syscalls::aarch64::Sysno::new(nr).map(|s| s.name()),
            Arch::Riscv64 => syscalls::riscv64::Sysno::new(nr).map(|s| s.name()),
            Arch::Arm => syscalls::arm::Sysno::new(nr).map(|s| s.name()),
        };
        match name {
            Some(name) => Some(self.printed_name(name)),
            None => self.extra_syscall_name(nr as u64),
        }
    }

    /// Name of `nr` among the calls the crate does not number
    /// (`syscall-tables/numbers.tsv`: arm's private calls such as set_tls).
    pub fn extra_syscall_name(self, nr: u64) -> Option<&'static str> {
        extra_numbers()
            .find(|&(a, _, n)| a == self.name() && n == nr)
            .map(|(_, name, _)| name)
    }

    /// The (number, name) pairs of `syscall-tables/numbers.tsv` for this personality.
    pub fn extra_syscalls(self) -> Vec<(u64, &'static str)> {
        extra_numbers()
            .filter(|&(a, _, _)| a == self.name())
            .map(|(_, name, nr)| (nr, name))
            .collect()
    }

    /// The name strace prints for the crate's `name` (`r#break` -> `break`, aarch64's
    /// `fstatat` -> `newfstatat`; see `syscall-tables/names.tsv`).
    fn printed_name(self, name: &'static str) -> &'static str {
        let name = name.strip_prefix("r#").unwrap_or(name);
        renames()
            .find(|&(a, from, _)| a == self.name() && from == name)
            .map_or(name, |(_, _, to)| to)
    }

    /// Number of syscall `name` in this personality: `syscall-tables/numbers.tsv` first
    /// (x32's own numbers for some calls), then the crate.
    pub fn syscall_number(self, name: &str) -> Option<u64> {
        if let Some((_, _, nr)) = extra_numbers().find(|&(a, n, _)| a == self.name() && n == name) {
            return Some(nr);
        }
        let name = renames()
            .find(|&(a, _, to)| a == self.name() && to == name)
            .map_or(name, |(_, from, _)| from);
        fn find<T: std::str::FromStr>(name: &str, id: impl Fn(T) -> i32) -> Option<u64> {
            name.parse::<T>()
                .or_else(|_| format!("r#{name}").parse::<T>())
                .ok()
                .map(|s| id(s) as u64)
        }
        match self {
            Arch::X86_64 => find(name, |s: syscalls::x86_64::Sysno| s.id()),
            Arch::X32 => {
                find(name, |s: syscalls::x86_64::Sysno| s.id()).map(|n| n | X32_SYSCALL_BIT)
            }
            Arch::I386 => find(name, |s: syscalls::x86::Sysno| s.id()),
            Arch::Aarch64 => find(name, |s: syscalls::aarch64::Sysno| s.id()),
            Arch::Riscv64 => find(name, |s: syscalls::riscv64::Sysno| s.id()),
            Arch::Arm => find(name, |s: syscalls::arm::Sysno| s.id()),
        }
    }

    /// Every (number, name) pair the `syscalls` crate numbers for this personality, in
    /// number order (not the few of [`Arch::extra_syscalls`]).
    pub fn syscalls(self) -> Vec<(u64, &'static str)> {
        let mut all = self.crate_syscalls();
        for (_, name) in all.iter_mut() {
            *name = self.printed_name(name);
        }
        all
    }

    fn crate_syscalls(self) -> Vec<(u64, &'static str)> {
        fn all<T>(
            it: impl Iterator<Item = T>,
            f: impl Fn(&T) -> (u64, &'static str),
        ) -> Vec<(u64, &'static str)> {
            it.map(|s| f(&s)).collect()
        }
        match self {
            Arch::X86_64 => all(syscalls::x86_64::Sysno::iter(), |s| {
                (s.id() as u64, s.name())
            }),
            Arch::X32 => all(syscalls::x86_64::Sysno::iter(), |s| {
                (s.id() as u64 | X32_SYSCALL_BIT, s.name())
            }),
            Arch::I386 => all(syscalls::x86::Sysno::iter(), |s| (s.id() as u64, s.name())),
            Arch::Aarch64 => all(syscalls::aarch64::Sysno::iter(), |s| {
                (s.id() as u64, s.name())
            }),
            Arch::Riscv64 => all(syscalls::riscv64::Sysno::iter(), |s| {
                (s.id() as u64, s.name())
            }),
            Arch::Arm => all(syscalls::arm::Sysno::iter(), |s| (s.id() as u64, s.name())),
        }
    }

    /// The architecture this binary runs on, for tables indexed before the first stop.
    pub fn native() -> Arch {
        #[cfg(target_arch = "x86_64")]
        return Arch::X86_64;
        #[cfg(target_arch = "aarch64")]
        return Arch::Aarch64;
        #[cfg(target_arch = "riscv64")]
        return Arch::Riscv64;
        #[cfg(target_arch = "arm")]
        return Arch::Arm;
        #[cfg(target_arch = "x86")]
        return Arch::I386;
    }
}

/// (arch, crate name, printed name) rows of `syscall-tables/names.tsv`.
fn renames() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    include_str!("../../syscall-tables/names.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some((c.next()?, c.next()?, c.next()?))
        })
}

/// (arch, name, number) rows of `syscall-tables/numbers.tsv`.
fn extra_numbers() -> impl Iterator<Item = (&'static str, &'static str, u64)> {
    include_str!("../../syscall-tables/numbers.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut c = l.split('\t');
            let (arch, name, nr) = (c.next()?, c.next()?, c.next()?);
            let nr = match nr.strip_prefix("0x") {
                Some(h) => u64::from_str_radix(h, 16).ok()?,
                None => nr.parse().ok()?,
            };
            Some((arch, name, nr))
        })
}

/// Whether `nr` is execve or execveat on `arch` (where the startup child's log begins).
pub fn is_execve(arch: Arch, nr: u64) -> bool {
    matches!(arch.syscall_name(nr), Some("execve") | Some("execveat"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_round_trip() {
        for a in Arch::ALL {
            let nr = if a == Arch::X32 { X32_SYSCALL_BIT } else { 0 };
            assert_eq!(Arch::from_audit(a.audit(), nr), Some(a));
        }
    }

    #[test]
    fn names_and_numbers() {
        assert_eq!(Arch::X86_64.syscall_name(0), Some("read"));
        assert_eq!(Arch::I386.syscall_name(3), Some("read"));
        assert_eq!(Arch::I386.syscall_name(192), Some("mmap2"));
        assert_eq!(Arch::Aarch64.syscall_name(63), Some("read"));
        assert_eq!(Arch::X86_64.syscall_name(0x1ff), None);
        assert_eq!(Arch::X86_64.syscall_name(u64::MAX), None);
        assert_eq!(Arch::Arm.syscall_number("read"), Some(3));
        // Printed as strace and the uapi headers name them.
        assert_eq!(Arch::Aarch64.syscall_name(79), Some("newfstatat"));
        assert_eq!(Arch::Aarch64.syscall_number("newfstatat"), Some(79));
        assert_eq!(Arch::Arm.syscall_name(270), Some("fadvise64_64"));
        assert_eq!(Arch::I386.syscall_name(17), Some("break"));
        assert_eq!(Arch::I386.syscall_number("break"), Some(17));
        // arm's private calls, which the crate does not number.
        assert_eq!(Arch::Arm.syscall_name(0xf0005), Some("set_tls"));
        assert_eq!(Arch::Arm.syscall_number("cacheflush"), Some(0xf0002));
        assert_eq!(Arch::Arm.extra_syscalls().len(), 6);
        assert_eq!(Arch::Aarch64.syscall_name(0xf0005), None);
        assert_eq!(Arch::Arm.syscall_name(0xf0000), None);
        // x32's own numbers.
        assert_eq!(Arch::X32.syscall_number("rt_sigaction"), Some(0x4000_0200));
        assert_eq!(Arch::X32.syscall_name(0x4000_0200), Some("rt_sigaction"));
        assert_eq!(Arch::X32.syscall_number("read"), Some(0x4000_0000));
    }
}
