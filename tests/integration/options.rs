//! Integration tests: strace's command-line rules as trace applies them: option
//! values (`-p -42`, `-I`, `-O`, `-b`), the options that exclude or need others,
//! with strace's exact messages and their order, `-o '|CMD'`, a failed first exec.

use crate::util::*;
use std::process::Stdio;

/// Runs `trace ARGS` by the name `trace`; returns (exit code, stderr).
fn trace_err(args: &[&str]) -> (Option<i32>, String) {
    let out = trace_command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running trace");
    let out = output_within(out, std::time::Duration::from_secs(60), "trace");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const TRY: &str = "Try 'trace -h' for more information.\n";

#[test]
fn option_values_are_checked_with_stracess_messages() {
    let cases: &[(&[&str], &str, bool)] = &[
        (&["-p", "-42"], "Invalid process id: '-42'", false),
        (&["--attach=-42"], "Invalid process id: '-42'", false),
        (
            &["-b", "execve", "-b", "chdir"],
            "Syscall 'chdir' for -b isn't supported",
            false,
        ),
        (
            &["--detach-on=chdir"],
            "Syscall 'chdir' for -b isn't supported",
            false,
        ),
        (&["-O", "-42"], "invalid -O argument: '-42'", true),
        (&["-I", "5"], "invalid -I argument: '5'", true),
        (&["-I=never"], "invalid -I argument: '=never'", true),
        (
            &["--interruptible=nev"],
            "invalid --interruptible argument: 'nev'",
            true,
        ),
        (
            &["--string-limit=1073741824"],
            "invalid --string-limit argument: '1073741824'",
            true,
        ),
        (
            &["--strings-in-hex=ascii"],
            "invalid --strings-in-hex argument: 'ascii'",
            true,
        ),
        (
            &["--const-print-style=a"],
            "invalid --const-print-style argument: 'a'",
            true,
        ),
        (
            &["-e", "trace=gettid,getcwd@42"],
            "incorrect personality designator '42' in qualification 'getcwd@42'",
            true,
        ),
        (
            &["-U", "time,time_percent,time_total"],
            "call summary column has been provided more than once: 'time_percent' (-U option residual: 'time_percent,time_total')",
            true,
        ),
        (
            &["-e", "kvm=chdir"],
            "invalid -e kvm= argument: 'chdir'",
            false,
        ),
        (&["-e", "-1"], "invalid system call '-1'", false),
        (&["-e!"], "invalid system call '!'", false),
        // Accepted values: the next complaint is the missing command.
        (
            &[
                "-I",
                "never_tstp",
                "--interruptible=always",
                "-O4.5e2ms",
                "--columns=31",
                "--strings-in-hex=all",
                "-e",
                "trace=getcwd@x32",
                "--follow-forks",
            ],
            "must have PROG [ARGS] or -p PID",
            true,
        ),
    ];
    for (args, msg, help) in cases {
        let (code, err) = trace_err(args);
        let want = format!("trace: {msg}\n{}", if *help { TRY } else { "" });
        assert_eq!(
            (code, err.as_str()),
            (Some(1), want.as_str()),
            "trace {args:?}"
        );
    }
}

#[test]
fn exclusions_and_needs_come_in_stracess_order() {
    let pid = std::process::id().to_string();
    let cases: &[(&[&str], &str)] = &[
        (
            &["-c", "-C", "true"],
            "trace: -c/--summary-only and -C/--summary are mutually exclusive\nTRY",
        ),
        (
            &["-F", "-c", "-C", "true"],
            "trace: -c/--summary-only and -C/--summary are mutually exclusive\nTRY",
        ),
        (
            &["-o", "|cat", "-ff"],
            "trace: must have PROG [ARGS] or -p PID\nTRY",
        ),
        (
            &["--output=!cat", "-ff", "true"],
            "trace: piping the output and -ff/--output-separately are mutually exclusive\nTRY",
        ),
        (
            &["-C", "-ff", "true"],
            "trace: (-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive\nTRY",
        ),
        (
            &["-F", "-w", "/"],
            "trace: option -F is deprecated, please use -f/--follow-forks instead\n\
          trace: -w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)\nTRY",
        ),
        (
            &["-fF", "-U", "name", "/"],
            "trace: deprecated option -F ignored\n\
          trace: -U/--summary-columns must be given with (-c/--summary-only or -C/--summary)\nTRY",
        ),
        (
            &["--seccomp-bpf", "-f", "-p", "1", "-w"],
            "trace: --seccomp-bpf is not enabled for processes attached with -p\n\
          trace: -w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)\nTRY",
        ),
        (
            &["-f", "--follow-forks", "-p", &pid],
            "trace: -f and --follow-forks cannot be provided simultaneously\n",
        ),
        (
            &["-x", "--strings-in-hex", "-p", &pid],
            "trace: -x and --strings-in-hex cannot be provided simultaneously\n",
        ),
        (
            &["-e", "decode-fd=sock", "-y", "-p", &pid],
            "trace: invalid decode-fds 'sock'\n",
        ),
        (
            &["-e", "decode-fd=all", "-yy", "-p", &pid],
            "trace: -y and --decode-fds cannot be provided simultaneously\n",
        ),
        (
            &["-q", "--quiet=fds", "-p", &pid],
            "trace: invalid quiet 'fds'\n",
        ),
        (
            &["-q", "--quiet", "-P", "///", "."],
            "trace: Requested path \"///\" resolved into \"/\"\n\
          trace: -q and -e quiet/--quiet cannot be provided simultaneously\n",
        ),
        (&["-S", "non"], "trace: invalid sortby: 'non'\nTRY"),
    ];
    for (args, want) in cases {
        let want = want.replace("TRY", TRY);
        let (code, err) = trace_err(args);
        assert_eq!(
            (code, err.as_str()),
            (Some(1), want.as_str()),
            "trace {args:?}"
        );
    }
}

#[test]
fn a_long_command_name_and_a_long_ff_name_are_refused() {
    let long = " ".repeat(4096);
    let (code, err) = trace_err(&[&long]);
    assert_eq!(
        (code, err.as_str()),
        (Some(1), "trace: exec: File name too long\n")
    );
    let name = " ".repeat(4084);
    let (code, err) = trace_err(&["-ff", "-o", &name, "true"]);
    assert_eq!(
        (code, err),
        (Some(1), format!("trace: {name}: File name too long\n"))
    );
}

#[test]
fn pipe_output_goes_to_the_command() {
    let dir = tmpdir("opipe");
    let out = dir.join("out");
    let cmd = format!("|grep -c ^exit_group > {}", out.display());
    let (code, err) = trace_err(&["-e", "trace=exit_group", "-o", &cmd, "true"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    // trace waits for the reader: the file is complete when trace is done.
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "1\n");
    let cmd = format!("!cat > {}", out.display());
    let (code, _) = trace_err(&["-e", "trace=exit_group", "-o", &cmd, "sh", "-c", "exit 3"]);
    assert_eq!(code, Some(3));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "exit_group(3)                           = ?\n+++ exited with 3 +++\n"
    );
}

#[test]
fn a_failed_first_exec_is_reported_by_the_child() {
    let r = run_trace(&[], &["/"]);
    assert_eq!(r.status.code(), Some(1));
    let lines = r.lines();
    assert!(
        lines[0].starts_with("execve(\"/\", [\"/\"], ")
            && lines[0].ends_with(" = -1 EACCES (Permission denied)"),
        "{lines:?}"
    );
    assert_eq!(lines[1..], ["+++ exited with 1 +++"]);
    assert_eq!(r.stderr, "trace: exec: Permission denied\n");
}

#[test]
fn detach_on_execve_lets_the_program_go_at_its_next_exec() {
    // The command's own exec is traced; sh's exec of true detaches it, as in strace.
    let r = run_trace(
        &["-b", "execve", "-e", "trace=execve"],
        &["sh", "-c", "exec /usr/bin/true"],
    );
    assert_eq!(r.status.code(), Some(0), "{}", r.stderr);
    let lines = r.lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains(r#"["sh", "-c", "exec /usr/bin/true"]"#),
        "{lines:?}"
    );
    let re = regex::Regex::new(
        r#"^execve\("/usr/bin/true", \["/usr/bin/true"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/ <detached \.\.\.>$"#,
    )
    .unwrap();
    assert!(re.is_match(lines[1]), "{lines:?}");
    let re = regex::Regex::new(r"^trace: Process [0-9]+ detached\n$").unwrap();
    assert!(re.is_match(&r.stderr), "{}", r.stderr);
}

#[test]
fn overhead_is_taken_off_each_call() {
    let r = run_trace(
        &["-c", "-w", "-O4.5e2ms", "-e", "trace=clock_nanosleep"],
        &["sleep", "1"],
    );
    let row = r
        .lines()
        .into_iter()
        .find(|l| l.ends_with(" clock_nanosleep"))
        .unwrap_or_default()
        .to_string();
    let secs: f64 = row
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(-1.0);
    assert!((0.5..0.8).contains(&secs), "{row}\n{}", r.log);
}

#[test]
fn a_log_that_cannot_be_written_is_reported_at_the_end() {
    let (code, err) = trace_err(&["-o", "/dev/full", "-e", "trace=none", "true"]);
    assert_eq!(
        (code, err.as_str()),
        (Some(0), "trace: /dev/full: No space left on device\n")
    );
}

/// Runs `sh -c SCRIPT` (trace is `$T`) and returns its stdout.
fn sh(script: &str) -> String {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("T", trace_bin())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("sh");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_command_sees_the_descriptors_and_ignored_signals_trace_was_given() {
    // Closed stdin: closed for the command too (not the runtime's /dev/null).
    let script = r#"$T -e trace=none -o /dev/null sh -c 'if [ -e /proc/self/fd/0 ]; then echo open; else echo closed; fi' <&-"#;
    assert_eq!(sh(script), "closed\n");
    // An ignored SIGPIPE and SIGHUP stay ignored in the command (bits 0 and 12 of SigIgn).
    let script =
        r#"trap '' PIPE HUP; $T -e trace=none -o /dev/null sh -c 'grep SigIgn /proc/self/status'"#;
    let ign = sh(script);
    let mask = u64::from_str_radix(ign.trim().trim_start_matches("SigIgn:").trim(), 16).unwrap();
    assert_eq!(mask & 0x1001, 0x1001, "{ign}");
    // Not ignored: the command starts with the default.
    let ign = sh(r#"$T -e trace=none -o /dev/null sh -c 'grep SigIgn /proc/self/status'"#);
    let mask = u64::from_str_radix(ign.trim().trim_start_matches("SigIgn:").trim(), 16).unwrap();
    assert_eq!(mask & 0x1001, 0, "{ign}");
}

#[test]
fn once_the_command_runs_trace_lets_go_of_its_stdout() {
    // The reader sees end of file when the command closes its stdout, while trace
    // still runs (strace's redirect.test).
    let script = r#"s=$(date +%s); $T -qq -e trace=none -e signal=none sh -c 'exec >&-; sleep 3' | { cat >/dev/null; echo $(( $(date +%s) - s )); }"#;
    let out = sh(script);
    assert!(out == "0\n" || out == "1\n", "{out}");
}

#[test]
fn an_explicit_i2_makes_a_log_file_trace_interruptible() {
    let dir = tmpdir("istatus");
    let log = dir.join("log");
    let child = trace_command()
        .args([
            "-o",
            log.to_str().unwrap(),
            "-I2",
            "-e",
            "status=detached",
            "sleep",
            "3",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let _ = std::process::Command::new("kill")
        .arg(child.id().to_string())
        .status();
    let out = output_within(child, std::time::Duration::from_secs(20), "trace -I2");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(15));
    // The command is let go (its call ends detached), silently, as strace does.
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=3, tv_nsec=0},  <detached ...>\n"
    );
}

#[test]
fn dash_u_runs_the_command_as_that_user() {
    let (code, err) = trace_err(&["-u", ":nosuchuser:", "true"]);
    let uid = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("Uid:")
                .map(|v| v.split_whitespace().nth(1).unwrap_or("").to_string())
        })
        .unwrap_or_default();
    if uid != "0" {
        assert_eq!(
            (code, err.as_str()),
            (
                Some(1),
                "trace: You must be root to use the -u/--username option\n"
            )
        );
        eprintln!("skipped: -u needs root to switch users");
        return;
    }
    assert_eq!(
        (code, err.as_str()),
        (Some(1), "trace: Cannot find user ':nosuchuser:'\n")
    );
    let Ok(out) = trace_command()
        .args(["-u", "nobody", "-e", "trace=none", "-o", "/dev/null", "id"])
        .output()
    else {
        panic!("running trace");
    };
    if !String::from_utf8_lossy(&out.stdout).starts_with("uid=") {
        eprintln!("skipped: no user 'nobody' here");
        return;
    }
    // id names the user, its group and its supplementary groups from the switch.
    let line = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(line.starts_with("uid=65534(nobody) gid=65534("), "{line}");
}

#[test]
fn options_that_do_nothing_are_warned_about_as_strace_does() {
    // The log goes to stderr too: -qq and trace=none keep it to the warnings.
    let cases: &[(&[&str], &str)] = &[
        (
            &["-c", "-y", "-e", "trace=none", "true"],
            "trace: -y/--decode-fds has no effect with -c/--summary-only\n",
        ),
        (
            &[
                "-qq",
                "--output-separately",
                "-A",
                "-e",
                "trace=none",
                "true",
            ],
            "trace: --output-separately has no effect without -o/--output\n\
             trace: -A/--output-append-mode has no effect without -o/--output\n",
        ),
        (
            &[
                "-qq",
                "--summary-sort-by",
                "errors",
                "-e",
                "trace=none",
                "true",
            ],
            "trace: -S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)\n",
        ),
    ];
    for (args, want) in cases {
        let (code, err) = trace_err(args);
        // -c prints its (empty) table on stderr after the warning.
        let err = err.split("% time").next().unwrap_or_default();
        assert_eq!((code, err), (Some(0), *want), "trace {args:?}");
    }
}
