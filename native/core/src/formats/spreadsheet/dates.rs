//! Spreadsheet serial dates: days since the epoch of the workbook's date system, the fraction
//! being the time of day (ECMA-376 Part 1, 18.17.4.1).

/// A calendar date and time of day, as a cell shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    /// 0 = Sunday.
    pub weekday: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// The fraction of the second in units of 10^-digits (the `digits` asked for).
    pub fraction: u32,
}

/// The largest serial Excel shows as a date (9999-12-31).
const MAX_SERIAL: f64 = 2_958_465.0;

/// The date and time of `serial` in the 1900 system (with its fictitious 29 February 1900,
/// serial 60) or the 1904 system. `None` for serials Excel cannot show as dates. The time is
/// rounded to `digits` (0 to 3) decimals of a second, as Excel shows it.
pub fn from_serial(serial: f64, date1904: bool, digits: u32) -> Option<DateTime> {
    if !serial.is_finite() || !(0.0..=MAX_SERIAL).contains(&serial) {
        return None;
    }
    let per_second = 10i64.pow(digits.min(3));
    let per_day = 86_400 * per_second;
    // Bounded above by MAX_SERIAL, so the product fits an i64 exactly enough.
    let total = (serial * per_day as f64).round() as i64;
    let mut days = total / per_day;
    let in_day = total % per_day;
    let (fraction, seconds) = (in_day % per_second, in_day / per_second);
    let (year, month, day) = if date1904 {
        civil_from_days(days_from_civil(1904, 1, 1) + days)
    } else if days == 60 {
        (1900, 2, 29)
    } else if days == 0 {
        // Excel shows serial 0 as the day before 1 January 1900.
        (1900, 1, 0)
    } else {
        if days > 60 {
            days -= 1;
        }
        civil_from_days(days_from_civil(1899, 12, 31) + days)
    };
    // Excel counts weekdays from the serial alone: serial 1 (1900) is a Sunday, serial 0 (1904)
    // a Friday.
    let serial_days = total / per_day;
    let weekday =
        u32::try_from((serial_days + if date1904 { 5 } else { 6 }).rem_euclid(7)).unwrap_or(0);
    Some(DateTime {
        year,
        month,
        day,
        weekday,
        hour: u32::try_from(seconds / 3600).unwrap_or(0),
        minute: u32::try_from(seconds / 60 % 60).unwrap_or(0),
        second: u32::try_from(seconds % 60).unwrap_or(0),
        fraction: u32::try_from(fraction).unwrap_or(0),
    })
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Microseconds since the epoch of an ISO 8601 date or date-time (`2024-01-31`,
/// `2024-01-31T10:20:30.5Z`, `2024-01-31T10:20:30+02:00`), as the metadata of office
/// documents writes them. `None` when it is not one.
pub fn iso8601_micros(text: &str) -> Option<i64> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let year = number(0..4)?;
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let month = u32::try_from(number(5..7)?).ok()?;
    let day = u32::try_from(number(8..10)?).ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut micros = days_from_civil(year, month, day) * 86_400_000_000;
    if bytes.len() > 10 {
        if !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
            return None;
        }
        let hour = number(11..13)?;
        let minute = number(14..16)?;
        let (second, mut rest) = match bytes.get(16) {
            Some(b':') => (number(17..19)?, 19),
            _ => (0, 16),
        };
        micros += ((hour * 60 + minute) * 60 + second) * 1_000_000;
        if bytes.get(rest) == Some(&b'.') {
            let start = rest + 1;
            let end = start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            let digits = text.get(start..end.min(start + 6))?;
            if !digits.is_empty() {
                let value: i64 = digits.parse().ok()?;
                let scale = 10_i64.pow(6 - u32::try_from(digits.len()).ok()?);
                micros += value * scale;
            }
            rest = end;
        }
        match bytes.get(rest) {
            None | Some(b'Z' | b'z') => {}
            Some(sign @ (b'+' | b'-')) => {
                let hours = number(rest + 1..rest + 3)?;
                let minutes = match bytes.get(rest + 3) {
                    Some(b':') => number(rest + 4..rest + 6)?,
                    Some(_) => number(rest + 3..rest + 5)?,
                    None => 0,
                };
                let offset = (hours * 60 + minutes) * 60_000_000;
                micros += if *sign == b'+' { -offset } else { offset };
            }
            Some(_) => return None,
        }
    }
    Some(micros)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(serial: f64, date1904: bool) -> (i64, u32, u32) {
        let d = from_serial(serial, date1904, 0).unwrap();
        (d.year, d.month, d.day)
    }

    #[test]
    fn the_1900_system_has_its_fictitious_leap_day() {
        assert_eq!(ymd(1.0, false), (1900, 1, 1));
        assert_eq!(ymd(59.0, false), (1900, 2, 28));
        assert_eq!(ymd(60.0, false), (1900, 2, 29));
        assert_eq!(ymd(61.0, false), (1900, 3, 1));
        assert_eq!(ymd(44_197.0, false), (2021, 1, 1));
        assert_eq!(from_serial(44_197.0, false, 0).unwrap().weekday, 5);
        assert_eq!(from_serial(1.0, false, 0).unwrap().weekday, 0);
    }

    #[test]
    fn the_1904_system_counts_from_1904() {
        assert_eq!(ymd(0.0, true), (1904, 1, 1));
        assert_eq!(ymd(42_735.0, true), (2021, 1, 1));
        assert_eq!(from_serial(42_735.0, true, 0).unwrap().weekday, 5);
    }

    #[test]
    fn times_round_to_the_second_and_carry_into_the_day() {
        let d = from_serial(44_197.5 + 1.0 / 86_400.0, false, 0).unwrap();
        assert_eq!((d.hour, d.minute, d.second), (12, 0, 1));
        let d = from_serial(44_197.999_999_9, false, 0).unwrap();
        assert_eq!((d.day, d.hour), (2, 0));
        let d = from_serial(0.5 + 0.1234 / 86_400.0, false, 3).unwrap();
        assert_eq!((d.hour, d.fraction), (12, 123));
        let d = from_serial(0.5 + 0.86 / 86_400.0, false, 1).unwrap();
        assert_eq!((d.second, d.fraction), (0, 9));
    }

    #[test]
    fn serials_out_of_range_are_not_dates() {
        assert!(from_serial(-1.0, false, 0).is_none());
        assert!(from_serial(3e6, false, 0).is_none());
        assert!(from_serial(f64::NAN, false, 0).is_none());
    }

    #[test]
    fn iso_dates_become_microseconds() {
        assert_eq!(iso8601_micros("1970-01-02"), Some(86_400_000_000));
        assert_eq!(
            iso8601_micros("1970-01-01T01:00:00.5Z"),
            Some(3_600_500_000)
        );
        assert_eq!(iso8601_micros("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(iso8601_micros("1970-01-01T00:00"), Some(0));
        assert_eq!(iso8601_micros("2024-13-01"), None);
        assert_eq!(iso8601_micros("yesterday"), None);
        assert_eq!(iso8601_micros("2024-01-01Tx"), None);
    }
}
