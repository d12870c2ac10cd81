//! Which values are secrets, and how to show one without showing it: the rules of
//! `secret-rules.tsv` (compiled in), Shannon entropy, and the redacted form (rule,
//! length, entropy, a short SHA-256 fingerprint).

use super::sha256::sha256_hex;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

const RULES_TSV: &str = include_str!("secret-rules.tsv");

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Value,
    Name,
    ExcludeName,
    ExcludeValue,
    Entropy(f64),
    ExcludeEntropyName,
}

#[derive(Debug)]
struct Rule {
    name: String,
    kind: Kind,
    re: Regex,
}

/// The rule set, parsed from its TSV text.
#[derive(Debug)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Rules {
    /// Parses the rules file; an error names the line.
    pub fn parse(text: &str) -> Result<Rules, String> {
        let mut rules = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let err = |m: String| format!("secret-rules.tsv:{}: {m}", i + 1);
            if f.len() < 3 {
                return Err(err("want: name, kind, pattern[, source]".into()));
            }
            let kind = match f[1] {
                "value" => Kind::Value,
                "name" => Kind::Name,
                "exclude-name" => Kind::ExcludeName,
                "exclude-value" => Kind::ExcludeValue,
                "exclude-entropy-name" => Kind::ExcludeEntropyName,
                k => match k.strip_prefix("entropy>=").and_then(|n| n.parse().ok()) {
                    Some(n) => Kind::Entropy(n),
                    None => return Err(err(format!("unknown kind {k:?}"))),
                },
            };
            let re = Regex::new(f[2]).map_err(|e| err(e.to_string()))?;
            rules.push(Rule {
                name: f[0].to_string(),
                kind,
                re,
            });
        }
        Ok(Rules { rules })
    }

    /// The rules shipped with trace.
    pub fn builtin() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::parse(RULES_TSV).expect("secret-rules.tsv is valid"))
    }

    fn of(&self, kind: fn(&Kind) -> bool) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| kind(&r.kind))
    }

    /// The rule a value matches by its content alone (a token format, high entropy);
    /// `name` only vetoes the entropy rules for random-by-design ids.
    pub fn by_value(&self, name: &str, value: &str) -> Option<&str> {
        if let Some(r) = self
            .of(|k| *k == Kind::Value)
            .find(|r| r.re.is_match(value))
        {
            return Some(&r.name);
        }
        if self
            .of(|k| *k == Kind::ExcludeEntropyName)
            .any(|r| r.re.is_match(name))
        {
            return None;
        }
        self.rules.iter().find_map(|r| match r.kind {
            Kind::Entropy(min) if r.re.is_match(value) && entropy(value.as_bytes()) >= min => {
                Some(r.name.as_str())
            }
            _ => None,
        })
    }

    /// The rule a name says is a secret (`DB_PASSWORD`, `--token`), if the value is
    /// not one of the excluded shapes.
    pub fn by_name(&self, name: &str, value: &str) -> Option<&str> {
        if value.is_empty()
            || self
                .of(|k| *k == Kind::ExcludeName)
                .any(|r| r.re.is_match(name))
            || self
                .of(|k| *k == Kind::ExcludeValue)
                .any(|r| r.re.is_match(value))
        {
            return None;
        }
        self.of(|k| *k == Kind::Name)
            .find(|r| r.re.is_match(name))
            .map(|r| r.name.as_str())
    }

    /// A known format first, then the name, then entropy.
    pub fn classify(&self, name: &str, value: &str) -> Option<&str> {
        let by_format = self
            .of(|k| *k == Kind::Value)
            .find(|r| r.re.is_match(value))
            .map(|r| r.name.as_str());
        by_format
            .or_else(|| self.by_name(name, value))
            .or_else(|| self.by_value(name, value))
    }

    /// Whether an option name (`password` of `--password`) names a secret.
    pub fn is_secret_name(&self, name: &str) -> bool {
        self.by_name(name, "x").is_some()
    }
}

/// Shannon entropy in bits per byte.
pub fn entropy(data: &[u8]) -> f64 {
    if data.is_empty() {
        return 0.0;
    }
    let mut counts = [0usize; 256];
    for &b in data {
        counts[b as usize] += 1;
    }
    let n = data.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// A secret as reported: where it is, which rule found it, and either the value
/// (`--show-secrets`) or only facts about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// "env" or "cmdline".
    pub source: &'static str,
    /// The variable name, or `argv[N]` (with the option name: `argv[2] --token`).
    pub name: String,
    pub rule: String,
    pub length: usize,
    /// Bits per byte, two decimals.
    pub entropy: f64,
    /// The first 8 hex digits of the value's SHA-256.
    pub sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Finding {
    pub fn new(source: &'static str, name: String, rule: &str, value: &str, show: bool) -> Self {
        Finding {
            source,
            name,
            rule: rule.to_string(),
            length: value.len(),
            entropy: (entropy(value.as_bytes()) * 100.0).round() / 100.0,
            sha256: sha256_hex(value.as_bytes())[..8].to_string(),
            value: show.then(|| value.to_string()),
        }
    }

    /// The value column: the value itself, or `<redacted len=N entropy=E sha256:H>`.
    pub fn shown(&self) -> String {
        match &self.value {
            Some(v) => v.clone(),
            None => format!(
                "<redacted len={} entropy={:.2} sha256:{}>",
                self.length, self.entropy, self.sha256
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, value: &str) -> Option<String> {
        Rules::builtin().classify(name, value).map(str::to_string)
    }

    #[test]
    fn builtin_rules_parse() {
        assert!(Rules::builtin().rules.len() > 10);
        assert!(Rules::parse("a\tvalue\t(").unwrap_err().contains(":1: "));
        assert!(
            Rules::parse("# c\n\na\tnope\tx")
                .unwrap_err()
                .contains(":3: unknown kind")
        );
    }

    #[test]
    fn names_that_say_secret() {
        assert_eq!(
            rule("DB_PASSWORD", "hunter2").as_deref(),
            Some("password-name")
        );
        assert_eq!(rule("MYSQL_PWD", "x1").as_deref(), Some("password-name"));
        assert_eq!(
            rule("AWS_SECRET_ACCESS_KEY", "abc").as_deref(),
            Some("secret-name")
        );
        assert_eq!(rule("GITHUB_TOKEN", "abc").as_deref(), Some("token-name"));
        assert_eq!(rule("authToken", "abc").as_deref(), Some("token-name"));
        assert_eq!(rule("STRIPE_API_KEY", "abc").as_deref(), Some("key-name"));
        assert_eq!(rule("apiKey", "abc").as_deref(), Some("key-name"));
        assert_eq!(
            rule("GOOGLE_CREDENTIALS", "abc").as_deref(),
            Some("credential-name")
        );
    }

    #[test]
    fn ordinary_variables_are_not_secrets() {
        for (n, v) in [
            ("PWD", "/root"),
            ("OLDPWD", "/tmp"),
            ("PATH", "/usr/bin:/bin"),
            ("HOME", "/root"),
            ("MONKEY", "banana"),
            ("TOKENIZERS_PARALLELISM", "false"),
            ("DB_PASSWORD_FILE", "/run/secrets/db"),
            ("DB_PASSWORD", ""),
            ("USE_TOKEN", "true"),
            ("SSH_AUTH_SOCK", "/tmp/ssh-x/agent.1"),
            ("KEYMAP", "us"),
            ("INVOCATION_ID", "0f6c2d4b9a8e4f0c8d7b6a5e4f3c2b1a"),
            ("LANG", "C.UTF-8"),
        ] {
            assert_eq!(rule(n, v), None, "{n}={v}");
        }
    }

    #[test]
    fn token_formats_whatever_the_name() {
        assert_eq!(
            rule("X", "AKIAIOSFODNN7EXAMPLE").as_deref(),
            Some("aws-access-key-id")
        );
        let ghp = format!("ghp_{}", "a1B2".repeat(9));
        assert_eq!(rule("X", &ghp).as_deref(), Some("github-token"));
        assert_eq!(
            rule("X", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==").as_deref(),
            Some("private-key")
        );
        assert_eq!(
            rule(
                "X",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
            )
            .as_deref(),
            Some("jwt")
        );
        assert_eq!(
            rule("DATABASE_URL", "postgres://app:s3cret@db:5432/app").as_deref(),
            Some("connection-string-password")
        );
        assert_eq!(rule("DATABASE_URL", "postgres://db:5432/app"), None);
        assert_eq!(
            rule("X", "glpat-abcdefghij0123456789").as_deref(),
            Some("gitlab-pat")
        );
        assert_eq!(
            rule("X", "xoxb-1234567890-abc").as_deref(),
            Some("slack-token")
        );
    }

    #[test]
    fn high_entropy_values() {
        assert_eq!(
            rule("X", "q8Zr3LmN0vT5kW2pYb7HcJ4dFg6sXe1A").as_deref(),
            Some("high-entropy-base64")
        );
        assert_eq!(
            rule("X", "9f86d081884c7d659a2feaa0c55ad015").as_deref(),
            Some("high-entropy-hex")
        );
        assert_eq!(rule("X", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), None);
        assert_eq!(
            rule("BUILD_COMMIT", "9f86d081884c7d659a2feaa0c55ad015"),
            None
        );
    }

    #[test]
    fn entropy_values() {
        assert_eq!(entropy(b""), 0.0);
        assert_eq!(entropy(b"aaaa"), 0.0);
        assert_eq!(entropy(b"ab"), 1.0);
        assert_eq!(entropy(b"abcd"), 2.0);
    }

    #[test]
    fn redacted_and_shown_forms() {
        let f = Finding::new("env", "DB_PASSWORD".into(), "password-name", "abc", false);
        assert_eq!(f.shown(), "<redacted len=3 entropy=1.58 sha256:ba7816bf>");
        let f = Finding::new("env", "DB_PASSWORD".into(), "password-name", "abc", true);
        assert_eq!(f.shown(), "abc");
    }
}
