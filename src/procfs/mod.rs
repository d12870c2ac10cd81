//! `trace proc`: an auditor's look at processes through /proc — open fds (like `lsof
//! -p`), secrets in the environment and on the command line, who could read them, and
//! where a literal sits in the files a process holds open.
//!
//! The parsers (`net`, `fds`, `env`, `access`, `secrets`, `find`) are pure functions of
//! bytes; `Inspector` is the thin I/O around them, reading below a /proc root that tests
//! can point at a fixture tree. No ptrace here: only what /proc grants the caller, and
//! every item that cannot be read says why instead of ending the scan.

pub mod access;
pub mod cli;
pub mod env;
pub mod fds;
pub mod find;
pub mod net;
pub mod render;
pub mod secrets;
mod sha256;

use access::{Access, System};
use fds::{Fd, PipeEnd};
use find::{FileError, FileHit};
use net::Sockets;
use secrets::{Finding, Rules};
use serde::Serialize;
use std::collections::HashMap;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A value read from /proc, or why it could not be.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Item<T> {
    Ok(T),
    Err { error: String },
}

impl<T> Item<T> {
    pub fn err(e: impl Into<String>) -> Self {
        Item::Err { error: e.into() }
    }

    pub fn ok(&self) -> Option<&T> {
        match self {
            Item::Ok(v) => Some(v),
            Item::Err { .. } => None,
        }
    }
}

/// Which sections to produce.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub fds: bool,
    pub env: bool,
    pub find: Option<Vec<u8>>,
    pub show_secrets: bool,
}

/// The result of `--find` for one process.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Found {
    pub files: Vec<FileHit>,
    /// Regular files that could not be read, with why.
    pub errors: Vec<FileError>,
}

/// Everything `trace proc` says about one process.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub pid: u32,
    /// Set when the process went away during the scan; the other fields say what was
    /// read before.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exited: bool,
    pub name: Item<String>,
    /// Redacted unless `--show-secrets`.
    pub cmdline: Item<String>,
    pub exe: Item<String>,
    pub cwd: Item<String>,
    pub root: Item<String>,
    pub access: Item<Access>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fds: Option<Item<Vec<Fd>>>,
    /// The environment's secrets (`env` section).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env_secrets: Option<Item<Vec<Finding>>>,
    /// The command line's secrets (`env` section).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cmdline_secrets: Option<Item<Vec<Finding>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub find: Option<Item<Found>>,
}

impl Report {
    /// How many secrets the report shows (environment, command line, files found).
    pub fn secret_count(&self) -> usize {
        let n = |i: &Option<Item<Vec<Finding>>>| i.as_ref().and_then(Item::ok).map_or(0, Vec::len);
        n(&self.env_secrets) + n(&self.cmdline_secrets) + self.found_files()
    }

    pub fn found_files(&self) -> usize {
        self.find
            .as_ref()
            .and_then(Item::ok)
            .map_or(0, |f| f.files.len())
    }
}

/// Pipe and socket inodes come from different filesystems: the same number may be both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum EndKind {
    Pipe,
    Socket,
}

/// The inode at the other end of a UNIX socket, from NETLINK_SOCK_DIAG asked in the
/// holder's network namespace `netns` (`None` when unconnected, or when that namespace
/// cannot be entered).
fn unix_peer(netns: &Path, inode: u64) -> Option<u64> {
    use crate::netdiag;
    let proto = netdiag::proto_by_name("UNIX-STREAM")?;
    netdiag::unix_peer(&netdiag::endpoint(netns, proto, inode)?)
}

/// Reads processes below a /proc root.
pub struct Inspector {
    root: PathBuf,
    rules: &'static Rules,
    system: System,
    /// Socket tables by network namespace (the `ns/net` link text), read on first use.
    sockets: HashMap<String, Rc<Sockets>>,
    /// Every readable pipe and socket end on the machine, by kind and inode, built
    /// on first use.
    ends: Option<HashMap<(EndKind, u64), Vec<PipeEnd>>>,
    /// The inspector itself: its fds change while it reads, so it is not a peer.
    own_pid: u32,
}

/// What an unreadable item says, from the error and whether the process still exists.
fn why(e: &io::Error, process_gone: bool, missing: &str) -> String {
    if e.raw_os_error() == Some(libc::ESRCH) || process_gone {
        return "process exited".to_string();
    }
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => missing.to_string(),
        _ => e.to_string(),
    }
}

impl Inspector {
    pub fn new(root: impl Into<PathBuf>) -> Inspector {
        let root = root.into();
        let mounts = std::fs::read_to_string(root.join("mounts")).unwrap_or_default();
        let (hidepid, hidepid_gid) = access::parse_hidepid(&mounts, &root.to_string_lossy());
        let ptrace_scope = std::fs::read_to_string(root.join("sys/kernel/yama/ptrace_scope"))
            .ok()
            .and_then(|s| s.trim().parse().ok());
        let users = std::fs::read_to_string("/etc/passwd")
            .map(|t| access::parse_passwd(&t))
            .unwrap_or_default();
        Inspector {
            root,
            rules: Rules::builtin(),
            system: System {
                hidepid,
                hidepid_gid,
                ptrace_scope,
                users,
            },
            sockets: HashMap::new(),
            ends: None,
            own_pid: std::process::id(),
        }
    }

    fn path(&self, pid: u32, rel: &str) -> PathBuf {
        self.root.join(pid.to_string()).join(rel)
    }

    /// Whether `pid` is a process (not a thread id, which /proc also resolves).
    /// Why a pid that is not found may still run: /proc hides other users' processes
    /// (`hidepid=invisible`) from a caller without the exempting group.
    pub fn hidden_note(&self) -> Option<String> {
        let hides = matches!(self.system.hidepid.as_str(), "invisible" | "ptraceable");
        let uid = std::fs::read_to_string(self.root.join("self/status"))
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("Uid:"))?;
                line.split_whitespace().nth(2)?.parse::<u32>().ok()
            });
        (hides && uid != Some(0)).then(|| {
            format!(
                " (or hidden from this user: /proc is mounted with hidepid={})",
                self.system.hidepid
            )
        })
    }

    pub fn exists(&self, pid: u32) -> bool {
        self.root.join(pid.to_string()).is_dir() && self.is_listed(pid)
    }

    fn is_listed(&self, pid: u32) -> bool {
        self.thread_group(pid).is_none_or(|tgid| tgid == pid)
    }

    /// The process a thread id belongs to (`Tgid:`). Thread ids are reachable as
    /// /proc/TID but not listed; comparing Tgid is cheaper than a readdir per pid.
    pub fn thread_group(&self, pid: u32) -> Option<u32> {
        let s = std::fs::read_to_string(self.path(pid, "status")).ok()?;
        s.lines()
            .find_map(|l| l.strip_prefix("Tgid:"))
            .and_then(|t| t.trim().parse().ok())
    }

    fn gone(&self, pid: u32) -> bool {
        !self.root.join(pid.to_string()).exists()
    }

    /// Every process listed under the root, ascending, without the inspector itself.
    pub fn all_pids(&self) -> io::Result<Vec<u32>> {
        let mut pids: Vec<u32> = std::fs::read_dir(&self.root)?
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .filter(|&p| p != self.own_pid)
            .collect();
        pids.sort_unstable();
        Ok(pids)
    }

    fn read_link(&self, pid: u32, rel: &str) -> Item<String> {
        match std::fs::read_link(self.path(pid, rel)) {
            Ok(p) => Item::Ok(p.to_string_lossy().into_owned()),
            Err(e) => Item::err(why(&e, self.gone(pid), "not available")),
        }
    }

    fn read(&self, pid: u32, rel: &str) -> Result<Vec<u8>, String> {
        self.read_raw(pid, rel)
            .map_err(|e| why(&e, self.gone(pid), "not available"))
    }

    fn read_raw(&self, pid: u32, rel: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(pid, rel))
    }

    pub fn inspect(&mut self, pid: u32, opts: &Options) -> Report {
        let status = self.read(pid, "status").and_then(|b| {
            access::parse_status(&String::from_utf8_lossy(&b))
                .ok_or_else(|| "unreadable status".to_string())
        });
        let name = match &status {
            Ok(s) => Item::Ok(s.name.clone()),
            Err(e) => Item::err(e.clone()),
        };
        let access = match &status {
            Ok(s) => {
                let owner = std::fs::metadata(self.root.join(pid.to_string()))
                    .map(|m| (m.uid(), m.gid()))
                    .ok();
                let dumpable = owner.and_then(|o| access::dumpable(s, o));
                Item::Ok(access::access(s, dumpable, &self.system))
            }
            Err(e) => Item::err(e.clone()),
        };
        let (cmdline, cmdline_secrets) = match self.read(pid, "cmdline") {
            Ok(b) => {
                let args = env::parse_cmdline(&b);
                let (found, line) = env::cmdline_secrets(self.rules, &args, opts.show_secrets);
                let line = match (&status, args.is_empty()) {
                    // Kernel threads have no command line; ps shows [name].
                    (Ok(s), true) => format!("[{}]", s.name),
                    _ => line,
                };
                (Item::Ok(line), Item::Ok(found))
            }
            Err(e) => (Item::err(e.clone()), Item::err(e)),
        };
        // Kernel threads have no address space: nothing to expose, nothing unreadable.
        // (Before Linux 6.x's `Kthread:` line: an empty command line and no environ.)
        let kthread = match &status {
            Ok(s) => s.kthread,
            Err(_) => false,
        };
        let env_secrets = opts.env.then(|| match self.read_raw(pid, "environ") {
            Ok(b) => Item::Ok(env::env_secrets(
                self.rules,
                &env::parse_environ(&b),
                opts.show_secrets,
            )),
            Err(e)
                if kthread
                    || (e.raw_os_error() == Some(libc::ESRCH)
                        && !self.gone(pid)
                        && cmdline.ok().is_some_and(|c| c.starts_with('['))) =>
            {
                Item::Ok(Vec::new())
            }
            Err(e) => Item::err(why(&e, self.gone(pid), "not available")),
        });
        let link = |rel: &str| {
            if kthread {
                Item::err("kernel thread")
            } else {
                self.read_link(pid, rel)
            }
        };
        let (exe, cwd, root) = (link("exe"), link("cwd"), link("root"));
        let fds = opts.fds.then(|| self.fds(pid));
        let find = opts.find.as_ref().map(|lit| self.find(pid, lit));
        Report {
            pid,
            exited: self.gone(pid),
            name,
            cmdline,
            exe,
            cwd,
            root,
            access,
            fds,
            env_secrets,
            cmdline_secrets: opts.env.then_some(cmdline_secrets),
            find,
        }
    }

    /// The fd numbers of a process, ascending.
    fn fd_numbers(&self, pid: u32) -> Result<Vec<u32>, String> {
        let dir = std::fs::read_dir(self.path(pid, "fd"))
            .map_err(|e| why(&e, self.gone(pid), "not available"))?;
        let mut fds: Vec<u32> = dir
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect();
        fds.sort_unstable();
        Ok(fds)
    }

    fn fds(&mut self, pid: u32) -> Item<Vec<Fd>> {
        let numbers = match self.fd_numbers(pid) {
            Ok(n) => n,
            Err(e) => return Item::err(e),
        };
        let mut rows = Vec::with_capacity(numbers.len());
        for fd in numbers {
            let link_path = self.path(pid, &format!("fd/{fd}"));
            let link = match std::fs::read_link(&link_path) {
                Ok(l) => l.to_string_lossy().into_owned(),
                Err(e) => {
                    rows.push(Fd {
                        fd,
                        error: Some(why(&e, self.gone(pid), "fd closed")),
                        ..Fd::default()
                    });
                    continue;
                }
            };
            let info = std::fs::read_to_string(self.path(pid, &format!("fdinfo/{fd}")))
                .ok()
                .map(|t| fds::parse_fdinfo(&t));
            let mode = std::fs::metadata(&link_path).ok().map(|m| m.mode());
            let sockets = if link.starts_with("socket:[") {
                self.sockets_of(pid)
            } else {
                Rc::new(Sockets::default())
            };
            // A UNIX socket's other end, when the kernel names it.
            let unix_peer = match fds::parse_link(&link) {
                fds::Link::Socket(ino)
                    if matches!(sockets.by_inode.get(&ino), Some(net::Socket::Unix(_))) =>
                {
                    unix_peer(&self.path(pid, "ns/net"), ino)
                }
                _ => None,
            };
            if (link.starts_with("pipe:[") || unix_peer.is_some()) && self.ends.is_none() {
                self.ends = Some(self.shared_ends());
            }
            let ends = self.ends.as_ref();
            let holders = |key: (EndKind, u64)| -> Vec<PipeEnd> {
                ends.and_then(|m| m.get(&key))
                    .map(|ends| {
                        ends.iter()
                            .filter(|e| !(e.pid == pid && e.fd == fd))
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let peers = |ino: u64| holders((EndKind::Pipe, ino));
            let mut row = fds::describe(fd, &link, info.as_ref(), mode, &sockets, peers);
            if let Some(peer) = unix_peer {
                row.socket_peers = holders((EndKind::Socket, peer));
                if let (Some(t), false) = (row.target.as_mut(), row.socket_peers.is_empty()) {
                    t.push_str(&format!(" <-> {}", fds::list_ends(&row.socket_peers)));
                }
            }
            if info.is_none() {
                // The fd closed after its link was read.
                row.error = Some(if self.gone(pid) {
                    "process exited".to_string()
                } else {
                    "fd closed".to_string()
                });
            }
            rows.push(row);
        }
        Item::Ok(rows)
    }

    /// The socket tables of the process's network namespace.
    fn sockets_of(&mut self, pid: u32) -> Rc<Sockets> {
        let ns = std::fs::read_link(self.path(pid, "ns/net"))
            .map(|l| l.to_string_lossy().into_owned())
            .unwrap_or_else(|_| format!("pid {pid}"));
        if let Some(s) = self.sockets.get(&ns) {
            return s.clone();
        }
        let files = [
            "tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "netlink",
        ]
        .into_iter()
        .filter_map(|name| {
            let text = std::fs::read_to_string(self.path(pid, &format!("net/{name}"))).ok()?;
            Some((name, text))
        });
        let s = Rc::new(Sockets::from_tables(files));
        self.sockets.insert(ns, s.clone());
        s
    }

    /// Every pipe and socket end the caller can see, by kind and inode: one pass over
    /// all fd tables.
    fn shared_ends(&self) -> HashMap<(EndKind, u64), Vec<PipeEnd>> {
        let mut map: HashMap<(EndKind, u64), Vec<PipeEnd>> = HashMap::new();
        for pid in self.all_pids().unwrap_or_default() {
            let Ok(numbers) = self.fd_numbers(pid) else {
                continue;
            };
            let comm = std::fs::read_to_string(self.path(pid, "comm"))
                .map(|c| c.trim_end().to_string())
                .unwrap_or_default();
            for fd in numbers {
                let Ok(link) = std::fs::read_link(self.path(pid, &format!("fd/{fd}"))) else {
                    continue;
                };
                let key = match fds::parse_link(&link.to_string_lossy()) {
                    fds::Link::Pipe(ino) => (EndKind::Pipe, ino),
                    fds::Link::Socket(ino) => (EndKind::Socket, ino),
                    _ => continue,
                };
                let mode = std::fs::read_to_string(self.path(pid, &format!("fdinfo/{fd}")))
                    .ok()
                    .and_then(|t| fds::parse_fdinfo(&t).flags)
                    .map_or("?", fds::access_mode);
                map.entry(key).or_default().push(PipeEnd {
                    pid,
                    comm: comm.clone(),
                    fd,
                    mode: mode.to_string(),
                });
            }
        }
        map
    }

    fn find(&self, pid: u32, literal: &[u8]) -> Item<Found> {
        let numbers = match self.fd_numbers(pid) {
            Ok(n) => n,
            Err(e) => return Item::err(e),
        };
        let pats = find::patterns(literal);
        let mut found = Found::default();
        for fd in numbers {
            let link_path = self.path(pid, &format!("fd/{fd}"));
            let Ok(path) = std::fs::read_link(&link_path) else {
                continue;
            };
            let path = path.to_string_lossy().into_owned();
            // Only files with a name (or memfds): a pidfd or nsfs fd can look regular.
            if !matches!(
                fds::parse_link(&path),
                fds::Link::Path { .. } | fds::Link::Memfd(_)
            ) {
                continue;
            }
            let error = |e: io::Error| FileError {
                fd,
                path: path.clone(),
                error: why(&e, self.gone(pid), "fd closed"),
            };
            let file = match find::open_regular(&link_path) {
                Ok(Some(f)) => f,
                Ok(None) => continue,
                Err(e) => {
                    found.errors.push(error(e));
                    continue;
                }
            };
            match find::search(file, &pats) {
                Ok((_, 0)) => {}
                Ok((matches, total)) => found.files.push(FileHit {
                    fd,
                    path: path.clone(),
                    matches,
                    total,
                }),
                Err(e) => found.errors.push(error(e)),
            }
        }
        Item::Ok(found)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

#[cfg(test)]
mod tests;
