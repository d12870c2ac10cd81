//! The ptrace side: start or seize tracees, run the wait loop, keep per-thread state,
//! and hand decoded-ready events to a [`Sink`]. All ptrace calls go through `sys`.

// CPU placement (issue 7, --cpu-placement): see affinity.rs.
pub mod affinity;
mod attach;
mod mem;
mod tamper;

use crate::arch::Arch;
use crate::event::{Sink, Timing};
use crate::record::SyscallRecord;
use crate::sys::{self, Pid};
use mem::LiveMemory;
use std::collections::HashMap;
use std::ffi::CString;
use std::time::{Duration, Instant};

/// How a traced program ended, to hand on as trace's own exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Exited(i32),
    Killed { sig: i32, core: bool },
}

#[derive(Debug)]
pub struct TraceError(pub String);

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct TracerOptions {
    pub follow_forks: bool,
    /// strace's interactive mode (no `-o FILE`): HUP, INT, QUIT, PIPE and TERM sent to
    /// trace are passed to the traced command, and the trace ends when it does. Off:
    /// they are ignored, and only reach the command from the terminal.
    pub interactive: bool,
    /// Write buffered output whenever the tracees are quiet (a terminal or pipe
    /// someone reads now); off for log files, which are written in large blocks.
    pub flush_when_idle: bool,
    /// Print `Process N attached/detached` on stderr (off with `-q`).
    pub announce: bool,
    /// Print `Exit of unknown pid N ignored` (off with `--quiet=exit`, `-qq`).
    pub announce_exits: bool,
    /// Read each stop's system CPU time (wait4's rusage) for `-c` accounting.
    pub system_time: bool,
    /// A seccomp filter for the spawned command: only its traced syscalls stop it.
    pub seccomp: Option<sys::SeccompFilter>,
    /// Where the tracer runs relative to its tracees (`--cpu-placement`).
    pub cpu_placement: affinity::CpuPlacement,
    /// `-i`: tell the sink each stop's instruction pointer.
    pub instruction_pointer: bool,
    /// `-e inject=`, `-e fault=`: the calls to tamper with.
    pub inject: Option<crate::filter::inject::InjectTable>,
    /// `-I`: when fatal signals may interrupt trace.
    pub interruptible: Interruptible,
    /// `-b execve`: let a tracee go at its exec (not the spawned command's first).
    pub detach_on_exec: bool,
    /// Once the command runs, put /dev/null on trace's stdin and stdout (off when
    /// trace itself still needs stdout, as `--live` does).
    pub release_stdio: bool,
    /// `-u USER`: the command runs with that user's credentials.
    pub run_as: Option<sys::RunAs>,
}

/// strace's `-I`: 1 anywhere (trace keeps default dispositions), 2 waiting (caught,
/// or ignored without `interactive`), 3 never (ignored), 4 never_tstp (SIGTSTP too).
/// The command never inherits them: they are set after it is started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Interruptible {
    Anywhere,
    #[default]
    Waiting,
    Never,
    NeverTstp,
}

#[derive(Default)]
struct Thread {
    /// The entry of the syscall this thread is inside, if any.
    current: Option<SyscallRecord>,
    /// When that entry stop was seen, by the monotonic clock and the thread's
    /// system CPU time.
    entered: Option<(Instant, Duration)>,
    /// Output is hidden until the spawned child's first execve (our own set-up).
    hide: bool,
    arch: Option<Arch>,
    /// Grabbed with `-p` (its detach is announced, as strace does).
    attached: bool,
    /// Runs under trace's seccomp filter: between syscalls it is resumed with
    /// PTRACE_CONT, and the filter stops it at the syscalls that are traced.
    seccomp: bool,
    /// `Process N attached` was reported (once, at its parent's fork event).
    announced: bool,
    /// `-e inject=`: this thread's counts of each syscall a rule covers.
    inject: crate::filter::inject::InjectCounters,
    /// The call it is inside was tampered with: what is left for its exit.
    tamper: Option<tamper::Tamper>,
}

const PTRACE_EVENT_STOP: i32 = 128;

/// The signals that end a trace (strace's list).
const FATAL: [i32; 5] = [
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGPIPE,
    libc::SIGTERM,
];

pub struct Tracer<'s> {
    opts: TracerOptions,
    sink: &'s mut dyn Sink,
    threads: HashMap<Pid, Thread>,
    main_pid: Pid,
    outcome: Option<Outcome>,
    /// Some tracee was attached with `-p` (so it and its children have no filter).
    has_attached: bool,
    /// PTRACE_GET_SYSCALL_INFO is missing (kernels before 5.3): read registers.
    regs_only: bool,
    placement: affinity::Placement,
    /// A fatal signal asked trace to let attached processes go: a thread of theirs
    /// that stops from now on (one cloned meanwhile, say) is detached at that stop.
    letting_go: bool,
    /// ... and so is every tracee, the command's too (a fatal signal, as in strace).
    letting_all: bool,
    /// Threads already let go, so that their late children are known as theirs.
    released: std::collections::HashSet<Pid>,
    /// The fatal signal that ended the trace: trace then dies by it too, as strace
    /// does, so that a script sees `-p`'s Ctrl-C as an interruption (status 130).
    interrupted: Option<i32>,
    /// `-e inject=...:delay_enter=/delay_exit=`: threads kept stopped until a time,
    /// with the signal to restart them with. Others run (and are traced) meanwhile.
    held: Vec<(Instant, Pid, i32)>,
    /// The spawned command's first exec was seen (`-b execve` spares that one).
    main_execed: bool,
}

/// The C library's text for an errno, as strace prints it (no "(os error N)").
fn errstr(e: i32) -> String {
    strip_os(std::io::Error::from_raw_os_error(e))
}

/// Looks `cmd` up like a shell does: as given when it holds a `/`, else in PATH.
pub fn resolve_command(cmd: &str) -> Result<std::path::PathBuf, String> {
    use std::os::unix::fs::PermissionsExt;
    let candidate = std::path::Path::new(cmd);
    // strace's check: a name longer than PATH_MAX - 1 cannot be executed.
    if cmd.len() >= libc::PATH_MAX as usize {
        return Err("exec: File name too long".into());
    }
    if cmd.contains('/') {
        return match std::fs::metadata(candidate) {
            Ok(_) => Ok(candidate.to_path_buf()),
            Err(e) => Err(format!("Can't stat '{cmd}': {}", strip_os(e))),
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
    for dir in std::env::split_paths(&path) {
        let p = dir.join(cmd);
        if let Ok(md) = std::fs::metadata(&p)
            && md.is_file()
            && md.permissions().mode() & 0o111 != 0
        {
            return Ok(p);
        }
    }
    Err(format!("Can't stat '{cmd}': No such file or directory"))
}

/// Whether trace may install a seccomp filter without no_new_privs: CAP_SYS_ADMIN
/// in its effective set (`CapEff` of /proc/self/status).
pub fn has_cap_sys_admin() -> bool {
    const CAP_SYS_ADMIN: u32 = 21;
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("CapEff:"))?;
            u64::from_str_radix(line["CapEff:".len()..].trim(), 16).ok()
        })
        .is_some_and(|caps| caps & (1 << CAP_SYS_ADMIN) != 0)
}

fn strip_os(e: std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

impl<'s> Tracer<'s> {
    pub fn new(opts: TracerOptions, sink: &'s mut dyn Sink) -> Self {
        Tracer {
            placement: affinity::Placement::new(opts.cpu_placement),
            opts,
            sink,
            threads: HashMap::new(),
            main_pid: 0,
            outcome: None,
            has_attached: false,
            // TRACE_SYSCALL_INFO=regs: the pre-5.3 path on any kernel (for tests).
            regs_only: std::env::var_os("TRACE_SYSCALL_INFO").is_some_and(|v| v == "regs"),
            letting_go: false,
            letting_all: false,
            released: Default::default(),
            interrupted: None,
            held: Vec::new(),
            main_execed: false,
        }
    }

    /// Options for a tracee; `spawned` ones die with trace (EXITKILL), attached ones
    /// must never.
    fn ptrace_options_for(&self, spawned: bool) -> u32 {
        let mut o =
            libc::PTRACE_O_TRACESYSGOOD | libc::PTRACE_O_TRACEEXEC | libc::PTRACE_O_TRACEEXIT;
        if spawned {
            o |= libc::PTRACE_O_EXITKILL;
        }
        if self.opts.follow_forks {
            o |= libc::PTRACE_O_TRACECLONE | libc::PTRACE_O_TRACEFORK | libc::PTRACE_O_TRACEVFORK;
        }
        if spawned && self.opts.seccomp.is_some() {
            o |= libc::PTRACE_O_TRACESECCOMP;
        }
        o as u32
    }

    /// Runs `argv` under trace until every tracee is gone.
    pub fn run_command(&mut self, argv: &[String]) -> Result<Outcome, TraceError> {
        self.run(Some(argv), &[])
    }

    /// Starts `argv` (if any) and attaches to `pids` (`-p`), then traces until every
    /// tracee is gone or a fatal signal asks trace to stop; attached processes are then
    /// detached and go on running.
    pub fn run(&mut self, argv: Option<&[String]>, pids: &[Pid]) -> Result<Outcome, TraceError> {
        if self.opts.interactive && self.opts.interruptible == Interruptible::Waiting {
            // Caught from the start, so a signal during start-up or attach is not a
            // death; a caught signal reverts to default in the command at exec.
            sys::catch_signals(&FATAL);
        }
        if !pids.is_empty() || self.opts.seccomp.is_some() {
            // CPU placement: attached processes are never pinned, nor are tracees under
            // a seccomp filter (their clone and sched_getaffinity may not stop).
            self.placement.tracer_only();
        }
        if let Some(argv) = argv {
            self.spawn(argv)?;
            if self.opts.release_stdio {
                sys::stdin_stdout_to_null();
            }
        }
        let mut attached = 0;
        self.has_attached = !pids.is_empty();
        for &pid in pids {
            match self.attach(pid) {
                Ok(()) => attached += 1,
                Err(e) if argv.is_none() && pids.len() == 1 => return Err(e),
                Err(e) => eprintln!("{}: {e}", crate::progname()),
            }
        }
        if argv.is_none() && attached == 0 {
            return Err(TraceError("no process could be attached".into()));
        }
        self.trace_until_done();
        if let Some(sig) = self.interrupted {
            return Ok(Outcome::Killed { sig, core: false });
        }
        Ok(self.outcome.unwrap_or(Outcome::Exited(0)))
    }

    fn spawn(&mut self, argv: &[String]) -> Result<(), TraceError> {
        let path = resolve_command(&argv[0]).map_err(TraceError)?;
        let cpath = CString::new(path.as_os_str().as_encoded_bytes())
            .map_err(|_| TraceError(format!("Can't stat '{}': invalid name", argv[0])))?;
        let cargv = argv
            .iter()
            .map(|a| CString::new(a.as_bytes()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| TraceError("argument contains a NUL byte".into()))?;
        let pid = sys::spawn_stopped(
            &cpath,
            &cargv,
            self.opts.seccomp.as_ref(),
            self.opts.run_as.as_ref(),
        )
        .map_err(|e| TraceError(format!("fork: {}", errstr(e))))?;
        // Wait for the child's self-stop, then seize it while stopped so nothing it
        // does before exec is missed, and let it go on with SIGCONT.
        match sys::wait(pid, libc::WSTOPPED) {
            Ok(Some((_, st))) if libc::WIFSTOPPED(st) => {}
            Ok(other) => {
                return Err(TraceError(format!(
                    "child {pid} did not stop as expected ({other:?})"
                )));
            }
            Err(e) => return Err(TraceError(format!("wait: {}", errstr(e)))),
        }
        if let Err(e) = sys::seize(pid, self.ptrace_options_for(true)) {
            let _ = sys::kill(pid, libc::SIGKILL);
            return Err(TraceError(format!("PTRACE_SEIZE {pid}: {}", errstr(e))));
        }
        let _ = sys::kill(pid, libc::SIGCONT);
        self.main_pid = pid;
        self.threads.insert(
            pid,
            Thread {
                hide: true,
                seccomp: self.opts.seccomp.is_some(),
                ..Thread::default()
            },
        );
        self.sink.set_thread_count(1);
        Ok(())
    }

    /// The wait loop, with fatal signals handled as strace does.
    fn trace_until_done(&mut self) {
        let ignore = match self.opts.interruptible {
            Interruptible::Anywhere => false,
            Interruptible::Waiting => !self.opts.interactive,
            Interruptible::Never | Interruptible::NeverTstp => true,
        };
        if ignore {
            // Ignored only now: the command must not inherit the ignoring.
            for sig in FATAL {
                sys::ignore_signal(sig, true);
            }
        }
        if self.opts.interruptible == Interruptible::NeverTstp {
            sys::ignore_signal(libc::SIGTSTP, true);
        }
        self.wait_loop();
        for sig in FATAL {
            // SIGPIPE stays ignored, as Rust starts us: a closed output is an error
            // the writers see, not a death.
            sys::ignore_signal(sig, sig == libc::SIGPIPE);
        }
        self.placement.release();
    }

    /// One waitpid, with the stopped thread's system time when `-c` needs it.
    fn wait_one(&self, flags: i32) -> Result<Option<(Pid, i32, Duration)>, i32> {
        if self.opts.system_time {
            sys::wait_with_stime(-1, flags)
        } else {
            sys::wait(-1, flags).map(|r| r.map(|(p, s)| (p, s, Duration::ZERO)))
        }
    }

    fn wait_loop(&mut self) {
        while !self.threads.is_empty() {
            if let Some(sig) = sys::take_interrupt() {
                self.interrupted = Some(sig);
                // As strace does: the command gets the signal trace got (woken first
                // if it was stopped); attached processes are let go.
                if self.main_pid != 0 {
                    let _ = sys::kill(self.main_pid, libc::SIGCONT);
                    let _ = sys::kill(self.main_pid, sig);
                }
                // strace lets every tracee go, the command too: its pending call
                // ends `<detached ...>` and the signal reaches it untraced.
                self.detach(true);
                continue;
            }
            if self.sink.broken() && self.threads.values().any(|t| t.attached) {
                // Nobody reads the log any more: let attached processes go.
                self.detach(false);
                continue;
            }
            if self.wait_while_held() {
                continue;
            }
            // Drain what is ready before flushing: output is written in batches while
            // the tracee is busy, and at once when it is quiet. A log file is only
            // written when its buffer fills (as strace's is): one syscall less a stop.
            let first = if self.opts.flush_when_idle {
                self.wait_one(libc::WNOHANG)
            } else {
                self.wait_one(0)
            };
            let ev = match first {
                Ok(Some(ev)) => ev,
                Ok(None) => {
                    self.sink.flush();
                    match self.wait_one(0) {
                        Ok(Some(ev)) => ev,
                        Ok(None) => continue,
                        Err(libc::EINTR) => continue,
                        Err(_) => break,
                    }
                }
                Err(libc::EINTR) => continue,
                Err(_) => break, // ECHILD: nothing left
            };
            // CPU placement: follow the stopped tracee (a few syscalls every 512 stops).
            let pid = ev.0;
            self.placement.on_stop(pid, self.threads.len(), || {
                let running = |(p, t): (&Pid, &Thread)| *p != pid && t.current.is_none();
                self.threads.iter().filter(|e| running(*e)).count()
            });
            self.handle(ev.0, ev.1, ev.2);
        }
        self.sink.flush();
    }

    fn handle(&mut self, pid: Pid, status: i32, stime: Duration) {
        if libc::WIFEXITED(status) || libc::WIFSIGNALED(status) {
            if !self.threads.contains_key(&pid) {
                // A child trace did not start: inherited (`(sleep 1 & exec trace
                // true)`), or made with CLONE_PARENT by a tracee. strace's words.
                if self.opts.announce_exits {
                    eprintln!("{}: Exit of unknown pid {pid} ignored", crate::progname());
                }
                return;
            }
            self.reap(pid, status);
            return;
        }
        if !libc::WIFSTOPPED(status) {
            return;
        }
        if !self.threads.contains_key(&pid) && !self.opts.follow_forks {
            // Without -f only a clone with CLONE_PTRACE attaches a child: let it go,
            // as strace does.
            let _ = sys::detach(pid, 0);
            if self.opts.announce {
                eprintln!("{}: Detached unknown pid {pid}", crate::progname());
            }
            return;
        }
        if !self.threads.contains_key(&pid) {
            // A new child can report before its parent's fork event: adopt it. It has
            // the filter when every tracee descends from the spawned command, and is
            // let go with its attached parent (or it would be traced on after Ctrl-C).
            let attached = self.adopted_is_attached(pid);
            self.threads.insert(
                pid,
                Thread {
                    seccomp: self.opts.seccomp.is_some() && !self.has_attached,
                    attached,
                    ..Thread::default()
                },
            );
            self.sink.set_thread_count(self.threads.len());
        }
        if self.letting_go
            && self
                .threads
                .get(&pid)
                .is_some_and(|t| self.letting_all || t.attached)
        {
            self.let_go(pid, status);
            return;
        }
        let sig = libc::WSTOPSIG(status);
        let event = status >> 16;
        if sig == libc::SIGTRAP | 0x80 || event == libc::PTRACE_EVENT_SECCOMP {
            self.syscall_stop(pid, stime, event == libc::PTRACE_EVENT_SECCOMP);
            return;
        }
        match event {
            0 => self.signal_stop(pid, sig),
            PTRACE_EVENT_STOP => {
                let hide = self.threads.get(&pid).is_some_and(|t| t.hide);
                if matches!(
                    sig,
                    libc::SIGSTOP | libc::SIGTSTP | libc::SIGTTIN | libc::SIGTTOU
                ) && !hide
                {
                    self.tell_ip(pid, None);
                    self.sink.stopped(pid, sig);
                    let _ = sys::listen(pid);
                } else {
                    self.resume(pid, 0);
                }
            }
            libc::PTRACE_EVENT_FORK | libc::PTRACE_EVENT_VFORK | libc::PTRACE_EVENT_CLONE => {
                if let Ok(child) = sys::get_event_msg(pid) {
                    let child = child as Pid;
                    let parent = self.threads.get(&pid);
                    let arch = parent.and_then(|t| t.arch);
                    // Children of an attached process are let go with it; children
                    // inherit the seccomp filter.
                    let attached = parent.is_some_and(|t| t.attached);
                    let seccomp = parent.is_some_and(|t| t.seccomp);
                    let hidden = parent.is_some_and(|t| t.hide);
                    let t = self
                        .threads
                        .entry(child)
                        .and_modify(|t| {
                            t.seccomp = seccomp;
                            t.attached |= attached;
                        })
                        .or_insert_with(|| Thread {
                            arch,
                            attached,
                            seccomp,
                            ..Thread::default()
                        });
                    if !hidden && !t.announced {
                        t.announced = true;
                        self.sink.child_attached(child);
                    }
                    self.sink.set_thread_count(self.threads.len());
                }
                self.resume(pid, 0);
            }
            libc::PTRACE_EVENT_EXEC => {
                // Under a filter the execve itself may not stop: the exec ends the
                // hidden set-up as well.
                if let Some(t) = self.threads.get_mut(&pid) {
                    t.hide = false;
                }
                let first = pid == self.main_pid && !self.main_execed;
                self.main_execed |= pid == self.main_pid;
                if self.opts.detach_on_exec && !first {
                    self.let_go(pid, status);
                    return;
                }
                // A non-leader thread that execs takes over the leader's pid; its
                // in-flight execve moves with it.
                if let Ok(old) = sys::get_event_msg(pid) {
                    let old = old as Pid;
                    if old != pid {
                        if let Some(t) = self.threads.remove(&old) {
                            let hide = t.hide;
                            self.threads.insert(pid, t);
                            if !hide {
                                self.sink.exec_switched(pid, old);
                            }
                        }
                        self.sink.set_thread_count(self.threads.len());
                    }
                }
                self.resume(pid, 0);
            }
            libc::PTRACE_EVENT_EXIT => {
                if let Some(t) = self.threads.get_mut(&pid)
                    && t.current.take().is_some()
                    && !t.hide
                {
                    self.sink.syscall_never_returns(pid);
                }
                self.resume(pid, 0);
            }
            _ => {
                self.resume(pid, 0);
            }
        }
    }

    /// Lets a stopped thread go on: to its next syscall stop, or, under the seccomp
    /// filter and outside a syscall, to the next stop the filter asks for.
    fn resume(&self, pid: Pid, sig: i32) {
        let _ = match self.threads.get(&pid) {
            Some(t) if t.seccomp && t.current.is_none() => sys::cont(pid, sig),
            _ => sys::syscall(pid, sig),
        };
    }

    /// What the kernel says of a syscall stop: PTRACE_GET_SYSCALL_INFO, or, on kernels
    /// before 5.3 (or when asked, for tests), the same facts from the registers, with
    /// entry and exit told apart by the thread's state.
    fn stop_info(&mut self, pid: Pid, seccomp: bool) -> Option<sys::SyscallInfo> {
        if !self.regs_only {
            match sys::get_syscall_info(pid) {
                Ok(i) => return Some(i),
                Err(libc::EIO | libc::EINVAL) => self.regs_only = true,
                Err(_) => return None,
            }
        }
        let regs = sys::regs::get_regs(pid).ok()?;
        let inside = self.threads.get(&pid).is_some_and(|t| t.current.is_some());
        let op = match (seccomp, inside) {
            (true, _) => sys::OP_SECCOMP,
            (false, false) => sys::OP_ENTRY,
            (false, true) => sys::OP_EXIT,
        };
        let arch = regs.personality();
        let mut data = [0u64; 8];
        if op == sys::OP_EXIT {
            let ret = regs.ret();
            data[0] = ret as u64;
            data[1] = u64::from((-4095..0).contains(&ret));
        } else {
            data[0] = regs.nr();
            data[1..7].copy_from_slice(&regs.args());
        }
        Some(sys::SyscallInfo {
            op,
            pad: [0; 3],
            arch: arch.audit(),
            instruction_pointer: 0,
            stack_pointer: regs.sp(),
            data,
        })
    }

    fn syscall_stop(&mut self, pid: Pid, stime: Duration, seccomp: bool) {
        let now = Instant::now();
        let Some(info) = self.stop_info(pid, seccomp) else {
            self.resume(pid, 0);
            return;
        };
        self.tell_ip(pid, Some(&info));
        let Some(thread) = self.threads.get_mut(&pid) else {
            return;
        };
        let mem = LiveMemory::new(pid, info.stack_pointer);
        let mut restart_sig = 0;
        let mut hold = None;
        match info.op {
            // A program's own RET_TRACE filter can stop a thread already seen
            // entering by PTRACE_SYSCALL: one entry is enough.
            sys::OP_SECCOMP if thread.current.is_some() => {}
            sys::OP_ENTRY | sys::OP_SECCOMP => {
                let nr = info.nr();
                let arch = Arch::from_audit(info.arch, nr).unwrap_or(Arch::native());
                let before = thread.arch.replace(arch).unwrap_or(Arch::native());
                if before != arch && !thread.hide {
                    self.sink.personality(pid, arch);
                }
                // CPU placement: no pinned mask may leak into a child or a query.
                self.placement.on_entry(pid, arch, nr);
                let rec = SyscallRecord::new(arch, nr, info.args());
                // Never while hidden (trace's own set-up, the first execve).
                thread.tamper = None;
                if !thread.hide
                    && let Some(table) = &self.opts.inject
                    && table.touched(&rec, &mem)
                    && let Some(action) = table.on_entry(&mut thread.inject, arch, nr)
                {
                    let seccomp_stop = info.op == sys::OP_SECCOMP;
                    let (sig, t) = tamper::at_entry(pid, action, arch, nr, &rec.args, seccomp_stop);
                    restart_sig = sig;
                    hold = action.delay_enter;
                    thread.tamper = Some(t);
                }
                if thread.hide && crate::arch::is_execve(arch, nr) {
                    thread.hide = false;
                }
                if !thread.hide {
                    self.sink.syscall_entry(pid, &rec, &mem);
                }
                thread.current = Some(rec);
                thread.entered = Some((now, stime));
            }
            sys::OP_EXIT => {
                if let Some(mut rec) = thread.current.take() {
                    rec.ret = Some(if info.is_error() {
                        info.rval()
                    } else {
                        rec.arch.long(info.rval() as u64)
                    });
                    let mut timing = thread
                        .entered
                        .take()
                        .map(|(at, st)| Timing {
                            wall: now.saturating_duration_since(at),
                            system: stime.saturating_sub(st),
                            ..Timing::default()
                        })
                        .unwrap_or_default();
                    if let Some(t) = thread.tamper.take() {
                        let got = rec.ret.unwrap_or(0);
                        let (ret, sig, note) = tamper::at_exit(pid, &t, got);
                        if ret.is_some() {
                            rec.ret = ret;
                        }
                        restart_sig = sig;
                        hold = t.delay_exit;
                        timing.tampered = note;
                    }
                    if !thread.hide {
                        self.sink.syscall_exit(pid, &rec, &mem, &timing);
                    }
                    // A failed first exec: the command's own exit stays hidden, as
                    // strace hides it (the child reports the failure itself).
                    if pid == self.main_pid
                        && !self.main_execed
                        && rec.ret.is_some_and(|r| r < 0)
                        && crate::arch::is_execve(rec.arch, rec.nr)
                    {
                        thread.hide = true;
                    }
                    // An exec may have brought another personality.
                    let now = Arch::from_audit(info.arch, rec.nr).unwrap_or(rec.arch);
                    if thread.arch.replace(now).is_some_and(|a| a != now) && !thread.hide {
                        self.sink.personality(pid, now);
                    }
                }
            }
            _ => {}
        }
        match hold {
            Some(d) => self.held.push((now + d, pid, restart_sig)),
            None => self.resume(pid, restart_sig),
        }
    }

    /// `-i`: the thread's instruction pointer to the sink, from this stop's syscall
    /// info or read now; unknown when only registers are read (kernels before 5.3).
    fn tell_ip(&mut self, pid: Pid, info: Option<&sys::SyscallInfo>) {
        if !self.opts.instruction_pointer {
            return;
        }
        let ip = match info {
            Some(i) => Some(i.instruction_pointer),
            None => sys::get_syscall_info(pid)
                .ok()
                .map(|i| i.instruction_pointer),
        }
        .filter(|_| !self.regs_only);
        let arch = match info {
            Some(i) => Arch::from_audit(i.arch, i.nr()),
            None => self.threads.get(&pid).and_then(|t| t.arch),
        }
        .unwrap_or(Arch::native());
        self.sink.instruction_pointer(pid, arch, ip);
    }

    fn signal_stop(&mut self, pid: Pid, sig: i32) {
        let hide = self.threads.get(&pid).is_none_or(|t| t.hide);
        match sys::get_siginfo(pid) {
            Ok(info) => {
                if !hide {
                    let arch = self
                        .threads
                        .get(&pid)
                        .and_then(|t| t.arch)
                        .unwrap_or(Arch::native());
                    self.tell_ip(pid, None);
                    self.sink.signal(pid, arch, &info);
                }
                self.resume(pid, sig);
            }
            Err(_) => {
                // No siginfo: a group-stop of a non-seized tracee; leave it stopped.
                let _ = sys::listen(pid);
            }
        }
    }

    fn reap(&mut self, pid: Pid, status: i32) {
        let Some(t) = self.threads.remove(&pid) else {
            return;
        };
        self.placement.gone(pid); // CPU placement: forget a pinned tracee
        self.sink.set_thread_count(self.threads.len() + 1);
        let outcome = if libc::WIFEXITED(status) {
            Outcome::Exited(libc::WEXITSTATUS(status))
        } else {
            Outcome::Killed {
                sig: libc::WTERMSIG(status),
                core: libc::WCOREDUMP(status),
            }
        };
        if !t.hide || pid == self.main_pid {
            match outcome {
                Outcome::Exited(c) => self.sink.exited(pid, c),
                Outcome::Killed { sig, core } => self.sink.killed(pid, sig, core),
            }
        }
        if pid == self.main_pid {
            self.outcome = Some(outcome);
        }
        self.sink.set_thread_count(self.threads.len());
    }
}
