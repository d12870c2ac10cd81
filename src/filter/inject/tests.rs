use super::*;

const GETPID: u64 = 39; // x86_64
const GETPID_32: u64 = 20; // i386

fn table(specs: &[&str]) -> InjectTable {
    let mut t = InjectTable::default();
    for s in specs {
        let (fault, spec) = match s.strip_prefix("fault=") {
            Some(f) => (true, f),
            None => (false, s.strip_prefix("inject=").unwrap()),
        };
        t.add(spec, fault).unwrap();
    }
    t
}

/// Which of the first `n` calls of getpid fire, as 1-based call numbers.
fn fired(t: &InjectTable, n: usize) -> Vec<usize> {
    let mut c = InjectCounters::default();
    (1..=n)
        .filter(|_| t.on_entry(&mut c, Arch::X86_64, GETPID).is_some())
        .collect()
}

fn err(spec: &str, fault: bool) -> String {
    InjectTable::default().add(spec, fault).unwrap_err()
}

#[test]
fn when_forms_fire_as_strace_counts() {
    let f = |w: &str| fired(&table(&[&format!("inject=getpid:error=1:when={w}")]), 12);
    assert_eq!(fired(&table(&["inject=getpid:error=1"]), 4), [1, 2, 3, 4]);
    assert_eq!(f("3"), [3]);
    assert_eq!(f("3+"), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert_eq!(f("2+3"), [2, 5, 8, 11]);
    assert_eq!(f("2..3"), [2, 3]);
    assert_eq!(f("2..9+3"), [2, 5, 8]);
    assert_eq!(f("2..9+"), [2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(f("1..1"), [1]);
}

#[test]
fn when_rejects_what_strace_rejects() {
    for w in [
        "0", "3..2", "2..65535", "65536", "1+0", "x", "1.2", "", "1..", "..2", "-1", "1+x",
    ] {
        assert_eq!(When::parse(w), None, "{w}");
    }
    assert_eq!(
        When::parse("65535"),
        Some(When {
            first: 65535,
            last: LAST_INF,
            step: 0
        })
    );
}

#[test]
fn counters_are_per_thread_and_per_syscall() {
    let t = table(&["inject=getpid,getppid:error=1:when=2"]);
    let mut a = InjectCounters::default();
    let mut b = InjectCounters::default();
    assert!(t.on_entry(&mut a, Arch::X86_64, GETPID).is_none());
    assert!(t.on_entry(&mut b, Arch::X86_64, GETPID).is_none());
    assert!(t.on_entry(&mut a, Arch::X86_64, 110).is_none()); // getppid, own count
    assert!(t.on_entry(&mut a, Arch::X86_64, GETPID).is_some());
    assert!(t.on_entry(&mut b, Arch::X86_64, GETPID).is_some());
    assert!(t.on_entry(&mut a, Arch::X86_64, GETPID).is_none());
    // The i386 getpid is another syscall with its own count.
    assert!(t.on_entry(&mut a, Arch::I386, GETPID_32).is_none());
    assert!(t.on_entry(&mut a, Arch::I386, GETPID_32).is_some());
}

#[test]
fn later_spec_wins_for_shared_syscalls() {
    let t = table(&[
        "inject=getpid,getppid:error=ENOENT",
        "inject=getpid:retval=42",
    ]);
    let mut c = InjectCounters::default();
    let a = t.on_entry(&mut c, Arch::X86_64, GETPID).unwrap();
    assert_eq!(a.ret, Some(InjectRet::Value(42)));
    let a = t.on_entry(&mut c, Arch::X86_64, 110).unwrap();
    assert_eq!(a.ret, Some(InjectRet::Error(libc::ENOENT as u16)));
    assert!(t.on_entry(&mut c, Arch::X86_64, 1).is_none()); // write: no rule
}

#[test]
fn fault_defaults_to_enosys_and_actions_parse() {
    let t = table(&["fault=getpid"]);
    let mut c = InjectCounters::default();
    let a = t.on_entry(&mut c, Arch::X86_64, GETPID).unwrap();
    assert_eq!(a.ret, Some(InjectRet::Error(38)));
    assert_eq!(a.entry_number(Arch::X86_64), Some(u64::MAX));
    assert_eq!(a.exit_value(Arch::X86_64), Some(-38));

    let t = table(&[
        "inject=getpid:retval=0x10:signal=usr1:delay_enter=2ms:delay_exit=1.5s:syscall=getppid",
    ]);
    let a = t.on_entry(&mut c, Arch::X86_64, GETPID).unwrap();
    assert_eq!(a.ret, Some(InjectRet::Value(16)));
    assert_eq!(a.signal, Some(libc::SIGUSR1));
    assert_eq!(a.delay_enter, Some(Duration::from_millis(2)));
    assert_eq!(a.delay_exit, Some(Duration::from_millis(1500)));
    assert_eq!(a.entry_number(Arch::X86_64), Some(110));
    assert_eq!(a.entry_number(Arch::I386), Some(64));

    let t = table(&["inject=getpid:poke_enter=@arg1=0aff,@arg3=00:delay_exit=7"]);
    let a = t.on_entry(&mut c, Arch::X86_64, GETPID).unwrap();
    assert_eq!(
        a.poke_enter,
        [
            Poke {
                arg: 1,
                data: vec![0x0a, 0xff]
            },
            Poke {
                arg: 3,
                data: vec![0]
            }
        ]
    );
    assert_eq!(a.ret, None);
    assert_eq!(a.entry_number(Arch::X86_64), None);
    assert_eq!(a.delay_exit, Some(Duration::from_micros(7)));
}

#[test]
fn retval_is_clipped_for_32_bit_tracees_and_warned_in_errno_range() {
    let mut t = InjectTable::default();
    let w = t.add("getpid:retval=-1", false).unwrap();
    assert_eq!(
        w,
        ["Inadvertent injection of error 1 is possible for retval=18446744073709551615"]
    );
    let mut c = InjectCounters::default();
    let a = t.on_entry(&mut c, Arch::X86_64, GETPID).unwrap();
    assert_eq!(a.exit_value(Arch::X86_64), Some(-1));
    let a = InjectAction {
        ret: Some(InjectRet::Value(0x1_0000_0005)),
        ..Default::default()
    };
    assert_eq!(a.exit_value(Arch::I386), Some(5));
}

#[test]
fn bad_specs_give_strace_errors() {
    assert_eq!(err("xyz", false), "invalid system call 'xyz'");
    assert_eq!(err("foo:error=1", false), "invalid system call 'foo'");
    assert_eq!(err(":error=1", false), "invalid system call ''");
    assert_eq!(err("", true), "invalid system call ''");
    for spec in [
        "getpid",
        "getpid:error=FOO",
        "getpid:when=0:error=1",
        "getpid:error=1:error=2",
        "getpid:error=1:retval=2",
        "getpid:retval=1:syscall=open",
        "getpid:error=4096",
        "getpid:error=0",
        "getpid:signal=0",
        "getpid:signal=SIGFOO",
        "getpid:retval=",
        "getpid:retval=1x",
        "getpid:delay_enter=1h",
        "getpid:poke_enter=@arg8=00",
        "getpid:poke_enter=@arg1=0",
        "getpid:poke_enter=@arg1=zz",
        "getpid:poke_enter=@arg1=00,@arg1=00",
        "getpid:poke_enter=@arg1=00:poke_enter=@arg2=00",
        "getpid:bogus=1",
        "getpid:error",
    ] {
        assert_eq!(
            err(spec, false),
            format!("invalid inject argument '{spec}'"),
            "{spec}"
        );
    }
    assert_eq!(
        err("getpid:retval=1", true),
        "invalid fault argument 'getpid:retval=1'"
    );
    assert_eq!(
        err("getpid:signal=USR1", true),
        "invalid fault argument 'getpid:signal=USR1'"
    );
}

#[test]
fn restrict_keeps_only_traced_calls() {
    let mut t = table(&["inject=getpid,getppid:error=1"]);
    t.restrict(&SyscallFilter::parse("getppid").unwrap());
    let mut c = InjectCounters::default();
    assert!(t.on_entry(&mut c, Arch::X86_64, GETPID).is_none());
    assert!(t.on_entry(&mut c, Arch::X86_64, 110).is_some());
}

#[test]
fn compat_warnings_as_strace() {
    assert_eq!(
        retval_warning(0x1_0000_0007, true).unwrap(),
        "Injected return value 4294967303 will be clipped to 7 in compat personality"
    );
    assert_eq!(
        retval_warning(0xffff_fffe, true).unwrap(),
        "Inadvertent injection of error 2 is possible in compat personality for retval=4294967294"
    );
    assert_eq!(retval_warning(0xffff_fffe, false), None);
    assert_eq!(retval_warning(42, true), None);
}
