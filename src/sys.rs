//! The only unsafe code of trace: thin wrappers over ptrace, waitpid, fork/exec,
//! process_vm_readv, localtime and register sets (`regs`). Each returns `Err(errno)`
//! or `None` instead of panicking; ESRCH (the thread is gone) is an ordinary answer
//! the caller handles.

#![allow(unsafe_code)]

pub mod regs;

use std::ffi::CString;

pub type Pid = libc::pid_t;

/// errno of the last failed libc call.
fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn check(r: libc::c_long) -> Result<libc::c_long, i32> {
    if r == -1 { Err(errno()) } else { Ok(r) }
}

pub const PTRACE_GET_SYSCALL_INFO: libc::c_uint = 0x420e;
pub const OP_ENTRY: u8 = 1;
pub const OP_EXIT: u8 = 2;
pub const OP_SECCOMP: u8 = 3;

/// `struct ptrace_syscall_info` from <linux/ptrace.h>.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SyscallInfo {
    pub op: u8,
    pub pad: [u8; 3],
    pub arch: u32,
    pub instruction_pointer: u64,
    pub stack_pointer: u64,
    /// entry/seccomp: nr, args[6] (+ret_data); exit: rval, is_error.
    pub data: [u64; 8],
}

impl SyscallInfo {
    pub fn nr(&self) -> u64 {
        self.data[0]
    }
    pub fn args(&self) -> [u64; 6] {
        [
            self.data[1],
            self.data[2],
            self.data[3],
            self.data[4],
            self.data[5],
            self.data[6],
        ]
    }
    pub fn rval(&self) -> i64 {
        self.data[0] as i64
    }
    pub fn is_error(&self) -> bool {
        self.data[1] as u8 != 0
    }
}

pub fn get_syscall_info(pid: Pid) -> Result<SyscallInfo, i32> {
    let mut info = SyscallInfo {
        op: 0,
        pad: [0; 3],
        arch: 0,
        instruction_pointer: 0,
        stack_pointer: 0,
        data: [0; 8],
    };
    // SAFETY: the kernel writes at most size_of::<SyscallInfo>() bytes into `info`.
    let r = unsafe {
        libc::ptrace(
            PTRACE_GET_SYSCALL_INFO,
            pid,
            std::mem::size_of::<SyscallInfo>(),
            &mut info as *mut SyscallInfo,
        )
    };
    check(r).map(|_| info)
}

fn request(req: libc::c_uint, pid: Pid, addr: usize, data: usize) -> Result<libc::c_long, i32> {
    // SAFETY: requests used here take integer addr/data or pointers we own.
    check(unsafe { libc::ptrace(req, pid, addr, data) })
}

pub fn seize(pid: Pid, options: u32) -> Result<(), i32> {
    request(libc::PTRACE_SEIZE, pid, 0, options as usize).map(drop)
}

pub fn interrupt(pid: Pid) -> Result<(), i32> {
    request(libc::PTRACE_INTERRUPT, pid, 0, 0).map(drop)
}

/// Resume to the next syscall stop, delivering `sig` (0 for none).
pub fn syscall(pid: Pid, sig: i32) -> Result<(), i32> {
    request(libc::PTRACE_SYSCALL, pid, 0, sig as usize).map(drop)
}

pub fn cont(pid: Pid, sig: i32) -> Result<(), i32> {
    request(libc::PTRACE_CONT, pid, 0, sig as usize).map(drop)
}

pub fn listen(pid: Pid) -> Result<(), i32> {
    request(libc::PTRACE_LISTEN, pid, 0, 0).map(drop)
}

pub fn detach(pid: Pid, sig: i32) -> Result<(), i32> {
    request(libc::PTRACE_DETACH, pid, 0, sig as usize).map(drop)
}

pub fn set_options(pid: Pid, options: u32) -> Result<(), i32> {
    request(libc::PTRACE_SETOPTIONS, pid, 0, options as usize).map(drop)
}

pub fn get_event_msg(pid: Pid) -> Result<u64, i32> {
    let mut msg: libc::c_ulong = 0;
    // SAFETY: the kernel writes one unsigned long into `msg`.
    check(unsafe {
        libc::ptrace(
            libc::PTRACE_GETEVENTMSG,
            pid,
            0,
            &mut msg as *mut libc::c_ulong,
        )
    })
    .map(|_| msg as u64)
}

/// The raw 128-byte siginfo of a signal-delivery-stop.
pub fn get_siginfo(pid: Pid) -> Result<[u8; 128], i32> {
    let mut buf = [0u8; 128];
    // SAFETY: siginfo_t is 128 bytes on every Linux arch.
    check(unsafe { libc::ptrace(libc::PTRACE_GETSIGINFO, pid, 0, buf.as_mut_ptr()) }).map(|_| buf)
}

pub fn peek(pid: Pid, addr: u64) -> Result<u64, i32> {
    // PEEKDATA returns the word; -1 is ambiguous, so errno is cleared first.
    // SAFETY: errno location is thread-local and valid; PEEKDATA reads tracee memory.
    unsafe {
        *libc::__errno_location() = 0;
        let v = libc::ptrace(libc::PTRACE_PEEKDATA, pid, addr as usize, 0usize);
        if v == -1 && errno() != 0 {
            return Err(errno());
        }
        Ok(v as u64)
    }
}

/// Reads tracee memory in one process_vm_readv call. Returns bytes read.
pub fn read_memory(pid: Pid, addr: u64, buf: &mut [u8]) -> Result<usize, i32> {
    let local = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    let remote = libc::iovec {
        iov_base: addr as usize as *mut libc::c_void,
        iov_len: buf.len(),
    };
    // SAFETY: `local` covers exactly `buf`; the remote side is checked by the kernel.
    let r = unsafe { libc::process_vm_readv(pid, &local, 1, &remote, 1, 0) };
    if r < 0 { Err(errno()) } else { Ok(r as usize) }
}

/// Writes tracee memory in one process_vm_writev call (`-e inject=...:poke_enter=`).
/// Returns bytes written.
pub fn write_memory(pid: Pid, addr: u64, data: &[u8]) -> Result<usize, i32> {
    let local = libc::iovec {
        iov_base: data.as_ptr() as *mut libc::c_void,
        iov_len: data.len(),
    };
    let remote = libc::iovec {
        iov_base: addr as usize as *mut libc::c_void,
        iov_len: data.len(),
    };
    // SAFETY: `local` covers exactly `data`, which the kernel only reads; the remote
    // side is checked by the kernel.
    let r = unsafe { libc::process_vm_writev(pid, &local, 1, &remote, 1, 0) };
    if r < 0 { Err(errno()) } else { Ok(r as usize) }
}

/// Writes tracee memory as strace's upoken does: process_vm_writev, and where that
/// cannot (read-only pages, EPERM, no such call) PTRACE_POKEDATA word by word, the
/// partial words read first. Returns the bytes written (0 when none could be).
pub fn poke_memory(pid: Pid, addr: u64, data: &[u8]) -> usize {
    match write_memory(pid, addr, data) {
        Ok(n) => return n,
        Err(libc::ENOSYS | libc::EPERM | libc::EFAULT | libc::EIO) => {}
        Err(_) => return 0,
    }
    const W: usize = std::mem::size_of::<usize>();
    let mut done = 0;
    while done < data.len() {
        let at = addr.wrapping_add(done as u64);
        let base = at & !(W as u64 - 1);
        let off = (at - base) as usize;
        let n = (W - off).min(data.len() - done);
        let mut word = if n == W {
            [0u8; W]
        } else {
            match peek(pid, base) {
                Ok(v) => (v as usize).to_ne_bytes(),
                Err(_) => break,
            }
        };
        word[off..off + n].copy_from_slice(&data[done..done + n]);
        // SAFETY: POKEDATA writes one word of the stopped tracee's memory; the kernel
        // checks the address.
        let r = unsafe {
            libc::ptrace(
                libc::PTRACE_POKEDATA,
                pid,
                base as usize,
                usize::from_ne_bytes(word),
            )
        };
        if r != 0 {
            break;
        }
        done += n;
    }
    done
}

/// waitpid(-1 or pid, __WALL | flags). `Ok(None)` with WNOHANG and nothing ready.
pub fn wait(pid: Pid, flags: i32) -> Result<Option<(Pid, i32)>, i32> {
    let mut status = 0;
    // SAFETY: plain syscall writing one int.
    let r = unsafe { libc::waitpid(pid, &mut status, libc::__WALL | flags) };
    match r {
        -1 => Err(errno()),
        0 => Ok(None),
        p => Ok(Some((p, status))),
    }
}

/// Like [`wait`], also returning the reported thread's system CPU time (wait4's
/// rusage of a stopped tracee), which `-c` accounts per syscall as strace does.
pub fn wait_with_stime(
    pid: Pid,
    flags: i32,
) -> Result<Option<(Pid, i32, std::time::Duration)>, i32> {
    let mut status = 0;
    // SAFETY: all-zero is a valid rusage; wait4 writes one int and one rusage.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: plain syscall writing into the two locals above.
    let r = unsafe { libc::wait4(pid, &mut status, libc::__WALL | flags, &mut ru) };
    let stime = std::time::Duration::new(
        u64::try_from(ru.ru_stime.tv_sec).unwrap_or(0),
        u32::try_from(ru.ru_stime.tv_usec)
            .unwrap_or(0)
            .saturating_mul(1000),
    );
    match r {
        -1 => Err(errno()),
        0 => Ok(None),
        p => Ok(Some((p, status, stime))),
    }
}

pub fn kill(pid: Pid, sig: i32) -> Result<(), i32> {
    // SAFETY: plain syscall.
    if unsafe { libc::kill(pid, sig) } == -1 {
        Err(errno())
    } else {
        Ok(())
    }
}

pub fn tgkill(tgid: Pid, tid: Pid, sig: i32) -> Result<(), i32> {
    // SAFETY: plain syscall.
    let r = unsafe { libc::syscall(libc::SYS_tgkill, tgid, tid, sig) };
    if r == -1 { Err(errno()) } else { Ok(()) }
}

/// Forks a child that stops itself with SIGSTOP and then execs `path` with `argv` and
/// the current environment. Everything is allocated before fork: the child only makes
/// async-signal-safe calls.
/// A seccomp filter for [`spawn_stopped`] to install in the child before exec.
pub struct SeccompFilter {
    insns: Vec<libc::sock_filter>,
    /// Set no_new_privs first: needed without CAP_SYS_ADMIN (and then setuid
    /// programs no longer gain privileges, so callers ask for it only on request).
    pub no_new_privs: bool,
}

impl SeccompFilter {
    pub fn new(prog: &[crate::seccomp::Insn], no_new_privs: bool) -> Self {
        SeccompFilter {
            insns: prog
                .iter()
                .map(|i| libc::sock_filter {
                    code: i.code,
                    jt: i.jt,
                    jf: i.jf,
                    k: i.k,
                })
                .collect(),
            no_new_privs,
        }
    }
}

/// Whether SIGPIPE was ignored when trace started, before the Rust runtime ignored it
/// (recorded by a constructor that runs ahead of the runtime's start-up).
static SIGPIPE_IGNORED_AT_START: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Which of fds 0, 1, 2 were closed when trace started (bit N for fd N): the Rust
/// runtime opens /dev/null on them, but the command must find them closed.
static STD_FDS_CLOSED_AT_START: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

extern "C" fn note_initial_sigpipe() {
    let mut closed = 0u8;
    for fd in 0..3 {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            closed |= 1 << fd;
        }
    }
    STD_FDS_CLOSED_AT_START.store(closed, std::sync::atomic::Ordering::Relaxed);
    // SAFETY: sigaction with a null new action only reads the disposition into `old`.
    let ignored = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGPIPE, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    };
    SIGPIPE_IGNORED_AT_START.store(ignored, std::sync::atomic::Ordering::Relaxed);
    // The other fatal signals too: trace catches them (as strace does, ignored or not),
    // so only this record tells the command what it must inherit.
    let mut mask = 0u32;
    for sig in [libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGTERM] {
        // SAFETY: as above, a read of the disposition only.
        let ignored = unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(sig, std::ptr::null(), &mut old) == 0
                && old.sa_sigaction == libc::SIG_IGN
        };
        if ignored {
            mask |= 1 << sig;
        }
    }
    FATAL_IGNORED_AT_START.store(mask, std::sync::atomic::Ordering::Relaxed);
}

/// Bit N: signal N (HUP, INT, QUIT, TERM) was ignored when trace started.
static FATAL_IGNORED_AT_START: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_INITIAL_SIGPIPE: extern "C" fn() = note_initial_sigpipe;

/// Whether `sig` was ignored when trace started (the command inherits that).
fn ignored_at_start(sig: i32) -> bool {
    if sig == libc::SIGPIPE {
        return SIGPIPE_IGNORED_AT_START.load(std::sync::atomic::Ordering::Relaxed);
    }
    (0..32).contains(&sig)
        && FATAL_IGNORED_AT_START.load(std::sync::atomic::Ordering::Relaxed) & (1 << sig) != 0
}

/// `-u USER`: the credentials the command runs with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunAs {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
}

/// Whether trace runs as root (effective uid 0).
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Looks a user up (getpwnam_r), with its supplementary groups (getgrouplist).
pub fn lookup_user(name: &str) -> Option<RunAs> {
    let cname = CString::new(name).ok()?;
    let mut buf = vec![0 as libc::c_char; 16384];
    // SAFETY: getpwnam_r writes into `pwd` and `buf`, both ours and sized as passed;
    // getgrouplist writes at most `n` gids into `groups`.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        if libc::getpwnam_r(
            cname.as_ptr(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        ) != 0
            || found.is_null()
        {
            return None;
        }
        let mut groups = vec![0 as libc::gid_t; 1024];
        let mut n = groups.len() as libc::c_int;
        if libc::getgrouplist(pwd.pw_name, pwd.pw_gid, groups.as_mut_ptr(), &mut n) < 0 {
            n = 0;
        }
        groups.truncate(n.max(0) as usize);
        Some(RunAs {
            uid: pwd.pw_uid,
            gid: pwd.pw_gid,
            groups,
        })
    }
}

pub fn spawn_stopped(
    path: &CString,
    argv: &[CString],
    seccomp: Option<&SeccompFilter>,
    run_as: Option<&RunAs>,
) -> Result<Pid, i32> {
    let sigpipe = if ignored_at_start(libc::SIGPIPE) {
        libc::SIG_IGN
    } else {
        libc::SIG_DFL
    };
    let closed_fds = STD_FDS_CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed);
    let fatal_ignored = FATAL_IGNORED_AT_START.load(std::sync::atomic::Ordering::Relaxed);
    // strace's report of a failed exec, from the child: `PROG: exec: ERROR`.
    let exec_prefix = format!("{}: exec: ", crate::progname()).into_bytes();
    let mut ptrs: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    ptrs.push(std::ptr::null());
    // Built before fork: the child must not allocate.
    let fprog = seccomp.map(|f| libc::sock_fprog {
        len: f.insns.len() as libc::c_ushort,
        filter: f.insns.as_ptr() as *mut libc::sock_filter,
    });
    let nnp = seccomp.is_some_and(|f| f.no_new_privs);
    // SAFETY: between fork and exec the child calls only async-signal-safe functions
    // (signal, getpid, kill, prctl, write, execv, _exit) on memory prepared before fork.
    unsafe {
        match libc::fork() {
            -1 => Err(errno()),
            0 => {
                // The Rust runtime ignores SIGPIPE; the program must start with what
                // trace was given, as it would from a shell.
                libc::signal(libc::SIGPIPE, sigpipe);
                // Fatal signals trace was started with ignored stay ignored for the
                // command (trace itself catches them; a caught one resets at exec).
                for sig in 1..32 {
                    if fatal_ignored & (1 << sig) != 0 {
                        libc::signal(sig, libc::SIG_IGN);
                    }
                }
                for fd in (0..3).filter(|fd| closed_fds & (1 << fd) != 0) {
                    libc::close(fd);
                }
                libc::kill(libc::getpid(), libc::SIGSTOP);
                // Installed once seized: a traced syscall with no tracer fails.
                if let Some(fprog) = &fprog {
                    let failed = (nnp && libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
                        || libc::prctl(
                            libc::PR_SET_SECCOMP,
                            libc::SECCOMP_MODE_FILTER,
                            fprog as *const libc::sock_fprog,
                        ) != 0;
                    if failed {
                        let msg =
                            b"trace: cannot install the seccomp filter (try --no-seccomp-bpf)\n";
                        libc::write(2, msg.as_ptr().cast(), msg.len());
                        libc::_exit(126);
                    }
                }
                if let Some(r) = run_as {
                    let failed = libc::setgroups(r.groups.len(), r.groups.as_ptr()) != 0
                        || libc::setgid(r.gid) != 0
                        || libc::setuid(r.uid) != 0;
                    if failed {
                        let msg = b"trace: cannot take the -u user's credentials\n";
                        libc::write(2, msg.as_ptr().cast(), msg.len());
                        libc::_exit(1);
                    }
                }
                libc::execv(path.as_ptr(), ptrs.as_ptr());
                let msg = libc::strerror(errno());
                libc::write(2, exec_prefix.as_ptr().cast(), exec_prefix.len());
                libc::write(2, msg.cast(), libc::strlen(msg));
                libc::write(2, b"\n".as_ptr().cast(), 1);
                libc::_exit(1);
            }
            pid => Ok(pid),
        }
    }
}

/// Puts /dev/null on trace's own stdin and stdout (strace does this once the command
/// runs): the command alone holds what they were, so its closing them is seen.
pub fn stdin_stdout_to_null() {
    // SAFETY: open and dup2 on descriptors trace owns; the path is a C string.
    unsafe {
        let fd = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        if fd < 0 {
            return;
        }
        libc::dup2(fd, 0);
        libc::dup2(fd, 1);
        if fd > 1 {
            libc::close(fd);
        }
    }
}

/// Kills this process with `sig` the way it killed the tracee: default action,
/// unblocked, no core file from us.
pub fn die_by_signal(sig: i32) -> ! {
    // SAFETY: resetting our own dispositions and raising a signal.
    unsafe {
        let rl = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &rl);
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
        libc::_exit(128 + sig)
    }
}

/// Sets the disposition of `sig` in the tracer to ignore or default.
pub fn ignore_signal(sig: i32, ignore: bool) {
    // SAFETY: SIG_IGN/SIG_DFL are always valid dispositions.
    unsafe {
        libc::signal(sig, if ignore { libc::SIG_IGN } else { libc::SIG_DFL });
    }
}

/// A broken-down local time (the fields of `struct tm` that dates print).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Seconds east of UTC.
    pub utc_offset: i64,
}

/// `secs` since the epoch in the local time zone (TZ), as localtime_r sees it.
pub fn local_time(secs: i64) -> Option<LocalTime> {
    let t = libc::time_t::try_from(secs).ok()?;
    // SAFETY: localtime_r only writes the tm we pass; both pointers are valid locals.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return None;
        }
        tm
    };
    Some(LocalTime {
        year: i64::from(tm.tm_year) + 1900,
        month: (tm.tm_mon + 1) as u32,
        day: tm.tm_mday as u32,
        hour: tm.tm_hour as u32,
        minute: tm.tm_min as u32,
        second: tm.tm_sec as u32,
        utc_offset: tm.tm_gmtoff,
    })
}

/// The last fatal signal caught by [`catch_signals`], 0 for none.
static INTERRUPTED: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

extern "C" fn note_signal(sig: libc::c_int) {
    INTERRUPTED.store(sig, std::sync::atomic::Ordering::SeqCst);
}

/// Catches `sigs` by recording them (see [`take_interrupt`]) without SA_RESTART, so a
/// blocking waitpid returns EINTR and the tracer can act.
pub fn catch_signals(sigs: &[i32]) {
    // Even one ignored when trace started, as strace does (`nohup`, a background job):
    // the command still gets it ignored (see spawn_stopped).
    for &sig in sigs {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe;
        // an all-zero sigaction with an empty mask is valid.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = note_signal as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// The fatal signal caught since the last call, if any.
pub fn take_interrupt() -> Option<i32> {
    match INTERRUPTED.swap(0, std::sync::atomic::Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// The value of extended attribute `name` of `path` (at most 255 bytes), e.g.
/// `system.sockprotoname` of `/proc/PID/fd/N`, which names a socket's protocol.
pub fn getxattr(path: &str, name: &str) -> Option<Vec<u8>> {
    let path = CString::new(path).ok()?;
    let name = CString::new(name).ok()?;
    let mut buf = [0u8; 255];
    // SAFETY: both names are NUL-terminated; the kernel writes at most `buf.len()`.
    let r = unsafe {
        libc::getxattr(
            path.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    if r <= 0 {
        return None;
    }
    let got = &buf[..r as usize];
    // The kernel may or may not count the terminating NUL.
    let end = got.iter().position(|&b| b == 0).unwrap_or(got.len());
    Some(got[..end].to_vec())
}

/// A NETLINK_SOCK_DIAG socket. The kernel answers for the network namespace a socket
/// was made in, so for a process in another one (a container, a pod) the socket is made
/// by a short-lived thread that first joins that namespace (`/proc/PID/ns/net`); trace
/// itself stays where it is. `None` when the namespace cannot be joined (that needs
/// CAP_SYS_ADMIN over it): then nothing is answered rather than a wrong answer.
fn diag_socket(netns: Option<&std::path::Path>) -> Option<std::os::fd::OwnedFd> {
    fn make() -> Option<std::os::fd::OwnedFd> {
        // SAFETY: plain socket creation; the fd is owned below.
        let raw = unsafe {
            libc::socket(
                libc::AF_NETLINK,
                libc::SOCK_RAW | libc::SOCK_CLOEXEC,
                libc::NETLINK_SOCK_DIAG,
            )
        };
        // SAFETY: `raw` is a fresh fd that nothing else owns.
        (raw >= 0)
            .then(|| unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(raw) })
    }
    use std::os::unix::fs::MetadataExt;
    let other = netns.filter(|ns| {
        let ino = |p: &std::path::Path| std::fs::metadata(p).map(|m| (m.dev(), m.ino())).ok();
        ino(ns) != ino(std::path::Path::new("/proc/self/ns/net"))
    });
    let Some(ns) = other else {
        return make();
    };
    let ns = std::fs::File::open(ns).ok()?;
    std::thread::scope(|s| {
        s.spawn(|| {
            nix::sched::setns(&ns, nix::sched::CloneFlags::CLONE_NEWNET).ok()?;
            make()
        })
        .join()
        .ok()
        .flatten()
    })
}

/// One NETLINK_SOCK_DIAG exchange, in the network namespace `netns` (a
/// `/proc/PID/ns/net` path; trace's own when `None`): sends `request`, then hands each
/// reply datagram to `reply` until it returns true (answered) or false with nothing
/// more to read. The first read waits for the kernel; later ones do not, as a dump may
/// end without an answer. Returns whether `reply` said it was answered.
pub fn sock_diag(
    netns: Option<&std::path::Path>,
    request: &[u8],
    mut reply: impl FnMut(&[u8]) -> Option<bool>,
) -> bool {
    let Some(fd) = diag_socket(netns) else {
        return false;
    };
    let fd = std::os::fd::AsRawFd::as_raw_fd(&fd);
    // SAFETY: an all-zero sockaddr_nl addresses the kernel.
    let mut kernel: libc::sockaddr_nl = unsafe { std::mem::zeroed() };
    kernel.nl_family = libc::AF_NETLINK as libc::sa_family_t;
    loop {
        // SAFETY: `request` and `kernel` outlive the call; lengths are theirs.
        let r = unsafe {
            libc::sendto(
                fd,
                request.as_ptr().cast(),
                request.len(),
                0,
                (&kernel as *const libc::sockaddr_nl).cast(),
                std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
            )
        };
        if r >= 0 {
            break;
        }
        if errno() != libc::EINTR {
            return false;
        }
    }
    let mut buf = vec![0u8; 8192];
    let mut flags = 0;
    loop {
        // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`.
        let r = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), flags) };
        if r < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return false;
        }
        match reply(&buf[..r as usize]) {
            Some(answered) => return answered,
            None => flags = libc::MSG_DONTWAIT,
        }
    }
}

/// NS_GET_PARENT (<linux/nsfs.h>, `_IO(0xb7, 0x2)`): the parent of the namespace open
/// as `ns`. EPERM above the caller's own namespace, ENOTTY on kernels before 4.9.
pub fn ns_get_parent(ns: &std::fs::File) -> Result<std::fs::File, i32> {
    use std::os::fd::{AsRawFd, FromRawFd};
    const NS_GET_PARENT: libc::c_ulong = 0xb702;
    // SAFETY: the ioctl takes no argument and returns a new fd or -1.
    let fd = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_PARENT as _) };
    if fd < 0 {
        Err(errno())
    } else {
        // SAFETY: `fd` is a new descriptor that nothing else owns.
        Ok(unsafe { std::fs::File::from_raw_fd(fd) })
    }
}
