//! Line-level tests of the process-group decoders that strace 6.1's own test suite
//! checks (each test names the `.gen.test` whose expected line it follows).

use crate::arch::Arch;
use crate::record::RecordedMemory;
use crate::render::text::render_named;

const A: u64 = 0x7ffd_0000_1000;

/// The line with strace's alignment padding before ` = ` collapsed.
fn r(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    let line = render_named(Arch::X86_64, name, args, Some(ret), mem);
    match line.rfind(") ") {
        Some(i) => format!("{}) {}", &line[..i], line[i + 2..].trim_start()),
        None => line,
    }
}

fn words(ws: &[u64]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// ioprio.gen.test
#[test]
fn ioprio_values() {
    let m = RecordedMemory::new();
    assert_eq!(
        r(
            "ioprio_get",
            [0xdead_face_fa57_beef, 0xbadc_0ded_da7a_1057, 0, 0, 0, 0],
            -22,
            &m
        ),
        "ioprio_get(0xfa57beef /* IOPRIO_WHO_??? */, -629534633) = -1 EINVAL (Invalid argument)"
    );
    assert_eq!(
        r("ioprio_get", [1, 1234, 0, 0, 0, 0], 0x4004, &m),
        "ioprio_get(IOPRIO_WHO_PROCESS, 1234) = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))"
    );
    assert_eq!(
        r(
            "ioprio_set",
            [2, 1234, 0xdec0_ded1_face_feed, 0, 0, 0],
            -22,
            &m
        ),
        "ioprio_set(IOPRIO_WHO_PGRP, 1234, IOPRIO_PRIO_VALUE(0x7d677 /* IOPRIO_CLASS_??? */, 7917)) = -1 EINVAL (Invalid argument)"
    );
}

/// ioprio-Xraw.gen.test, ioprio-Xverbose.gen.test
#[test]
fn ioprio_x_styles() {
    use crate::decode::XlatStyle::{Raw, Verbose};
    let m = RecordedMemory::new();
    let x = |name, args, ret, style| {
        crate::decode::test_line_styled(Arch::X86_64, name, args, ret, &m, style)
    };
    assert_eq!(
        x("ioprio_get", [1, 1234, 0, 0, 0, 0], 0, Raw),
        "ioprio_get(0x1, 1234)                   = 0"
    );
    assert_eq!(
        x("ioprio_get", [1, 1234, 0, 0, 0, 0], 0, Verbose),
        "ioprio_get(0x1 /* IOPRIO_WHO_PROCESS */, 1234) = 0 (IOPRIO_PRIO_VALUE(0 /* IOPRIO_CLASS_NONE */, 0))"
    );
    let set = [2, 1234, 0xfacefeed_facefeed, 0, 0, 0];
    assert_eq!(
        x("ioprio_set", set, -22, Raw),
        "ioprio_set(0x2, 1234, -87097619)        = -1 EINVAL (Invalid argument)"
    );
    assert_eq!(
        x("ioprio_set", set, -22, Verbose),
        "ioprio_set(0x2 /* IOPRIO_WHO_PGRP */, 1234, -87097619 /* IOPRIO_PRIO_VALUE(0x7d677 /* IOPRIO_CLASS_??? */, 7917) */) = -1 EINVAL (Invalid argument)"
    );
}

/// syslog.gen.test, ustat.gen.test, lookup_dcookie.gen.test, modify_ldt.gen.test
#[test]
fn small_admin_calls() {
    let m = RecordedMemory::new().with(A, b"/usr/lib".to_vec());
    assert_eq!(
        r("syslog", [8, 0xface_feed_dead_beef, 8, 0, 0, 0], 0, &m),
        "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, 0xfacefeeddeadbeef, 8 /* LOGLEVEL_DEBUG+1 */) = 0"
    );
    assert_eq!(
        r("ustat", [0xface_feed_ffff_ffff, 0, 0, 0, 0, 0], -22, &m),
        "ustat(makedev(0xfff, 0xfffff), NULL) = -1 EINVAL (Invalid argument)"
    );
    assert_eq!(
        r("lookup_dcookie", [0, 0, 0, 0, 0, 0], -38, &m),
        "lookup_dcookie(0, NULL, 0) = -1 ENOSYS (Function not implemented)"
    );
    assert_eq!(
        r("lookup_dcookie", [7, A, 4096, 0, 0, 0], 8, &m),
        r#"lookup_dcookie(7, "/usr/lib", 4096) = 8"#
    );
    assert_eq!(
        r(
            "modify_ldt",
            [0xdead_beef_da7a_1057, 0, 0, 0, 0, 0],
            0xffff_ffda,
            &m
        ),
        "modify_ldt(-629534633, NULL, 0) = 4294967258 ENOSYS (Function not implemented)"
    );
}

/// sysctl.gen.test
#[test]
fn sysctl_args() {
    let m = RecordedMemory::new()
        .with(A, words(&[0, 0, 0, 0, 0, 0]))
        .with(
            A + 0x100,
            words(&[A, 0x6c6b_6a69_6c6b_6a69, 0x10, 0x20, 0x30, 42]),
        );
    assert_eq!(
        r("_sysctl", [A, 0, 0, 0, 0, 0], -38, &m),
        "_sysctl({name=NULL, nlen=0, oldval=NULL, oldlenp=NULL, newval=NULL, newlen=0}) = -1 ENOSYS (Function not implemented)"
    );
    assert_eq!(
        r("_sysctl", [A + 0x100, 0, 0, 0, 0, 0], -38, &m),
        format!(
            "_sysctl({{name={A:#x}, nlen=1818978921, oldval=0x10, oldlenp=0x20, newval=0x30, newlen=42}}) = -1 ENOSYS (Function not implemented)"
        )
    );
    assert_eq!(
        r("_sysctl", [A + 0x2000, 0, 0, 0, 0, 0], -38, &m),
        format!(
            "_sysctl({:#x}) = -1 ENOSYS (Function not implemented)",
            A + 0x2000
        )
    );
}

/// sched_xetattr.gen.test: on E2BIG the kernel writes the size it supports back.
#[test]
fn sched_setattr_e2big_shows_the_size_written_back() {
    // Recorded memory holds the state at exit; the entry size is captured from it too,
    // so a caller's size of 56 that the kernel left alone prints once.
    let m = RecordedMemory::new().with(A, 1u32.to_le_bytes().to_vec());
    assert_eq!(
        r("sched_setattr", [0, A, 0, 0, 0, 0], -7, &m),
        "sched_setattr(0, {size=1}, 0) = -1 E2BIG (Argument list too long)"
    );
    // The caller's size captured at entry, the kernel's in memory at exit.
    let rec = crate::record::SyscallRecord {
        arch: Arch::X86_64,
        nr: Arch::X86_64.syscall_number("sched_setattr").unwrap(),
        args: [0, A, 0, 0, 0, 0],
        ret: Some(-7),
    };
    let after = RecordedMemory::new().with(A, 56u32.to_le_bytes().to_vec());
    let opts = crate::decode::DecodeOptions::default();
    let sig = crate::table::signature_by_name(Arch::X86_64, "sched_setattr");
    let zero = crate::decode::Saved::default();
    let ctx = |mem, saved| crate::decode::Ctx {
        rec: &rec,
        mem,
        opts: &opts,
        saved,
    };
    let saved = crate::decode::capture(&ctx(&m, &zero), sig);
    let mut o = String::new();
    crate::decode::print_args(&ctx(&after, &saved), sig, 1, 2, &mut o, false);
    assert_eq!(o, "{size=1} => {size=56}");
}

/// ptrace-Xraw.gen.test, ptrace-Xverbose.gen.test, ptrace_syscall_info-X*.gen.test:
/// signals, siginfo's errno/syscall/arch and syscall_info's nr and rval follow -X.
#[test]
fn ptrace_x_styles() {
    use crate::decode::XlatStyle::{Raw, Verbose};
    let mut si = vec![0u8; 128];
    si[0] = 31;
    si[4] = 2;
    si[8] = 1;
    si[28..32].copy_from_slice(&0xc000_003eu32.to_le_bytes());
    let mut info = vec![1u8, 0, 0, 0];
    info.extend_from_slice(&0xc000_003eu32.to_le_bytes());
    info.extend_from_slice(&words(&[0x401000, 0x7ffe_0000, 80]));
    let mut exit = vec![2u8, 0, 0, 0];
    exit.extend_from_slice(&0xc000_003eu32.to_le_bytes());
    exit.extend_from_slice(&words(&[0x401000, 0x7ffe_0000, (-2i64) as u64]));
    exit.push(1);
    let m = RecordedMemory::new()
        .with(A, si)
        .with(A + 0x100, info)
        .with(A + 0x200, exit);
    let x = |args, ret, style| {
        let line = crate::decode::test_line_styled(Arch::X86_64, "ptrace", args, ret, &m, style);
        match line.rfind(") ") {
            Some(i) => format!("{}) {}", &line[..i], line[i + 2..].trim_start()),
            None => line,
        }
    };
    let cont = [7, 42, 0, 10, 0, 0];
    assert_eq!(
        x(cont, -3, Raw),
        "ptrace(0x7, 42, NULL, 10) = -1 ESRCH (No such process)"
    );
    assert_eq!(
        x(cont, -3, Verbose),
        "ptrace(0x7 /* PTRACE_CONT */, 42, NULL, 10 /* SIGUSR1 */) = -1 ESRCH (No such process)"
    );
    let set = [0x4203, 42, 0, A, 0, 0];
    assert_eq!(
        x(set, -3, Raw),
        "ptrace(0x4203, 42, NULL, {si_signo=31, si_code=0x1, si_errno=2, si_call_addr=NULL, si_syscall=0, si_arch=0xc000003e}) = -1 ESRCH (No such process)"
    );
    assert_eq!(
        x(set, -3, Verbose),
        "ptrace(0x4203 /* PTRACE_SETSIGINFO */, 42, NULL, {si_signo=31 /* SIGSYS */, si_code=0x1 /* SYS_SECCOMP */, si_errno=2 /* ENOENT */, si_call_addr=NULL, si_syscall=0 /* __NR_read */, si_arch=0xc000003e /* AUDIT_ARCH_X86_64 */}) = -1 ESRCH (No such process)"
    );
    assert_eq!(
        x([0x420e, 42, 32, A + 0x100, 0, 0], 32, Raw),
        "ptrace(0x420e, 42, 32, {op=0x1, arch=0xc000003e, instruction_pointer=0x401000, stack_pointer=0x7ffe0000, entry={nr=80}}) = 32"
    );
    assert_eq!(
        x([0x420e, 42, 33, A + 0x200, 0, 0], 33, Verbose),
        "ptrace(0x420e /* PTRACE_GET_SYSCALL_INFO */, 42, 33, {op=0x2 /* PTRACE_SYSCALL_INFO_EXIT */, arch=0xc000003e /* AUDIT_ARCH_X86_64 */, instruction_pointer=0x401000, stack_pointer=0x7ffe0000, exit={rval=-2 /* -ENOENT */, is_error=1}}) = 33"
    );
}

/// ptrace_syscall_info.gen.test, ptrace.gen.test
#[test]
fn ptrace_syscall_info_and_sigmask() {
    let mut info = vec![2u8, 0, 0, 0];
    info.extend_from_slice(&0xc000_003eu32.to_le_bytes());
    info.extend_from_slice(&words(&[0x401000, 0x7ffe_0000, (-2i64) as u64]));
    info.push(1);
    let m = RecordedMemory::new()
        .with(A, info)
        .with(A + 0x100, (1u64 << 9).to_le_bytes().to_vec());
    let head = "ptrace(PTRACE_GET_SYSCALL_INFO, 42, ";
    assert_eq!(
        r("ptrace", [0x420e, 42, 33, A, 0, 0], 33, &m),
        format!(
            "{head}33, {{op=PTRACE_SYSCALL_INFO_EXIT, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x401000, stack_pointer=0x7ffe0000, exit={{rval=-ENOENT, is_error=1}}}}) = 33"
        )
    );
    assert_eq!(
        r("ptrace", [0x420e, 42, 32, A, 0, 0], 33, &m),
        format!(
            "{head}32, {{op=PTRACE_SYSCALL_INFO_EXIT, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x401000, stack_pointer=0x7ffe0000, exit={{rval=-2}}}}) = 33"
        )
    );
    assert_eq!(
        r("ptrace", [0x420e, 42, 7, A, 0, 0], 33, &m),
        format!("{head}7, {{op=PTRACE_SYSCALL_INFO_EXIT}}) = 33")
    );
    assert_eq!(
        r("ptrace", [0x420b, 42, 8, A + 0x100, 0, 0], -3, &m),
        "ptrace(PTRACE_SETSIGMASK, 42, 8, [USR1]) = -1 ESRCH (No such process)"
    );
    assert_eq!(
        r("ptrace", [0xdead_beef_ffff_feed, 42, 0, 0, 0, 0], -3, &m),
        "ptrace(0xdeadbeeffffffeed /* PTRACE_??? */, 42, NULL, NULL) = -1 ESRCH (No such process)"
    );
}

/// clone3-Xraw.gen.test, clone3-Xverbose.gen.test: flags and exit_signal follow -X.
#[test]
fn clone3_x_styles() {
    use crate::decode::XlatStyle::{Raw, Verbose};
    let mut b = words(&[0xbad0_0000_0000_1001, 0, 0, 0, 17, 0, 0, 0]);
    b.resize(64, 0);
    let m = RecordedMemory::new().with(A, b);
    let x = |style| {
        crate::decode::test_line_styled(Arch::X86_64, "clone3", [A, 64, 0, 0, 0, 0], -22, &m, style)
    };
    assert_eq!(
        x(Raw),
        "clone3({flags=0xbad0000000001001, pidfd=NULL, exit_signal=17, stack=NULL, stack_size=0}, 64) = -1 EINVAL (Invalid argument)"
    );
    assert_eq!(
        x(Verbose),
        "clone3({flags=0xbad0000000001001 /* CLONE_PIDFD|0xbad0000000000001 */, pidfd=NULL, exit_signal=17 /* SIGCHLD */, stack=NULL, stack_size=0}, 64) = -1 EINVAL (Invalid argument)"
    );
}

/// clone3.gen.test: bytes past the known clone_args must be zero.
#[test]
fn clone3_tail_bytes() {
    let mut args = vec![0u8; 88];
    args.extend_from_slice(&0xface_feed_dead_c0deu64.to_le_bytes());
    let m = RecordedMemory::new()
        .with(A, args)
        .with(A + 0x1000, vec![0; 88]);
    assert_eq!(
        r("clone3", [A, 96, 0, 0, 0, 0], -7, &m),
        r#"clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, /* bytes 88..95 */ "\xde\xc0\xad\xde\xed\xfe\xce\xfa"}, 96) = -1 E2BIG (Argument list too long)"#
    );
    assert_eq!(
        r("clone3", [A + 0x1000, 96, 0, 0, 0, 0], -14, &m),
        "clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, ???}, 96) = -1 EFAULT (Bad address)"
    );
}

/// futex_waitv.gen.test
#[test]
fn futex_waitv_waiters() {
    let mut w = words(&[u64::MAX, 0]);
    w.extend_from_slice(&0xffff_ffffu32.to_le_bytes());
    w.extend_from_slice(&0xffff_ffffu32.to_le_bytes());
    let m = RecordedMemory::new().with(A, w);
    assert_eq!(
        r("futex_waitv", [A, 1, 0, 0, 1, 0], -22, &m),
        "futex_waitv([{val=0xffffffffffffffff, uaddr=NULL, flags=FUTEX_32|FUTEX_PRIVATE_FLAG|0xffffff7d, __reserved=0xffffffff}], 1, 0, NULL, CLOCK_MONOTONIC) = -1 EINVAL (Invalid argument)"
    );
    assert_eq!(
        r("futex_waitv", [0, 1, 0xffff_ffff, 0, 1, 0], -22, &m),
        "futex_waitv(NULL, 1, 0xffffffff, NULL, CLOCK_MONOTONIC) = -1 EINVAL (Invalid argument)"
    );
}

/// add_key.gen.test, request_key.gen.test
#[test]
fn key_calls() {
    let m = RecordedMemory::new().with(A, b"user\0".to_vec());
    assert_eq!(
        r("add_key", [A, 0, 0, 0, u64::MAX, 0], -14, &m),
        r#"add_key("user", NULL, NULL, 0, KEY_SPEC_THREAD_KEYRING) = -1 EFAULT (Bad address)"#
    );
    assert_eq!(
        r("request_key", [A, 0, 0, 12345, 0, 0], -14, &m),
        r#"request_key("user", NULL, NULL, 12345) = -1 EFAULT (Bad address)"#
    );
}

/// memfd_secret.gen.test: its only flag, unknown bits bare.
#[test]
fn memfd_secret_flags() {
    let m = RecordedMemory::new();
    assert_eq!(
        r(
            "memfd_secret",
            [0xbeef_cafe_0000_0000, 0, 0, 0, 0, 0],
            3,
            &m
        ),
        "memfd_secret(0) = 3"
    );
    assert_eq!(
        r(
            "memfd_secret",
            [0xbeef_cafe_0008_0000, 0, 0, 0, 0, 0],
            4,
            &m
        ),
        "memfd_secret(O_CLOEXEC) = 4"
    );
    assert_eq!(
        r(
            "memfd_secret",
            [0xbeef_cafe_de9f_face, 0, 0, 0, 0, 0],
            -22,
            &m
        ),
        "memfd_secret(O_CLOEXEC|0xde97face) = -1 EINVAL (Invalid argument)"
    );
}

/// quotactl_fd.gen.test: the command follows the fd; Q_GETFMT has no id.
#[test]
fn quotactl_fd_command() {
    let m = RecordedMemory::new();
    assert_eq!(
        r(
            "quotactl_fd",
            [
                0xdefa_ced0_ffff_ffff,
                0xdefa_ced0_8000_0401,
                0xdefa_ced0_ffff_fffe,
                A,
                0,
                0
            ],
            -9,
            &m
        ),
        format!(
            "quotactl_fd(-1, QCMD(Q_GETFMT, GRPQUOTA), {A:#x}) = -1 EBADF (Bad file descriptor)"
        )
    );
}

/// printstrn-umoven.gen.test: a buffer longer than `-s` is read one byte past the
/// limit, so one whose byte there is unmapped shows as its address.
#[test]
fn long_buffer_needs_one_byte_past_the_limit() {
    let m = RecordedMemory::new()
        .with(A, vec![b'/'; 32])
        .with(A + 0x100, vec![b'/'; 33]);
    assert_eq!(
        r("add_key", [0, 0, A, 33, u64::MAX, 0], -14, &m),
        format!(
            "add_key(NULL, NULL, {A:#x}, 33, KEY_SPEC_THREAD_KEYRING) = -1 EFAULT (Bad address)"
        )
    );
    assert_eq!(
        r("add_key", [0, 0, A + 0x100, 33, u64::MAX, 0], -14, &m),
        format!(
            "add_key(NULL, NULL, \"{}\"..., 33, KEY_SPEC_THREAD_KEYRING) = -1 EFAULT (Bad address)",
            "/".repeat(32)
        )
    );
}

/// ptrace.gen.test: register requests, register sets with the iov_len the kernel
/// rewrites, and PEEKSIGINFO's arguments.
#[test]
fn ptrace_registers() {
    let regs: Vec<u64> = (1..=27).collect();
    let mut iov = words(&[A, 24]);
    iov.extend(words(&[A, 224]));
    let m = RecordedMemory::new()
        .with(A, words(&regs))
        .with(A + 0x1000, iov)
        .with(A + 0x2000, words(&[7, 1 | 42 << 32]));
    let full = "{r15=0x1, r14=0x2, r13=0x3, r12=0x4, rbp=0x5, rbx=0x6, r11=0x7, r10=0x8, r9=0x9, r8=0xa, rax=0xb, rcx=0xc, rdx=0xd, rsi=0xe, rdi=0xf, orig_rax=0x10, rip=0x11, cs=0x12, eflags=0x13, rsp=0x14, ss=0x15, fs_base=0x16, gs_base=0x17, ds=0x18, es=0x19, fs=0x1a, gs=0x1b}";
    assert_eq!(
        r("ptrace", [12, 42, 0xdead, A, 0, 0], 0, &m),
        format!("ptrace(PTRACE_GETREGS, 42, {full}) = 0")
    );
    assert_eq!(
        r("ptrace", [12, 42, 0, A, 0, 0], -3, &m),
        format!("ptrace(PTRACE_GETREGS, 42, {A:#x}) = -1 ESRCH (No such process)")
    );
    assert_eq!(
        r("ptrace", [0x4204, 42, 1, A + 0x1000, 0, 0], 0, &m),
        "ptrace(PTRACE_GETREGSET, 42, NT_PRSTATUS, {iov_base={r15=0x1, r14=0x2, r13=0x3}, iov_len=24}) = 0"
    );
    assert_eq!(
        r("ptrace", [0x4205, 42, 1, A + 0x1010, 0, 0], 0, &m),
        format!(
            "ptrace(PTRACE_SETREGSET, 42, NT_PRSTATUS, {{iov_base={}, ...}}, iov_len=224}}) = 0",
            &full[..full.len() - 1]
        )
    );
    assert_eq!(
        r("ptrace", [0x4209, 42, A + 0x2000, 0xdead, 0, 0], -3, &m),
        "ptrace(PTRACE_PEEKSIGINFO, 42, {off=7, flags=PTRACE_PEEKSIGINFO_SHARED, nr=42}, 0xdead) = -1 ESRCH (No such process)"
    );
}

/// landlock_create_ruleset.gen.test, landlock_add_rule.gen.test,
/// landlock_restrict_self.gen.test
#[test]
fn landlock_calls() {
    let mut rule = 5u64.to_le_bytes().to_vec();
    rule.extend((-1i32).to_le_bytes());
    let m = RecordedMemory::new()
        .with(A, 1u64.to_le_bytes().to_vec())
        .with(A + 0x100, rule);
    assert_eq!(
        r("landlock_create_ruleset", [A, 12, 0, 0, 0, 0], -14, &m),
        "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE, ...}, 12, 0) = -1 EFAULT (Bad address)"
    );
    assert_eq!(
        r(
            "landlock_create_ruleset",
            [A, 7, 0xbadc_affe, 0, 0, 0],
            -22,
            &m
        ),
        format!(
            "landlock_create_ruleset({A:#x}, 7, 0xbadcaffe /* LANDLOCK_CREATE_RULESET_??? */) = -1 EINVAL (Invalid argument)"
        )
    );
    assert_eq!(
        r(
            "landlock_add_rule",
            [u64::MAX, 1, A + 0x100, 0, 0, 0],
            -9,
            &m
        ),
        "landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH, {allowed_access=LANDLOCK_ACCESS_FS_EXECUTE|LANDLOCK_ACCESS_FS_READ_FILE, parent_fd=-1}, 0) = -1 EBADF (Bad file descriptor)"
    );
    assert_eq!(
        r(
            "landlock_restrict_self",
            [0xd1ef_aced_ffff_ffff, 0xd1ef_aced_0000_0001, 0, 0, 0, 0],
            -9,
            &m
        ),
        "landlock_restrict_self(-1, 0x1) = -1 EBADF (Bad file descriptor)"
    );
}

/// aio.gen.test: io_getevents' timeout is the caller's, shown when the call failed;
/// aio_reqprio is an I/O priority only with IOCB_FLAG_IOPRIO.
#[test]
fn aio_timeout_and_reqprio() {
    let mut iocb = vec![0u8; 64];
    iocb[16] = 0; // IOCB_CMD_PREAD
    iocb[18..20].copy_from_slice(&0xbeefu16.to_le_bytes());
    let mut with_flag = iocb.clone();
    with_flag[56] = 2;
    let m = RecordedMemory::new()
        .with(A, words(&[0xdead_beef, 0xface_feed]))
        .with(A + 0x100, iocb)
        .with(A + 0x200, with_flag);
    assert_eq!(
        r(
            "io_getevents",
            [0xface_1e55_dead_beef, 0, 0, 0, A, 0],
            -22,
            &m
        ),
        "io_getevents(0xface1e55deadbeef, 0, 0, NULL, {tv_sec=3735928559, tv_nsec=4207869677}) = -1 EINVAL (Invalid argument)"
    );
    assert!(r("io_cancel", [1, A + 0x100, 0, 0, 0, 0], -22, &m).contains("aio_reqprio=-16657,"));
    assert!(
        r("io_cancel", [1, A + 0x200, 0, 0, 0, 0], -22, &m)
            .contains("aio_reqprio=IOPRIO_PRIO_VALUE(0x5 /* IOPRIO_CLASS_??? */, 7919),")
    );
}

/// mq.gen.test, mq_sendrecv.gen.test: POSIX message queues.
#[test]
fn mq_calls() {
    let m = RecordedMemory::new()
        .with(A, b"q\0".to_vec())
        .with(A + 0x100, words(&[0, 10, 8192, 0, 0, 0, 0, 0]))
        .with(A + 0x200, words(&[0, 10, 8192, 0]))
        .with(A + 0x300, 42u32.to_le_bytes().to_vec())
        .with(A + 0x400, b"hello".to_vec());
    let attr = "{mq_flags=0, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}";
    assert_eq!(
        r("mq_open", [A, 0o100, 0o700, A + 0x100, 0, 0], 3, &m),
        format!("mq_open(\"q\", O_RDONLY|O_CREAT, 0700, {attr}) = 3")
    );
    assert_eq!(
        r("mq_open", [A, 0, 0o700, A + 0x100, 0, 0], 3, &m),
        "mq_open(\"q\", O_RDONLY) = 3"
    );
    // Only 32 of the struct's 64 bytes readable: strace reads it whole.
    assert_eq!(
        r("mq_getsetattr", [3, A + 0x200, A + 0x100, 0, 0, 0], 0, &m),
        format!("mq_getsetattr(3, {:#x}, {attr}) = 0", A + 0x200)
    );
    assert_eq!(
        r(
            "mq_timedreceive",
            [3, A + 0x400, 64, A + 0x300, 0, 0],
            5,
            &m
        ),
        "mq_timedreceive(3, \"hello\", 64, [42], NULL) = 5"
    );
}

/// mount_setattr.gen.test: struct mount_attr and the bytes past it.
#[test]
fn mount_setattr_attr() {
    let mut attr = words(&[0x10_0002, 4, 0x80000, 9]);
    attr.extend_from_slice(&[0x80, 0x81, 0, 0, 0, 0, 0, 0]);
    let m = RecordedMemory::new()
        .with(A, b"\0".to_vec())
        .with(A + 0x100, attr);
    assert_eq!(
        r(
            "mount_setattr",
            [u64::MAX, A, 0x1000, A + 0x100, 40, 0],
            -7,
            &m
        ),
        r#"mount_setattr(-1, "", AT_EMPTY_PATH, {attr_set=MOUNT_ATTR_NOSUID|MOUNT_ATTR_IDMAP, attr_clr=MOUNT_ATTR_NODEV, propagation=MS_SLAVE, userns_fd=9, /* bytes 32..39 */ "\x80\x81\x00\x00\x00\x00\x00\x00"}, 40) = -1 E2BIG (Argument list too long)"#
    );
    assert_eq!(
        r(
            "mount_setattr",
            [u64::MAX, A, 0xffff_66ff, A + 0x100, 31, 0],
            -22,
            &m
        ),
        format!(
            "mount_setattr(-1, \"\", 0xffff66ff /* AT_??? */, {:#x}, 31) = -1 EINVAL (Invalid argument)",
            A + 0x100
        )
    );
}

/// fsconfig.gen.test: the command is an `unsigned int`; keys are read up to 256 bytes.
#[test]
fn fsconfig_command_and_key() {
    let m = RecordedMemory::new()
        .with(A, b"source\0".to_vec())
        .with(A + 0x100, b"/dev/full\0".to_vec())
        .with(A + 0x200, vec![b'k'; 300]);
    assert_eq!(
        r(
            "fsconfig",
            [3, 0xdefa_ced0_0000_0001, A, A + 0x100, 0, 0],
            -22,
            &m
        ),
        r#"fsconfig(3, FSCONFIG_SET_STRING, "source", "/dev/full", 0) = -1 EINVAL (Invalid argument)"#
    );
    let line = r("fsconfig", [3, 0, A + 0x200, 0, 0, 0], -22, &m);
    assert!(
        line.starts_with(&format!(
            "fsconfig(3, FSCONFIG_SET_FLAG, \"{}\"..., NULL, 0)",
            "k".repeat(32)
        )),
        "{line}"
    );
}

/// quotactl-xfs.gen.test: the XFS commands' flags, printed from entry.
#[test]
fn quotactl_xfs_flags() {
    let m = RecordedMemory::new()
        .with(A, b"/dev/bogus/\0".to_vec())
        .with(A + 0x100, 0xdead_beefu32.to_le_bytes().to_vec());
    assert_eq!(
        r("quotactl", [0x5801 << 8, A, 0, A + 0x100, 0, 0], -2, &m),
        r#"quotactl(QCMD(Q_XQUOTAON, USRQUOTA), "/dev/bogus/", [FS_QUOTA_UDQ_ACCT|FS_QUOTA_UDQ_ENFD|FS_QUOTA_GDQ_ACCT|FS_QUOTA_GDQ_ENFD|FS_QUOTA_PDQ_ENFD|0xdeadbec0]) = -1 ENOENT (No such file or directory)"#
    );
    assert_eq!(
        r(
            "quotactl",
            [0x5806 << 8 | 1, 0, 0, A + 0x100, 0, 0],
            -19,
            &m
        ),
        "quotactl(QCMD(Q_XQUOTARM, GRPQUOTA), NULL, [FS_USER_QUOTA|FS_PROJ_QUOTA|FS_GROUP_QUOTA|0xdeadbee8]) = -1 ENODEV (No such device)"
    );
}

/// io_uring_setup.gen.test, io_uring_enter.gen.test
#[test]
fn io_uring_calls() {
    let mut params = vec![0u8; 120];
    params[0..4].copy_from_slice(&2u32.to_le_bytes());
    params[4..8].copy_from_slice(&4u32.to_le_bytes());
    params[20..24].copy_from_slice(&3u32.to_le_bytes());
    let m = RecordedMemory::new().with(A, params).with(
        A + 0x100,
        (!0u64 ^ (1 | 1 << 8 | 1 << 18)).to_le_bytes().to_vec(),
    );
    assert_eq!(
        r("io_uring_setup", [2, A, 0, 0, 0, 0], 4, &m),
        "io_uring_setup(2, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=2, cq_entries=4, features=IORING_FEAT_SINGLE_MMAP|IORING_FEAT_NODROP, sq_off={head=0, tail=0, ring_mask=0, ring_entries=0, flags=0, dropped=0, array=0}, cq_off={head=0, tail=0, ring_mask=0, ring_entries=0, overflow=0, cqes=0, flags=0}}) = 4"
    );
    assert_eq!(
        r("io_uring_setup", [2, A, 0, 0, 0, 0], -22, &m),
        "io_uring_setup(2, {flags=0, sq_thread_cpu=0, sq_thread_idle=0}) = -1 EINVAL (Invalid argument)"
    );
    assert_eq!(
        r(
            "io_uring_enter",
            [
                0xdefa_ced0_0000_0003,
                1,
                2,
                0xdefa_ced0_0000_0001,
                A + 0x100,
                8
            ],
            -22,
            &m
        ),
        "io_uring_enter(3, 1, 2, IORING_ENTER_GETEVENTS, ~[HUP KILL STOP], 8) = -1 EINVAL (Invalid argument)"
    );
}

/// pidfd_getfd's target fd shows the `-y`/`-yy` details of the fd in the process the
/// pidfd refers to (pidfd_getfd-y/-yy.gen.test); without them, or when the pidfd names
/// no process, only the number.
#[test]
fn pidfd_getfd_target_fd_of_the_other_process() {
    let mut other = RecordedMemory::new();
    other.fds.insert(5, "/dev/full".into());
    other.devices.insert(5, "char 1:7".into());
    let mut m = RecordedMemory::new();
    m.fds.insert(5, "anon_inode:[pidfd]".into());
    m.fds.insert(6, "/dev/full".into());
    m.devices.insert(6, "char 1:7".into());
    m.pidfds.insert(5, 4242);
    m.procs.insert(4242, other);
    let line = |fd_detail, args| {
        let opts = crate::decode::DecodeOptions {
            fd_detail,
            ..crate::decode::DecodeOptions::default()
        };
        let l = crate::decode::test_line_opts(Arch::X86_64, "pidfd_getfd", args, 6, &m, &opts);
        l.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let fill = 0xdef_aced_0000_0000u64;
    assert_eq!(
        line(crate::decode::FD_PATH, [fill | 5, fill | 5, fill, 0, 0, 0]),
        "pidfd_getfd(5<anon_inode:[pidfd]>, 5</dev/full>, 0) = 6</dev/full>"
    );
    assert_eq!(
        line(crate::decode::FD_ALL, [5, 5, 0, 0, 0, 0]),
        "pidfd_getfd(5<pid:4242>, 5</dev/full<char 1:7>>, 0) = 6</dev/full<char 1:7>>"
    );
    assert_eq!(
        line(crate::decode::FD_PATH, [6, 5, 0, 0, 0, 0]),
        "pidfd_getfd(6</dev/full>, 5, 0) = 6</dev/full>"
    );
    assert_eq!(line(0, [5, 5, 0, 0, 0, 0]), "pidfd_getfd(5, 5, 0) = 6");
}
