//! Requests strace names by formula rather than by table (its
//! ioctl_decode_command_number): a family name with the request's size or number in
//! parentheses, `HIDIOCGRAWNAME(64)`, `MIXER_READ(1)`. evdev's and seccomp's own
//! families are in their modules.

use std::fmt::Write;

const R: u32 = 2;
const W: u32 = 1;
const RW: u32 = 3;

/// What goes in the parentheses.
#[derive(Clone, Copy)]
enum Show {
    Size,
    Nr,
}

/// (type, direction, number or None for any, family, shown value).
const FAMILIES: &[(u8, u32, Option<u32>, &str, Show)] = &[
    (b'H', R, Some(0x04), "HIDIOCGRAWNAME", Show::Size),
    (b'H', R, Some(0x05), "HIDIOCGRAWPHYS", Show::Size),
    (b'H', R, Some(0x06), "HIDIOCSFEATURE", Show::Size),
    (b'H', R, Some(0x08), "HIDIOCGRAWUNIQ", Show::Size),
    (b'H', R, Some(0x12), "HIDIOCGPHYS", Show::Size),
    (b'H', RW, Some(0x06), "HIDIOCSFEATURE", Show::Size),
    (b'H', RW, Some(0x07), "HIDIOCGFEATURE", Show::Size),
    (b'M', W, None, "MIXER_WRITE", Show::Nr),
    (b'M', R, None, "MIXER_READ", Show::Nr),
    (b'U', R, Some(0x2c), "UI_GET_SYSNAME", Show::Size),
    (b'j', R, Some(0x13), "JSIOCGNAME", Show::Size),
    (b'k', W, Some(0), "SPI_IOC_MESSAGE", Show::Size),
];

pub(super) fn name(code: u32, o: &mut String) -> bool {
    let (typ, nr, size, dir) = (
        (code >> 8) & 0xff,
        code & 0xff,
        (code >> 16) & 0x3fff,
        code >> 30,
    );
    let Some(&(_, _, _, family, show)) = FAMILIES
        .iter()
        .find(|f| u32::from(f.0) == typ && f.1 == dir && f.2.is_none_or(|n| n == nr))
    else {
        return false;
    };
    let v = match show {
        Show::Size => size,
        Show::Nr => nr,
    };
    let _ = write!(o, "{family}({v})");
    true
}
