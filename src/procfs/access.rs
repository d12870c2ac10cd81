//! Who can read a process's secrets: its uids and gids (`/proc/PID/status`), whether it
//! is dumpable (inferred from the owner of `/proc/PID`), the /proc mount's `hidepid`,
//! Yama's `ptrace_scope`, and the verdict in plain words.
//!
//! The kernel's rule (ptrace_may_access with PTRACE_MODE_READ, which guards environ,
//! fd/, exe, cwd and root): the reader has CAP_SYS_PTRACE, or its uid equals the
//! target's real, effective and saved uid, its gid all three gids, and the target is
//! dumpable. Yama restricts attaching only, not these reads.

use serde::Serialize;

/// What `/proc/PID/status` says about identity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub name: String,
    /// Real, effective, saved, filesystem.
    pub uids: [u32; 4],
    pub gids: [u32; 4],
    /// `Kthread: 1` (Linux 6.x): a kernel thread, with no environment, exe or files.
    pub kthread: bool,
}

fn four(v: &str) -> Option<[u32; 4]> {
    let n: Vec<u32> = v
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    n.try_into().ok()
}

/// `Name:`, `Uid:` and `Gid:` of a status file; `None` when one is missing.
pub fn parse_status(text: &str) -> Option<Status> {
    let mut s = Status::default();
    let (mut uid, mut gid, mut name) = (false, false, false);
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        match k {
            "Name" => {
                s.name = v.trim().to_string();
                name = true;
            }
            "Uid" => {
                s.uids = four(v)?;
                uid = true;
            }
            "Gid" => {
                s.gids = four(v)?;
                gid = true;
            }
            "Kthread" => s.kthread = v.trim() == "1",
            _ => {}
        }
    }
    (uid && gid && name).then_some(s)
}

/// The /proc mount's `hidepid=` (0/off, 1/noaccess, 2/invisible, 4/ptraceable) and
/// `gid=`, from a mounts table, for the mount at `mountpoint`; the last mount wins.
pub fn parse_hidepid(mounts: &str, mountpoint: &str) -> (String, Option<u32>) {
    let mut found = ("off".to_string(), None);
    for line in mounts.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 4 || f[2] != "proc" || f[1] != mountpoint {
            continue;
        }
        found = ("off".to_string(), None);
        for opt in f[3].split(',') {
            if let Some(v) = opt.strip_prefix("hidepid=") {
                found.0 = match v {
                    "0" => "off",
                    "1" => "noaccess",
                    "2" => "invisible",
                    "4" => "ptraceable",
                    other => other,
                }
                .to_string();
            } else if let Some(v) = opt.strip_prefix("gid=") {
                found.1 = v.parse().ok();
            }
        }
    }
    found
}

/// User names from an `/etc/passwd` text.
pub fn parse_passwd(text: &str) -> Vec<(u32, String)> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            Some((f.get(2)?.parse().ok()?, f.first()?.to_string()))
        })
        .collect()
}

/// The access facts of one process and the verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Access {
    pub uids: [u32; 4],
    pub gids: [u32; 4],
    pub user: String,
    /// `None` when it cannot be told (a root process's /proc files are root's either way).
    pub dumpable: Option<bool>,
    pub hidepid: String,
    pub ptrace_scope: Option<u8>,
    /// Who besides the kernel can read environ, fds, exe, cwd and root.
    pub secrets_readable_by: String,
    /// Who can read cmdline (and see that the process exists).
    pub cmdline_readable_by: String,
    /// Who can attach with ptrace (and so read memory).
    pub attach_by: String,
}

/// Inputs of the verdict that are not per process.
#[derive(Clone, Debug, Default)]
pub struct System {
    pub hidepid: String,
    pub hidepid_gid: Option<u32>,
    pub ptrace_scope: Option<u8>,
    pub users: Vec<(u32, String)>,
}

impl System {
    pub fn user_name(&self, uid: u32) -> String {
        match self.users.iter().find(|(u, _)| *u == uid) {
            Some((_, n)) => format!("{n} (uid {uid})"),
            None => format!("uid {uid}"),
        }
    }
}

/// Dumpable, from who owns `/proc/PID`: the kernel gives a non-dumpable process's
/// entries to root, a dumpable one's to its effective uid and gid.
pub fn dumpable(status: &Status, owner: (u32, u32)) -> Option<bool> {
    let (euid, egid) = (status.uids[1], status.gids[1]);
    if (euid, egid) == (0, 0) {
        None
    } else if owner == (euid, egid) {
        Some(true)
    } else if owner == (0, 0) {
        Some(false)
    } else {
        None
    }
}

pub fn access(status: &Status, dumpable: Option<bool>, sys: &System) -> Access {
    let [ruid, euid, suid, _] = status.uids;
    let [rgid, egid, sgid, _] = status.gids;
    let one_user = ruid == euid && euid == suid && rgid == egid && egid == sgid;
    let user = sys.user_name(euid);
    let root = "root (CAP_SYS_PTRACE)";
    let secrets = if euid == 0 && one_user {
        format!("only {root}")
    } else if !one_user {
        format!("only {root}: its uids or gids differ (set-id program)")
    } else if dumpable == Some(false) {
        format!("only {root}: it is not dumpable")
    } else {
        format!("{root} and {user}, its own user")
    };
    let group = sys
        .hidepid_gid
        .map(|g| format!(" and members of gid {g}"))
        .unwrap_or_default();
    let cmdline = match sys.hidepid.as_str() {
        "off" => "every user (hidepid off)".to_string(),
        "ptraceable" => format!("those who can read its environment{group} (hidepid=ptraceable)"),
        h => {
            if euid == 0 {
                format!("root{group} (hidepid={h})")
            } else {
                format!("root, {user}{group} (hidepid={h})")
            }
        }
    };
    let attach = match sys.ptrace_scope {
        None | Some(0) => "as for the environment (Yama off or ptrace_scope 0)".to_string(),
        Some(1) => "root and its ancestors' users (ptrace_scope 1)".to_string(),
        Some(2) => "only root (ptrace_scope 2)".to_string(),
        Some(n) => format!("nobody (ptrace_scope {n})"),
    };
    Access {
        uids: status.uids,
        gids: status.gids,
        user,
        dumpable,
        hidepid: sys.hidepid.clone(),
        ptrace_scope: sys.ptrace_scope,
        secrets_readable_by: secrets,
        cmdline_readable_by: cmdline,
        attach_by: attach,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUS: &str = "Name:\tsleep\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t1000\t1000\t1000\nGid:\t100\t100\t100\t100\nGroups:\t100\n";

    #[test]
    fn status_fields() {
        let s = parse_status(STATUS).unwrap();
        assert_eq!(s.name, "sleep");
        assert_eq!(s.uids, [1000; 4]);
        assert_eq!(s.gids, [100; 4]);
        assert!(!s.kthread);
        let k = parse_status("Name:\tkthreadd\nKthread:\t1\nUid:\t0 0 0 0\nGid:\t0 0 0 0\n");
        assert!(k.unwrap().kthread);
        assert_eq!(parse_status("Name:\tx\nUid:\t1 2 3\nGid:\t1 1 1 1\n"), None);
        assert_eq!(parse_status("Name:\tx\n"), None);
    }

    #[test]
    fn hidepid_options() {
        let m = "sysfs /sys sysfs rw 0 0\nproc /proc proc rw,nosuid,relatime,hidepid=invisible,gid=27 0 0\nproc /other proc rw,hidepid=1 0 0\n";
        assert_eq!(parse_hidepid(m, "/proc"), ("invisible".into(), Some(27)));
        assert_eq!(parse_hidepid(m, "/other"), ("noaccess".into(), None));
        assert_eq!(parse_hidepid(m, "/nope"), ("off".into(), None));
        assert_eq!(
            parse_hidepid("proc /proc proc rw,hidepid=2 0 0\n", "/proc").0,
            "invisible"
        );
    }

    #[test]
    fn passwd_names() {
        let p = parse_passwd("root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/x\nbad\n");
        assert_eq!(p, [(0, "root".into()), (65534, "nobody".into())]);
    }

    #[test]
    fn verdicts() {
        let sys = System {
            hidepid: "off".into(),
            users: vec![(1000, "ann".into())],
            ..System::default()
        };
        let s = parse_status(STATUS).unwrap();
        assert_eq!(dumpable(&s, (1000, 100)), Some(true));
        assert_eq!(dumpable(&s, (0, 0)), Some(false));
        let a = access(&s, Some(true), &sys);
        assert_eq!(
            a.secrets_readable_by,
            "root (CAP_SYS_PTRACE) and ann (uid 1000), its own user"
        );
        assert_eq!(a.cmdline_readable_by, "every user (hidepid off)");
        assert_eq!(
            a.attach_by,
            "as for the environment (Yama off or ptrace_scope 0)"
        );
        assert_eq!(
            access(&s, Some(false), &sys).secrets_readable_by,
            "only root (CAP_SYS_PTRACE): it is not dumpable"
        );
        let mut setuid = s.clone();
        setuid.uids[1] = 0;
        assert!(
            access(&setuid, None, &sys)
                .secrets_readable_by
                .contains("set-id program")
        );
        let hidden = System {
            hidepid: "invisible".into(),
            hidepid_gid: Some(27),
            ptrace_scope: Some(1),
            ..sys
        };
        let a = access(&s, Some(true), &hidden);
        assert_eq!(
            a.cmdline_readable_by,
            "root, ann (uid 1000) and members of gid 27 (hidepid=invisible)"
        );
        assert_eq!(
            a.attach_by,
            "root and its ancestors' users (ptrace_scope 1)"
        );
    }
}
