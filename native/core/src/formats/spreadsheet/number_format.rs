//! Spreadsheet number formats (ECMA-376 Part 1, 18.8.30 and 18.8.31): a number as its cell
//! shows it. Covers sections and conditions, literals, digit placeholders, thousands separators
//! and scaling, percent, scientific notation, fractions, dates, times and elapsed times, in the
//! en-US locale. Colours and fill characters do not change the text and are dropped.

use super::dates::{from_serial, DateTime};

/// The format code of a built-in number format id, in the en-US locale.
pub fn builtin_code(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "\"$\"#,##0_);(\"$\"#,##0)",
        6 => "\"$\"#,##0_);[Red](\"$\"#,##0)",
        7 => "\"$\"#,##0.00_);(\"$\"#,##0.00)",
        8 => "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "m/d/yyyy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "m/d/yyyy h:mm",
        37 => "#,##0_);(#,##0)",
        38 => "#,##0_);[Red](#,##0)",
        39 => "#,##0.00_);(#,##0.00)",
        40 => "#,##0.00_);[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// A number in the General format: integers in full, other numbers to 10 significant digits,
/// very large and very small ones in scientific notation.
pub fn general(value: f64) -> String {
    if !value.is_finite() {
        return "#NUM!".to_owned();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    let abs = value.abs();
    if value.fract() == 0.0 && abs < 1e15 {
        return format!("{value:.0}");
    }
    if !(1e-10..1e11).contains(&abs) {
        return scientific_general(value);
    }
    let rounded: f64 = format!("{value:.9e}").parse().unwrap_or(value);
    let text = format!("{rounded}");
    if text.contains('.') && text.len() > 12 {
        trim_zeros(format!("{rounded:.10}"))
    } else {
        text
    }
}

fn scientific_general(value: f64) -> String {
    let text = format!("{value:.5E}");
    let (mantissa, exponent) = text.split_once('E').unwrap_or((&text, "0"));
    let mantissa = trim_zeros(mantissa.to_owned());
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}E{sign}{:02}", exponent.unsigned_abs())
}

/// Drops trailing zeros after a decimal point, and the point when nothing follows it.
fn trim_zeros(mut text: String) -> String {
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    text
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Literal(String),
    /// `0`, `#` or `?`.
    Digit(char),
    Point,
    Comma,
    Percent,
    /// `E+` or `E-`.
    Exponent(bool),
    Slash,
    Text,
    General,
    Year(usize),
    /// `m` to `mmmmm`: month, or minutes next to hours or seconds.
    MonthOrMinute(usize),
    Day(usize),
    Hour(usize),
    Second(usize),
    /// Digits of a fraction of a second.
    SubSecond(usize),
    /// `AM/PM` (true) or `A/P` (false).
    AmPm(bool),
    /// `[h]`, `[m]` or `[s]` with the width of its digits.
    Elapsed(char, usize),
}

impl Token {
    fn is_date(&self) -> bool {
        matches!(
            self,
            Token::Year(_)
                | Token::MonthOrMinute(_)
                | Token::Day(_)
                | Token::Hour(_)
                | Token::Second(_)
                | Token::AmPm(_)
                | Token::Elapsed(..)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Condition {
    Less(f64),
    LessEqual(f64),
    Greater(f64),
    GreaterEqual(f64),
    Equal(f64),
    NotEqual(f64),
}

impl Condition {
    fn parse(text: &str) -> Option<Condition> {
        let (make, rest): (fn(f64) -> Condition, &str) = if let Some(r) = text.strip_prefix("<=") {
            (Condition::LessEqual, r)
        } else if let Some(r) = text.strip_prefix(">=") {
            (Condition::GreaterEqual, r)
        } else if let Some(r) = text.strip_prefix("<>") {
            (Condition::NotEqual, r)
        } else if let Some(r) = text.strip_prefix('<') {
            (Condition::Less, r)
        } else if let Some(r) = text.strip_prefix('>') {
            (Condition::Greater, r)
        } else if let Some(r) = text.strip_prefix('=') {
            (Condition::Equal, r)
        } else {
            return None;
        };
        rest.trim().parse().ok().map(make)
    }

    fn holds(self, value: f64) -> bool {
        match self {
            Condition::Less(x) => value < x,
            Condition::LessEqual(x) => value <= x,
            Condition::Greater(x) => value > x,
            Condition::GreaterEqual(x) => value >= x,
            Condition::Equal(x) => value == x,
            Condition::NotEqual(x) => value != x,
        }
    }
}

#[derive(Debug, Default)]
struct Section {
    tokens: Vec<Token>,
    condition: Option<Condition>,
}

/// Splits a format code into its sections at the semicolons outside quotes and brackets.
fn split_sections(code: &str) -> Vec<&str> {
    let mut sections = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' | '_' | '*' if !quoted && !bracket => escaped = true,
            '"' if !bracket => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                sections.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    sections.push(&code[start..]);
    sections
}

fn run_length(chars: &[char], i: usize, lower: char) -> usize {
    chars[i..]
        .iter()
        .take_while(|c| c.to_ascii_lowercase() == lower)
        .count()
}

fn starts_with_ignore_case(chars: &[char], i: usize, word: &str) -> bool {
    let mut n = 0;
    for w in word.chars() {
        match chars.get(i + n) {
            Some(c) if c.eq_ignore_ascii_case(&w) => n += 1,
            _ => return false,
        }
    }
    true
}

fn parse_section(text: &str) -> Section {
    let chars: Vec<char> = text.chars().collect();
    let mut section = Section::default();
    let tokens = &mut section.tokens;
    let literal = |tokens: &mut Vec<Token>, s: &str| match tokens.last_mut() {
        Some(Token::Literal(last)) => last.push_str(s),
        _ => tokens.push(Token::Literal(s.to_owned())),
    };
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '"' => {
                let end = chars[i..]
                    .iter()
                    .position(|&q| q == '"')
                    .map_or(chars.len(), |p| i + p);
                let quoted: String = chars[i..end].iter().collect();
                literal(tokens, &quoted);
                i = end + 1;
            }
            '\\' => {
                if let Some(next) = chars.get(i) {
                    literal(tokens, &next.to_string());
                }
                i += 1;
            }
            '_' => {
                literal(tokens, " ");
                i += 1;
            }
            '*' => i += 1,
            '[' => {
                let end = chars[i..]
                    .iter()
                    .position(|&q| q == ']')
                    .map_or(chars.len(), |p| i + p);
                let inner: String = chars[i..end].iter().collect();
                i = end + 1;
                let lower = inner.to_ascii_lowercase();
                if let Some(currency) = inner.strip_prefix('$') {
                    let symbol = currency.split('-').next().unwrap_or("");
                    literal(tokens, symbol);
                } else if let Some(condition) = Condition::parse(&inner) {
                    section.condition = Some(condition);
                } else if !lower.is_empty()
                    && lower
                        .chars()
                        .all(|c| c == lower.chars().next().unwrap_or(' '))
                    && matches!(lower.chars().next(), Some('h' | 'm' | 's'))
                {
                    let unit = lower.chars().next().unwrap_or('h');
                    tokens.push(Token::Elapsed(unit, lower.len()));
                }
                // Colours, locales and calendar switches do not change the text.
            }
            '0' | '#' | '?' => tokens.push(Token::Digit(c)),
            '.' => {
                let zeros = run_length(&chars, i, '0');
                let after_seconds = tokens
                    .iter()
                    .rev()
                    .find(|t| t.is_date())
                    .is_some_and(|t| matches!(t, Token::Second(_) | Token::Elapsed('s', _)));
                if after_seconds && zeros > 0 {
                    tokens.push(Token::SubSecond(zeros.min(3)));
                    i += zeros;
                } else {
                    tokens.push(Token::Point);
                }
            }
            ',' => tokens.push(Token::Comma),
            '%' => tokens.push(Token::Percent),
            'E' | 'e' if matches!(chars.get(i), Some('+' | '-')) => {
                tokens.push(Token::Exponent(chars.get(i) == Some(&'+')));
                i += 1;
            }
            '/' => tokens.push(Token::Slash),
            '@' => tokens.push(Token::Text),
            'G' | 'g' if starts_with_ignore_case(&chars, i - 1, "general") => {
                tokens.push(Token::General);
                i += 6;
            }
            'A' | 'a' if starts_with_ignore_case(&chars, i - 1, "am/pm") => {
                tokens.push(Token::AmPm(true));
                i += 4;
            }
            'A' | 'a' if starts_with_ignore_case(&chars, i - 1, "a/p") => {
                tokens.push(Token::AmPm(false));
                i += 2;
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => {
                let lower = c.to_ascii_lowercase();
                let n = run_length(&chars, i - 1, lower);
                i += n - 1;
                tokens.push(match lower {
                    'y' => Token::Year(n),
                    'm' => Token::MonthOrMinute(n),
                    'd' => Token::Day(n),
                    'h' => Token::Hour(n),
                    _ => Token::Second(n),
                });
            }
            other => literal(tokens, &other.to_string()),
        }
    }
    section
}

/// `value` formatted with the format code `code`, dates in the 1904 system when `date1904`.
pub fn format(value: f64, code: &str, date1904: bool) -> String {
    if !value.is_finite() {
        return "#NUM!".to_owned();
    }
    let sections: Vec<Section> = split_sections(code)
        .into_iter()
        .take(4)
        .map(parse_section)
        .collect();
    let (section, shown) = choose_section(&sections, value);
    let Some(section) = section else {
        return general(value);
    };
    if section.tokens.iter().any(Token::is_date) {
        return format_date(value, &section.tokens, date1904).unwrap_or_else(|| general(value));
    }
    let sign = if shown < 0.0 { "-" } else { "" };
    let body = format_number(shown.abs(), &section.tokens);
    format!("{sign}{body}")
}

/// The section that formats `value`, and the value it shows (without its sign when the
/// section is one for negative numbers).
fn choose_section(sections: &[Section], value: f64) -> (Option<&Section>, f64) {
    let numeric: Vec<&Section> = sections
        .iter()
        .take(3)
        .filter(|s| !(s.tokens.contains(&Token::Text) && sections.len() == 4))
        .collect();
    let with_conditions = numeric.iter().any(|s| s.condition.is_some());
    if with_conditions {
        for (i, section) in numeric.iter().enumerate() {
            match section.condition {
                Some(condition) if condition.holds(value) => {
                    // A section for a negative-only condition shows the number without sign.
                    let shown = if i > 0 && value < 0.0 { -value } else { value };
                    return (Some(section), shown);
                }
                Some(_) => {}
                None => return (Some(section), if i > 0 { value.abs() } else { value }),
            }
        }
        return (numeric.last().copied(), value);
    }
    match numeric.len() {
        0 => (None, value),
        1 => (numeric.first().copied(), value),
        2 => {
            if value < 0.0 {
                (numeric.get(1).copied(), -value)
            } else {
                (numeric.first().copied(), value)
            }
        }
        _ => {
            if value < 0.0 {
                (numeric.get(1).copied(), -value)
            } else if value == 0.0 {
                (numeric.get(2).copied(), value)
            } else {
                (numeric.first().copied(), value)
            }
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Whether the `m` at `index` means minutes: after hours or before seconds.
fn is_minute(tokens: &[Token], index: usize) -> bool {
    let before = tokens[..index].iter().rev().find(|t| t.is_date());
    let after = tokens[index + 1..].iter().find(|t| t.is_date());
    matches!(before, Some(Token::Hour(_) | Token::Elapsed('h', _)))
        || matches!(after, Some(Token::Second(_) | Token::Elapsed('s', _)))
}

fn format_date(value: f64, tokens: &[Token], date1904: bool) -> Option<String> {
    let digits = tokens
        .iter()
        .filter_map(|t| match t {
            Token::SubSecond(n) => u32::try_from(*n).ok(),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let subsecond = digits > 0;
    let elapsed = tokens.iter().any(|t| matches!(t, Token::Elapsed(..)));
    let date: DateTime = if elapsed {
        from_serial(value.rem_euclid(1.0), false, digits)?
    } else {
        from_serial(value, date1904, digits)?
    };
    let twelve_hour = tokens.iter().any(|t| matches!(t, Token::AmPm(_)));
    let mut out = String::new();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            Token::Literal(s) => out.push_str(s),
            Token::Year(n) => {
                if *n <= 2 {
                    out.push_str(&format!("{:02}", date.year.rem_euclid(100)));
                } else {
                    out.push_str(&format!("{:04}", date.year));
                }
            }
            Token::MonthOrMinute(n) if is_minute(tokens, index) => {
                push_padded(&mut out, date.minute, *n)
            }
            Token::MonthOrMinute(n) => {
                let name = MONTHS
                    .get(date.month.saturating_sub(1) as usize)
                    .copied()
                    .unwrap_or("");
                match n {
                    1 | 2 => push_padded(&mut out, date.month, *n),
                    3 => out.push_str(name.get(..3).unwrap_or(name)),
                    5 => out.push_str(name.get(..1).unwrap_or(name)),
                    _ => out.push_str(name),
                }
            }
            Token::Day(n) => {
                let name = WEEKDAYS.get(date.weekday as usize).copied().unwrap_or("");
                match n {
                    1 | 2 => push_padded(&mut out, date.day, *n),
                    3 => out.push_str(name.get(..3).unwrap_or(name)),
                    _ => out.push_str(name),
                }
            }
            Token::Hour(n) => {
                let hour = if twelve_hour {
                    (date.hour + 11) % 12 + 1
                } else {
                    date.hour
                };
                push_padded(&mut out, hour, *n);
            }
            Token::Second(n) => push_padded(&mut out, date.second, *n),
            Token::SubSecond(n) => {
                let text = format!("{:0width$}", date.fraction, width = digits as usize);
                out.push('.');
                out.push_str(text.get(..*n).unwrap_or(&text));
            }
            Token::AmPm(long) => {
                let pm = date.hour >= 12;
                out.push_str(match (long, pm) {
                    (true, false) => "AM",
                    (true, true) => "PM",
                    (false, false) => "A",
                    (false, true) => "P",
                });
            }
            Token::Elapsed(unit, width) => {
                let seconds = if subsecond {
                    (value * 86_400.0).floor()
                } else {
                    (value * 86_400.0).round()
                };
                let total = match unit {
                    'h' => (seconds / 3600.0).floor(),
                    'm' => (seconds / 60.0).floor(),
                    _ => seconds,
                };
                out.push_str(&format!("{:0width$}", total as i64, width = *width));
            }
            Token::Slash => out.push('/'),
            Token::Point => out.push('.'),
            Token::Comma => out.push(','),
            Token::Percent => out.push('%'),
            Token::Digit(c) => out.push(*c),
            Token::Exponent(_) | Token::Text | Token::General => {}
        }
    }
    Some(out)
}

fn push_padded(out: &mut String, value: u32, width: usize) {
    if width >= 2 {
        out.push_str(&format!("{value:02}"));
    } else {
        out.push_str(&value.to_string());
    }
}

fn format_number(value: f64, tokens: &[Token]) -> String {
    if tokens.contains(&Token::Slash) && tokens.iter().any(|t| matches!(t, Token::Digit(_))) {
        return format_fraction(value, tokens);
    }
    let digits = tokens
        .iter()
        .filter(|t| matches!(t, Token::Digit(_)))
        .count();
    if digits == 0 {
        // Only literals (or General, or text): the number itself is not shown unless asked.
        let mut out = String::new();
        for token in tokens {
            match token {
                Token::Literal(s) => out.push_str(s),
                Token::General | Token::Text => out.push_str(&general(value)),
                Token::Percent => out.push('%'),
                Token::Slash => out.push('/'),
                _ => {}
            }
        }
        return out;
    }
    let last_digit = tokens
        .iter()
        .rposition(|t| matches!(t, Token::Digit(_)))
        .unwrap_or(0);
    let exponent_at = tokens.iter().position(|t| matches!(t, Token::Exponent(_)));
    let mantissa_end = exponent_at.unwrap_or(tokens.len());
    let point_at = tokens[..mantissa_end]
        .iter()
        .position(|t| *t == Token::Point);
    let int_end = point_at.unwrap_or(mantissa_end);
    let is_digit = |t: &Token| matches!(t, Token::Digit(_));
    let int_tokens = &tokens[..int_end];
    let frac_tokens = point_at.map_or(&[][..], |p| &tokens[p + 1..mantissa_end]);
    let frac_digits = frac_tokens.iter().filter(|t| is_digit(t)).count();
    let int_digits = int_tokens.iter().filter(|t| is_digit(t)).count();
    // Commas right after the last digit placeholder scale by a thousand each.
    let scale_commas = tokens[last_digit + 1..]
        .iter()
        .take_while(|t| **t == Token::Comma)
        .count();
    let first_int_digit = int_tokens.iter().position(is_digit);
    let last_int_digit = int_tokens.iter().rposition(is_digit);
    let grouping = match (first_int_digit, last_int_digit) {
        (Some(a), Some(b)) => int_tokens[a..b].contains(&Token::Comma),
        _ => false,
    };
    let interleaved = match (first_int_digit, last_int_digit) {
        (Some(a), Some(b)) => int_tokens[a..b]
            .iter()
            .any(|t| matches!(t, Token::Literal(_))),
        _ => false,
    };
    let percents = tokens.iter().filter(|t| **t == Token::Percent).count();
    let mut v = value;
    for _ in 0..percents.min(4) {
        v *= 100.0;
    }
    for _ in 0..scale_commas.min(4) {
        v /= 1000.0;
    }
    let mut exponent_value = 0i32;
    if exponent_at.is_some() && v != 0.0 {
        let mut exp = v.log10().floor() as i32;
        let width = i32::try_from(int_digits.max(1)).unwrap_or(1);
        let engineering = width > 1 && int_tokens.contains(&Token::Digit('#'));
        exp = if engineering {
            exp - exp.rem_euclid(width)
        } else {
            exp - (width - 1)
        };
        v /= 10f64.powi(exp);
        exponent_value = exp;
        // Rounding may carry into another digit: renormalise once.
        let rounded: f64 = fixed_decimals(v, frac_digits).parse().unwrap_or(v);
        if !engineering && rounded >= 10f64.powi(width) {
            v = rounded / 10.0;
            exponent_value += 1;
        }
    }
    let fixed = fixed_decimals(v, frac_digits);
    let (int_text, frac_text) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let int_text = if int_text == "0" { "" } else { int_text };
    let int_assign = assign_integer(int_text, int_tokens, grouping && !interleaved);
    let frac_assign = assign_fraction(frac_text, frac_tokens);
    let mut out = String::new();
    let mut int_index = 0;
    let mut frac_index = 0;
    let mut in_exponent = false;
    let mut exponent_index = 0;
    let exponent_tokens = exponent_at.map_or(&[][..], |e| &tokens[e + 1..]);
    let exponent_width = exponent_tokens.iter().filter(|t| is_digit(t)).count();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Literal(s) => out.push_str(s),
            Token::Digit(_) if in_exponent => {
                if exponent_index == 0 {
                    out.push_str(&format!(
                        "{:0width$}",
                        exponent_value.unsigned_abs(),
                        width = exponent_width
                    ));
                }
                exponent_index += 1;
            }
            Token::Digit(_) if i < int_end => {
                if let Some(s) = int_assign.get(int_index) {
                    out.push_str(s);
                }
                int_index += 1;
            }
            Token::Digit(_) => {
                if let Some(s) = frac_assign.get(frac_index) {
                    out.push_str(s);
                }
                frac_index += 1;
            }
            Token::Point if Some(i) == point_at => out.push('.'),
            Token::Point => {}
            Token::Percent => out.push('%'),
            Token::Exponent(plus) => {
                in_exponent = true;
                out.push('E');
                if exponent_value < 0 {
                    out.push('-');
                } else if *plus {
                    out.push('+');
                }
            }
            Token::General | Token::Text => out.push_str(&general(value)),
            Token::Slash => out.push('/'),
            _ => {}
        }
    }
    out
}

/// `value` (not negative) with `digits` decimals, rounded half away from zero on its 15
/// significant decimal digits, as Excel rounds (so 1.005 shows as 1.01 with two decimals).
fn fixed_decimals(value: f64, digits: usize) -> String {
    let significant = |v: f64| -> f64 { format!("{v:.14e}").parse().unwrap_or(v) };
    let scaled = significant(significant(value) * 10f64.powi(i32::try_from(digits).unwrap_or(0)));
    if scaled.is_nan() {
        return format!("{value:.digits$}");
    }
    if scaled >= 1e15 || digits > 15 {
        return beyond_precision(value, digits);
    }
    let whole = format!("{:.0}", scaled.round());
    if digits == 0 {
        return whole;
    }
    let padded = format!("{whole:0>width$}", width = digits + 1);
    let (int_part, frac_part) = padded.split_at(padded.len() - digits);
    format!("{int_part}.{frac_part}")
}

/// `value` (not negative, finite) with `digits` decimals when that asks for more than the 15
/// significant digits Excel keeps: those 15, then zeros (so 17905353874145280 shows as
/// 17905353874145300).
fn beyond_precision(value: f64, digits: usize) -> String {
    let scientific = format!("{value:.14e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let significant: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let Ok(exponent) = exponent.parse::<i64>() else {
        return format!("{value:.digits$}");
    };
    // Where the decimal point falls in the significant digits.
    let point = exponent + 1;
    let (int_part, frac_part) = if point <= 0 {
        let zeros = usize::try_from(-point).unwrap_or(0);
        (
            "0".to_owned(),
            format!("{}{significant}", "0".repeat(zeros)),
        )
    } else if point >= 15 {
        let zeros = usize::try_from(point - 15).unwrap_or(0);
        (format!("{significant}{}", "0".repeat(zeros)), String::new())
    } else {
        let (int, frac) = significant.split_at(usize::try_from(point).unwrap_or(0));
        (int.to_owned(), frac.to_owned())
    };
    if frac_part.len() > digits {
        // Fewer decimals than the digits kept: ordinary rounding does.
        return format!("{value:.digits$}");
    }
    if digits == 0 {
        return int_part;
    }
    format!("{int_part}.{frac_part:0<digits$}")
}

/// What each integer digit placeholder shows, left to right: the leftmost takes every digit
/// beyond the placeholders' count.
fn assign_integer(digits: &str, tokens: &[Token], grouping: bool) -> Vec<String> {
    let placeholders: Vec<char> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Digit(c) => Some(*c),
            _ => None,
        })
        .collect();
    let mut assign = vec![String::new(); placeholders.len()];
    if placeholders.is_empty() {
        return assign;
    }
    let digits: Vec<char> = digits.chars().collect();
    let mut shown: Vec<String> = Vec::with_capacity(placeholders.len());
    let extra = digits.len().saturating_sub(placeholders.len());
    for (k, placeholder) in placeholders.iter().enumerate() {
        // Placeholder k (from the left) lines up with digit k - (placeholders - digits).
        let offset = k + digits.len();
        let mut text = String::new();
        if k == 0 && extra > 0 {
            text.extend(&digits[..=extra]);
        } else if offset >= placeholders.len() {
            if let Some(d) = digits.get(offset - placeholders.len()) {
                text.push(*d);
            }
        } else {
            match placeholder {
                '0' => text.push('0'),
                '?' => text.push(' '),
                _ => {}
            }
        }
        shown.push(text);
    }
    if grouping {
        let joined: String = shown.concat();
        let (lead, number) = joined.split_at(joined.len() - joined.trim_start().len());
        let mut grouped = String::from(lead);
        let chars: Vec<char> = number.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if i > 0 && (chars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(*c);
        }
        if let Some(first) = assign.first_mut() {
            *first = grouped;
        }
        return assign;
    }
    shown
}

/// What each fraction digit placeholder shows: trailing zeros vanish under `#` and become
/// spaces under `?`.
fn assign_fraction(digits: &str, tokens: &[Token]) -> Vec<String> {
    let placeholders: Vec<char> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Digit(c) => Some(*c),
            _ => None,
        })
        .collect();
    let digits: Vec<char> = digits.chars().collect();
    let mut assign: Vec<String> = placeholders
        .iter()
        .zip(digits.iter().chain(std::iter::repeat(&'0')))
        .map(|(_, d)| d.to_string())
        .collect();
    for (k, placeholder) in placeholders.iter().enumerate().rev() {
        if assign.get(k).map(String::as_str) != Some("0") {
            break;
        }
        match placeholder {
            '#' => assign[k] = String::new(),
            '?' => assign[k] = " ".to_owned(),
            _ => break,
        }
    }
    assign
}

/// `# ?/?`, `?/8` and the like: a whole part (when placeholders come first) and a fraction
/// with a fixed or a best denominator.
fn format_fraction(value: f64, tokens: &[Token]) -> String {
    let slash = tokens.iter().position(|t| *t == Token::Slash).unwrap_or(0);
    let is_digit = |t: &Token| matches!(t, Token::Digit(_));
    // The numerator's placeholders run back from the slash; earlier ones are the whole part.
    let numerator_start = tokens[..slash]
        .iter()
        .rposition(|t| !is_digit(t))
        .map_or(0, |p| p + 1);
    let whole_tokens = &tokens[..numerator_start];
    let has_whole = whole_tokens.iter().any(is_digit);
    let after = &tokens[slash + 1..];
    let denominator_digits = after.iter().take_while(|t| is_digit(t)).count();
    let fixed_denominator: Option<u64> = match after.first() {
        Some(Token::Literal(s)) => {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok().filter(|d| *d > 0)
        }
        _ => None,
    };
    let (whole, fraction) = if has_whole {
        (value.trunc(), value.fract())
    } else {
        (0.0, value)
    };
    let (mut numerator, denominator) = match fixed_denominator {
        Some(d) => ((fraction * d as f64).round() as u64, d),
        None => best_fraction(fraction, denominator_digits.clamp(1, 3)),
    };
    let mut whole = whole as u64;
    if has_whole && numerator >= denominator && denominator > 0 {
        whole += numerator / denominator;
        numerator %= denominator;
    }
    let prefix_end = whole_tokens
        .iter()
        .position(is_digit)
        .unwrap_or(whole_tokens.len());
    let mut text = String::new();
    for token in &whole_tokens[..prefix_end] {
        if let Token::Literal(s) = token {
            text.push_str(s);
        }
    }
    if has_whole && (whole != 0 || numerator == 0) {
        text.push_str(&whole.to_string());
    }
    if numerator != 0 || !has_whole {
        if has_whole && whole != 0 {
            text.push(' ');
        }
        text.push_str(&format!("{numerator}/{denominator}"));
    }
    let suffix_start = slash + 1 + denominator_digits + usize::from(fixed_denominator.is_some());
    for token in tokens.get(suffix_start..).unwrap_or(&[]) {
        match token {
            Token::Literal(s) => text.push_str(s),
            Token::Percent => text.push('%'),
            _ => {}
        }
    }
    text
}

/// The closest fraction to `value` (in [0, 1)) with a denominator of at most `digits` digits.
fn best_fraction(value: f64, digits: usize) -> (u64, u64) {
    let max = 10u64.pow(u32::try_from(digits).unwrap_or(1)) - 1;
    let mut best = (value.round() as u64, 1u64);
    let mut best_error = (value - best.0 as f64).abs();
    for denominator in 2..=max {
        let numerator = (value * denominator as f64).round();
        let error = (value - numerator / denominator as f64).abs();
        if error < best_error - 1e-12 {
            best = (numerator as u64, denominator);
            best_error = error;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(value: f64, code: &str) -> String {
        format(value, code, false)
    }

    #[test]
    fn general_numbers_look_like_excel() {
        assert_eq!(general(0.0), "0");
        assert_eq!(general(42.0), "42");
        assert_eq!(general(-3.5), "-3.5");
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(1.0 / 3.0), "0.3333333333");
        assert_eq!(general(123_456_789_012.0), "123456789012");
        assert_eq!(general(1.5e20), "1.5E+20");
        assert_eq!(general(1.5e-12), "1.5E-12");
        assert_eq!(f(7.25, "General"), "7.25");
    }

    #[test]
    fn digits_beyond_the_fifteen_excel_keeps_show_as_zeros() {
        assert_eq!(f(17_905_353_874_145_280.0, "0"), "17905353874145300");
        assert_eq!(
            f(910_713.393_716_666_6, "0.0000000000"),
            "910713.3937166670"
        );
        assert_eq!(
            f(0.000_010_119_037_707_962_962, "0.000000000000000000000"),
            "0.000010119037707963000"
        );
    }

    #[test]
    fn digit_placeholders_grouping_and_percent() {
        assert_eq!(f(1234.567, "0.00"), "1234.57");
        assert_eq!(f(1234.567, "#,##0.00"), "1,234.57");
        assert_eq!(f(1_234_567.0, "#,##0"), "1,234,567");
        assert_eq!(f(0.5, "#.00"), ".50");
        assert_eq!(f(5.0, "000"), "005");
        assert_eq!(f(0.256, "0.0%"), "25.6%");
        assert_eq!(f(1.5, "0.0#"), "1.5");
        assert_eq!(f(12_345_678.0, "#,##0,,\"M\""), "12M");
        assert_eq!(f(-1234.5, "#,##0.00"), "-1,234.50");
        assert_eq!(f(5_551_234.0, "000-0000"), "555-1234");
    }

    #[test]
    fn sections_choose_by_sign_and_condition() {
        let accounting = builtin_code(7).unwrap();
        assert_eq!(f(1234.5, accounting), "$1,234.50 ");
        assert_eq!(f(-1234.5, accounting), "($1,234.50)");
        assert_eq!(f(0.0, "0;-0;\"zero\""), "zero");
        assert_eq!(f(150.0, "[>100]\"big\";\"small\""), "big");
        assert_eq!(f(50.0, "[>100]\"big\";\"small\""), "small");
        assert_eq!(f(3.0, "[Red]0.0"), "3.0");
        assert_eq!(f(3.0, "[$€-407] 0.00"), "€ 3.00");
        assert_eq!(f(3.0, ";;;"), "");
    }

    #[test]
    fn scientific_and_fractions() {
        assert_eq!(f(12_345.0, "0.00E+00"), "1.23E+04");
        assert_eq!(f(0.000_123, "0.00E+00"), "1.23E-04");
        assert_eq!(f(12_345.0, "##0.0E+0"), "12.3E+3");
        assert_eq!(f(1.5, "# ?/?"), "1 1/2");
        assert_eq!(f(0.75, "?/8"), "6/8");
        assert_eq!(f(2.0, "# ?/?"), "2");
        assert_eq!(f(0.333, "# ??/??"), "1/3");
    }

    #[test]
    fn dates_and_times_in_both_systems() {
        assert_eq!(f(44_197.0, "m/d/yyyy"), "1/1/2021");
        assert_eq!(format(42_735.0, "m/d/yyyy", true), "1/1/2021");
        assert_eq!(f(44_197.0, "yyyy-mm-dd"), "2021-01-01");
        assert_eq!(f(44_197.0, "dddd, mmmm d, yyyy"), "Friday, January 1, 2021");
        assert_eq!(f(44_197.0, "d-mmm-yy"), "1-Jan-21");
        assert_eq!(f(0.75, "h:mm AM/PM"), "6:00 PM");
        assert_eq!(f(0.5 + 5.0 / 1440.0, "hh:mm:ss"), "12:05:00");
        assert_eq!(f(1.5, "[h]:mm:ss"), "36:00:00");
        assert_eq!(f(0.000_01, "mm:ss.0"), "00:00.9");
        assert_eq!(f(44_197.25, "m/d/yyyy h:mm"), "1/1/2021 6:00");
        assert_eq!(f(-5.0, "m/d/yyyy"), "-5");
    }
}
