//! How the chart says things in words that more than one part of it uses: a date value as a
//! reader says it, and the plural ending of a count.

use crate::date::Edtf;
use chrono::Datelike;

pub(super) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date value as a reader says it, keeping its precision and qualifiers:
/// `19 Nov 2003`, `~Nov 2003`, `2012?`, `Jul 2012 – Nov 2013`, `since 2013`.
pub fn human_date(date: &Edtf) -> String {
    fn one(d: &crate::date::CalendarDate) -> String {
        use crate::date::Precision;
        let first = d.days.earliest();
        let body = match d.precision {
            Precision::Day => format!(
                "{} {} {}",
                first.day(),
                MONTHS[first.month0() as usize],
                first.year()
            ),
            Precision::Month => format!("{} {}", MONTHS[first.month0() as usize], first.year()),
            Precision::Year => format!("{}", first.year()),
        };
        let approx = if d.qualifier.approximate { "~" } else { "" };
        let uncertain = if d.qualifier.uncertain { "?" } else { "" };
        format!("{approx}{body}{uncertain}")
    }
    match date {
        Edtf::Date(d) => one(d),
        Edtf::Interval { start, end } => match (start, end) {
            (Some(a), Some(z)) => format!("{} – {}", one(a), one(z)),
            (Some(a), None) => format!("since {}", one(a)),
            (None, Some(z)) => format!("until {}", one(z)),
            (None, None) => "open".to_string(),
        },
    }
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A count with thousands separated: `10,000`.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
