//! Open file descriptors, like `lsof -p`: pure parsers of `/proc/PID/fdinfo/N` and of
//! the `fd/N` link text, and the per-fd row built from them, the fd's file type and the
//! namespace's socket table.

use super::net::Sockets;
use serde::Serialize;

/// The fields of an fdinfo file trace uses; other `key: value` lines are kept for the
/// anon-inode details (`eventfd-count`, `Pid`, `tfd`, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FdInfo {
    pub pos: Option<u64>,
    /// `flags:` is octal.
    pub flags: Option<u32>,
    pub other: Vec<(String, String)>,
}

pub fn parse_fdinfo(text: &str) -> FdInfo {
    let mut info = FdInfo::default();
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k {
            "pos" => info.pos = v.parse().ok(),
            "flags" => info.flags = u32::from_str_radix(v, 8).ok(),
            _ => info.other.push((k.to_string(), v.to_string())),
        }
    }
    info
}

impl FdInfo {
    fn get(&self, key: &str) -> Option<&str> {
        self.other
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn count(&self, key: &str) -> usize {
        self.other.iter().filter(|(k, _)| k == key).count()
    }
}

const O_PATH: u32 = 0o10000000;

/// lsof's mode letter: r, w, u (read and write); `-` for an O_PATH fd.
pub fn access_mode(flags: u32) -> &'static str {
    if flags & O_PATH != 0 {
        return "-";
    }
    match flags & 3 {
        0 => "r",
        1 => "w",
        _ => "u",
    }
}

/// What an `fd/N` link says the fd is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// A path, and whether the kernel marked it `(deleted)`.
    Path {
        path: String,
        deleted: bool,
    },
    Memfd(String),
    Pipe(u64),
    Socket(u64),
    /// `anon_inode:[eventfd]` or `anon_inode:inotify`: the name without brackets.
    Anon(String),
    /// Anything else the kernel prints (`net:[4026531840]` for an nsfs fd, ...).
    Other(String),
}

fn bracketed(s: &str, prefix: &str) -> Option<u64> {
    s.strip_prefix(prefix)?.strip_suffix(']')?.parse().ok()
}

pub fn parse_link(link: &str) -> Link {
    if let Some(ino) = bracketed(link, "pipe:[") {
        return Link::Pipe(ino);
    }
    if let Some(ino) = bracketed(link, "socket:[") {
        return Link::Socket(ino);
    }
    if let Some(name) = link.strip_prefix("anon_inode:") {
        let name = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or(name);
        return Link::Anon(name.to_string());
    }
    if let Some(name) = link.strip_prefix("/memfd:") {
        return Link::Memfd(name.strip_suffix(" (deleted)").unwrap_or(name).to_string());
    }
    if link.starts_with('/') {
        return match link.strip_suffix(" (deleted)") {
            Some(p) => Link::Path {
                path: p.to_string(),
                deleted: true,
            },
            None => Link::Path {
                path: link.to_string(),
                deleted: false,
            },
        };
    }
    Link::Other(link.to_string())
}

/// lsof's TYPE of a file mode's format bits.
pub fn mode_kind(mode: u32) -> &'static str {
    match mode & 0o170000 {
        0o100000 => "REG",
        0o040000 => "DIR",
        0o020000 => "CHR",
        0o060000 => "BLK",
        0o010000 => "FIFO",
        0o120000 => "LINK",
        0o140000 => "sock",
        // Anonymous inodes have no format bits.
        0 => "a_inode",
        _ => "unknown",
    }
}

/// The anon inode with the detail its fdinfo gives: "eventfd (count 0)".
pub fn describe_anon(name: &str, info: &FdInfo) -> String {
    let detail = match name {
        "eventfd" => info.get("eventfd-count").map(|c| {
            // The count is printed in hex on older kernels, decimal-looking on all.
            format!("count {}", c.trim_start_matches("0x"))
        }),
        "pidfd" => info.get("Pid").map(|p| format!("pid {p}")),
        "eventpoll" => Some(format!("{} watched fds", info.count("tfd"))),
        "inotify" => Some(format!("{} watches", info.count("inotify wd"))),
        "timerfd" => info.get("clockid").map(|c| format!("clockid {c}")),
        "signalfd" => info.get("sigmask").map(|m| format!("sigmask {m}")),
        _ => None,
    };
    match detail {
        Some(d) => format!("{name} ({d})"),
        None => name.to_string(),
    }
}

/// A process holding a pipe's other end (or the same end: all holders are listed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PipeEnd {
    pub pid: u32,
    pub comm: String,
    pub fd: u32,
    pub mode: String,
}

/// One open fd, as shown; fields that could not be read are `None`, and `error` says
/// why (the fd closed while being read, permission denied).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Fd {
    pub fd: u32,
    pub mode: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub pos: Option<u64>,
    pub target: Option<String>,
    /// The raw link text, for machines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pipe_peers: Vec<PipeEnd>,
    /// The holders of a UNIX socket's other end.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub socket_peers: Vec<PipeEnd>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `PID(comm) FDmode, ...`: who holds the other end of a pipe or socket.
pub fn list_ends(ends: &[PipeEnd]) -> String {
    let list: Vec<String> = ends
        .iter()
        .map(|p| format!("{}({}) {}{}", p.pid, p.comm, p.fd, p.mode))
        .collect();
    list.join(", ")
}

/// Builds an fd's row from what was read: the link text, the fdinfo, the mode of the
/// file the fd points at (stat through the link), the namespace's sockets and the
/// holders of a pipe.
pub fn describe(
    fd: u32,
    link: &str,
    info: Option<&FdInfo>,
    mode: Option<u32>,
    sockets: &Sockets,
    pipe_peers: impl Fn(u64) -> Vec<PipeEnd>,
) -> Fd {
    let mut row = Fd {
        fd,
        mode: info
            .and_then(|i| i.flags)
            .map(|f| access_mode(f).to_string()),
        pos: info.and_then(|i| i.pos),
        link: Some(link.to_string()),
        ..Fd::default()
    };
    let from_mode = mode.map(mode_kind);
    let (kind, target) = match parse_link(link) {
        Link::Path { path, deleted } => {
            row.deleted = deleted;
            let shown = if deleted {
                format!("{path} (deleted)")
            } else {
                path
            };
            (from_mode.unwrap_or("unknown").to_string(), shown)
        }
        Link::Memfd(name) => ("REG".to_string(), format!("memfd:{name}")),
        Link::Pipe(ino) => {
            let peers = pipe_peers(ino);
            let mut t = format!("pipe:[{ino}]");
            if !peers.is_empty() {
                t.push_str(&format!(" <-> {}", list_ends(&peers)));
            }
            row.pipe_peers = peers;
            ("FIFO".to_string(), t)
        }
        Link::Socket(ino) => match sockets.by_inode.get(&ino) {
            Some(s) => (s.kind().to_string(), s.describe()),
            None => ("sock".to_string(), format!("socket:[{ino}]")),
        },
        Link::Anon(name) => {
            let empty = FdInfo::default();
            (
                "a_inode".to_string(),
                describe_anon(&name, info.unwrap_or(&empty)),
            )
        }
        Link::Other(text) => (from_mode.unwrap_or("unknown").to_string(), text),
    };
    row.kind = Some(kind);
    row.target = Some(target);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fdinfo_fields() {
        let i = parse_fdinfo("pos:\t5\nflags:\t0100002\nmnt_id:\t24\nino:\t3\n");
        assert_eq!(i.pos, Some(5));
        assert_eq!(i.flags, Some(0o100002));
        assert_eq!(access_mode(i.flags.unwrap()), "u");
        assert_eq!(access_mode(0o2000001), "w");
        assert_eq!(access_mode(0o100000), "r");
        assert_eq!(access_mode(0o12000000), "-");
        let e = parse_fdinfo(
            "pos:\t0\nflags:\t02\nmnt_id:\t15\nino:\t1057\neventfd-count:                0\neventfd-id: 3\neventfd-semaphore: 0\n",
        );
        assert_eq!(describe_anon("eventfd", &e), "eventfd (count 0)");
        let p = parse_fdinfo(
            "pos:\t0\nflags:\t02000002\nmnt_id:\t16\nino:\t1\nPid:\t4321\nNSpid:\t4321\n",
        );
        assert_eq!(describe_anon("pidfd", &p), "pidfd (pid 4321)");
        let ep = parse_fdinfo(
            "pos:\t0\nflags:\t02\ntfd:        5 events:       19 data:  5\ntfd:        6 events:       19 data:  6\n",
        );
        assert_eq!(describe_anon("eventpoll", &ep), "eventpoll (2 watched fds)");
        let ino = parse_fdinfo("flags:\t00\ninotify wd:1 ino:2 sdev:3 mask:fff ignored_mask:0\n");
        assert_eq!(describe_anon("inotify", &ino), "inotify (1 watches)");
        assert_eq!(describe_anon("io_uring", &ino), "io_uring");
    }

    #[test]
    fn link_texts() {
        assert_eq!(parse_link("pipe:[802253]"), Link::Pipe(802253));
        assert_eq!(parse_link("socket:[12]"), Link::Socket(12));
        assert_eq!(
            parse_link("anon_inode:[eventfd]"),
            Link::Anon("eventfd".into())
        );
        assert_eq!(
            parse_link("anon_inode:inotify"),
            Link::Anon("inotify".into())
        );
        assert_eq!(
            parse_link("/memfd:buf (deleted)"),
            Link::Memfd("buf".into())
        );
        assert_eq!(
            parse_link("/tmp/a b (deleted)"),
            Link::Path {
                path: "/tmp/a b".into(),
                deleted: true
            }
        );
        assert_eq!(
            parse_link("/dev/null"),
            Link::Path {
                path: "/dev/null".into(),
                deleted: false
            }
        );
        assert_eq!(
            parse_link("net:[4026531840]"),
            Link::Other("net:[4026531840]".into())
        );
        assert_eq!(parse_link("pipe:[x]"), Link::Other("pipe:[x]".into()));
    }

    #[test]
    fn modes() {
        assert_eq!(mode_kind(0o100644), "REG");
        assert_eq!(mode_kind(0o040755), "DIR");
        assert_eq!(mode_kind(0o020666), "CHR");
        assert_eq!(mode_kind(0o060660), "BLK");
        assert_eq!(mode_kind(0o010600), "FIFO");
        assert_eq!(mode_kind(0o140777), "sock");
        assert_eq!(mode_kind(0o600), "a_inode");
    }

    #[test]
    fn rows() {
        let info = parse_fdinfo("pos:\t7\nflags:\t0100000\n");
        let none = |_| Vec::new();
        let s = Sockets::default();
        let r = describe(3, "/tmp/x (deleted)", Some(&info), Some(0o100600), &s, none);
        assert_eq!(r.mode.as_deref(), Some("r"));
        assert_eq!(r.kind.as_deref(), Some("REG"));
        assert_eq!(r.pos, Some(7));
        assert_eq!(r.target.as_deref(), Some("/tmp/x (deleted)"));
        assert!(r.deleted);
        let peers = |ino| {
            vec![PipeEnd {
                pid: 9,
                comm: format!("c{ino}"),
                fd: 1,
                mode: "w".into(),
            }]
        };
        let r = describe(0, "pipe:[5]", Some(&info), Some(0o010600), &s, peers);
        assert_eq!(r.target.as_deref(), Some("pipe:[5] <-> 9(c5) 1w"));
        let r = describe(4, "socket:[77]", None, None, &s, none);
        assert_eq!(
            (r.kind.as_deref(), r.target.as_deref(), r.mode),
            (Some("sock"), Some("socket:[77]"), None)
        );
        let r = describe(5, "/memfd:jit (deleted)", None, None, &s, none);
        assert_eq!(r.target.as_deref(), Some("memfd:jit"));
    }
}
