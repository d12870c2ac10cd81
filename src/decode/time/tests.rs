//! Unit tests of the time decoders, through whole rendered lines.

use super::*;
use crate::arch::Arch;
use crate::decode::signal::tests::expect;
use crate::record::RecordedMemory;
use crate::render::text::render_named;

const X: Arch = Arch::X86_64;
const I: Arch = Arch::I386;

fn words64(v: &[i64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn words32(v: &[i32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

#[test]
fn clock_calls() {
    let mem = RecordedMemory::new().with(0x1000, words64(&[0, 100_000_000]));
    assert_eq!(
        render_named(X, "clock_nanosleep", [0, 0, 0x1000, 0, 0, 0], Some(0), &mem),
        expect("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=100000000}, NULL) = 0")
    );
    assert_eq!(
        render_named(X, "clock_gettime", [1, 0x1000, 0, 0, 0, 0], Some(0), &mem),
        expect("clock_gettime(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=100000000}) = 0")
    );
    assert_eq!(
        render_named(
            X,
            "clock_gettime",
            [99, 0x1000, 0, 0, 0, 0],
            Some(-22),
            &mem
        ),
        expect("clock_gettime(0x63 /* CLOCK_??? */, 0x1000) = -1 EINVAL (Invalid argument)")
    );
    assert_eq!(
        render_named(
            X,
            "clock_getres",
            [(-6i64) as u64, 0x1000, 0, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect("clock_getres(0xfffffffa /* CLOCK_??? */, {tv_sec=0, tv_nsec=100000000}) = 0")
    );
    assert_eq!(
        render_named(X, "clock_settime", [0, 0x1000, 0, 0, 0, 0], Some(-1), &mem),
        expect(
            "clock_settime(CLOCK_REALTIME, {tv_sec=0, tv_nsec=100000000}) = -1 EPERM (Operation not permitted)"
        )
    );
}

#[test]
fn interrupted_sleeps() {
    let mem = RecordedMemory::new()
        .with(0x1000, words64(&[10, 0]))
        .with(0x2000, words64(&[9, 999_000_000]));
    assert_eq!(
        render_named(
            X,
            "clock_nanosleep",
            [0, 0, 0x1000, 0x2000, 0, 0],
            Some(-516),
            &mem
        ),
        expect(
            "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=10, tv_nsec=0}, {tv_sec=9, tv_nsec=999000000}) \
         = ? ERESTART_RESTARTBLOCK (Interrupted by signal)"
        )
    );
    assert_eq!(
        render_named(
            X,
            "clock_nanosleep",
            [1, 1, 0x1000, 0x2000, 0, 0],
            Some(-516),
            &mem
        ),
        expect(
            "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=10, tv_nsec=0}, 0x2000) \
         = ? ERESTART_RESTARTBLOCK (Interrupted by signal)"
        )
    );
    assert_eq!(
        render_named(X, "nanosleep", [0x1000, 0x2000, 0, 0, 0, 0], Some(0), &mem),
        expect("nanosleep({tv_sec=10, tv_nsec=0}, 0x2000) = 0")
    );
    assert_eq!(
        render_named(X, "nanosleep", [0x1000, 0x2000, 0, 0, 0, 0], Some(-4), &mem),
        expect("nanosleep({tv_sec=10, tv_nsec=0}, 0x2000) = -1 EINTR (Interrupted system call)")
    );
}

#[test]
fn i386_layouts() {
    let mem = RecordedMemory::new()
        .with(0x1000, words32(&[5, 250]))
        .with(0x2000, words64(&[7, 8]))
        .with(0x3000, words32(&[0, 0, 1, 500_000]));
    assert_eq!(
        render_named(I, "clock_gettime", [0, 0x1000, 0, 0, 0, 0], Some(0), &mem),
        expect("clock_gettime(CLOCK_REALTIME, {tv_sec=5, tv_nsec=250}) = 0")
    );
    assert_eq!(
        render_named(I, "clock_gettime64", [0, 0x2000, 0, 0, 0, 0], Some(0), &mem),
        expect("clock_gettime64(CLOCK_REALTIME, {tv_sec=7, tv_nsec=8}) = 0")
    );
    assert_eq!(
        render_named(I, "setitimer", [0, 0x3000, 0, 0, 0, 0], Some(0), &mem),
        expect(
            "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=500000}}, NULL) = 0"
        )
    );
    assert_eq!(
        render_named(I, "gettimeofday", [0x1000, 0, 0, 0, 0, 0], Some(0), &mem),
        expect("gettimeofday({tv_sec=5, tv_usec=250}, NULL) = 0")
    );
}

#[test]
fn timers() {
    let mut sev = words64(&[0]);
    sev.extend(words32(&[14, 0]));
    sev.extend(words64(&[0; 6]));
    let mem = RecordedMemory::new()
        .with(0x1000, sev)
        .with(0x2000, 0u32.to_le_bytes().to_vec())
        .with(0x3000, words64(&[0, 0, 1, 500]));
    assert_eq!(
        render_named(
            X,
            "timer_create",
            [0, 0x1000, 0x2000, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect(
            "timer_create(CLOCK_REALTIME, {sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, [0]) = 0"
        )
    );
    assert_eq!(
        render_named(X, "timer_settime", [0, 0, 0x3000, 0, 0, 0], Some(0), &mem),
        expect(
            "timer_settime(0, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=500}}, NULL) = 0"
        )
    );
    assert_eq!(
        render_named(X, "timer_gettime", [0, 0x3000, 0, 0, 0, 0], Some(0), &mem),
        expect(
            "timer_gettime(0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=500}}) = 0"
        )
    );
    assert_eq!(
        render_named(X, "timer_delete", [0, 0, 0, 0, 0, 0], Some(0), &mem),
        expect("timer_delete(0) = 0")
    );
    assert_eq!(
        render_named(
            X,
            "timerfd_create",
            [1, 0o2004000, 0, 0, 0, 0],
            Some(3),
            &mem
        ),
        expect("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3")
    );
    assert_eq!(
        render_named(X, "timerfd_settime", [3, 1, 0x3000, 0, 0, 0], Some(0), &mem),
        expect(
            "timerfd_settime(3, TFD_TIMER_ABSTIME, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=500}}, NULL) = 0"
        )
    );
    let mut thr = words64(&[0x1234]);
    thr.extend(words32(&[0, 2]));
    thr.extend(words64(&[0x4000, 0, 0, 0, 0, 0]));
    let mem = RecordedMemory::new().with(0x1000, thr);
    assert_eq!(
        render_named(
            X,
            "timer_create",
            [1, 0x1000, 0x2000, 0, 0, 0],
            Some(-22),
            &mem
        ),
        expect(
            "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=4660, sival_ptr=0x1234}, sigev_signo=0, \
         sigev_notify=SIGEV_THREAD, sigev_notify_function=0x4000, sigev_notify_attributes=NULL}, 0x2000) \
         = -1 EINVAL (Invalid argument)"
        )
    );
}

#[test]
fn timeofday_and_itimers() {
    let mem = RecordedMemory::new()
        .with(0x1000, words64(&[1_700_000_000, 12]))
        .with(0x2000, words32(&[-60, 0]));
    assert_eq!(
        render_named(
            X,
            "gettimeofday",
            [0x1000, 0x2000, 0, 0, 0, 0],
            Some(0),
            &mem
        ),
        expect(
            "gettimeofday({tv_sec=1700000000, tv_usec=12}, {tz_minuteswest=-60, tz_dsttime=0}) = 0"
        )
    );
    assert_eq!(
        render_named(X, "getitimer", [1, 0x1000, 0, 0, 0, 0], Some(-14), &mem),
        expect("getitimer(ITIMER_VIRTUAL, 0x1000) = -1 EFAULT (Bad address)")
    );
    assert_eq!(
        render_named(X, "settimeofday", [0x1000, 0, 0, 0, 0, 0], Some(-1), &mem),
        expect(
            "settimeofday({tv_sec=1700000000, tv_usec=12}, NULL) = -1 EPERM (Operation not permitted)"
        )
    );
}

#[test]
fn time_and_adjtimex() {
    let mem = RecordedMemory::new().with(0x1000, words64(&[0]));
    assert_eq!(
        render_named(X, "time", [0; 6], Some(0), &mem),
        expect("time(NULL) = 0")
    );
    assert_eq!(
        render_named(X, "time", [0x1000, 0, 0, 0, 0, 0], Some(0), &mem),
        expect("time([0]) = 0")
    );
    let mut tx = vec![0u8; 208];
    tx[40] = 0x40; // status = STA_UNSYNC
    tx[88] = 0x10; // tick = 10000 (0x2710)
    tx[89] = 0x27;
    let mem = RecordedMemory::new().with(0x1000, tx);
    assert_eq!(
        render_named(X, "adjtimex", [0x1000, 0, 0, 0, 0, 0], Some(5), &mem),
        expect(
            "adjtimex({modes=0, offset=0, freq=0, maxerror=0, esterror=0, status=STA_UNSYNC, constant=0, \
         precision=0, tolerance=0, time={tv_sec=0, tv_usec=0}, tick=10000, ppsfreq=0, jitter=0, shift=0, \
         stabil=0, jitcnt=0, calcnt=0, errcnt=0, stbcnt=0, tai=0}) = 5 (TIME_ERROR)"
        )
    );
    assert_eq!(
        render_named(X, "clock_adjtime", [0, 0x1000, 0, 0, 0, 0], Some(-1), &mem),
        expect("clock_adjtime(CLOCK_REALTIME, 0x1000) = -1 EPERM (Operation not permitted)")
    );
}

#[test]
fn dates_follow_localtime() {
    // Only the shape is fixed: the machine's time zone decides the digits.
    let s = sprinttime(1_700_000_000, 5, 9).unwrap_or_default();
    assert_eq!(s.len(), "2023-11-14T22:13:20.000000005+0000".len(), "{s}");
    assert!(sprinttime(0, 0, 0).is_none());
    assert!(sprinttime(1, 1_000_000, 6).is_none());
}

#[test]
fn never_panics_on_garbage() {
    let mem = RecordedMemory::new().with(0x1000, vec![0xff; 400]);
    for name in [
        "clock_nanosleep",
        "timer_create",
        "adjtimex",
        "setitimer",
        "timerfd_settime",
        "time",
        "gettimeofday",
    ] {
        for args in [[0x1000u64; 6], [u64::MAX; 6], [0; 6]] {
            let _ = render_named(X, name, args, Some(-516), &mem);
            let _ = render_named(I, name, args, Some(0), &mem);
        }
    }
    let _ = sprinttime(i64::MAX, 0, 0);
    let _ = sprinttime(i64::MIN, 0, 0);
}
