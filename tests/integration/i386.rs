//! Integration tests: 32-bit x86 programs (gcc -m32) traced on x86_64. They compare
//! with strace only the lines of calls this group decodes (_llseek, stat64,
//! get_thread_area, old stat/readdir, raw legacy calls, the socketcall/ipc fallbacks),
//! as the other lines belong to other groups' rows.

#[allow(unused_imports)]
use crate::util::*;

/// Exercises every i386-only call decoded by compat.rs, on success and failure paths.
const COMPAT_C: &str = r#"
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <asm/ldt.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/sem.h>
#include <sys/msg.h>

#ifndef IPC_64
#define IPC_64 0x100
#endif

struct mb { long mtype; char mtext[16]; };

int main(void) {
    char buf[1024];
    unsigned long long res;
    int fd = open("/etc/passwd", O_RDONLY);
    syscall(SYS__llseek, fd, 0, 10, &res, SEEK_SET);
    syscall(SYS__llseek, fd, 1, 2, &res, SEEK_CUR);
    syscall(SYS__llseek, -1, 0, 0, &res, SEEK_END);
    syscall(SYS__llseek, fd, 0, 0, 0, SEEK_SET);
    syscall(SYS__llseek, fd, 0, 0, &res, 7);
    syscall(SYS_stat64, "/etc/passwd", buf);
    syscall(SYS_stat64, "/nonexistent", buf);
    syscall(SYS_lstat64, "/proc/self", buf);
    syscall(SYS_fstat64, 0, buf);
    syscall(SYS_fstat64, fd, 0);
    syscall(SYS_fstatat64, AT_FDCWD, "/etc", buf, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_fstatat64, fd, "", buf, AT_EMPTY_PATH);
    syscall(SYS_oldstat, "/etc/passwd", buf);
    syscall(SYS_oldlstat, "/nonexistent", buf);
    syscall(SYS_oldfstat, fd, buf);
    int d = open("/", O_RDONLY | O_DIRECTORY);
    syscall(SYS_readdir, d, buf, 1);
    syscall(SYS_readdir, fd, buf, 2);
    struct user_desc ud;
    memset(&ud, 0, sizeof ud);
    ud.entry_number = 12;
    syscall(SYS_get_thread_area, &ud);
    ud.entry_number = 99;
    syscall(SYS_get_thread_area, &ud);
    syscall(SYS_get_thread_area, 0);
    memset(&ud, 0, sizeof ud);
    ud.entry_number = -1;
    ud.base_addr = 0x1000;
    ud.limit = 0xfff;
    ud.seg_32bit = 1;
    syscall(SYS_set_thread_area, &ud);
    syscall(SYS_set_thread_area, 0);
    /* mmap2 takes its offset in pages; i386's mmap takes one pointer to six words. */
    syscall(SYS_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 0x100001);
    syscall(SYS_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned long mm[6] = {0, 8192, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED | (1 << 26), 3, 0x1000};
    syscall(SYS_mmap, mm);
    syscall(SYS_mmap, 0x10);
    syscall(SYS_nice, 0);
    syscall(SYS_olduname, buf);
    syscall(SYS_oldolduname, buf);
    syscall(SYS_ulimit, 1, 0);
    syscall(SYS_vm86old, 0);
    syscall(SYS_ftime, buf);
    syscall(SYS_socketcall, 99, buf);
    syscall(SYS_socketcall, 1, 0);
    syscall(SYS_ipc, 0x10063, 1, 2, 3, 4, 5);
    /* Direct SysV IPC calls that fail the same way on every run. */
    syscall(SYS_shmget, 0x7e570001, 4096, 0);
    syscall(SYS_shmget, 0x7e570001, 4096, SHM_HUGETLB | (21 << 26) | 0640);
    syscall(SYS_shmat, -1, 0, SHM_RDONLY);
    syscall(SYS_shmdt, 0);
    syscall(SYS_shmctl, -1, IPC_64 | IPC_RMID, 0);
    syscall(SYS_semget, 0x7e570002, 1, 0);
    syscall(SYS_semctl, -1, 0, IPC_64 | IPC_RMID, 0);
    syscall(SYS_msgget, 0x7e570003, IPC_EXCL | 0600);
    struct mb m = {1, "hello"};
    syscall(SYS_msgsnd, -1, &m, 5, IPC_NOWAIT);
    syscall(SYS_msgrcv, -1, &m, 16, 0, IPC_NOWAIT);
    syscall(SYS_msgctl, -1, IPC_64 | IPC_STAT, 0);
    /* ctl buffers that strace shows even when the call fails */
    struct shmid_ds sds;
    memset(&sds, 0, sizeof sds);
    sds.shm_perm.mode = 0640;
    syscall(SYS_shmctl, -1, IPC_64 | IPC_SET, &sds);
    struct msqid_ds mds;
    memset(&mds, 0, sizeof mds);
    mds.msg_qbytes = 1000;
    syscall(SYS_msgctl, -1, IPC_64 | IPC_SET, &mds);
    syscall(SYS_msgctl, -1, IPC_64 | IPC_INFO, &mds);
    struct semid_ds semds;
    memset(&semds, 0, sizeof semds);
    syscall(SYS_semctl, -1, 0, IPC_64 | IPC_STAT, &semds);
    syscall(SYS_semctl, -1, 0, IPC_64 | SETVAL, 5);
    struct sembuf sb[2] = {{0, 1, SEM_UNDO}, {1, -1, IPC_NOWAIT}};
    long long ts[2] = {1, 2};
    syscall(SYS_semtimedop_time64, -1, sb, 2, ts);
    return 7;
}
"#;

/// The prefixes of the lines this group's rows produce.
const OWN: &[&str] = &[
    "mmap2(",
    "mmap(",
    "_llseek(",
    "stat64(",
    "lstat64(",
    "fstat64(",
    "fstatat64(",
    "oldstat(",
    "oldlstat(",
    "oldfstat(",
    "readdir(",
    "get_thread_area(",
    "nice(",
    "olduname(",
    "oldolduname(",
    "ulimit(",
    "vm86old(",
    "ftime(",
    "socketcall(",
    "ipc(",
    "shmget(",
    "shmat(",
    "shmdt(",
    "shmctl(",
    "semget(",
    "semctl(",
    "msgget(",
    "msgsnd(",
    "msgrcv(",
    "msgctl(",
    "semtimedop_time64(",
];

/// Compiles a 32-bit program. `Err` (a skip) only when gcc cannot build 32-bit programs
/// at all; an error in the test program itself fails the test.
fn compile32(name: &str, src: &str, extra: &[&str]) -> Result<std::path::PathBuf, String> {
    let mut flags = vec!["-m32"];
    flags.extend_from_slice(extra);
    match compile(name, src, &flags) {
        Ok(exe) => Ok(exe),
        Err(e) => match compile("probe32", "int main(void) { return 0; }\n", &flags) {
            Ok(_) => panic!("the i386 test program does not compile: {e}"),
            Err(probe) => Err(probe),
        },
    }
}

/// COMPAT_C compiled as `name`, or a skip of the test (with why, for flags beyond
/// `-m32`) when 32-bit programs cannot be built.
macro_rules! compat_exe {
    ($name:literal) => {
        compat_exe!($name, &[], "-m32 (gcc-multilib missing?)")
    };
    ($name:literal, $extra:expr, $why:literal) => {
        compiled_or_skip!(compile32($name, COMPAT_C, $extra), e => "cannot compile with {}: {e}", $why)
    };
}

/// The normalised lines of `run` that start with one of `prefixes`, in log order.
fn own_lines(run: &Run, prefixes: &[&str]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for l in run.log.lines() {
        let body = l
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start();
        if prefixes.iter().any(|p| body.starts_with(p)) {
            lines.push(body.to_string());
        }
    }
    normalize(&lines.join("\n")).into_iter().flatten().collect()
}

fn assert_own_lines_like_strace(flags: &[&str], exe: &str, prefixes: &[&str]) {
    let Some(s) = run_strace(flags, &[exe]) else {
        skip!("strace is not installed (apt-get install strace)");
    };
    let t = run_trace(flags, &[exe]);
    assert_eq!(
        t.status.code(),
        s.status.code(),
        "exit status differs from strace's"
    );
    let (sl, tl) = (own_lines(&s, prefixes), own_lines(&t, prefixes));
    assert!(
        !sl.is_empty(),
        "strace printed none of the expected calls:\n{}",
        s.log
    );
    assert_eq!(tl, sl, "trace's i386 lines differ from strace's");
}

#[test]
fn compat_calls_like_strace() {
    let exe = compat_exe!("compat32");
    assert_own_lines_like_strace(&["-f"], exe.to_str().unwrap(), OWN);
}

#[test]
fn compat_calls_verbose_like_strace() {
    let exe = compat_exe!("compat32v");
    assert_own_lines_like_strace(&["-v"], exe.to_str().unwrap(), OWN);
}

#[test]
fn static_compat_calls_like_strace() {
    let exe = compat_exe!(
        "compat32s",
        &["-static"],
        "-m32 -static (no 32-bit static libc?)"
    );
    assert_own_lines_like_strace(&["-f"], exe.to_str().unwrap(), OWN);
}

#[test]
fn exit_status_is_kept_and_nothing_panics() {
    let exe = compat_exe!("status32");
    let out = trace_command()
        .args(["-f", "-v", "-o", "/dev/null", "--"])
        .arg(&exe)
        .output()
        .expect("running trace");
    assert_eq!(
        out.status.code(),
        Some(7),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "trace panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn llseek_exact_lines() {
    let exe = compat_exe!("llseek32");
    let t = run_trace(&[], &[exe.to_str().unwrap()]);
    let lines = own_lines(&t, &["_llseek("]);
    assert_eq!(
        lines,
        [
            "_llseek(3, 10, [10], SEEK_SET) = 0",
            "_llseek(3, 4294967298, [4294967308], SEEK_CUR) = 0",
            "_llseek(-1, 0, 0xADDR, SEEK_END) = -1 EBADF (Bad file descriptor)",
            "_llseek(3, 0, NULL, SEEK_SET) = -1 EFAULT (Bad address)",
            "_llseek(3, 0, 0xADDR, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)",
        ]
    );
}

/// 64-bit values over register pairs and mmap2's page offset, traced live: exact lines,
/// then the whole log against strace's (tests/fixtures/src/archcases.c, also recorded
/// as tests/fixtures/i386/archcases.jsonl).
#[test]
fn register_pairs_and_mmap2_exact_and_like_strace() {
    let exe = compiled_or_skip!(
        compile32("pairs32", include_str!("../fixtures/src/archcases.c"), &[]),
        e => "cannot compile with -m32 (gcc-multilib missing?): {e}"
    );
    let dir = tmpdir("pairs32");
    let t = run_trace_in(&dir, &[], &[exe.to_str().unwrap()]);
    let mut lines = own_lines(
        &t,
        &[
            "pread64(",
            "pwrite64(",
            "fadvise64_64(",
            "fallocate(",
            "ftruncate64(",
            "truncate64(",
            "sync_file_range(",
            "mmap2(NULL, 8192",
            "mmap2(NULL, 4096",
        ],
    );
    lines.retain(|l| !l.contains("MAP_ANONYMOUS"));
    assert_eq!(
        lines,
        [
            "pwrite64(3, \"0123456789abcdef\", 16, 4886718345) = 16",
            "pread64(3, \"0123456789abcdef\", 16, 4886718345) = 16",
            "fadvise64_64(3, 4294967296, 4096, POSIX_FADV_DONTNEED) = 0",
            "fallocate(3, FALLOC_FL_KEEP_SIZE, 4294967296, 4096) = 0",
            "ftruncate64(3, 4294967297) = 0",
            "truncate64(\"trace-fixture.tmp\", 8589934592) = 0",
            "sync_file_range(3, 4294967296, 4096, SYNC_FILE_RANGE_WRITE) = 0",
            "mmap2(NULL, 8192, PROT_READ, MAP_SHARED, 3, 0x3000) = 0xADDR",
            "mmap2(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0xADDR) = 0xADDR",
        ]
    );
    // The normalised form hides the offset: page 0x100001 is byte 0x100001000.
    let raw = t.find("mmap2(NULL, 4096, PROT_READ, MAP_SHARED, 3, ");
    assert_eq!(raw.len(), 1, "{raw:?}");
    assert!(
        raw[0].starts_with("mmap2(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0x100001000) "),
        "{}",
        raw[0]
    );
    let Some(s) = run_strace_in(&dir, &["-f"], &[exe.to_str().unwrap()]) else {
        skip!("the strace comparison: strace is not installed");
    };
    let t = run_trace_in(&dir, &["-f"], &[exe.to_str().unwrap()]);
    compare_logs(&s, &t, &crate::fixtures::ARCHCASES_RACY);
}

/// The pre-5.3 path (registers instead of PTRACE_GET_SYSCALL_INFO), forced with
/// TRACE_SYSCALL_INFO=regs, decodes 64- and 32-bit programs as strace does.
#[test]
fn register_path_for_old_kernels_decodes_like_strace() {
    let exe = compat_exe!("compat32regs");
    let exe = exe.to_str().unwrap();
    for cmd in [&["ls", "-l", "/"][..], &[exe]] {
        let Some(s) = run_strace(&["-f"], cmd) else {
            skip!("strace is not installed (apt-get install strace)");
        };
        let log = tmpdir("regs_path").join("log");
        let out = trace_command()
            .env("TRACE_SYSCALL_INFO", "regs")
            .args(["-f", "-o"])
            .arg(&log)
            .arg("--")
            .args(cmd)
            .output()
            .unwrap();
        let t = Run {
            status: out.status,
            log: std::fs::read_to_string(&log).unwrap(),
            stdout: String::new(),
            stderr: String::new(),
        };
        assert_eq!(t.status.code(), s.status.code());
        // The environment holds one variable more.
        compare_logs(&s, &t, &["execve("]);
    }
}
