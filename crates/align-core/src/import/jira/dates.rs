//! Jira's dates as its CSV export writes them: in the exporting person's own format and
//! language, without a time zone. The default is `dd/MMM/yy h:mm a` (`03/Dec/26 4:05
//! PM`; a due date `30/Nov/26`), with the month abbreviated in the person's language
//! (`03/déc./26 16:05`, `03/Dez./26 4:05 nachm.`). Only the date is read — the text
//! before the first space — so the time, its 12- or 24-hour clock and a localised
//! AM/PM never matter, and the date stays the day Jira shows (no zone to convert from).
//!
//! Read: `d/MMM/yy` and `d/MMM/yyyy` with `/`, `-`, `.` or a space between, month names
//! and abbreviations in English, German, French, Spanish, Italian, Portuguese, Dutch,
//! Swedish, Danish, Norwegian, Finnish, Polish, Czech, Turkish and Russian (any case,
//! with or without the final dot); `yyyy-MM-dd` (ISO, with or without a time);
//! `yyyy/MM/dd`; `d.M.yyyy` (German and other European formats). Not read: numeric
//! dates with `/` and the year last (`6/21/2025` — month or day first cannot be told,
//! which is what a spreadsheet writes when it saves the export again), and months in
//! other scripts or languages.

use chrono::NaiveDate;

/// Month names, lowercase without the final dot, by month (1-based).
const MONTHS: [&[&str]; 12] = [
    &[
        "jan",
        "january",
        "januar",
        "janv",
        "janvier",
        "ene",
        "enero",
        "gen",
        "gennaio",
        "janeiro",
        "januari",
        "tammi",
        "tammik",
        "tammikuu",
        "sty",
        "stycznia",
        "styczeń",
        "led",
        "leden",
        "ledna",
        "oca",
        "ocak",
        "янв",
        "января",
        "январь",
    ],
    &[
        "feb",
        "february",
        "februar",
        "févr",
        "février",
        "febrero",
        "febbraio",
        "fev",
        "fevereiro",
        "februari",
        "helmi",
        "helmik",
        "helmikuu",
        "lut",
        "lutego",
        "luty",
        "úno",
        "únor",
        "února",
        "şub",
        "şubat",
        "февр",
        "фев",
        "февраля",
        "февраль",
    ],
    &[
        "mar",
        "march",
        "mär",
        "märz",
        "mars",
        "marzo",
        "março",
        "mrt",
        "maart",
        "marts",
        "maalis",
        "maalisk",
        "maaliskuu",
        "marca",
        "marzec",
        "bře",
        "březen",
        "března",
        "мар",
        "марта",
        "март",
    ],
    &[
        "apr",
        "april",
        "avr",
        "avril",
        "abr",
        "abril",
        "aprile",
        "huhti",
        "huhtik",
        "huhtikuu",
        "kwi",
        "kwietnia",
        "kwiecień",
        "dub",
        "duben",
        "dubna",
        "nis",
        "nisan",
        "апр",
        "апреля",
        "апрель",
    ],
    &[
        "may", "mai", "mayo", "mag", "maggio", "maio", "mei", "maj", "touko", "toukok", "toukokuu",
        "maja", "kvě", "květen", "května", "mayıs", "мая", "май",
    ],
    &[
        "jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho", "kesä", "kesäk",
        "kesäkuu", "cze", "czerwca", "czerwiec", "čvn", "červen", "června", "haz", "haziran",
        "июн", "июня", "июнь",
    ],
    &[
        "jul",
        "july",
        "juli",
        "juil",
        "juillet",
        "julio",
        "lug",
        "luglio",
        "julho",
        "heinä",
        "heinäk",
        "heinäkuu",
        "lip",
        "lipca",
        "lipiec",
        "čvc",
        "červenec",
        "července",
        "tem",
        "temmuz",
        "июл",
        "июля",
        "июль",
    ],
    &[
        "aug",
        "august",
        "août",
        "ago",
        "agosto",
        "augustus",
        "augusti",
        "elo",
        "elok",
        "elokuu",
        "sie",
        "sierpnia",
        "sierpień",
        "srp",
        "srpen",
        "srpna",
        "ağu",
        "ağustos",
        "авг",
        "августа",
        "август",
    ],
    &[
        "sep",
        "sept",
        "september",
        "septembre",
        "septiembre",
        "set",
        "settembre",
        "setembro",
        "syys",
        "syysk",
        "syyskuu",
        "wrz",
        "września",
        "wrzesień",
        "zář",
        "září",
        "eyl",
        "eylül",
        "сент",
        "сен",
        "сентября",
        "сентябрь",
    ],
    &[
        "oct",
        "october",
        "okt",
        "oktober",
        "octobre",
        "octubre",
        "ott",
        "ottobre",
        "out",
        "outubro",
        "loka",
        "lokak",
        "lokakuu",
        "paź",
        "października",
        "październik",
        "říj",
        "říjen",
        "října",
        "eki",
        "ekim",
        "окт",
        "октября",
        "октябрь",
    ],
    &[
        "nov",
        "november",
        "novembre",
        "noviembre",
        "novembro",
        "marras",
        "marrask",
        "marraskuu",
        "lis",
        "listopada",
        "listopad",
        "listopadu",
        "kas",
        "kasım",
        "нояб",
        "ноя",
        "ноября",
        "ноябрь",
    ],
    &[
        "dec",
        "december",
        "dez",
        "dezember",
        "déc",
        "décembre",
        "dic",
        "diciembre",
        "dicembre",
        "dezembro",
        "des",
        "desember",
        "joulu",
        "jouluk",
        "joulukuu",
        "gru",
        "grudnia",
        "grudzień",
        "pro",
        "prosinec",
        "prosince",
        "ara",
        "aralık",
        "дек",
        "декабря",
        "декабрь",
    ],
];

/// The month a name stands for.
fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.');
    // Jira's default, English: no lowercase copy to make.
    if let Some(i) = MONTHS
        .iter()
        .position(|names| names[0].eq_ignore_ascii_case(name))
    {
        return Some(i as u32 + 1);
    }
    let name = name.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .map(|i| i as u32 + 1)
}

fn year(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    match s.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The day a Jira date names, if it is written in a way align reads.
pub(super) fn jira_date(value: &str) -> Option<NaiveDate> {
    day_named(value).filter(|&d| crate::import::input::in_toml_range(d))
}

fn day_named(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    // ISO: `2026-12-03`, `2026-12-03 16:05`, `2026-12-03T16:05:00.000+0100`.
    if let Some(d) = value
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
        && value[10..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == 'T')
    {
        return Some(d);
    }
    let date = value.split_whitespace().next()?;
    if date.find('/') == Some(4)
        && let Ok(d) = NaiveDate::parse_from_str(date, "%Y/%m/%d")
    {
        return Some(d);
    }
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let (day, month, year) = match parts.as_slice() {
        // `03/Dec/26`, `03-déc.-2026` (the dot of an abbreviation leaves an empty part).
        [d, m, y] | [d, m, "", y] if number(m).is_none() => (number(d)?, month(m)?, year(y)?),
        // `03.12.2026`: the day first, as everywhere dots are written.
        [d, m, y] if date.contains('.') && !date.contains('/') && y.len() == 4 => {
            (number(d)?, number(m)?, year(y)?)
        }
        _ => {
            // `03 Dec 26`: a space between (the rest of the value).
            let mut words = value.split_whitespace();
            let (d, m, y) = (words.next()?, words.next()?, words.next()?);
            (number(d)?, month(m)?, year(y)?)
        }
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn jira_writes_dates_in_the_persons_format_and_language() {
        for (text, want) in [
            ("03/Dec/26 4:05 PM", ymd(2026, 12, 3)),
            ("30/Nov/26", ymd(2026, 11, 30)),
            ("30/nov/26 12:00 AM", ymd(2026, 11, 30)),
            ("1/Jan/2027 09:00", ymd(2027, 1, 1)),
            ("03/déc./26 16:05", ymd(2026, 12, 3)),
            ("03/Dez./26 4:05 nachm.", ymd(2026, 12, 3)),
            ("12/März/26 10:00", ymd(2026, 3, 12)),
            ("05/ago/26 11:00 a. m.", ymd(2026, 8, 5)),
            ("05/mei/26 11:00", ymd(2026, 5, 5)),
            ("05/paź/26 11:00", ymd(2026, 10, 5)),
            ("05/окт./26 11:00", ymd(2026, 10, 5)),
            ("05-Oct-2026", ymd(2026, 10, 5)),
            ("05 Oct 2026", ymd(2026, 10, 5)),
            ("2026-12-03", ymd(2026, 12, 3)),
            ("2026-12-03 16:05", ymd(2026, 12, 3)),
            ("2026-12-03T16:05:00.000+0100", ymd(2026, 12, 3)),
            ("2026/12/03 16:05", ymd(2026, 12, 3)),
            ("03.12.2026 16:05", ymd(2026, 12, 3)),
            ("  3.2.2026", ymd(2026, 2, 3)),
            // Not read: ambiguous, impossible or not a date.
            ("6/21/2025 16:14", None),
            ("03/12/26", None),
            ("31/Feb/26", None),
            ("03/Foo/26", None),
            ("2026-12-031", None),
            ("soon", None),
            ("", None),
        ] {
            assert_eq!(jira_date(text), want, "{text:?}");
        }
    }

    #[test]
    fn no_month_name_stands_for_two_months() {
        for (i, names) in MONTHS.iter().enumerate() {
            for n in *names {
                assert_eq!(month(n), Some(i as u32 + 1), "{n}");
                assert_eq!(n.to_lowercase(), *n, "{n} is lowercase");
                assert!(!n.ends_with('.'), "{n} has no dot");
            }
        }
    }
}
