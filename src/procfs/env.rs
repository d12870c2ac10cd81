//! Environment and command line: pure parsers of `/proc/PID/environ` and `cmdline`
//! (NUL-separated), the secrets in them, and the command line as shown with those
//! secrets redacted.

use super::secrets::{Finding, Rules};

/// `NAME=VALUE` entries; an entry without `=` is a name with an empty value.
pub fn parse_environ(bytes: &[u8]) -> Vec<(String, String)> {
    bytes
        .split(|&b| b == 0)
        .filter(|e| !e.is_empty())
        .map(|e| {
            let s = String::from_utf8_lossy(e);
            match s.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => (s.into_owned(), String::new()),
            }
        })
        .collect()
}

/// The arguments; the kernel ends each with a NUL, so a trailing empty piece is none.
pub fn parse_cmdline(bytes: &[u8]) -> Vec<String> {
    let mut args: Vec<String> = bytes
        .split(|&b| b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    if bytes.last() == Some(&0) || bytes.is_empty() {
        args.pop();
    }
    args
}

/// The environment's secrets, in environment order.
pub fn env_secrets(rules: &Rules, env: &[(String, String)], show: bool) -> Vec<Finding> {
    env.iter()
        .filter_map(|(n, v)| {
            let rule = rules.classify(n, v)?;
            Some(Finding::new("env", n.clone(), rule, v, show))
        })
        .collect()
}

/// An option's name without dashes: `--db-password=x` -> `db-password`.
fn option_name(arg: &str) -> Option<&str> {
    let name = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-'))?;
    (!name.is_empty()).then_some(name)
}

/// The command line's secrets, and the command line with each secret replaced by
/// `<redacted>` (unless `show`). Forms: `--name=VALUE`, `--name VALUE`, `NAME=VALUE`
/// (as `env` takes them) where the name says secret, and any argument in a known
/// token format or of high entropy.
pub fn cmdline_secrets(rules: &Rules, args: &[String], show: bool) -> (Vec<Finding>, String) {
    let mut findings = Vec::new();
    let mut shown: Vec<String> = Vec::with_capacity(args.len());
    let mut next_is_secret: Option<(String, usize)> = None;
    for (i, arg) in args.iter().enumerate() {
        let mut push = |name: String, rule: &str, value: &str, prefix: &str| {
            findings.push(Finding::new("cmdline", name, rule, value, show));
            shown.push(if show {
                arg.clone()
            } else {
                format!("{prefix}<redacted>")
            });
        };
        if let Some((opt, _)) = next_is_secret.take()
            && i > 0
        {
            // `--password VALUE`: the name was the previous argument.
            if let Some(rule) = rules.classify(&opt, arg).filter(|_| !arg.starts_with('-')) {
                push(format!("argv[{i}] {}", args[i - 1]), rule, arg, "");
                continue;
            }
        }
        if i > 0
            && let Some((key, value)) = arg.split_once('=')
            && !key.is_empty()
        {
            let name = option_name(key).unwrap_or(key);
            if let Some(rule) = rules.classify(name, value) {
                push(format!("argv[{i}] {key}"), rule, value, &format!("{key}="));
                continue;
            }
        }
        if i > 0
            && let Some(rule) = rules.by_value("", arg)
        {
            push(format!("argv[{i}]"), rule, arg, "");
            continue;
        }
        if let Some(name) = option_name(arg)
            && !name.contains('=')
            && rules.is_secret_name(name)
        {
            next_is_secret = Some((name.to_string(), i));
        }
        shown.push(arg.clone());
    }
    let line = shown
        .iter()
        .map(|a| {
            if a.is_empty() || a.contains(char::is_whitespace) {
                format!("'{a}'")
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    (findings, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environ_entries() {
        let env = parse_environ(b"A=1\0B=x=y\0EMPTY=\0NOEQ\0\0");
        assert_eq!(
            env,
            [
                ("A".into(), "1".into()),
                ("B".into(), "x=y".into()),
                ("EMPTY".into(), "".into()),
                ("NOEQ".into(), "".into()),
            ]
        );
        assert!(parse_environ(b"").is_empty());
    }

    #[test]
    fn cmdline_args() {
        assert_eq!(parse_cmdline(b"sleep\0x100\0"), ["sleep", "x100"]);
        assert_eq!(parse_cmdline(b"a\0\0b\0"), ["a", "", "b"]);
        // setproctitle may leave no trailing NUL.
        assert_eq!(parse_cmdline(b"nginx: worker"), ["nginx: worker"]);
        assert!(parse_cmdline(b"").is_empty());
    }

    #[test]
    fn env_findings_are_redacted() {
        let env = parse_environ(b"HOME=/root\0DB_PASSWORD=abc\0");
        let f = env_secrets(Rules::builtin(), &env, false);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].name, "DB_PASSWORD");
        assert_eq!(f[0].rule, "password-name");
        assert_eq!(
            f[0].shown(),
            "<redacted len=3 entropy=1.58 sha256:ba7816bf>"
        );
    }

    #[test]
    fn cmdline_forms() {
        let ghp = format!("ghp_{}", "a1B2".repeat(9));
        let args: Vec<String> = [
            "/bin/app",
            "--password",
            "abc",
            &format!("--token={ghp}"),
            "DB_PASSWORD=xyz",
            "--verbose",
            "AKIAIOSFODNN7EXAMPLE",
            "--password-file",
            "/run/pw",
            "has space",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (f, line) = cmdline_secrets(Rules::builtin(), &args, false);
        assert_eq!(
            line,
            "/bin/app --password <redacted> --token=<redacted> DB_PASSWORD=<redacted> --verbose <redacted> --password-file /run/pw 'has space'"
        );
        let names: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.name.as_str(), f.rule.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("argv[2] --password", "password-name"),
                ("argv[3] --token", "github-token"),
                ("argv[4] DB_PASSWORD", "password-name"),
                ("argv[6]", "aws-access-key-id"),
            ]
        );
        let (f, line) = cmdline_secrets(Rules::builtin(), &args, true);
        assert_eq!(f.len(), 4);
        assert!(line.contains("--password abc --token=ghp_"));
    }
}
