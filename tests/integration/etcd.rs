//! A throw-away etcd for the real-world tests (attach, trace proc --find).

use crate::util::*;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// etcd as a single node on 127.0.0.1, run as `nobody` in a temporary data dir.
pub struct Etcd {
    pub child: Child,
    pub endpoint: String,
}

impl Drop for Etcd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn etcdctl(endpoint: &str, args: &[&str]) -> std::process::Output {
    Command::new("etcdctl")
        .env("ETCDCTL_API", "3")
        .args(["--endpoints", endpoint, "--dial-timeout", "3s"])
        .args(args)
        .output()
        .unwrap()
}

/// Starts etcd named `name`, on two ports from `port_base` up (offset by this test
/// binary's pid so parallel runs do not collide); `None` if it is not healthy in 20 s.
pub fn start_etcd(name: &str, port_base: u16) -> Option<Etcd> {
    let dir = tmpdir(name);
    let data = dir.join("data");
    std::fs::create_dir(&data).ok()?;
    Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(&dir)
        .status()
        .ok()?;
    let base = port_base + (std::process::id() % 10000) as u16 * 2;
    let endpoint = format!("http://127.0.0.1:{base}");
    let peer = format!("http://127.0.0.1:{}", base + 1);
    let child = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "etcd"])
        .args(["--name", name, "--data-dir"])
        .arg(&data)
        .args([
            "--listen-client-urls",
            &endpoint,
            "--advertise-client-urls",
            &endpoint,
        ])
        .args([
            "--listen-peer-urls",
            &peer,
            "--initial-advertise-peer-urls",
            &peer,
        ])
        .args(["--initial-cluster", &format!("{name}={peer}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let etcd = Etcd { child, endpoint };
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if etcdctl(&etcd.endpoint, &["endpoint", "health"])
            .status
            .success()
        {
            return Some(etcd);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    None
}
