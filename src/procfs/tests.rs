//! Inspector tests on fixture trees: a fake /proc under a temporary directory.

use super::*;
use std::os::unix::fs::symlink;

/// A fake /proc with one process, 42, whose fd 4 closed between the listing and the
/// fdinfo read (no fdinfo/4), on a /proc mounted with hidepid and Yama at 1.
fn fixture() -> PathBuf {
    let root = std::env::temp_dir().join(format!("trace-procfs-fixture-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let p = root.join("42");
    for d in ["fd", "fdinfo", "net", "ns"] {
        std::fs::create_dir_all(p.join(d)).unwrap();
    }
    std::fs::create_dir_all(root.join("sys/kernel/yama")).unwrap();
    let w = |rel: &str, text: &str| std::fs::write(root.join(rel), text).unwrap();
    w(
        "mounts",
        &format!(
            "proc {} proc rw,hidepid=invisible,gid=27 0 0\n",
            root.display()
        ),
    );
    w("sys/kernel/yama/ptrace_scope", "1\n");
    w(
        "42/status",
        "Name:\tapp\nTgid:\t42\nUid:\t1000\t1000\t1000\t1000\nGid:\t100\t100\t100\t100\n",
    );
    w("42/cmdline", "app\0--api-key\0abc123\0");
    w("42/environ", "HOME=/h\0GITHUB_TOKEN=xyz\0");
    w("42/fdinfo/0", "pos:\t0\nflags:\t0100002\n");
    w("42/fdinfo/3", "pos:\t0\nflags:\t02\n");
    w(
        "42/fdinfo/5",
        "pos:\t0\nflags:\t02\neventfd-count:        2a\n",
    );
    w("42/fdinfo/6", "pos:\t0\nflags:\t02\n");
    w(
        "42/net/tcp6",
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 100 1 0000000000000000 100 0 0 10 0\n",
    );
    w(
        "42/net/unix",
        "Num       RefCount Protocol Flags    Type St Inode Path\n0000000000000000: 00000002 00000000 00000000 0002 01 200 @abstract name\n",
    );
    for (link, at) in [
        ("/dev/null", "42/fd/0"),
        ("socket:[100]", "42/fd/3"),
        ("pipe:[7]", "42/fd/4"),
        ("anon_inode:[eventfd]", "42/fd/5"),
        ("socket:[200]", "42/fd/6"),
        ("/usr/bin/app", "42/exe"),
        ("/srv", "42/cwd"),
        ("/", "42/root"),
        ("net:[4026531840]", "42/ns/net"),
    ] {
        symlink(link, root.join(at)).unwrap();
    }
    root
}

// The fixture's tcp6 row is in x86_64's (little-endian) word order.
#[cfg(target_endian = "little")]
#[test]
fn a_fixture_tree_reads_like_proc() {
    let root = fixture();
    let mut ins = Inspector::new(&root);
    assert_eq!(ins.all_pids().unwrap(), [42]);
    assert!(ins.exists(42));
    assert!(!ins.exists(43));
    let opts = Options {
        fds: true,
        env: true,
        ..Options::default()
    };
    let r = ins.inspect(42, &opts);
    assert_eq!(r.name, Item::Ok("app".into()));
    assert_eq!(r.cmdline, Item::Ok("app --api-key <redacted>".into()));
    assert_eq!(r.exe, Item::Ok("/usr/bin/app".into()));
    assert_eq!(r.cwd, Item::Ok("/srv".into()));
    assert!(!r.exited);
    let a = r.access.ok().unwrap();
    assert_eq!(a.hidepid, "invisible");
    assert_eq!(a.ptrace_scope, Some(1));
    // Files owned by root, the process runs as uid 1000: the kernel's mark of a
    // non-dumpable process (only checkable when the test runs as root).
    if std::fs::metadata(root.join("42")).is_ok_and(|m| (m.uid(), m.gid()) == (0, 0)) {
        assert_eq!(a.dumpable, Some(false));
        assert_eq!(
            a.secrets_readable_by,
            "only root (CAP_SYS_PTRACE): it is not dumpable"
        );
    }
    assert_eq!(
        a.cmdline_readable_by,
        "root, uid 1000 and members of gid 27 (hidepid=invisible)"
            .replace("uid 1000", &ins.system.user_name(1000))
    );
    let fds = r.fds.as_ref().unwrap().ok().unwrap();
    let q = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let shown: Vec<String> = fds
        .iter()
        .map(|f| {
            format!(
                "{}|{}|{}|{}|{}",
                f.fd,
                q(&f.mode),
                q(&f.kind),
                q(&f.target),
                q(&f.error)
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "0|u|CHR|/dev/null|-",
            "3|u|IPv6|TCP [::1]:22 (LISTEN)|-",
            "4|-|FIFO|pipe:[7]|fd closed",
            "5|u|a_inode|eventfd (count 2a)|-",
            "6|u|unix|@abstract name type=DGRAM (UNCONNECTED)|-",
        ]
    );
    let env = r.env_secrets.as_ref().unwrap().ok().unwrap();
    assert_eq!(env.len(), 1);
    assert_eq!(
        (env[0].name.as_str(), env[0].rule.as_str()),
        ("GITHUB_TOKEN", "token-name")
    );
    let cmd = r.cmdline_secrets.as_ref().unwrap().ok().unwrap();
    assert_eq!(
        (cmd[0].name.as_str(), cmd[0].rule.as_str()),
        ("argv[2] --api-key", "key-name")
    );
    assert_eq!(r.secret_count(), 2);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_process_gone_before_the_scan_says_so_per_item() {
    let root = std::env::temp_dir().join(format!("trace-procfs-empty-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    let mut ins = Inspector::new(&root);
    let r = ins.inspect(
        7,
        &Options {
            fds: true,
            env: true,
            find: Some(b"x".to_vec()),
            ..Options::default()
        },
    );
    assert!(r.exited);
    let gone = Item::<String>::err("process exited");
    assert_eq!((&r.name, &r.cmdline, &r.exe), (&gone, &gone, &gone));
    assert_eq!(r.fds, Some(Item::err("process exited")));
    assert_eq!(r.find, Some(Item::err("process exited")));
    assert_eq!(render::text(&r), "PID 7: process exited\n");
    let _ = std::fs::remove_dir_all(&root);
}
