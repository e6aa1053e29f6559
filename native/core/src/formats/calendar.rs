//! Dates of document metadata as microseconds since the epoch (UTC): civil dates, and the W3C
//! date formats (a profile of ISO 8601) that EPUB's `dc:date` and `dcterms:modified` use.

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Microseconds since the epoch of a plausible civil date and time, UTC.
pub fn civil_micros(parts: [i64; 6]) -> Option<i64> {
    let [year, month, day, hour, minute, second] = parts;
    let plausible = (1..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (0..24).contains(&hour)
        && (0..60).contains(&minute)
        && (0..=60).contains(&second);
    plausible.then(|| {
        let days = days_from_civil(year, month, day);
        ((days * 24 + hour) * 60 + minute) * 60_000_000 + second * 1_000_000
    })
}

/// A W3C date: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by `Thh:mm[:ss[.s]]` and a
/// zone (`Z` or `±hh:mm`). Missing parts are the first month or day.
pub fn w3c_date_micros(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let mut fields = date.split('-');
    let number = |part: Option<&str>, len: usize| -> Option<i64> {
        let part = part?;
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = number(fields.next(), 4)?;
    let month = match fields.next() {
        Some(part) => number(Some(part), 2)?,
        None => 1,
    };
    let day = match fields.next() {
        Some(part) => number(Some(part), 2)?,
        None => 1,
    };
    let Some(time) = time else {
        return civil_micros([year, month, day, 0, 0, 0]);
    };
    let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let mut clock_fields = clock.split(':');
    let hour = number(clock_fields.next(), 2)?;
    let minute = number(clock_fields.next(), 2)?;
    let second = match clock_fields.next() {
        Some(part) => number(part.split('.').next(), 2)?,
        None => 0,
    };
    let offset_minutes = match zone.as_bytes().first() {
        None | Some(b'Z' | b'z') => 0,
        Some(sign) => {
            let mut parts = zone[1..].split(':');
            let hours = number(parts.next(), 2)?;
            let minutes = number(parts.next().or(Some("00")), 2)?;
            let total = hours * 60 + minutes;
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
    };
    let local = civil_micros([year, month, day, hour, minute, second])?;
    Some(local - offset_minutes * 60_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3c_dates_of_every_precision_are_read() {
        assert_eq!(w3c_date_micros("1970-01-02"), Some(86_400_000_000));
        assert_eq!(w3c_date_micros("1970"), Some(0));
        assert_eq!(w3c_date_micros("1970-02"), Some(31 * 86_400_000_000));
        assert_eq!(
            w3c_date_micros("2004-04-01T12:30:00Z"),
            Some(1_080_822_600_000_000)
        );
        assert_eq!(
            w3c_date_micros("2004-04-01T14:30+02:00"),
            Some(1_080_822_600_000_000)
        );
        assert_eq!(w3c_date_micros("April 2004"), None);
        assert_eq!(w3c_date_micros("2004-13-01"), None);
    }
}
