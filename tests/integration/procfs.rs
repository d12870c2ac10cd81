//! Integration tests: `trace proc` on a helper process with known fds and secrets (as
//! root and as `nobody`), `--find` in a helper's files and in a real etcd's db or WAL,
//! `--all --json` on a busy machine, and `trace -- proc` still tracing a program.

use crate::etcd::{etcdctl, start_etcd};
use crate::util::*;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Instant;

/// Holds fd 10 a file (at offset 3), 11 a deleted file, 12 a pipe's read end whose write
/// end a forked peer holds as fd 13, 14 a TCP listener on 127.0.0.1, 15 a UNIX listener,
/// 16 an eventfd; 0-2 are /dev/null. Prints "PORT PEERPID" when ready.
const HELPER_C: &str = r#"
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
static void put(int fd, int want) { if (fd != want) { dup2(fd, want); close(fd); } }
int main(int argc, char **argv) {
    const char *dir = argv[argc - 1];
    char path[4096];
    for (int i = 3; i < 1024; i++) close(i);
    snprintf(path, sizeof path, "%s/held.txt", dir);
    int fd = open(path, O_RDONLY);
    lseek(fd, 3, SEEK_SET);
    put(fd, 10);
    snprintf(path, sizeof path, "%s/deleted.txt", dir);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(fd, "gone\nc2VjcmV0LWluLWZpbGU=\n", 26);
    unlink(path);
    put(fd, 11);
    int p[2];
    pipe(p);
    pid_t peer = fork();
    if (peer == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(p[1], 13);
        for (int i = 0; i < 1024; i++) if (i != 13) close(i);
        for (;;) pause();
    }
    put(p[0], 12);
    close(p[1]);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(fd, (struct sockaddr *)&a, sizeof a);
    listen(fd, 4);
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    put(fd, 14);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un u = { .sun_family = AF_UNIX };
    snprintf(u.sun_path, sizeof u.sun_path, "%s/sock", dir);
    bind(fd, (struct sockaddr *)&u, sizeof u);
    listen(fd, 4);
    put(fd, 15);
    put(eventfd(0, 0), 16);
    printf("%d %d\n", ntohs(a.sin_port), (int)peer);
    fflush(stdout);
    fd = open("/dev/null", O_RDWR);
    dup2(fd, 0); dup2(fd, 1); dup2(fd, 2); close(fd);
    for (;;) pause();
}
"#;

const GHP: &str = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const ENV: [(&str, &str); 4] = [
    ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
    ("DB_PASSWORD", "hunter2-correct-horse"),
    ("PATH", "/usr/bin:/bin"),
    ("PLAIN", "hello"),
];

struct Helper {
    child: Child,
    pid: u32,
    peer: u32,
    port: u16,
    dir: PathBuf,
    exe: PathBuf,
}

impl Drop for Helper {
    fn drop(&mut self) {
        // The peer dies with it (PR_SET_PDEATHSIG).
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The helper, run as root or as nobody in a directory of its own.
fn start_helper(exe: &Path, as_nobody: bool) -> Helper {
    let dir = tmpdir("procfs");
    std::fs::write(dir.join("held.txt"), "abc secret-in-file xyz\n").unwrap();
    if as_nobody {
        assert!(
            Command::new("chown")
                .args(["-R", "65534:65534"])
                .arg(&dir)
                .status()
                .unwrap()
                .success()
        );
    }
    let mut cmd = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.args([&format!("--token={GHP}"), "--password", "pw-on-cmdline"])
        .arg(&dir)
        .current_dir(&dir)
        .env_clear()
        .envs(ENV)
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let (port, peer) = line.trim().split_once(' ').expect("helper's ready line");
    Helper {
        pid: child.id(),
        child,
        peer: peer.parse().unwrap(),
        port: port.parse().unwrap(),
        dir,
        exe: exe.to_path_buf(),
    }
}

fn helper_exe() -> Result<PathBuf, String> {
    compile("procfs_helper", HELPER_C, &[])
}

/// The verdict lines depend on the machine's hidepid and Yama; the expectations are
/// for a /proc without hidepid and Yama off or at 0.
fn plain_proc() -> bool {
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    let hidden = mounts.lines().any(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        f.len() > 3
            && f[1] == "/proc"
            && f[3]
                .split(',')
                .any(|o| o.starts_with("hidepid=") && o != "hidepid=0" && o != "hidepid=off")
    });
    let yama = std::fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "0".into());
    !hidden && yama == "0"
}

/// `trace proc ARGS`, as root or as nobody.
fn trace_proc(args: &[&str], as_nobody: bool) -> Output {
    let mut c = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(nobody_trace_bin());
        c
    } else {
        trace_command()
    };
    c.arg("proc")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The trace binary where nobody can run it: in place if every directory above it is
/// searchable by others, else a 0755 copy in a temporary directory.
fn nobody_trace_bin() -> PathBuf {
    let bin = Path::new(trace_bin());
    let reachable = bin.ancestors().skip(1).all(|d| {
        std::fs::metadata(d).is_ok_and(|m| d.as_os_str().is_empty() || m.mode() & 0o001 != 0)
    });
    if reachable {
        return bin.to_path_buf();
    }
    let dir = tmpdir("nobody-bin");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let copy = dir.join("trace");
    std::fs::copy(bin, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    copy
}

use std::os::unix::fs::MetadataExt;

fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for b in s.bytes() {
        *counts.entry(b).or_insert(0usize) += 1;
    }
    let n = s.len() as f64;
    let e: f64 = counts
        .values()
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum();
    (e * 100.0).round() / 100.0
}

fn sha256_8(s: &str) -> String {
    let mut c = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    let out = c.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout)[..8].to_string()
}

fn redacted(value: &str) -> String {
    format!(
        "<redacted len={} entropy={:.2} sha256:{}>",
        value.len(),
        entropy(value),
        sha256_8(value)
    )
}

/// A borderless table as trace prints it: columns one space apart, a dashed rule
/// under the header, right-aligned columns `right`, lines indented by two spaces.
fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut w: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if right.contains(&i) {
                    format!("{c:>0$}", w[i])
                } else {
                    format!("{c:<0$}", w[i])
                }
            })
            .collect();
        format!("  {}\n", s.join(" ").trim_end())
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(w.iter().map(|&n| "-".repeat(n)).collect()));
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    out
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn link(pid: u32, fd: u32) -> String {
    std::fs::read_link(format!("/proc/{pid}/fd/{fd}"))
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The header of a helper's report: `user` as trace names it, and who can read it.
fn head(h: &Helper, user: &str, dumpable: &str, denied: bool, readers: &str) -> String {
    let d = h.dir.display();
    let (exe, cwd, root) = if denied {
        let x = "(permission denied)".to_string();
        (x.clone(), x.clone(), x)
    } else {
        (h.exe.display().to_string(), d.to_string(), "/".to_string())
    };
    format!(
        "PID {pid} (procfs_helper)\n  user      {user}\n  dumpable  {dumpable}\n  exe       {exe}\n  cwd       {cwd}\n  root      {root}\n  cmdline   {cmd} --token=<redacted> --password <redacted> {d}\n  readable  environment, fds: {readers}\n            command line: every user (hidepid off)\n            ptrace attach: as for the environment (Yama off or ptrace_scope 0)\n",
        pid = h.pid,
        cmd = h.exe.display(),
    )
}

fn fd_table(h: &Helper) -> String {
    let d = h.dir.display();
    let pipe = link(h.pid, 12);
    let rows = vec![
        row(&["0", "u", "CHR", "0", "/dev/null"]),
        row(&["1", "u", "CHR", "0", "/dev/null"]),
        row(&["2", "u", "CHR", "0", "/dev/null"]),
        row(&["10", "r", "REG", "3", &format!("{d}/held.txt")]),
        row(&[
            "11",
            "u",
            "REG",
            "26",
            &format!("{d}/deleted.txt (deleted)"),
        ]),
        row(&[
            "12",
            "r",
            "FIFO",
            "0",
            &format!("{pipe} <-> {}(procfs_helper) 13w", h.peer),
        ]),
        row(&[
            "14",
            "u",
            "IPv4",
            "0",
            &format!("TCP 127.0.0.1:{} (LISTEN)", h.port),
        ]),
        row(&[
            "15",
            "u",
            "unix",
            "0",
            &format!("{d}/sock type=STREAM (LISTEN)"),
        ]),
        row(&["16", "u", "a_inode", "0", "eventfd (count 0)"]),
    ];
    format!(
        "\n  open files:\n{}",
        table(&["FD", "MODE", "TYPE", "POS", "TARGET"], &rows, &[0, 3])
    )
}

fn cmdline_rows() -> Vec<Vec<String>> {
    vec![
        row(&["cmdline", "argv[1] --token", "github-token", &redacted(GHP)]),
        row(&[
            "cmdline",
            "argv[3] --password",
            "password-name",
            &redacted("pw-on-cmdline"),
        ]),
    ]
}

fn env_rows() -> Vec<Vec<String>> {
    vec![
        row(&[
            "env",
            "AWS_ACCESS_KEY_ID",
            "aws-access-key-id",
            &redacted(ENV[0].1),
        ]),
        row(&["env", "DB_PASSWORD", "password-name", &redacted(ENV[1].1)]),
    ]
}

const SECRETS_HEADER: [&str; 4] = ["SOURCE", "NAME", "RULE", "VALUE"];

fn summary(secrets: usize, env: usize, env_unreadable: usize, fds_unreadable: usize) -> String {
    format!(
        "\naudit: 1 process inspected, 1 exposing {secrets} secrets ({env} in environments, 2 on command lines)\nunreadable: {env_unreadable} environments, {fds_unreadable} fd tables\n"
    )
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn proc_reports_every_field_of_a_root_helper_as_root() {
    let exe = compiled_or_skip!(helper_exe(), e => "gcc failed: {e}");
    if !plain_proc() {
        skip!("/proc has hidepid or Yama ptrace_scope is not 0: the verdict lines differ");
    }
    let h = start_helper(&exe, false);
    let out = trace_proc(&[&h.pid.to_string()], false);
    let mut secrets = env_rows();
    secrets.extend(cmdline_rows());
    let want = format!(
        "{}{}\n  secrets:\n{}{}",
        head(
            &h,
            "root (uid 0), gid 0",
            "unknown (runs as root)",
            false,
            "only root (CAP_SYS_PTRACE)"
        ),
        fd_table(&h),
        table(&SECRETS_HEADER, &secrets, &[]),
        summary(4, 2, 0, 0)
    );
    assert_eq!(text(&out), want);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(3), "secrets found: exit 3");
    // No secret value anywhere in the output, table or JSON.
    let json = trace_proc(&[&h.pid.to_string(), "--json"], false);
    for s in [GHP, "pw-on-cmdline", ENV[0].1, ENV[1].1] {
        assert!(!text(&out).contains(s), "{s} leaked");
        assert!(!text(&json).contains(s), "{s} leaked in JSON");
    }
}

#[test]
fn proc_json_has_the_same_fields() {
    let exe = compiled_or_skip!(helper_exe(), e => "gcc failed: {e}");
    let h = start_helper(&exe, false);
    let out = trace_proc(&[&h.pid.to_string(), "--json"], false);
    assert_eq!(out.status.code(), Some(3));
    let lines: Vec<serde_json::Value> = text(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let r = &lines[0];
    assert_eq!(r["pid"], h.pid);
    assert_eq!(r["name"], "procfs_helper");
    assert_eq!(r["cwd"], h.dir.display().to_string());
    assert_eq!(r["access"]["uids"], serde_json::json!([0, 0, 0, 0]));
    let fds = r["fds"].as_array().unwrap();
    let fd = |n: u64| fds.iter().find(|f| f["fd"] == n).unwrap();
    assert_eq!(fds.len(), 9);
    assert_eq!(fd(11)["deleted"], true);
    assert_eq!(fd(11)["pos"], 26);
    assert_eq!(fd(12)["pipe_peers"][0]["pid"], h.peer);
    assert_eq!(fd(12)["pipe_peers"][0]["fd"], 13);
    assert_eq!(fd(12)["pipe_peers"][0]["mode"], "w");
    assert_eq!(fd(14)["type"], "IPv4");
    assert_eq!(fd(14)["link"], link(h.pid, 14));
    let env = r["env_secrets"].as_array().unwrap();
    assert_eq!(env[1]["name"], "DB_PASSWORD");
    assert_eq!(env[1]["length"], ENV[1].1.len());
    assert_eq!(env[1]["sha256"], sha256_8(ENV[1].1));
    assert!(env[1].get("value").is_none());
    assert_eq!(
        lines[1],
        serde_json::json!({"summary": {"processes": 1, "exited": 0, "processes_with_secrets": 1,
            "secrets": 4, "env_secrets": 2, "cmdline_secrets": 2, "env_unreadable": 0,
            "fds_unreadable": 0}})
    );
}

#[test]
fn proc_show_secrets_prints_the_values() {
    let exe = compiled_or_skip!(helper_exe(), e => "gcc failed: {e}");
    let h = start_helper(&exe, false);
    let out = trace_proc(&[&h.pid.to_string(), "--env", "--show-secrets"], false);
    let s = text(&out);
    let secrets = s
        .split("\n  secrets:\n")
        .nth(1)
        .and_then(|t| t.split("\naudit:").next())
        .unwrap();
    let rows = vec![
        row(&["env", "AWS_ACCESS_KEY_ID", "aws-access-key-id", ENV[0].1]),
        row(&["env", "DB_PASSWORD", "password-name", ENV[1].1]),
        row(&["cmdline", "argv[1] --token", "github-token", GHP]),
        row(&[
            "cmdline",
            "argv[3] --password",
            "password-name",
            "pw-on-cmdline",
        ]),
    ];
    assert_eq!(secrets, table(&SECRETS_HEADER, &rows, &[]));
    assert!(s.contains(&format!(
        "  cmdline   {} --token={GHP} --password pw-on-cmdline {}\n",
        h.exe.display(),
        h.dir.display()
    )));
    assert!(!s.contains("open files:"), "--env alone has no fd table");
}

#[test]
fn proc_as_nobody_sees_its_own_helper_and_not_roots() {
    let exe = compiled_or_skip!(helper_exe(), e => "gcc failed: {e}");
    if !have("setpriv") {
        skip!("setpriv is not installed (util-linux)");
    }
    if !plain_proc() {
        skip!("/proc has hidepid or Yama ptrace_scope is not 0: the verdict lines differ");
    }
    // Root's helper: only the world-readable parts, and the command line's secrets.
    let h = start_helper(&exe, false);
    let out = trace_proc(&[&h.pid.to_string()], true);
    let want = format!(
        "{}\n  open files:\n  (permission denied)\n\n  secrets:\n  environment: (permission denied)\n{}\naudit: 1 process inspected, 1 exposing 2 secrets (0 in environments, 2 on command lines)\nunreadable: 1 environments, 1 fd tables\n",
        head(
            &h,
            "root (uid 0), gid 0",
            "unknown (runs as root)",
            true,
            "only root (CAP_SYS_PTRACE)"
        ),
        table(&SECRETS_HEADER, &cmdline_rows(), &[]),
    );
    assert_eq!(text(&out), want);
    assert_eq!(out.status.code(), Some(3));
    let find = trace_proc(&[&h.pid.to_string(), "--find", "secret-in-file"], true);
    assert!(
        text(&find).contains("\n  found:\n  (permission denied)\n"),
        "{}",
        text(&find)
    );
    drop(h);

    // nobody's own helper: everything.
    let h = start_helper(&exe, true);
    let out = trace_proc(&[&h.pid.to_string()], true);
    let mut secrets = env_rows();
    secrets.extend(cmdline_rows());
    let want = format!(
        "{}{}\n  secrets:\n{}{}",
        head(
            &h,
            "nobody (uid 65534), gid 65534",
            "yes",
            false,
            "root (CAP_SYS_PTRACE) and nobody (uid 65534), its own user"
        ),
        fd_table(&h),
        table(&SECRETS_HEADER, &secrets, &[]),
        summary(4, 2, 0, 0)
    );
    assert_eq!(text(&out), want);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn proc_find_reports_literal_and_base64_in_open_files() {
    let exe = compiled_or_skip!(helper_exe(), e => "gcc failed: {e}");
    let h = start_helper(&exe, false);
    let out = trace_proc(&[&h.pid.to_string(), "--find", "secret-in-file"], false);
    let s = text(&out);
    let d = h.dir.display();
    let rows = vec![
        row(&["10", &format!("{d}/held.txt"), "4", "literal"]),
        row(&[
            "11",
            &format!("{d}/deleted.txt (deleted)"),
            "5",
            "base64 (offset 0)",
        ]),
    ];
    let want = format!(
        "\n  found:\n{}\naudit: 1 process inspected, 1 exposing 2 secrets (2 open files holding the literal)\nunreadable: 0 fd tables to search\n",
        table(&["FD", "PATH", "OFFSET", "FORM"], &rows, &[0, 2])
    );
    assert!(s.ends_with(&want), "{s}\nwant the end:\n{want}");
    assert!(!s.contains("open files:"), "--find alone has no fd table");
    assert_eq!(out.status.code(), Some(3));
    let none = trace_proc(&[&h.pid.to_string(), "--find", "not-there-at-all"], false);
    assert!(text(&none).contains("\n  found:\n  not in any open regular file\n"));
    assert_eq!(none.status.code(), Some(0));
}

#[test]
fn proc_errors_are_one_line_and_exit_1() {
    let out = trace_proc(&["999999999"], false);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trace: proc: no such process: 999999999\n"
    );
    assert_eq!(out.status.code(), Some(1));
    let out = trace_proc(&[], false);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<PID>"));
    let out = trace_proc(&["1", "--find", ""], false);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trace: proc: --find needs a non-empty literal\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn proc_all_json_on_a_busy_machine() {
    // Processes start and end all through the scan.
    let mut churn = Command::new("sh")
        .args(["-c", "while :; do /bin/true & /bin/true; done"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for as_nobody in [false, true] {
        if as_nobody && !have("setpriv") {
            break;
        }
        let start = Instant::now();
        let out = trace_proc(&["--all", "--json"], as_nobody);
        let s = text(&out);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "nobody: {as_nobody}"
        );
        assert!(matches!(out.status.code(), Some(0 | 3)), "{:?}", out.status);
        let lines: Vec<serde_json::Value> = s
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        let summary = &lines.last().unwrap()["summary"];
        assert_eq!(summary["processes"], lines.len() - 1);
        assert!(lines.len() > 3, "{s}");
        assert!(lines.iter().any(|l| l["pid"] == 1));
        eprintln!(
            "--all as {}: {} processes in {:?}",
            if as_nobody { "nobody" } else { "root" },
            lines.len() - 1,
            start.elapsed()
        );
    }
    let _ = churn.kill();
    let _ = churn.wait();
}

#[test]
fn a_program_named_proc_is_traced_after_double_dash() {
    let dir = tmpdir("proc-prog");
    let prog = dir.join("proc");
    std::fs::write(&prog, "#!/bin/sh\necho hello from proc\n").unwrap();
    std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).unwrap();
    let log = dir.join("log");
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = trace_command()
        .arg("-o")
        .arg(&log)
        .args(["--", "proc"])
        .env("PATH", path)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello from proc\n");
    assert_eq!(out.status.code(), Some(0));
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(
        log.starts_with(&format!("execve(\"{}\", [\"proc\"]", prog.display())),
        "{log}"
    );
}

#[test]
fn proc_find_sees_an_etcd_value_in_its_db_or_wal() {
    if !have("etcd") || !have("etcdctl") || !have("setpriv") {
        skip!(
            "etcd, etcdctl or setpriv is not installed (apt-get install etcd-server etcd-client)"
        );
    }
    let Some(etcd) = start_etcd("trace-proc", 40000) else {
        panic!("etcd did not become healthy within 20 s");
    };
    let value = format!("trace-proc-secret-{}", std::process::id());
    let put = etcdctl(
        &etcd.endpoint,
        &["put", "/registry/secrets/default/db", &value],
    );
    assert!(put.status.success(), "{put:?}");
    let pid = etcd.child.id();
    let out = trace_proc(&[&pid.to_string(), "--find", &value, "--json"], false);
    let s = text(&out);
    assert_eq!(out.status.code(), Some(3), "{s}");
    let report: serde_json::Value = serde_json::from_str(s.lines().next().unwrap()).unwrap();
    let files = report["find"]["files"].as_array().unwrap();
    let in_store: Vec<&serde_json::Value> = files
        .iter()
        .filter(|f| {
            let p = f["path"].as_str().unwrap();
            p.contains("/member/wal/") || p.ends_with("/member/snap/db")
        })
        .collect();
    assert!(!in_store.is_empty(), "not in the db or WAL: {s}");
    for f in in_store {
        let fd = f["fd"].as_u64().unwrap() as u32;
        let path = f["path"].as_str().unwrap();
        assert_eq!(link(pid, fd), path);
        for m in f["matches"].as_array().unwrap() {
            let offset = m["offset"].as_u64().unwrap() as usize;
            let bytes = std::fs::read(path).unwrap();
            if m["form"] == "literal" {
                assert_eq!(&bytes[offset..offset + value.len()], value.as_bytes());
            }
        }
        eprintln!("etcd fd {fd} {path}: {}", f["matches"]);
    }
    // The table names the fd, the path and the offset.
    let out = trace_proc(&[&pid.to_string(), "--find", &value], false);
    assert!(
        text(&out).contains("\n  found:\n  FD PATH"),
        "{}",
        text(&out)
    );
}

#[test]
fn proc_names_a_thread_id_as_such() {
    // A fixture /proc (the hidden --proc-root): 43 is a thread of 42.
    let root = tmpdir("fake-proc");
    for (pid, tgid) in [(42, 42), (43, 42)] {
        std::fs::create_dir_all(root.join(format!("{pid}"))).unwrap();
        std::fs::write(
            root.join(format!("{pid}/status")),
            format!("Name:\tapp\nTgid:\t{tgid}\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"),
        )
        .unwrap();
    }
    let root = root.display().to_string();
    let out = trace_proc(&["--proc-root", &root, "43"], false);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "trace: proc: 43 is a thread of process 42\n"
    );
    assert_eq!(out.status.code(), Some(1));
    let out = trace_proc(&["--proc-root", &root, "42", "--env", "--json"], false);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let r: serde_json::Value = serde_json::from_str(text(&out).lines().next().unwrap()).unwrap();
    assert_eq!(r["name"], "app");
    assert_eq!(
        r["env_secrets"],
        serde_json::json!({"error": "not available"})
    );
}

const UNIX_PAIR_C: &str = r#"
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <signal.h>
#include <unistd.h>
int main(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pid_t child = fork();
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        close(sv[0]);
        dup2(sv[1], 7);
        close(sv[1]);
        pause();
    }
    close(sv[1]);
    dup2(sv[0], 5);
    printf("%d\n", child);
    fflush(stdout);
    pause();
}
"#;

#[test]
fn proc_names_the_process_at_the_other_end_of_a_unix_socket() {
    let exe = compiled_or_skip!(compile("unix_pair", UNIX_PAIR_C, &[]), e => "gcc failed: {e}");
    unix_peer_row_names_the_child(Command::new(&exe), "unix_pair", false);
}

/// A process in a network namespace of its own (a container, a pod): the kernel answers
/// sock_diag only inside that namespace, so trace asks from there.
#[test]
fn proc_names_the_unix_peer_in_another_network_namespace() {
    if !have("unshare") {
        skip!("unshare (util-linux) is not installed");
    }
    let exe = compiled_or_skip!(compile("unix_pair_ns", UNIX_PAIR_C, &[]), e => "gcc failed: {e}");
    let probe = Command::new("unshare").args(["--net", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        skip!("unshare --net is not permitted here (needs CAP_SYS_ADMIN)");
    }
    let mut cmd = Command::new("unshare");
    cmd.arg("--net").arg(&exe);
    unix_peer_row_names_the_child(cmd, "unix_pair_ns", true);
}

/// Runs `cmd` (UNIX_PAIR_C, possibly under a wrapper that execs it), and asserts that
/// `trace proc --fds` shows its fd 5 (and 3, the same socket) reaching the child's fd 7,
/// the only one the child keeps. `other_netns`: the program runs in a network namespace
/// other than trace's (checked).
fn unix_peer_row_names_the_child(mut cmd: Command, comm: &str, other_netns: bool) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let peer: u32 = line.trim().parse().unwrap();
    // A wrapper such as unshare execs the program: the pid is the program's.
    let pid = child.id().to_string();
    let ns = |p: &str| std::fs::read_link(format!("/proc/{p}/ns/net")).unwrap();
    assert_eq!(ns(&pid) != ns("self"), other_netns);
    let out = trace_proc(&["--fds", &pid], false);
    let _ = child.kill();
    let _ = child.wait();
    let text = text(&out);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("5 "))
        .unwrap_or_else(|| panic!("no fd 5 row:\n{text}"));
    assert!(
        row.ends_with(&format!(
            "(unnamed) type=STREAM (CONNECTED) <-> {peer}({comm}) 7u"
        )),
        "{row}"
    );
}

/// `trace proc` in a mount namespace whose /proc is mounted with `hidepid=invisible`
/// (as hardened hosts do): the verdict says only root reads command lines, and a user
/// asking for a process it cannot see is told it may be hidden, not just absent.
#[test]
fn proc_under_hidepid_says_who_reads_and_what_is_hidden() {
    if !have("unshare") || !have("setpriv") {
        skip!("unshare or setpriv (util-linux) is not installed");
    }
    let mut sleeper = Command::new("sleep").arg("30").spawn().unwrap();
    let pid = sleeper.id().to_string();
    let under_hidepid = |nobody: bool| {
        let bin = if nobody {
            format!(
                "setpriv --reuid=65534 --regid=65534 --clear-groups {}",
                nobody_trace_bin().display()
            )
        } else {
            trace_bin().to_string()
        };
        Command::new("unshare")
            .args(["--mount", "sh", "-c"])
            .arg(format!(
                "mount -t proc -o hidepid=invisible proc /proc && exec {bin} proc {pid}"
            ))
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let root = under_hidepid(false);
    if String::from_utf8_lossy(&root.stderr).contains("mount") {
        let _ = sleeper.kill();
        let _ = sleeper.wait();
        skip!(
            "cannot mount a private /proc here: {}",
            String::from_utf8_lossy(&root.stderr).trim()
        );
    }
    let nobody = under_hidepid(true);
    let _ = sleeper.kill();
    let _ = sleeper.wait();
    let text = String::from_utf8_lossy(&root.stdout);
    assert_eq!(root.status.code(), Some(0), "{text}");
    assert!(
        text.lines()
            .any(|l| l == "            command line: root (hidepid=invisible)"),
        "{text}"
    );
    assert_eq!(nobody.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&nobody.stderr),
        format!(
            "{}: proc: no such process: {pid} (or hidden from this user: /proc is mounted with hidepid=invisible)\n",
            nobody_trace_bin().display()
        )
    );
}
