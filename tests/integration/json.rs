//! Integration tests: `--json` output, in log mode and with `-c`.

use crate::util::*;

fn objects(log: &str) -> Vec<serde_json::Value> {
    log.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn every_event_is_one_json_object() {
    let r = run_trace(
        &["--json", "-f"],
        &["sh", "-c", "cat /etc/hostname | wc -c; exit 3"],
    );
    assert_eq!(r.status.code(), Some(3));
    let objs = objects(&r.log);
    let kinds = |k: &str| objs.iter().filter(|o| o["type"] == k).count();
    assert!(kinds("syscall") > 50, "{}", r.log);
    assert!(kinds("signal") >= 1, "{}", r.log);
    assert_eq!(kinds("exited"), 3, "{}", r.log);
    let first = &objs[0];
    assert_eq!(first["name"], "execve");
    assert_eq!(first["args"][0]["text"], "\"/usr/bin/sh\"");
    assert!(first["time"].as_f64().unwrap() > 1.0e9);
    for o in objs.iter().filter(|o| o["type"] == "syscall") {
        for key in [
            "pid", "name", "nr", "arch", "args", "ret", "errno", "text", "time",
        ] {
            assert!(o.get(key).is_some(), "{key} missing: {o}");
        }
        // The text is the strace line without padding.
        let text = o["text"].as_str().unwrap();
        assert!(
            text.starts_with(&format!("{}(", o["name"].as_str().unwrap())),
            "{o}"
        );
    }
    let failed = objs
        .iter()
        .find(|o| o["errno"].is_string())
        .expect("a failed call (the loader probes paths)");
    assert_eq!(failed["ret"], -1);
    let last = objs.last().unwrap();
    assert_eq!(last["type"], "exited");
    assert_eq!(last["code"], 3);
}

#[test]
fn summary_rows_as_json() {
    let r = run_trace(&["--json", "-c"], &["ls", "/"]);
    let objs = objects(&r.log);
    let total = objs.last().unwrap();
    assert_eq!(total["syscall"], "total");
    let calls: u64 = objs[..objs.len() - 1]
        .iter()
        .map(|o| o["calls"].as_u64().unwrap())
        .sum();
    assert_eq!(total["calls"].as_u64(), Some(calls));
    for o in &objs {
        for key in [
            "syscall",
            "calls",
            "errors",
            "seconds",
            "usecs_per_call",
            "percent",
        ] {
            assert!(o.get(key).is_some(), "{key} missing: {o}");
        }
    }
    assert!(
        objs.iter()
            .any(|o| o["syscall"] == "openat" && o["errors"].as_u64() > Some(0))
    );
}
