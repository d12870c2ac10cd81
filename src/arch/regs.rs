//! Where each personality keeps a syscall's number, arguments, return value and stack
//! pointer in its general register set (ptrace's NT_PRSTATUS regset, which a tracer
//! gets in the tracee's own layout). The ptrace glue (`sys::regs`) only moves bytes;
//! this pure part is tested on every host. Used where PTRACE_GET_SYSCALL_INFO gives
//! nothing (kernels before 5.3) and to write a return value or syscall number.

use super::Arch;

/// Word indexes into a register set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegLayout {
    /// Bytes per register.
    pub word: usize,
    /// Registers in the set (its size is `word * count`).
    pub count: usize,
    /// The syscall number (x86's orig_rax/orig_eax; arm's r7, aarch64's x8, riscv's a7).
    pub nr: usize,
    pub args: [usize; 6],
    /// The return value (the first argument register on arm, aarch64 and riscv64).
    pub ret: usize,
    pub sp: usize,
}

/// The layout of `arch`'s register set, from the kernel's uapi headers:
/// x86_64 `struct user_regs_struct` (asm/user.h, 27 longs: rdi=14, rsi=13, rdx=12,
/// r10=7, r8=9, r9=8, rax=10, orig_rax=15, rsp=19), i386's (17 ints: ebx..ebp=0..5,
/// eax=6, orig_eax=11, esp=15), aarch64 `struct user_pt_regs` (x0..x30, sp=31, pc,
/// pstate), arm `struct pt_regs` (r0..r15, cpsr, ORIG_r0; EABI number in r7, sp=r13),
/// riscv `struct user_regs_struct` (pc, ra, sp=2, gp, tp, t0-t2, s0, s1, a0..a7=10..17).
pub fn layout(arch: Arch) -> RegLayout {
    match arch {
        Arch::X86_64 | Arch::X32 => RegLayout {
            word: 8,
            count: 27,
            nr: 15,
            args: [14, 13, 12, 7, 9, 8],
            ret: 10,
            sp: 19,
        },
        Arch::I386 => RegLayout {
            word: 4,
            count: 17,
            nr: 11,
            args: [0, 1, 2, 3, 4, 5],
            ret: 6,
            sp: 15,
        },
        Arch::Aarch64 => RegLayout {
            word: 8,
            count: 34,
            nr: 8,
            args: [0, 1, 2, 3, 4, 5],
            ret: 0,
            sp: 31,
        },
        Arch::Arm => RegLayout {
            word: 4,
            count: 18,
            nr: 7,
            args: [0, 1, 2, 3, 4, 5],
            ret: 0,
            sp: 13,
        },
        Arch::Riscv64 => RegLayout {
            word: 8,
            count: 32,
            nr: 17,
            args: [10, 11, 12, 13, 14, 15],
            ret: 10,
            sp: 2,
        },
    }
}

/// The personality of a register set by its size, as the kernel of `native` hands it
/// out (a 64-bit kernel gives a 32-bit tracee its 32-bit set); x32 by its number bit.
pub fn arch_of_regset(native: Arch, bytes: usize) -> Option<Arch> {
    let candidates: &[Arch] = match native {
        Arch::X86_64 | Arch::X32 | Arch::I386 => &[Arch::X86_64, Arch::I386],
        Arch::Aarch64 | Arch::Arm => &[Arch::Aarch64, Arch::Arm],
        Arch::Riscv64 => &[Arch::Riscv64],
    };
    candidates.iter().copied().find(|&a| {
        let l = layout(a);
        l.word * l.count == bytes
    })
}

/// A register set: raw bytes of the tracee's layout, read and written by word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regs {
    pub arch: Arch,
    pub bytes: Vec<u8>,
}

impl Regs {
    /// `None` when `bytes` is not `arch`'s register set.
    pub fn new(arch: Arch, bytes: Vec<u8>) -> Option<Regs> {
        let l = layout(arch);
        (bytes.len() == l.word * l.count).then_some(Regs { arch, bytes })
    }

    fn get(&self, i: usize) -> u64 {
        let w = layout(self.arch).word;
        let mut b = [0u8; 8];
        b[..w].copy_from_slice(&self.bytes[i * w..(i + 1) * w]);
        u64::from_le_bytes(b)
    }

    fn set(&mut self, i: usize, v: u64) {
        let w = layout(self.arch).word;
        self.bytes[i * w..(i + 1) * w].copy_from_slice(&v.to_le_bytes()[..w]);
    }

    /// The personality, with x32 told apart by the number's bit.
    pub fn personality(&self) -> Arch {
        if self.arch == Arch::X86_64
            && self.nr() & super::X32_SYSCALL_BIT != 0
            && self.nr() != u64::MAX
        {
            Arch::X32
        } else {
            self.arch
        }
    }

    pub fn nr(&self) -> u64 {
        let v = self.get(layout(self.arch).nr);
        // orig_eax/orig_rax of -1 means "no syscall": keep it -1 in 64 bits.
        if layout(self.arch).word == 4 {
            self.arch.long(v) as u64
        } else {
            v
        }
    }

    /// The argument registers (at a syscall-entry stop; on arm, aarch64 and riscv64 the
    /// first one is overwritten by the return value at exit).
    pub fn args(&self) -> [u64; 6] {
        layout(self.arch).args.map(|i| self.get(i))
    }

    /// The return register, sign-extended as the tracee's `long`.
    pub fn ret(&self) -> i64 {
        self.personality().long(self.get(layout(self.arch).ret))
    }

    pub fn sp(&self) -> u64 {
        self.get(layout(self.arch).sp)
    }

    /// Makes the call return `v` (written at its exit stop).
    pub fn set_ret(&mut self, v: i64) {
        self.set(layout(self.arch).ret, v as u64);
    }

    /// Changes the syscall number at an entry stop (-1 skips the call). On aarch64 the
    /// kernel reads the number from its own field: `sys::regs::set_syscall_number`.
    pub fn set_nr(&mut self, nr: u64) {
        self.set(layout(self.arch).nr, nr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regs(arch: Arch, words: &[(usize, u64)]) -> Regs {
        let l = layout(arch);
        let mut r = Regs::new(arch, vec![0; l.word * l.count]).unwrap();
        for &(i, v) in words {
            r.set(i, v);
        }
        r
    }

    #[test]
    fn each_layout_reads_its_registers() {
        // x86_64: openat(AT_FDCWD, path, O_RDONLY) = 3.
        let r = regs(
            Arch::X86_64,
            &[
                (15, 257),
                (14, (-100i64) as u64),
                (13, 0x7fff_0000),
                (12, 0),
                (10, 3),
                (19, 0x7ffe_0000),
            ],
        );
        assert_eq!(r.nr(), 257);
        assert_eq!(r.args()[..3], [(-100i64) as u64, 0x7fff_0000, 0]);
        assert_eq!(
            (r.ret(), r.sp(), r.personality()),
            (3, 0x7ffe_0000, Arch::X86_64)
        );
        // i386: ebx, ecx, edx, esi, edi, ebp; eax the result; orig_eax the number.
        let r = regs(
            Arch::I386,
            &[
                (11, 180),
                (0, 3),
                (1, 0x0804_a000),
                (2, 16),
                (3, 0x2345_6789),
                (4, 1),
                (6, 0xffff_fffe),
            ],
        );
        assert_eq!(
            (r.nr(), r.args()[..5].to_vec(), r.ret()),
            (180, vec![3, 0x0804_a000, 16, 0x2345_6789, 1], -2)
        );
        // aarch64: x8 the number, x0..x5 the arguments, x0 the result, sp = 31.
        let r = regs(
            Arch::Aarch64,
            &[(8, 56), (0, 3), (1, 0xffff_d000), (5, 9), (31, 0xffff_e000)],
        );
        assert_eq!(
            (r.nr(), r.args(), r.ret(), r.sp()),
            (56, [3, 0xffff_d000, 0, 0, 0, 9], 3, 0xffff_e000)
        );
        // arm EABI: r7 the number, r13 the stack pointer; 32-bit words.
        let r = regs(Arch::Arm, &[(7, 322), (0, 0xffff_ff9c), (13, 0xbec2_f000)]);
        assert_eq!((r.nr(), r.ret(), r.sp()), (322, -100, 0xbec2_f000));
        // riscv64: a7 the number, a0..a5 the arguments.
        let r = regs(
            Arch::Riscv64,
            &[(17, 63), (10, 3), (11, 0x3f_0000), (12, 64), (2, 0x3f_ff00)],
        );
        assert_eq!(
            (r.nr(), r.args()[..3].to_vec(), r.sp()),
            (63, vec![3, 0x3f_0000, 64], 0x3f_ff00)
        );
        // x32 by its number bit; no syscall (-1) stays itself.
        assert_eq!(
            regs(Arch::X86_64, &[(15, 0x4000_0000)]).personality(),
            Arch::X32
        );
        assert_eq!(
            regs(Arch::X86_64, &[(15, u64::MAX)]).personality(),
            Arch::X86_64
        );
        assert_eq!(regs(Arch::I386, &[(11, 0xffff_ffff)]).nr(), u64::MAX);
    }

    #[test]
    fn writes_land_in_the_right_register() {
        let mut r = regs(Arch::Aarch64, &[(8, 63), (0, 3)]);
        r.set_ret(-38);
        r.set_nr(u64::MAX);
        assert_eq!(
            (r.ret(), r.get(0), r.get(8)),
            (-38, (-38i64) as u64, u64::MAX)
        );
        let mut r = regs(Arch::Arm, &[]);
        r.set_ret(-2);
        assert_eq!(&r.bytes[..4], &[0xfe, 0xff, 0xff, 0xff]);
        assert_eq!(&r.bytes[4..8], &[0, 0, 0, 0]);
        let mut r = regs(Arch::X86_64, &[]);
        r.set_nr(39);
        assert_eq!(r.get(15), 39);
    }

    #[test]
    fn sets_are_told_apart_by_size() {
        assert_eq!(arch_of_regset(Arch::X86_64, 27 * 8), Some(Arch::X86_64));
        assert_eq!(arch_of_regset(Arch::X86_64, 17 * 4), Some(Arch::I386));
        assert_eq!(arch_of_regset(Arch::Aarch64, 34 * 8), Some(Arch::Aarch64));
        assert_eq!(arch_of_regset(Arch::Aarch64, 18 * 4), Some(Arch::Arm));
        assert_eq!(arch_of_regset(Arch::Riscv64, 32 * 8), Some(Arch::Riscv64));
        assert_eq!(arch_of_regset(Arch::X86_64, 100), None);
        assert_eq!(Regs::new(Arch::Arm, vec![0; 10]), None);
    }
}
