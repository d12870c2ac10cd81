//! Line-level tests of the process group: whole strace lines from recorded memory.

use crate::arch::Arch;
use crate::record::RecordedMemory;
use crate::render::text::render_named;

fn r(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    render_named(Arch::X86_64, name, args, Some(ret), mem)
}

/// The line with strace's alignment padding before ` = ` collapsed.
fn ru(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    let line = r(name, args, ret, mem);
    match line.rfind(") ") {
        Some(i) => format!("{}) {}", &line[..i], line[i + 2..].trim_start()),
        None => line,
    }
}

fn cstrs(base: u64, strs: &[&str]) -> (RecordedMemory, Vec<u64>) {
    let mut m = RecordedMemory::new();
    let mut addrs = Vec::new();
    let mut at = base;
    for s in strs {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        m = m.with(at, v.clone());
        addrs.push(at);
        at += 0x100;
    }
    (m, addrs)
}

fn words(ws: &[u64]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn words32(ws: &[u32]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

#[test]
fn execve_line() {
    let (m, a) = cstrs(0x1000, &["/usr/bin/ls", "ls", "/", "A=1", "B=2"]);
    let m = m
        .with(0x5000, words(&[a[1], a[2], 0]))
        .with(0x6000, words(&[a[3], a[4], 0]));
    assert_eq!(
        r("execve", [a[0], 0x5000, 0x6000, 0, 0, 0], 0, &m),
        r#"execve("/usr/bin/ls", ["ls", "/"], 0x6000 /* 2 vars */) = 0"#
    );
    assert_eq!(
        r("execve", [a[0], 0x5000, 0x7000, 0, 0, 0], -2, &m),
        r#"execve("/usr/bin/ls", ["ls", "/"], 0x7000) = -1 ENOENT (No such file or directory)"#
    );
}

#[test]
fn execve_many_args_are_cut() {
    let strs: Vec<String> = (0..40).map(|i| format!("a{i}")).collect();
    let refs: Vec<&str> = strs.iter().map(String::as_str).collect();
    let (m, a) = cstrs(0x10000, &refs);
    let mut v = a.clone();
    v.push(0);
    let m = m.with(0x5000, words(&v)).with(0x6000, words(&[0]));
    let l = r("execve", [a[0], 0x5000, 0x6000, 0, 0, 0], 0, &m);
    assert!(
        l.contains(r#""a31", ...], 0x6000 /* 0 vars */) = 0"#),
        "{l}"
    );
}

#[test]
fn clone_fork_style() {
    let m = RecordedMemory::new();
    assert_eq!(
        r("clone", [0x1200011, 0, 0, 0x7f00a071fa10, 0, 0], 1370, &m),
        "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f00a071fa10) = 1370"
    );
    assert_eq!(
        r("clone", [17, 0, 0, 0, 0, 0], 5, &m),
        "clone(child_stack=NULL, flags=SIGCHLD)  = 5"
    );
}

#[test]
fn clone_generic_order() {
    // aarch64: flags, stack, parent_tid, tls, child_tid.
    let m = RecordedMemory::new().with(0x3000, 77u32.to_le_bytes().to_vec());
    let l = render_named(
        Arch::Aarch64,
        "clone",
        [0x3d0f00, 0xffff0000, 0x3000, 0x4000, 0x5000, 0],
        Some(77),
        &m,
    );
    assert_eq!(
        l,
        "clone(child_stack=0xffff0000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[77], tls=0x4000, child_tidptr=0x5000) = 77"
    );
}

#[test]
fn clone3_thread() {
    let mut args = vec![0u64; 11];
    args[0] = 0x3d0f00;
    args[2] = 0x7f0000001000;
    args[3] = 0x7f0000001000;
    args[5] = 0x7f0000100000;
    args[6] = 0x7fff00;
    args[7] = 0x7f0000002000;
    let m = RecordedMemory::new()
        .with(0x9000, words(&args))
        .with(0x7f0000001000, 1235u32.to_le_bytes().to_vec());
    assert_eq!(
        r("clone3", [0x9000, 88, 0, 0, 0, 0], 1235, &m),
        "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f0000001000, parent_tid=0x7f0000001000, exit_signal=0, stack=0x7f0000100000, stack_size=0x7fff00, tls=0x7f0000002000} => {parent_tid=[1235]}, 88) = 1235"
    );
}

#[test]
fn wait4_lines() {
    let m = RecordedMemory::new().with(0x2000, 0u32.to_le_bytes().to_vec());
    assert_eq!(
        r("wait4", [u64::MAX, 0x2000, 0, 0, 0, 0], 1370, &m),
        "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 1370"
    );
    assert_eq!(
        r("wait4", [u64::MAX, 0x2000, 1, 0, 0, 0], -10, &m),
        "wait4(-1, 0x2000, WNOHANG, NULL)        = -1 ECHILD (No child processes)"
    );
    let m = RecordedMemory::new().with(0x2000, 0x8bu32.to_le_bytes().to_vec());
    assert_eq!(
        r("wait4", [5, 0x2000, 0, 0, 0, 0], 5, &m),
        "wait4(5, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], 0, NULL) = 5"
    );
    let m = RecordedMemory::new().with(0x2000, 0x137fu32.to_le_bytes().to_vec());
    assert_eq!(
        r("wait4", [5, 0x2000, 2, 0, 0, 0], 5, &m),
        "wait4(5, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = 5"
    );
}

#[test]
fn prlimit_and_getrlimit() {
    let m = RecordedMemory::new().with(0x3000, words(&[8192 * 1024, u64::MAX]));
    assert_eq!(
        r("prlimit64", [0, 3, 0, 0x3000, 0, 0], 0, &m),
        "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0"
    );
    assert_eq!(
        r("getrlimit", [7, 0x3000, 0, 0, 0, 0], -14, &m),
        "getrlimit(RLIMIT_NOFILE, 0x3000)        = -1 EFAULT (Bad address)"
    );
    let m32 = RecordedMemory::new().with(0x3000, words32(&[1024, u32::MAX]));
    assert_eq!(
        render_named(
            Arch::I386,
            "setrlimit",
            [7, 0x3000, 0, 0, 0, 0],
            Some(0),
            &m32
        ),
        "setrlimit(RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=RLIM_INFINITY}) = 0"
    );
}

#[test]
fn ids_and_groups() {
    let m = RecordedMemory::new()
        .with(0x1000, words32(&[0, 4, 27]))
        .with(0x2000, 1000u32.to_le_bytes().to_vec());
    assert_eq!(
        r("getgroups", [3, 0x1000, 0, 0, 0, 0], 3, &m),
        "getgroups(3, [0, 4, 27])                = 3"
    );
    assert_eq!(
        r("getgroups", [0, 0, 0, 0, 0, 0], 3, &m),
        "getgroups(0, NULL)                      = 3"
    );
    assert_eq!(
        r("setresuid", [u64::MAX, 1000, 0xffffffff, 0, 0, 0], 0, &m),
        "setresuid(-1, 1000, -1)                 = 0"
    );
    assert_eq!(
        r("getresuid", [0x2000, 0x2000, 0x2000, 0, 0, 0], 0, &m),
        "getresuid([1000], [1000], [1000])       = 0"
    );
    assert_eq!(
        r("getuid", [0; 6], 1000, &m),
        "getuid()                                = 1000"
    );
}

#[test]
fn futex_ops() {
    let m = RecordedMemory::new();
    assert_eq!(
        r(
            "futex",
            [0x7f0000000010, 0x189, 0, 0, 0, 0xffffffff],
            -110,
            &m
        ),
        "futex(0x7f0000000010, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)"
    );
    assert_eq!(
        r("futex", [0x7f0000000010, 0x81, 1, 0, 0, 0], 0, &m),
        "futex(0x7f0000000010, FUTEX_WAKE_PRIVATE, 1) = 0"
    );
    assert_eq!(
        r("futex", [0x10, 0x85, 1, 1, 0x20, 0x4000001], 1, &m),
        "futex(0x10, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x20, FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1) = 1"
    );
    let m = RecordedMemory::new().with(0x30, words(&[1, 500]));
    assert_eq!(
        r("futex", [0x10, 0, 2, 0x30, 0, 0], -11, &m),
        "futex(0x10, FUTEX_WAIT, 2, {tv_sec=1, tv_nsec=500}) = -1 EAGAIN (Resource temporarily unavailable)"
    );
}

#[test]
fn uname_and_friends() {
    let mut u = vec![0u8; 390];
    u[..5].copy_from_slice(b"Linux");
    u[65..69].copy_from_slice(b"host");
    let m = RecordedMemory::new().with(0x4000, u);
    assert_eq!(
        r("uname", [0x4000, 0, 0, 0, 0, 0], 0, &m),
        r#"uname({sysname="Linux", nodename="host", ...}) = 0"#
    );
    let m = RecordedMemory::new().with(0x5000, 0xffu64.to_le_bytes().to_vec());
    assert_eq!(
        r("sched_getaffinity", [0, 128, 0x5000, 0, 0, 0], 8, &m),
        "sched_getaffinity(0, 128, [0 1 2 3 4 5 6 7]) = 8"
    );
    assert_eq!(
        r("personality", [0xffffffff, 0, 0, 0, 0, 0], 0, &m),
        "personality(0xffffffff)                 = 0 (PER_LINUX)"
    );
    assert_eq!(
        r("personality", [0x40000, 0, 0, 0, 0, 0], 0, &m),
        "personality(PER_LINUX|ADDR_NO_RANDOMIZE) = 0 (PER_LINUX)"
    );
    assert_eq!(
        r("exit_group", [0; 6], 0, &m),
        "exit_group(0)                           = ?"
    );
}

#[test]
fn prctl_options() {
    let m = RecordedMemory::new()
        .with(0x1000, b"worker\0".to_vec())
        .with(0x2000, 9u32.to_le_bytes().to_vec());
    assert_eq!(
        r("prctl", [15, 0x1000, 0, 0, 0, 0], 0, &m),
        r#"prctl(PR_SET_NAME, "worker")            = 0"#
    );
    assert_eq!(
        r("prctl", [16, 0x1000, 0, 0, 0, 0], 0, &m),
        r#"prctl(PR_GET_NAME, "worker")            = 0"#
    );
    assert_eq!(
        r("prctl", [1, 9, 0, 0, 0, 0], 0, &m),
        "prctl(PR_SET_PDEATHSIG, SIGKILL)        = 0"
    );
    assert_eq!(
        r("prctl", [2, 0x2000, 0, 0, 0, 0], 0, &m),
        "prctl(PR_GET_PDEATHSIG, [SIGKILL])      = 0"
    );
    assert_eq!(
        r("prctl", [38, 1, 0, 0, 0, 0], 0, &m),
        "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)  = 0"
    );
    assert_eq!(
        r("prctl", [23, 21, 0, 0, 0, 0], 1, &m),
        "prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN)   = 1"
    );
    assert_eq!(
        r("prctl", [3, 0, 0, 0, 0, 0], 1, &m),
        "prctl(PR_GET_DUMPABLE)                  = 1 (SUID_DUMP_USER)"
    );
    assert_eq!(
        r("prctl", [39, 0, 0, 0, 0, 0], 0, &m),
        "prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)  = 0"
    );
}

#[test]
fn arch_prctl_and_loader_calls() {
    let m = RecordedMemory::new();
    assert_eq!(
        r("arch_prctl", [0x1002, 0x7f00a071f740, 0, 0, 0, 0], 0, &m),
        "arch_prctl(ARCH_SET_FS, 0x7f00a071f740) = 0"
    );
    assert_eq!(
        r("set_tid_address", [0x7f00a071fa10, 0, 0, 0, 0, 0], 1369, &m),
        "set_tid_address(0x7f00a071fa10)         = 1369"
    );
    assert_eq!(
        r("set_robust_list", [0x7f00a071fa20, 24, 0, 0, 0, 0], 0, &m),
        "set_robust_list(0x7f00a071fa20, 24)     = 0"
    );
    assert_eq!(
        r("rseq", [0x7f00a0720060, 0x20, 0, 0x53053053, 0, 0], 0, &m),
        "rseq(0x7f00a0720060, 0x20, 0, 0x53053053) = 0"
    );
    let m =
        RecordedMemory::new().with(0x1000, vec![0xe7, 0x8f, 0x58, 0xa5, 0xd4, 0xde, 0xf4, 0x42]);
    assert_eq!(
        r("getrandom", [0x1000, 8, 1, 0, 0, 0], 8, &m),
        r#"getrandom("\xe7\x8f\x58\xa5\xd4\xde\xf4\x42", 8, GRND_NONBLOCK) = 8"#
    );
}

#[test]
fn i386_clone3_tls_and_futex_time64() {
    let mut args = vec![0u8; 88];
    args[..8].copy_from_slice(&0x80000u64.to_le_bytes());
    args[56..64].copy_from_slice(&0x5000u64.to_le_bytes());
    let desc = words32(&[12, 0xf7ce1b40, 0xfffff, 0x51]);
    let m = RecordedMemory::new()
        .with(0x4000, args)
        .with(0x5000, desc)
        .with(0x6000, words(&[2, 5]));
    assert_eq!(
        render_named(Arch::I386, "clone3", [0x4000, 88, 0, 0, 0, 0], Some(9), &m),
        "clone3({flags=CLONE_SETTLS, exit_signal=0, stack=NULL, stack_size=0, tls={entry_number=12, base_addr=0xf7ce1b40, limit=0x0fffff, seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1}}, 88) = 9"
    );
    assert_eq!(
        render_named(
            Arch::I386,
            "futex_time64",
            [0x10, 0x80, 1, 0x6000, 0, 0],
            Some(-110),
            &m
        ),
        "futex_time64(0x10, FUTEX_WAIT_PRIVATE, 1, {tv_sec=2, tv_nsec=5}) = -1 ETIMEDOUT (Connection timed out)"
    );
    assert_eq!(
        render_named(Arch::I386, "getuid32", [0; 6], Some(1000), &m),
        "getuid32()                              = 1000"
    );
}

#[test]
fn statuses_and_sets() {
    let mut s = String::new();
    super::print_status(0x4057f, &mut s);
    assert_eq!(
        s,
        "{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP}|PTRACE_EVENT_EXEC<<16"
    );
    s.clear();
    super::print_status(0x857f, &mut s);
    assert_eq!(s, "{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP | 0x80}");
    s.clear();
    super::print_status(0xffff, &mut s);
    assert_eq!(s, "{WIFCONTINUED(s)}");
    // A cpu set longer than strace reads ends in `...`.
    let m = RecordedMemory::new().with(0x5000, vec![0x81; 256]);
    let l = r("sched_setaffinity", [0, 256, 0x5000, 0, 0, 0], 0, &m);
    assert!(l.ends_with(" 1016 1023 ...]) = 0"), "{l}");
    // The env pointer array runs into unmapped memory.
    let m = RecordedMemory::new().with(0x6000, words(&[0x10, 0x20]));
    assert_eq!(
        r("execve", [0, 0, 0x6000, 0, 0, 0], -14, &m),
        "execve(NULL, NULL, 0x6000 /* 2 vars, unterminated */) = -1 EFAULT (Bad address)"
    );
    // clone with CLONE_PIDFD stores the pidfd through parent_tid.
    let m = RecordedMemory::new().with(0x7000, 5u32.to_le_bytes().to_vec());
    assert_eq!(
        r("clone", [0x1011, 0, 0x7000, 0, 0, 0], 99, &m),
        "clone(child_stack=NULL, flags=CLONE_PIDFD|SIGCHLD, parent_tid=[5]) = 99"
    );
}

/// Every row of this group, on every arch that has the call, with hostile registers,
/// memory and results, with and without -v: decoding must never panic.
#[test]
fn every_row_survives_garbage() {
    use crate::decode::DecodeOptions;
    use crate::record::SyscallRecord;
    use crate::render::text::render_one;
    let rows = include_str!("../../../syscall-tables/signatures/memproc.tsv");
    let mem = RecordedMemory::new()
        .with(0x1000, vec![0xff; 4096])
        .with(0x3000, vec![0; 4096])
        .with(0x5000, words(&[0x1000; 512]));
    let values = [
        0,
        8,
        0x1000,
        0x1ff8,
        0x3000,
        0x3ff0,
        0x5000,
        u64::MAX,
        1 << 31,
        0xa1b2_c3d4,
    ];
    let verbose = DecodeOptions {
        verbose: true,
        ..DecodeOptions::default()
    };
    for name in rows
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
    {
        for arch in Arch::ALL {
            let Some(nr) = arch.syscall_number(name) else {
                continue;
            };
            for (i, &v) in values.iter().enumerate() {
                let n = values.len();
                let args = [
                    v,
                    values[(i + 1) % n],
                    values[(i + 2) % n],
                    values[(i + 3) % n],
                    0x1000,
                    v,
                ];
                for ret in [None, Some(0), Some(-7), Some(-14), Some(v as i64), Some(3)] {
                    let rec = SyscallRecord {
                        arch,
                        nr,
                        args,
                        ret,
                    };
                    let _ = render_one(&rec, &mem, &DecodeOptions::default());
                    let _ = render_one(&rec, &mem, &verbose);
                }
            }
        }
    }
}

#[test]
fn rusage_and_capget() {
    let mut ru = vec![0u8; 144];
    ru[8..16].copy_from_slice(&1234u64.to_le_bytes());
    let m = RecordedMemory::new()
        .with(0x1000, ru)
        .with(0x2000, words32(&[0x2008_0522, 0]))
        .with(0x3000, words32(&[1 << 21, 1 << 21, 0, 0, 0, 0]));
    assert_eq!(
        r("getrusage", [0, 0x1000, 0, 0, 0, 0], 0, &m),
        "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=1234}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 0"
    );
    assert_eq!(
        r("capget", [0x2000, 0x3000, 0, 0, 0, 0], 0, &m),
        "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_SYS_ADMIN, permitted=1<<CAP_SYS_ADMIN, inheritable=0}) = 0"
    );
}

/// Flag and enum arguments the kernel takes as `int` ignore the register's upper half
/// (wait4.gen.test, setns.gen.test, delete_module.gen.test, set_mempolicy.gen.test,
/// seccomp_get_action_avail.gen.test).
#[test]
fn int_flags_ignore_the_upper_half() {
    let m = RecordedMemory::new().with(0x5000, 0xffff_ffffu32.to_le_bytes().to_vec());
    assert_eq!(
        ru("wait4", [1234, 0, 0xdefa_ced0_4000_0001, 0, 0, 0], 0, &m),
        "wait4(1234, NULL, WNOHANG|__WALL, NULL) = 0"
    );
    assert_eq!(
        ru("setns", [3, 0xdefa_ced0_4000_0000, 0, 0, 0, 0], -9, &m),
        "setns(3, CLONE_NEWNET) = -1 EBADF (Bad file descriptor)"
    );
    assert_eq!(
        ru(
            "delete_module",
            [0, 0xffff_ffff_0000_0800, 0, 0, 0, 0],
            -38,
            &m
        ),
        "delete_module(NULL, O_NONBLOCK) = -1 ENOSYS (Function not implemented)"
    );
    assert_eq!(
        ru(
            "set_mempolicy",
            [0xdefa_ced0_0000_0002, 0, 0, 0, 0, 0],
            0,
            &m
        ),
        "set_mempolicy(MPOL_BIND, NULL, 0) = 0"
    );
    assert_eq!(
        ru(
            "seccomp",
            [0xface_feed_0000_0002, 0, 0x5000, 0, 0, 0],
            -95,
            &m
        ),
        "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [0xffffffff /* SECCOMP_RET_??? */]) = -1 EOPNOTSUPP (Operation not supported)"
    );
}

/// SECCOMP_GET_NOTIF_SIZES fills three u16 (seccomp_get_notif_sizes.gen.test).
#[test]
fn seccomp_notif_sizes() {
    let m = RecordedMemory::new().with(0x5000, vec![80, 0, 24, 0, 64, 0]);
    assert_eq!(
        ru("seccomp", [3, 0, 0x5000, 0, 0, 0], 0, &m),
        "seccomp(SECCOMP_GET_NOTIF_SIZES, 0, {seccomp_notif=80, seccomp_notif_resp=24, seccomp_data=64}) = 0"
    );
    assert_eq!(
        ru("seccomp", [3, 0, 0x5000, 0, 0, 0], -14, &m),
        "seccomp(SECCOMP_GET_NOTIF_SIZES, 0, 0x5000) = -1 EFAULT (Bad address)"
    );
}

/// times(2)'s clock ticks with their value in seconds (times.gen.test).
#[test]
fn times_shows_seconds() {
    let m = RecordedMemory::new().with(0x5000, words(&[42, 49, 50, 199]));
    assert_eq!(
        ru("times", [0x5000, 0, 0, 0, 0, 0], 1719077052, &m),
        "times({tms_utime=42 /* 0.42 s */, tms_stime=49 /* 0.49 s */, tms_cutime=50 /* 0.50 s */, tms_cstime=199 /* 1.99 s */}) = 1719077052"
    );
}

/// sethostname's name: at most `len` bytes, and only the address past 64
/// (sethostname.gen.test).
#[test]
fn sethostname_name() {
    let (m, a) = cstrs(0x1000, &["abcdefgh"]);
    assert_eq!(
        ru(
            "sethostname",
            [a[0], 0xffff_ffff_0000_0005, 0, 0, 0, 0],
            -1,
            &m
        ),
        r#"sethostname("abcde", 5) = -1 EPERM (Operation not permitted)"#
    );
    assert_eq!(
        ru("sethostname", [a[0], 65, 0, 0, 0, 0], -22, &m),
        "sethostname(0x1000, 65) = -1 EINVAL (Invalid argument)"
    );
}

/// reboot's RESTART2 command: 255 bytes read whole, `...` when no NUL ends them
/// (reboot.gen.test).
#[test]
fn reboot_restart2_string() {
    let long = vec![b'A'; 255];
    let m = RecordedMemory::new()
        .with(0x1000, long.clone())
        .with(0x3000, long[..16].to_vec());
    let head = "reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, ";
    assert_eq!(
        ru(
            "reboot",
            [0xfee1dead, 672274793, 0xa1b2c3d4, 0x1000, 0, 0],
            -22,
            &m
        ),
        format!(
            "{head}\"{}\"...) = -1 EINVAL (Invalid argument)",
            "A".repeat(32)
        )
    );
    assert_eq!(
        ru(
            "reboot",
            [0xfee1dead, 672274793, 0xa1b2c3d4, 0x3000, 0, 0],
            -22,
            &m
        ),
        format!("{head}0x3000) = -1 EINVAL (Invalid argument)")
    );
}

/// rusage's tv_usec prints as the unsigned long it is read as (waitid.gen.test).
#[test]
fn rusage_usec_unsigned() {
    let m = RecordedMemory::new().with(0x6000, vec![0xff; 144]);
    assert_eq!(
        ru("waitid", [1, 1234, 0, 4, 0x6000, 0], 0, &m),
        "waitid(P_PID, 1234, NULL, WEXITED, {ru_utime={tv_sec=-1, tv_usec=18446744073709551615}, ru_stime={tv_sec=-1, tv_usec=18446744073709551615}, ...}) = 0"
    );
}
